package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

const (
	monthPat = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`
	yearPat  = `(?:19|20)\d\d`
)

// datePatterns are tried in order; earlier (more specific) matches win
// where spans overlap.
var datePatterns = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`\b(` + yearPat + `)-(\d\d)-(\d\d)\b`), "iso"},
	{regexp.MustCompile(`\b(` + monthPat + `) (\d{1,2})(?:st|nd|rd|th)?,? (` + yearPat + `)\b`), "mdy"},
	{regexp.MustCompile(`\b(\d{1,2}) (` + monthPat + `),? (` + yearPat + `)\b`), "dmy"},
	{regexp.MustCompile(`(?i)\b(early|mid|late|the (?:start|beginning|end|middle) of|end of|start of|beginning of)[- ](` + yearPat + `)\b`), "fuzzy"},
	{regexp.MustCompile(`(?i)\b(early|mid|late)[- ](` + monthPat + `)(?:,? (` + yearPat + `))?\b`), "fuzzymonth"},
	{regexp.MustCompile(`(?i)\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth) quarter)(?: of| in)?(?:,? (?:fiscal |FY ?)?(` + yearPat + `))?\b`), "quarter"},
	{regexp.MustCompile(`(?i)\b(?:H([12])|([12])H|(first|second) half)(?: of| in)?(?:,? (?:fiscal |FY ?)?(` + yearPat + `))?\b`), "half"},
	{regexp.MustCompile(`\b(` + monthPat + `),? (` + yearPat + `)\b`), "my"},
	{regexp.MustCompile(`(?i)\b(?:fiscal(?: year)?|FY) ?(` + yearPat + `|\d\d)\b`), "fiscal"},
	{regexp.MustCompile(`(?i)\b(earlier|later) this year\b`), "thisyearpart"},
	{regexp.MustCompile(`(?i)\b(this|last|next|past|previous|coming) (year|month|quarter)\b`), "relative"},
	{regexp.MustCompile(`(?i)\b(yesterday|today)\b`), "day"},
	{regexp.MustCompile(`\b(?:on|last|this) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`), "weekday"},
	{regexp.MustCompile(`\b(?:in|since|by|until|from|during|of|before|after) (January|February|March|April|May|June|July|August|September|October|November|December)\b`), "month"},
	{regexp.MustCompile(`\b(` + yearPat + `)\b`), "year"},
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

// findDates returns the dates in a sentence, resolved against pub (zero when
// the article's date is unknown: relative dates are then skipped).
func findDates(t *scanned, pub time.Time) []mention {
	s := t.text
	var out []mention
	for _, p := range datePatterns {
		for _, m := range t.findAll(p.re, true) {
			if overlapsAny(m[0], m[1], out) {
				continue
			}
			g := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return s[m[2*i]:m[2*i+1]]
			}
			v, ok := dateValue(p.kind, g, pub)
			if !ok {
				continue
			}
			start, end := m[0], m[1]
			if p.kind == "month" || p.kind == "weekday" {
				start = m[2] // the preposition is context, not the date
			}
			if p.kind == "year" && yearIsNotDate(s, m[0], m[1]) {
				continue
			}
			out = append(out, mention{start: start, end: end, value: v})
		}
	}
	sortMentions(out)
	return out
}

// yearIsNotDate rules out numbers that only look like years: amounts, counts
// ("2000 employees"), and model names.
func yearIsNotDate(s string, start, end int) bool {
	if start > 0 && (s[start-1] == '$' || s[start-1] == ',' || s[start-1] == '.' || isWordByte(s[start-1])) {
		return true
	}
	if end < len(s) && (s[end] == '%' || s[end] == ',' && end+1 < len(s) && isDigit(s[end+1]) || isWordByte(s[end])) {
		return true
	}
	rest := strings.TrimLeft(s[end:], " ")
	for _, w := range []string{"employees", "workers", "people", "jobs", "staff", "contractors", "units", "shares"} {
		if strings.HasPrefix(strings.ToLower(rest), w) {
			return true
		}
	}
	return false
}

func monthNum(s string) int { return monthNames[strings.ToLower(strings.TrimSuffix(s, "."))] }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func dateValue(kind string, g func(int) string, pub time.Time) (Value, bool) {
	switch kind {
	case "iso":
		return dayValue(atoi(g(1)), atoi(g(2)), atoi(g(3)))
	case "mdy":
		return dayValue(atoi(g(3)), monthNum(g(1)), atoi(g(2)))
	case "dmy":
		return dayValue(atoi(g(3)), monthNum(g(2)), atoi(g(1)))
	case "my":
		return monthValue(atoi(g(2)), monthNum(g(1)))
	case "fuzzy":
		y := atoi(g(2))
		switch w := strings.ToLower(g(1)); {
		case w == "early" || strings.Contains(w, "start") || strings.Contains(w, "beginning"):
			return spanValue(y, 1, y, 4, "fuzzy")
		case w == "mid" || strings.Contains(w, "middle"):
			return spanValue(y, 5, y, 8, "fuzzy")
		default:
			return spanValue(y, 9, y, 12, "fuzzy")
		}
	case "fuzzymonth":
		mo := monthNum(g(2))
		y := atoi(g(3))
		if y == 0 {
			if pub.IsZero() {
				return Value{}, false
			}
			y = pub.Year()
		}
		v, ok := monthValue(y, mo)
		lo, hi := 1, 10
		switch strings.ToLower(g(1)) {
		case "mid":
			lo, hi = 11, 20
		case "late":
			lo, hi = 21, daysIn(y, mo)
		}
		v.From, v.To = y*10000+mo*100+lo, y*10000+mo*100+hi
		v.DatePrecision = "fuzzy-month"
		return v, ok
	case "quarter":
		q := atoi(g(1) + g(2))
		if q == 0 {
			q = ordinals[strings.ToLower(g(3))]
		}
		y, ok := yearOr(g(4), pub)
		if !ok {
			return Value{}, false
		}
		return spanValue(y, 3*q-2, y, 3*q, "quarter")
	case "half":
		h := atoi(g(1) + g(2))
		if h == 0 {
			h = ordinals[strings.ToLower(g(3))]
		}
		y, ok := yearOr(g(4), pub)
		if !ok {
			return Value{}, false
		}
		return spanValue(y, 6*h-5, y, 6*h, "half")
	case "fiscal":
		y := atoi(g(1))
		if y < 100 {
			y += 2000
		}
		return yearValue(y)
	case "year":
		return yearValue(atoi(g(1)))
	case "thisyearpart":
		if pub.IsZero() {
			return Value{}, false
		}
		y, mo := pub.Year(), int(pub.Month())
		if strings.EqualFold(g(1), "earlier") {
			return spanValue(y, 1, y, mo, "fuzzy")
		}
		return spanValue(y, mo, y, 12, "fuzzy")
	case "relative":
		if pub.IsZero() {
			return Value{}, false
		}
		off := 0
		switch strings.ToLower(g(1)) {
		case "last", "past", "previous":
			off = -1
		case "next", "coming":
			off = 1
		}
		switch strings.ToLower(g(2)) {
		case "year":
			return yearValue(pub.Year() + off)
		case "month":
			t := time.Date(pub.Year(), pub.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
			return monthValue(t.Year(), int(t.Month()))
		default:
			q := (int(pub.Month())-1)/3 + off
			y := pub.Year()
			for q < 0 {
				q += 4
				y--
			}
			for q > 3 {
				q -= 4
				y++
			}
			return spanValue(y, 3*q+1, y, 3*q+3, "quarter")
		}
	case "day":
		if pub.IsZero() {
			return Value{}, false
		}
		t := pub
		if strings.EqualFold(g(1), "yesterday") {
			t = t.AddDate(0, 0, -1)
		}
		return dayValue(t.Year(), int(t.Month()), t.Day())
	case "weekday":
		if pub.IsZero() {
			return Value{}, false
		}
		wd := weekdays[strings.ToLower(g(1))]
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		t := pub.AddDate(0, 0, -back)
		return dayValue(t.Year(), int(t.Month()), t.Day())
	case "month":
		if pub.IsZero() {
			return Value{}, false
		}
		return monthValue(pub.Year(), monthNum(g(1)))
	}
	return Value{}, false
}

func yearOr(s string, pub time.Time) (int, bool) {
	if s != "" {
		return atoi(s), true
	}
	if pub.IsZero() {
		return 0, false
	}
	return pub.Year(), true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func dayValue(y, m, d int) (Value, bool) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Value{}, false
	}
	n := y*10000 + m*100 + d
	return Value{Type: ValueDate, From: n, To: n, DatePrecision: "day"}, true
}

func monthValue(y, m int) (Value, bool) {
	if m < 1 || m > 12 || y < 1900 {
		return Value{}, false
	}
	return Value{Type: ValueDate, From: y*10000 + m*100 + 1, To: y*10000 + m*100 + daysIn(y, m), DatePrecision: "month"}, true
}

func yearValue(y int) (Value, bool) {
	if y < 1900 || y > 2100 {
		return Value{}, false
	}
	return Value{Type: ValueDate, From: y*10000 + 101, To: y*10000 + 1231, DatePrecision: "year"}, true
}

func spanValue(y1, m1, y2, m2 int, precision string) (Value, bool) {
	if m1 < 1 || m2 > 12 || y1 < 1900 {
		return Value{}, false
	}
	return Value{Type: ValueDate, From: y1*10000 + m1*100 + 1, To: y2*10000 + m2*100 + daysIn(y2, m2), DatePrecision: precision}, true
}

// formatDate renders a date value in the canonical form of the report
// contract: ISO 8601 at the precision stated, or a month interval.
func formatDate(v Value) string {
	y1, m1, d1 := v.From/10000, v.From/100%100, v.From%100
	y2, m2 := v.To/10000, v.To/100%100
	switch v.DatePrecision {
	case "day":
		return fmt.Sprintf("%04d-%02d-%02d", y1, m1, d1)
	case "month":
		return fmt.Sprintf("%04d-%02d", y1, m1)
	case "year":
		return fmt.Sprintf("%04d", y1)
	case "fuzzy-month":
		return fmt.Sprintf("%04d-%02d-%02d/%04d-%02d-%02d", y1, m1, d1, y2, m2, v.To%100)
	}
	return fmt.Sprintf("%04d-%02d/%04d-%02d", y1, m1, y2, m2)
}
