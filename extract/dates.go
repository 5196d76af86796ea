package extract

import (
	"fmt"
	"regexp"
	"slices"
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
	monthPat = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)`
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
	{regexp.MustCompile(`(?i)\b(early|mid|late|the (?:start|beginning|end|middle) of|end of|start of|beginning of)[- ](this|last|next|the) year\b`), "fuzzyrel"},
	{regexp.MustCompile(`(?i)\b(early|mid|late|the (?:start|beginning|end|middle) of|end of|start of|beginning of)[- ](` + monthPat + `)(?:,? (` + yearPat + `))?\b`), "fuzzymonth"},
	{regexp.MustCompile(`(?i)\b(?:the )?(spring|summer|fall|autumn)(?: of)?,? (` + yearPat + `)\b`), "season"},
	{regexp.MustCompile(`(?i)\b(this|last|next|past) (spring|summer|fall|autumn)\b`), "relseason"},
	{regexp.MustCompile(`(?i)\b(earlier|later) this month\b`), "thismonth"},
	{regexp.MustCompile(`(?i)\b(` + yearPat + `) fiscal year\b`), "fiscal"},
	{regexp.MustCompile(`(?i)\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth)[- ]quarter)(?: of| in)?(?:,? (?:fiscal |FY ?)?(` + yearPat + `)| (the|this|current|next|coming|last|previous) (?:fiscal )?year)?\b`), "quarter"},
	{regexp.MustCompile(`(?i)\b(?:H([12])|([12])H|(first|second)[- ]half)(?: of| in)?(?:,? (?:fiscal |FY ?)?(` + yearPat + `)| (the|this|current|next|coming|last|previous) (?:fiscal )?year)?\b`), "half"},
	// "the July-September quarter", "April–June 2025": a span of months.
	{regexp.MustCompile(`\b(` + monthPat + `) ?[-–] ?(` + monthPat + `)(?: quarter| period)?(?:,? (` + yearPat + `))?`), "monthspan"},
	{regexp.MustCompile(`\b(` + monthPat + `),? (` + yearPat + `)\b`), "my"},
	{regexp.MustCompile(`(?i)\b(?:fiscal(?: year)?|FY) ?(` + yearPat + `|\d\d),? (?:which|that) (?:ends|ended|closes|closed|runs through|ran through) (?:in |on )?(` + monthPat + `)`), "fiscalend"},
	{regexp.MustCompile(`(?i)\b(?:fiscal(?: year)?|FY) ?(` + yearPat + `|\d\d)\b`), "fiscal"},
	{regexp.MustCompile(`(?i)\b(earlier|later) this year\b`), "thisyearpart"},
	{regexp.MustCompile(`(?i)\b(this|last|next|past|previous|coming) (year|month|quarter)\b`), "relative"},
	{agoRe, "ago"},
	{regexp.MustCompile(`(?i)\b(yesterday|today|tonight|this (?:morning|afternoon|evening))\b`), "day"},
	{regexp.MustCompile(`\b(?:((?i:last|next|this|past|coming)) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`), "weekday"},
	{regexp.MustCompile(`\b(` + monthPat + `) (\d{1,2})(?:st|nd|rd|th)?\b`), "md"},
	{regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)? (` + monthPat + `)`), "dm"},
	{regexp.MustCompile(`\b(?:in|since|by|until|from|during|of|before|after) (` + monthPat + `)`), "month"},
	{regexp.MustCompile(`\b(` + yearPat + `)\b`), "year"},
}

// agoRe reads "three years ago" and "eight months earlier".
var agoRe = regexp.MustCompile(`(?i)\b(` + countWordPat + `|\d{1,2}) (day|month|year)s (ago|earlier|before|later|prior)\b`)

// countWordPat spells the counts of "three years ago"; "a year ago" is left
// to the figures it dates (see yearBefore).
const countWordPat = `two|three|four|five|six|seven|eight|nine|ten|eleven|twelve`

var countWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

// dateAnchor is what the dates of a sentence are resolved against.
type dateAnchor struct {
	pub time.Time // the article's publication; zero when unknown: relative dates are then skipped
	// monthOnly says pub states only its month: a weekday or "today"
	// resolves to that month, a count of days to nothing, a day of that
	// month to that month's year.
	monthOnly bool
	// future says whether the clause around a position speaks of what is
	// to come (nil: never).
	future func(pos int) bool
}

