package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones for bylines ("2:28 pm ET") on machines without a zoneinfo database
)

const monthRe = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var (
	// "Wednesday, Jun 18, 2025 2:28 pm ET", "June 18, 2025", "Jun. 18, 2025 at 9:05 a.m. EDT"
	longDateRe = regexp.MustCompile(`(?i)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(` + monthRe + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap])\.?m\.?)?(?:\s*(ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST))?`)
	// "18 June 2025"
	dayFirstRe = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(` + monthRe + `),?\s+(\d{4})\b`)
	// "Marcus LeeWednesday, Jun 18, 2025 2:28 pm ET", "Marcus LeeJun 18, 2025":
	// a byline glued to its date (group 2 or 3). Without a weekday the month
	// must touch the name: "Harbor Daily, June 18, 2025" is an outlet line.
	// A comma before the weekday makes an outlet line ("Harbor Daily,
	// Monday 4 March 2024"), read by outletDateRe.
	gluedBylineRe = regexp.MustCompile(`^(?:[Bb]y\s+)?(\p{Lu}[\p{L}.'’-]+?(?:\s+\p{Lu}[\p{L}.'’-]+?){0,3}?)(?:\s*[|·•—–-]?\s*((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s.*)|(` + monthRe + `\s+\d{1,2},?\s+\d{4}.*))$`)
	// "By Jane Doe", "By Jane Doe and Raj Patel | June 18, 2025"
	bylineRe = regexp.MustCompile(`^[Bb]y\s+(\p{Lu}[\p{L}.'’-]+(?:\s+(?:\p{Lu}[\p{L}.'’-]+|and|&|,))*?)\s*(?:[,|·•—–-]\s*(.+))?$`)
	// "CHICAGO, Sept. 12, 2023 (Outlet) --", "NEW YORK, June 18, 2025 /PRNewswire/ --"
	// A dateline alone on its line needs no dash: "CHICAGO, Sept. 12, 2023 (Outlet)".
	// "OSLO (Outlet) -", "(Outlet) --": a wire's credit opening the text.
	wireCreditRe = regexp.MustCompile(`^(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?\s+)?\(([\p{Lu}][^()]{1,40})\)\s*(?:--|—|–|-)\s*`)
	datelineRe   = regexp.MustCompile(`^([A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?),\s+(` + monthRe + `\s+\d{1,2},?\s+\d{4})\s*(?:\(([^)]{1,60})\)|/([^/]{1,60})/)?\s*(?:(?:--|—|–|-)\s*|$)`)
	// "Reuters, June 18, 2025", "Bloomberg | Jun 18, 2025", "The Ledger (via
	// Wire), March 4, 2024", "Outlet+, October 2023": an outlet's name, perhaps
	// a note in brackets on where the copy came from, then the date.
	// A hyphen inside the name joins ("Democrat-Gazette"); spaced, it separates.
	outletDateRe = regexp.MustCompile(`^([\p{Lu}\d][\p{L}\d&.'’+-]*(?: [\p{L}\d&.'’+-]+){0,5}?)\s*(?:\([^()]{1,80}\))?(?:\s*[,|·•—–]|\s+-)\s*(.*\d{4}.*)$`)
	// "Published: 2025-06-18", "Updated June 18, 2025"
	publishedRe = regexp.MustCompile(`(?i)^(published|posted|updated|last updated|date)\s*:?\s*(.+)$`)
	isoDateRe   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?\b`)
	yearMonthRe = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	monthYearRe = regexp.MustCompile(`(?i)^(` + monthRe + `),?\s+(\d{4})$`)
	yearRe      = regexp.MustCompile(`^(\d{4})$`)
	weekdayRe   = regexp.MustCompile(`(?i)^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+`)
	// a time of day ending a date line: "09:30 GMT", "9.30am ET"
	clockRe = regexp.MustCompile(`(?i)[\s,]+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$`)
)

var zones = map[string]string{"ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
	"PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
	"CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
	"MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
	"GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris"}

// zoneLocations are the zones loaded once: loading one reads and parses
// its tzdata, which cost more than reading the rest of an article's byline.
var zoneLocations = func() map[string]*time.Location {
	out := map[string]*time.Location{}
	for abbr, name := range zones {
		if l, err := time.LoadLocation(name); err == nil {
			out[abbr] = l
		}
	}
	return out
}()

var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
	"aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func monthOf(s string) time.Month {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) > 3 {
		s = s[:3]
	}
	return months[s]
}

// parseDate reads a publication date in the forms articles and pages use,
// with the precision it states. A time given with a zone abbreviation is
// placed in that zone, daylight saving included ("ET" is -04:00 in June).
func parseDate(s string) (time.Time, Precision, bool) {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, PrecisionNone, false // every form states a year
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo < 1 || mo > 12 || d < 1 || d > 31 {
			return time.Time{}, PrecisionNone, false
		}
		if m[4] == "" {
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), PrecisionDay, true
		}
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		loc := time.UTC
		if z := m[7]; z != "" && z != "Z" {
			z = strings.Replace(z, ":", "", 1)
			hh, _ := strconv.Atoi(z[1:3])
			mm, _ := strconv.Atoi(z[3:5])
			off := hh*3600 + mm*60
			if z[0] == '-' {
				off = -off
			}
			loc = time.FixedZone("", off)
		}
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc), PrecisionMinute, true
	}
	if m := longDateRe.FindStringSubmatch(s); m != nil {
		mo := monthOf(m[1])
		d, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if mo == 0 || d < 1 || d > 31 {
			return time.Time{}, PrecisionNone, false
		}
		if m[4] == "" {
			return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), PrecisionDay, true
		}
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		if strings.EqualFold(m[6], "p") && h < 12 {
			h += 12
		}
		if strings.EqualFold(m[6], "a") && h == 12 {
			h = 0
		}
		loc := time.UTC
		if l, ok := zoneLocations[strings.ToUpper(m[7])]; ok {
			loc = l
		}
		return time.Date(y, mo, d, h, mi, 0, 0, loc), PrecisionMinute, true
	}
	if m := dayFirstRe.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[3])
		if mo := monthOf(m[2]); mo != 0 && d >= 1 && d <= 31 {
			return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), PrecisionDay, true
		}
	}
	if m := yearMonthRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC), PrecisionMonth, true
		}
	}
	if m := monthYearRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[2])
		if mo := monthOf(m[1]); mo != 0 {
			return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), PrecisionMonth, true
		}
	}
	if m := yearRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y >= 1900 && y <= 2200 {
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear, true
		}
	}
	return time.Time{}, PrecisionNone, false
}

func (a *Article) setPublished(t time.Time, p Precision) {
	if a.Published.IsZero() || precisionRank[p] > precisionRank[a.Precision] {
		a.Published, a.Precision = t, p
	}
}

var precisionRank = map[Precision]int{PrecisionNone: 0, PrecisionYear: 1, PrecisionMonth: 2, PrecisionDay: 3, PrecisionMinute: 4}

// wholeDate parses s when it is a date and nothing else ("March 4, 2024",
// "21 October 2024", "2026-04-21", "March 2024"): a line's tail that holds
// a date inside a sentence is no date line.
func wholeDate(s string) (time.Time, Precision, bool) {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	s = weekdayRe.ReplaceAllString(s, "")
	if loc := clockRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = strings.TrimRight(s[:loc[0]], " ,")
	}
	for _, re := range []*regexp.Regexp{longDateRe, dayFirstRe, isoDateRe} {
		if loc := re.FindStringIndex(s); loc != nil && loc[0] == 0 && loc[1] == len(s) {
			return parseDate(s)
		}
	}
	if monthYearRe.MatchString(s) || yearMonthRe.MatchString(s) {
		return parseDate(s)
	}
	return time.Time{}, PrecisionNone, false
}

// dateOnly reports whether a paragraph is nothing but a date, perhaps
// labelled ("March 20, 2025", "Updated: 2025-03-20 10:00"): a page's
// dateline, not its text.
func dateOnly(p string) bool {
	if len(p) > 80 {
		return false
	}
	if m := publishedRe.FindStringSubmatch(p); m != nil {
		p = m[2]
	}
	p = strings.TrimSpace(p)
	for _, re := range []*regexp.Regexp{longDateRe, isoDateRe} {
		if loc := re.FindStringIndex(p); loc != nil && loc[0] == 0 && strings.TrimSpace(p[loc[1]:]) == "" {
			_, _, ok := parseDate(p)
			return ok
		}
	}
	return false
}
