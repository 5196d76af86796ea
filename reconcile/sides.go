package reconcile

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// side is claims that agree with each other: one value of a conflict.
type side struct {
	claims []*extract.Claim
	iv     Interval // the values every claim on the side allows
	label  string   // for labels: the side's label
	shown  string   // how the side reads, when not from one claim
}

// weight is the number of independent sources on the side: syndicated
// copies of one sentence count once.
func (s side) weight() int { return len(sources(s.claims)) }

func sources(cs []*extract.Claim) map[string]bool {
	m := map[string]bool{}
	for _, c := range cs {
		m[fold(strings.Join(strings.Fields(c.Sentence), " "))] = true
	}
	return m
}

func articles(cs []*extract.Claim) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if !seen[c.Article] {
			seen[c.Article] = true
			out = append(out, c.Article)
		}
	}
	sort.Strings(out)
	return out
}

// titleParts splits a compound title: "chairman and ceo" holds both.
func titleParts(t string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(t, ",", " and "), " and ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// titlesCompatible says whether one person can hold both titles at one
// organisation at once: unless each names a separate post (the role
// rule's) and they share none. A chair may also be chief executive
// ("chairman and CEO"); a chief financial officer is not the chief
// executive.
func (p posts) titlesCompatible(a, b string) bool {
	var offA, offB []string
	for _, t := range titleParts(a) {
		if p.separate[t] {
			offA = append(offA, t)
		}
	}
	for _, t := range titleParts(b) {
		if p.separate[t] {
			offB = append(offB, t)
		}
	}
	if len(offA) == 0 || len(offB) == 0 {
		return true
	}
	for _, x := range offA {
		for _, y := range offB {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (r *run) interval(c *extract.Claim) Interval {
	return ValueInterval(c.Value, r.opts.Tolerance)
}

func (r *run) compatible(kind extract.Kind, a, b *extract.Claim) bool {
	if r.comparesLabels(kind) {
		return r.labelsCompatible(kind, r.labelOf(a), r.labelOf(b))
	}
	return r.interval(a).Meets(r.interval(b))
}

func (r *run) sidesMeet(kind extract.Kind, a, b side) bool {
	if r.comparesLabels(kind) {
		for _, x := range a.claims {
			for _, y := range b.claims {
				if !r.labelsCompatible(kind, r.labelOf(x), r.labelOf(y)) {
					return false
				}
			}
		}
		return true
	}
	return a.iv.Meets(b.iv)
}

// sides splits claims into groups that agree, the best supported first. One
// side means no conflict.
func (r *run) sides(kind extract.Kind, cs []*extract.Claim) []side {
	if r.comparesLabels(kind) {
		return r.labelSides(kind, cs)
	}
	return r.sidesBy(cs, r.interval)
}

// sidesBy splits claims into groups that agree, each claim read as the
// interval ivOf gives it.
func (r *run) sidesBy(cs []*extract.Claim, ivOf func(*extract.Claim) Interval) []side {
	var out []side
	rest := cs
	for len(rest) > 0 {
		x := bestPoint(rest, ivOf)
		var in, out2 []*extract.Claim
		iv := Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}
		for _, c := range rest {
			civ := ivOf(c)
			if civ.Contains(x) {
				in = append(in, c)
				iv = intersect(iv, civ)
			} else {
				out2 = append(out2, c)
			}
		}
		if len(in) == 0 { // cannot happen: x lies in some interval; guard the loop
			in, out2 = rest[:1], rest[1:]
			iv = ivOf(rest[0])
		}
		out = append(out, side{claims: in, iv: iv})
		rest = out2
	}
	sortSides(out)
	return out
}

func intersect(a, b Interval) Interval {
	if b.Lo > a.Lo || b.Lo == a.Lo && b.LoOpen {
		a.Lo, a.LoOpen = b.Lo, b.LoOpen
	}
	if b.Hi < a.Hi || b.Hi == a.Hi && b.HiOpen {
		a.Hi, a.HiOpen = b.Hi, b.HiOpen
	}
	return a
}

// bestPoint returns the value that the most sources allow: a sweep over the
// intervals' ends, counting each article's claims once.
func bestPoint(cs []*extract.Claim, ivOf func(*extract.Claim) Interval) float64 {
	type source struct{ article, value string }
	type event struct {
		x     float64
		start bool
		open  bool
		key   source
	}
	evs := make([]event, 0, 2*len(cs))
	for _, c := range cs {
		iv := ivOf(c)
		key := source{c.Article, c.Normalized}
		evs = append(evs, event{x: iv.Lo, start: true, open: iv.LoOpen, key: key}, event{x: iv.Hi, open: iv.HiOpen, key: key})
	}
	// At one coordinate, closed starts come before closed ends (both hold
	// there), open ends before open starts.
	rank := func(e event) int {
		switch {
		case e.start && !e.open:
			return 0
		case !e.start && !e.open:
			return 1
		case !e.start && e.open:
			return -1
		}
		return 2
	}
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].x != evs[j].x {
			return evs[i].x < evs[j].x
		}
		return rank(evs[i]) < rank(evs[j])
	})
	active := map[source]int{}
	best, bestX := -1, 0.0
	for i, e := range evs {
		if e.start {
			active[e.key]++
		} else if active[e.key]--; active[e.key] == 0 {
			delete(active, e.key)
		}
		if e.start && len(active) > best {
			best = len(active)
			bestX = e.x
			if e.open || math.IsInf(e.x, -1) {
				// the point just inside the opening end
				next := e.x + math.Max(1, math.Abs(e.x)*1e-6)
				if i+1 < len(evs) && evs[i+1].x < next {
					next = (e.x + evs[i+1].x) / 2
				}
				if math.IsInf(e.x, -1) {
					next = evs[i+1].x
				}
				bestX = next
			}
		}
	}
	return bestX
}

