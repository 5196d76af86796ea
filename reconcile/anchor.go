package reconcile

import (
	"strconv"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/extract"
)

// anchor is the time a claim speaks of, as inclusive civil-day bounds
// written YYYYMMDD: its own period where it states one, else its article's
// publication date at the precision the article gave (a month-dated article
// anchors its claims to the month).
type anchor struct {
	from, to int
	stated   bool // from the claim's own period, not its article's date
}

func (a anchor) ok() bool { return a.from != 0 }

// overlaps says whether two anchors share a day.
func (a anchor) overlaps(b anchor) bool { return a.ok() && b.ok() && a.from <= b.to && b.from <= a.to }

// key is the anchor as a string that equal intervals share, however they
// were written ("2024" and "2024-01/2024-12").
func (a anchor) key() string {
	if !a.ok() {
		return ""
	}
	return strconv.Itoa(a.from) + "/" + strconv.Itoa(a.to)
}

// keyAnchor reads an anchor back from its key.
func keyAnchor(k string) (anchor, bool) {
	lo, hi, ok := strings.Cut(k, "/")
	if !ok || len(lo) != 8 || len(hi) != 8 {
		return anchor{}, false
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil {
		return anchor{}, false
	}
	return anchor{from: a, to: b, stated: true}, true
}

// claimAnchor returns the anchor of a claim, or one that is not ok when
// neither the claim nor its article is dated.
func claimAnchor(c *extract.Claim) anchor {
	if a, ok := parseAnchor(c.Period); ok {
		a.stated = true
		return a
	}
	a, _ := parseAnchor(c.Published)
	return a
}

// parseAnchor reads "2024", "2024-06", "2024-06-18", a timestamp, or an
// interval of those joined by "/".
func parseAnchor(s string) (anchor, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return anchor{}, false
	}
	lo, hi, found := strings.Cut(s, "/")
	if !found {
		hi = lo
	}
	a, ok1 := parseDay(lo, false)
	b, ok2 := parseDay(hi, true)
	if !ok1 || !ok2 || b < a {
		return anchor{}, false
	}
	return anchor{from: a, to: b}, true
}

// parseDay reads the first day (or, with last, the last day) a date
// written at any precision covers.
func parseDay(s string, last bool) (int, bool) {
	if len(s) > 10 {
		s = s[:10] // a timestamp: its calendar day as written
	}
	// YYYY, YYYY-MM or YYYY-MM-DD, read without allocating: anchors are
	// asked for every claim of every fact.
	num := func(t string) (int, bool) {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
			n = n*10 + int(t[i]-'0')
		}
		return n, len(t) > 0
	}
	var y, m, d int
	var ok bool
	switch len(s) {
	case 4:
		y, ok = num(s)
		m, d = 1, 1
		if last {
			m, d = 12, 31
		}
	case 7:
		if s[4] != '-' {
			return 0, false
		}
		y, ok = num(s[:4])
		if m2, ok2 := num(s[5:7]); ok && ok2 {
			m = m2
		} else {
			return 0, false
		}
		if m < 1 || m > 12 {
			return 0, false
		}
		d = 1
		if last {
			d = daysIn(y, m)
		}
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return 0, false
		}
		y, ok = num(s[:4])
		m2, ok2 := num(s[5:7])
		d2, ok3 := num(s[8:10])
		ok, m, d = ok && ok2 && ok3, m2, d2
	default:
		return 0, false
	}
	if !ok || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return y*10000 + m*100 + d, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayTime and timeDay convert between YYYYMMDD and time, for day arithmetic.
func dayTime(d int) time.Time {
	return time.Date(d/10000, time.Month(d/100%100), d%100, 0, 0, 0, 0, time.UTC)
}

func timeDay(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// addDays moves a YYYYMMDD day by n days.
func addDays(d, n int) int { return timeDay(dayTime(d).AddDate(0, 0, n)) }

// describe says in words when an anchor is: "September 2023", "2019",
// "25 September 2023", "Jan–Mar 2024".
func (a anchor) describe() string {
	if !a.ok() {
		return ""
	}
	v := extract.Value{Type: extract.ValueDate, From: a.from, To: a.to}
	y1, m1, d1 := a.from/10000, a.from/100%100, a.from%100
	y2, m2, d2 := a.to/10000, a.to/100%100, a.to%100
	switch {
	case a.from == a.to:
		v.DatePrecision = "day"
	case y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31:
		v.DatePrecision = "year"
	case y1 == y2 && m1 == m2 && d1 == 1 && d2 == daysIn(y2, m2):
		v.DatePrecision = "month"
	case d1 != 1 || d2 != daysIn(y2, m2):
		return displayDate(extract.Value{Type: extract.ValueDate, From: a.from, To: a.from, DatePrecision: "day"}) + " to " +
			displayDate(extract.Value{Type: extract.ValueDate, From: a.to, To: a.to, DatePrecision: "day"})
	}
	return displayDate(v)
}
