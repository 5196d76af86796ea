package reconcile

import (
	"math"
	"time"

	"github.com/claimcheck/claimcheck/extract"
)

// Interval is the set of values a claim's wording allows. A rounded figure
// covers [v - step/2, v + step/2): "$15 billion" is [14.5, 15.5), so a value
// of exactly 14.5 would have been written "$14.5 billion" and belongs to no
// whole-billion figure below it. A strict qualifier ("over") opens its end.
type Interval struct {
	Lo, Hi         float64
	LoOpen, HiOpen bool
}

// DefaultTolerance widens "about" and "nearly" figures: ±10%.
const DefaultTolerance = 0.10

// ValueInterval returns the interval a value's wording allows. Dates are
// YYYYMMDD numbers, so they compare in order.
func ValueInterval(v extract.Value, tolerance float64) Interval {
	if v.Type == extract.ValueDate {
		if v.DatePrecision == "day" && v.From == v.To {
			// A day in one time zone ("late Thursday") is the next or the
			// one before in another ("early Friday"): it reaches half way
			// into the days on either side, so adjacent days meet.
			t := time.Date(v.From/10000, time.Month(v.From/100%100), v.From%100, 0, 0, 0, 0, time.UTC)
			return Interval{Lo: float64(dayNumber(t.AddDate(0, 0, -1))) + 0.5, Hi: float64(dayNumber(t.AddDate(0, 0, 1))) - 0.5}
		}
		return Interval{Lo: float64(v.From), Hi: float64(v.To)}
	}
	if v.Type == extract.ValueCount && v.Lo < 0 && v.Hi <= 0 && v.Qualifier != "" {
		// "more than 400 jobs cut" (>-400) bounds the size of the cut:
		// read the magnitude, then turn it back into a loss.
		m := v
		m.Lo, m.Hi = -v.Hi, -v.Lo
		iv := ValueInterval(m, tolerance)
		return Interval{Lo: -iv.Hi, Hi: -iv.Lo, LoOpen: iv.HiOpen, HiOpen: iv.LoOpen}
	}
	half := v.Step / 2
	iv := Interval{Lo: v.Lo - half, Hi: v.Hi + half, HiOpen: half > 0}
	if v.Lo > v.Hi { // a negative change: -12% is [-12.5, -11.5)
		iv = Interval{Lo: v.Hi - half, Hi: v.Lo + half, HiOpen: half > 0}
	}
	switch v.Qualifier {
	case ">":
		iv = Interval{Lo: v.Lo, Hi: math.Inf(1), LoOpen: true}
	case ">=":
		iv = Interval{Lo: v.Lo - half, Hi: math.Inf(1)}
	case "<":
		iv = Interval{Lo: math.Inf(-1), Hi: v.Lo, HiOpen: true}
	case "<=":
		iv = Interval{Lo: math.Inf(-1), Hi: v.Lo + half}
	case "~":
		lo, hi := v.Lo*(1-tolerance), v.Hi*(1+tolerance)
		if lo > hi {
			lo, hi = hi, lo
		}
		iv.Lo, iv.Hi = math.Min(iv.Lo, lo), math.Max(iv.Hi, hi)
	}
	return iv
}

// eps absorbs float error in amounts built from decimal text.
func eps(a, b float64) float64 {
	m := math.Max(math.Abs(a), math.Abs(b))
	if math.IsInf(m, 0) {
		return 0
	}
	return m * 1e-9
}

// Meets says whether two intervals share a value.
func (a Interval) Meets(b Interval) bool {
	return below(a.Lo, a.LoOpen, b.Hi, b.HiOpen) && below(b.Lo, b.LoOpen, a.Hi, a.HiOpen)
}

// below says whether a lower end lo can lie at or under an upper end hi.
func below(lo float64, loOpen bool, hi float64, hiOpen bool) bool {
	if loOpen || hiOpen {
		return lo < hi-eps(lo, hi)
	}
	return lo <= hi+eps(lo, hi)
}

// Contains says whether x lies in the interval.
func (a Interval) Contains(x float64) bool {
	return a.Meets(Interval{Lo: x, Hi: x})
}

// Mul is the interval of a product of positive quantities.
func (a Interval) Mul(b Interval) Interval {
	return Interval{Lo: a.Lo * b.Lo, Hi: a.Hi * b.Hi, LoOpen: a.LoOpen || b.LoOpen, HiOpen: a.HiOpen || b.HiOpen}
}

// Add is the interval of a sum.
func (a Interval) Add(b Interval) Interval {
	return Interval{Lo: a.Lo + b.Lo, Hi: a.Hi + b.Hi, LoOpen: a.LoOpen || b.LoOpen, HiOpen: a.HiOpen || b.HiOpen}
}

// Sub is the interval of a difference a - b.
func (a Interval) Sub(b Interval) Interval {
	return Interval{Lo: a.Lo - b.Hi, Hi: a.Hi - b.Lo, LoOpen: a.LoOpen || b.HiOpen, HiOpen: a.HiOpen || b.LoOpen}
}

// Scale multiplies both ends by a positive factor.
func (a Interval) Scale(f float64) Interval {
	a.Lo, a.Hi = a.Lo*f, a.Hi*f
	return a
}