func (r *run) labelSides(kind extract.Kind, cs []*extract.Claim) []side {
	byLabel := map[string]*side{}
	var order []*side
	for _, c := range cs {
		l := r.labelOf(c)
		s := byLabel[l]
		if s == nil {
			s = &side{label: l}
			byLabel[l] = s
			order = append(order, s)
		}
		s.claims = append(s.claims, c)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].weight() > order[j].weight() })
	// Merge labels compatible with everything already on a side.
	var out []side
	for _, s := range order {
		merged := false
		for k := range out {
			ok := true
			for _, c := range out[k].claims {
				if !r.labelsCompatible(kind, r.labelOf(c), s.label) {
					ok = false
					break
				}
			}
			if ok {
				out[k].claims = append(out[k].claims, s.claims...)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, *s)
		}
	}
	sortSides(out)
	return out
}

func sortSides(ss []side) {
	sort.SliceStable(ss, func(i, j int) bool {
		if wi, wj := ss[i].weight(), ss[j].weight(); wi != wj {
			return wi > wj
		}
		return len(ss[i].claims) > len(ss[j].claims)
	})
}

// display renders a side's value as an editor reads it, from its most
// precise claim: "$14.3 billion", "late 2024", "terminate".
func (s side) display() string {
	if s.shown != "" {
		return s.shown
	}
	var best *extract.Claim
	bestW := math.Inf(1)
	counts := map[string]int{}
	for _, c := range s.claims {
		counts[c.Normalized]++
	}
	for _, c := range s.claims {
		w := c.Value.Step
		if c.Value.Type == extract.ValueDate {
			w = float64(c.Value.To - c.Value.From)
		}
		if c.Value.Qualifier != "" {
			w = math.Inf(1) - 1
		}
		if best == nil || w < bestW || w == bestW && counts[c.Normalized] > counts[best.Normalized] {
			best, bestW = c, w
		}
	}
	if s.label != "" {
		var labels []string
		seen := map[string]bool{}
		for _, c := range s.claims {
			if l := c.Value.Label; !seen[l] {
				seen[l] = true
				labels = append(labels, l)
			}
		}
		return strings.Join(labels, "/")
	}
	return DisplayValue(best.Value)
}

// DisplayValue writes a value the way an article would.
func DisplayValue(v extract.Value) string {
	q := map[string]string{">": "over ", ">=": "at least ", "<": "under ", "<=": "up to ", "~": "about "}[v.Qualifier]
	switch v.Type {
	case extract.ValueMoney:
		sym := map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}[v.Currency]
		amount := func(x float64) string {
			for _, u := range []struct {
				f    float64
				name string
			}{{1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}} {
				if math.Abs(x) >= u.f {
					return strconv.FormatFloat(round(x/u.f), 'f', -1, 64) + u.name
				}
			}
			return strconv.FormatFloat(round(x), 'f', -1, 64)
		}
		s := amount(v.Lo)
		if v.Hi != v.Lo {
			s += "–" + amount(v.Hi)
		}
		if sym == "" {
			return q + v.Currency + " " + s
		}
		if v.Rate != "" {
			s += " a " + v.Rate
		}
		return q + sym + s
	case extract.ValuePercent:
		return q + strconv.FormatFloat(v.Lo, 'f', -1, 64) + "%"
	case extract.ValueMultiple:
		return strconv.FormatFloat(v.Lo, 'f', -1, 64) + "x"
	case extract.ValueCount:
		// "more than 400 jobs cut", not "over -400"
		if q == "over " {
			q = "more than "
		}
		switch {
		case v.Lo < 0:
			return q + strconv.FormatFloat(-v.Lo, 'f', -1, 64) + " cut"
		case v.Lo > 0 && v.Lo == v.Hi:
			return q + strconv.FormatFloat(v.Lo, 'f', -1, 64) + " added"
		}
		return q + strconv.FormatFloat(v.Lo, 'f', -1, 64)
	case extract.ValueDate:
		return displayDate(v)
	}
	return v.Label
}

func itoa(n int) string { return strconv.Itoa(n) }

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

var monthShort = []string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
var monthLong = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func displayDate(v extract.Value) string {
	y1, m1, d1 := v.From/10000, v.From/100%100, v.From%100
	y2, m2 := v.To/10000, v.To/100%100
	switch v.DatePrecision {
	case "day":
		return monthLong[m1] + " " + strconv.Itoa(d1) + ", " + strconv.Itoa(y1)
	case "month":
		return monthLong[m1] + " " + strconv.Itoa(y1)
	case "year":
		return strconv.Itoa(y1)
	}
	if y1 == y2 {
		switch {
		case m1 == 1 && m2 == 4:
			return "early " + strconv.Itoa(y1)
		case m1 == 5 && m2 == 8:
			return "mid-" + strconv.Itoa(y1)
		case m1 == 9 && m2 == 12:
			return "late " + strconv.Itoa(y1)
		case m2-m1 == 2 && m1%3 == 1:
			return "Q" + strconv.Itoa(m1/3+1) + " " + strconv.Itoa(y1)
		case m2-m1 == 5 && m1%6 == 1:
			return "H" + strconv.Itoa(m1/6+1) + " " + strconv.Itoa(y1)
		}
		return monthShort[m1] + "–" + monthShort[m2] + " " + strconv.Itoa(y1)
	}
	return monthShort[m1] + " " + strconv.Itoa(y1) + "–" + monthShort[m2] + " " + strconv.Itoa(y2)
}