// findDates returns the dates in a sentence. A date that names no year ("in
// October", "on Friday", "the fourth quarter") takes its latest occurrence
// by the publication, or its next when its clause speaks of the future.
func findDates(t *scanned, a dateAnchor) []mention {
	pub, future := a.pub, a.future
	s := t.text
	var out []mention
	var counted []int // starts of "eight months earlier": counted from the date before
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
			fut := func() bool { return future != nil && future(m[0]) }
			v, ok := dateValue(p.kind, g, a, fut)
			if !ok && !(p.kind == "ago" && pub.IsZero()) {
				continue
			}
			start, end := m[0], m[1]
			switch p.kind {
			case "month":
				start = m[2] // the preposition is context, not the date
			case "weekday":
				if m[2] < 0 {
					start = m[4]
				}
			case "ago":
				if !strings.EqualFold(g(3), "ago") {
					counted = append(counted, start)
				} else if !ok {
					continue
				}
			}
			if p.kind == "year" && yearIsNotDate(s, m[0], m[1]) {
				continue
			}
			out = append(out, mention{start: start, end: end, value: v})
		}
	}
	sortMentions(out)
	if len(counted) > 0 {
		recount(s, out, counted)
		// Without a date before it or a publication date, "eight months
		// earlier" dates nothing.
		out = slices.DeleteFunc(out, func(m mention) bool { return m.value.Type == "" })
	}
	return out
}

// recount dates "eight months later" from the date stated before it in the
// sentence, where there is one, rather than from the publication.
func recount(s string, out []mention, counted []int) {
	for i := range out {
		if !slices.Contains(counted, out[i].start) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if slices.Contains(counted, out[j].start) {
				continue
			}
			a := out[j].value
			anchor := time.Date(a.From/10000, time.Month(a.From/100%100), a.From%100, 0, 0, 0, 0, time.UTC)
			g := agoRe.FindStringSubmatch(s[out[i].start:out[i].end])
			if g == nil {
				break
			}
			if v, ok := countedValue(g[1], g[2], g[3], anchor); ok {
				out[i].value = v
			}
			break
		}
	}
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

func dateValue(kind string, g func(int) string, a dateAnchor, future func() bool) (Value, bool) {
	pub := a.pub
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
	case "fuzzyrel":
		if pub.IsZero() {
			return Value{}, false
		}
		y := pub.Year() + map[string]int{"last": -1, "next": 1}[strings.ToLower(g(2))]
		return dateValue("fuzzy", func(i int) string {
			if i == 2 {
				return strconv.Itoa(y)
			}
			return g(i)
		}, a, future)
	case "season":
		return seasonValue(g(1), atoi(g(2)))
	case "relseason":
		if pub.IsZero() {
			return Value{}, false
		}
		first := seasons[strings.ToLower(g(2))]
		y := pub.Year()
		switch strings.ToLower(g(1)) {
		case "last", "past":
			// The latest such season that has ended.
			if first+2 >= int(pub.Month()) {
				y--
			}
		case "next":
			if first <= int(pub.Month()) {
				y++
			}
		}
		return seasonValue(g(2), y)
	case "thismonth":
		if pub.IsZero() {
			return Value{}, false
		}
		return monthValue(pub.Year(), int(pub.Month()))
	case "fuzzymonth":
		mo := monthNum(g(2))
		y := atoi(g(3))
		if y == 0 {
			if pub.IsZero() {
				return Value{}, false
			}
			y = yearOfMonth(mo, pub, future())
		}
		v, ok := monthValue(y, mo)
		lo, hi := 1, 10
		switch w := strings.ToLower(g(1)); {
		case w == "mid" || strings.Contains(w, "middle"):
			lo, hi = 11, 20
		case w == "late" || strings.Contains(w, "end"):
			lo, hi = 21, daysIn(y, mo)
		}
		v.From, v.To = y*10000+mo*100+lo, y*10000+mo*100+hi
		v.DatePrecision = "fuzzy-month"
		return v, ok
	case "quarter", "half":
		n := atoi(g(1) + g(2))
		if n == 0 {
			n = ordinals[strings.ToLower(g(3))]
		}
		months := 3
		if kind == "half" {
			months = 6
		}
		first, last := months*(n-1)+1, months*n
		var y int
		switch rel := strings.ToLower(g(5)); {
		case g(4) != "":
			y = atoi(g(4))
		case pub.IsZero():
			return Value{}, false
		case rel != "":
			y = pub.Year() + map[string]int{"next": 1, "coming": 1, "last": -1, "previous": -1}[rel]
		default:
			// "the fourth quarter": this year's, unless the tense puts it
			// in the year before or after.
			y = spanYear(pub, first, last, future())
		}
		return spanValue(y, first, y, last, kind)
	case "monthspan":
		first, last := monthNum(g(1)), monthNum(g(2))
		if first == 0 || last == 0 || last < first {
			return Value{}, false
		}
		var y int
		switch {
		case g(3) != "":
			y = atoi(g(3))
		case pub.IsZero():
			return Value{}, false
		default:
			y = spanYear(pub, first, last, future())
		}
		precision := "fuzzy" // an interval of months
		if last-first == 2 && first%3 == 1 {
			precision = "quarter"
		}
		return spanValue(y, first, y, last, precision)
	case "fiscalend":
		y := fullYear(atoi(g(1)))
		end := monthNum(g(2))
		if end == 12 {
			return yearValue(y)
		}
		return spanValue(y-1, end+1, y, end, "fiscal")
	case "fiscal":
		return yearValue(fullYear(atoi(g(1))))
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
	case "ago":
		if pub.IsZero() || a.monthOnly && strings.EqualFold(g(2), "day") {
			return Value{}, false
		}
		return countedValue(g(1), g(2), g(3), pub)
	case "day":
		if pub.IsZero() {
			return Value{}, false
		}
		if a.monthOnly {
			// "today" in an article dated to its month: that month.
			return monthValue(pub.Year(), int(pub.Month()))
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
		if a.monthOnly {
			// A weekday in an article dated to its month fell in the week
			// before some day of that month: that month or the one before
			// (the one after, in the future tense), never more precise.
			y, m := pub.Year(), int(pub.Month())
			if future() {
				ny, nm := y, m+1
				if nm > 12 {
					ny, nm = y+1, 1
				}
				return spanValue(y, m, ny, nm, "fuzzy")
			}
			py, pm := y, m-1
			if pm < 1 {
				py, pm = y-1, 12
			}
			return spanValue(py, pm, y, m, "fuzzy")
		}
		wd := weekdays[strings.ToLower(g(2))]
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		ahead := (7 - back) % 7
		var t time.Time
		switch strings.ToLower(g(1)) {
		case "last", "past":
			if back == 0 {
				back = 7
			}
			t = pub.AddDate(0, 0, -back)
		case "next", "coming":
			if ahead == 0 {
				ahead = 7
			}
			t = pub.AddDate(0, 0, ahead)
		default:
			t = pub.AddDate(0, 0, -back)
			if future() {
				t = pub.AddDate(0, 0, ahead)
			}
		}
		return dayValue(t.Year(), int(t.Month()), t.Day())
	case "md", "dm":
		if pub.IsZero() {
			return Value{}, false
		}
		mo, d := monthNum(g(1)), atoi(g(2))
		if kind == "dm" {
			mo, d = monthNum(g(2)), atoi(g(1))
		}
		if mo == 0 || d < 1 || d > 31 {
			return Value{}, false
		}
		// The latest such day on or before the publication, or the next
		// one on or after it.
		y := pub.Year()
		asked, on := mo*100+d, int(pub.Month())*100+pub.Day()
		fut := future()
		if a.monthOnly {
			// Any day of the publication's month may be on or before it,
			// or on or after it.
			on = int(pub.Month())*100 + 31
			if fut {
				on = int(pub.Month()) * 100
			}
		}
		if fut && asked < on {
			y++
		} else if !fut && asked > on {
			y--
		}
		return dayValue(y, mo, d)
	case "month":
		if pub.IsZero() {
			return Value{}, false
		}
		mo := monthNum(g(1))
		return monthValue(yearOfMonth(mo, pub, future()), mo)
	}
	return Value{}, false
}

// seasons gives each season's first month, northern hemisphere; winter
// straddles two years and is left unread.
var seasons = map[string]int{"spring": 3, "summer": 6, "fall": 9, "autumn": 9}

func seasonValue(name string, y int) (Value, bool) {
	first := seasons[strings.ToLower(name)]
	return spanValue(y, first, y, first+2, "fuzzy")
}

// yearOfMonth gives a month named without a year its latest occurrence by
// pub, or its next from pub on when the clause speaks of the future.
func yearOfMonth(mo int, pub time.Time, future bool) int {
	y := pub.Year()
	switch {
	case future && mo < int(pub.Month()):
		y++
	case !future && mo > int(pub.Month()):
		y--
	}
	return y
}

// countedValue is "three years ago" or "eight months later" counted from
// anchor, as precise as its unit.
func countedValue(count, unit, dir string, anchor time.Time) (Value, bool) {
	n := countWords[strings.ToLower(count)]
	if n == 0 {
		n = atoi(count)
	}
	if d := strings.ToLower(dir); d != "later" {
		n = -n
	}
	switch strings.ToLower(unit) {
	case "year":
		return yearValue(anchor.Year() + n)
	case "month":
		t := time.Date(anchor.Year(), anchor.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return monthValue(t.Year(), int(t.Month()))
	}
	t := anchor.AddDate(0, 0, n)
	return dayValue(t.Year(), int(t.Month()), t.Day())
}

func fullYear(y int) int {
	if y < 100 {
		return y + 2000
	}
	return y
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

// spanYear is the year of a span of months (first to last) named without
// one: the publication's, unless the tense puts it in the year before (a
// past clause about months still to come) or after (a future clause about
// months gone).
func spanYear(pub time.Time, first, last int, future bool) int {
	y := pub.Year()
	if future && last < int(pub.Month()) {
		y++
	} else if !future && first > int(pub.Month()) {
		y--
	}
	return y
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
		// "late November": the contract's fuzzy dates are month
		// intervals, and this one lies inside its month.
		return fmt.Sprintf("%04d-%02d", y1, m1)
	}
	return fmt.Sprintf("%04d-%02d/%04d-%02d", y1, m1, y2, m2)
}
