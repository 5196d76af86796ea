package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/rules"
)

// mention is a value found in a sentence: its byte span in the sentence and
// what it says.
type mention struct {
	start, end int
	value      Value
}

var currencies = map[string]string{
	"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
	"¥": "JPY", "jpy": "JPY", "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD", "chf": "CHF",
	"₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "cny": "CNY", "rmb": "CNY", "hk$": "HKD", "hkd": "HKD",
	"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY",
	"sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "czk": "CZK", "huf": "HUF", "krw": "KRW",
	"sgd": "SGD", "nzd": "NZD", "zar": "ZAR", "brl": "BRL", "mxn": "MXN", "try": "TRY", "ils": "ILS",
	"aed": "AED", "sar": "SAR", "twd": "TWD", "thb": "THB", "idr": "IDR", "myr": "MYR", "rub": "RUB",
	"s$": "SGD", "r$": "BRL", "nz$": "NZD",
}

var scales = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
	"billion": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "t": 1e12, "tn": 1e12, "tr": 1e12,
}

const (
	numPat   = `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
	scalePat = `trillion|billion|million|thousand|bn|bln|tn|mn|mln|[bBmMkK]\b|T\b`
	curPat   = `US\$|HK\$|NZ\$|C\$|A\$|S\$|R\$|\$|€|£|¥|₹|\b(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|INR|CNY|HKD|SEK|NOK|DKK|PLN|CZK|HUF|KRW|SGD|NZD|ZAR|BRL|MXN|ILS|AED|SAR|TWD|THB|IDR|MYR|RUB)\s?`
)

var (
	// $14.3 billion, US$2bn, €1.2bn, £300m, USD 5 million, $3-4 billion, $3 billion to $4 billion
	moneyRe = regexp.MustCompile(`(?i)(` + curPat + `)\s?(` + numPat + `)(?:\s?(` + scalePat + `))?` +
		`(?:\s?(-|–|to)\s?(` + curPat + `)?\s?(` + numPat + `)(?:\s?(` + scalePat + `))?)?`)
	fromBeforeRe = regexp.MustCompile(`(?i)\bfrom\s*$`)
	// 14.3 billion dollars, 300 million euros
	// "$2 billion" written out: "2 billion dollars", "two billion dollars", "a billion euros".
	moneyWordRe = regexp.MustCompile(`(?i)\b(` + numPat + `|one|a|` + countWordPat + `|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one hundred)\s(trillion|billion|million|thousand)\s(dollars|euros|pounds|yen)\b`)
	yearAgoRe   = regexp.MustCompile(`(?i)^\s+(?:earlier|ago|before|later|prior|previously)\b`)
	// "$95 per share" is a price in its own unit, never a deal's amount.
	perShareRe = regexp.MustCompile(`(?i)^\s?(?:per|a|/|for each|for every|each)\s?(?:[A-Z][\w&-]* )?(?:common |ordinary |class [A-Z] )?share\b`)
	rateRe     = regexp.MustCompile(`(?i)^(?:[- ](?:a|per)[- ]year|\s?(?:annually|per annum|a year|per year|/year|/yr))`)
	betweenRe  = regexp.MustCompile(`(?i)\bbetween\s$`)
	andMoneyRe = regexp.MustCompile(`(?i)^\s(?:and)\s`)
	percentRe  = regexp.MustCompile(`(?i)(` + `\d+(?:\.\d+)?` + `)(?:\s?(?:-|–|to)\s?(\d+(?:\.\d+)?))?\s?(%|percent\b|per cent\b|percentage points?\b)`)
	multipleRe = regexp.MustCompile(`(?i)\b(?:(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d+(?:\.\d+)?)[- ]?fold|(doubl(?:ing|es|ed|e))|(tripl(?:ing|es|ed|e))|(quadrupl(?:ing|es|ed|e))|(\d+(?:\.\d+)?)(?:x\b|×)|(\d+(?:\.\d+)?) times\b)`)
	countRe    = regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d+)\b`)
)

// qualifiers reads the words that bound a figure, as the lexicon lists
// them. Phrases are looked up word by word in maps, not matched by one
// pattern: every number in every sentence asks, so it must be cheap.
type qualifiers struct {
	before, after map[string]string // folded phrase → label
	maxWords      int               // the most words in a phrase
}

// newQualifiers reads the lexicon's qualifier phrases; the first list to
// name a phrase gives its label.
func newQualifiers(qs []rules.Qualifier) *qualifiers {
	q := &qualifiers{before: map[string]string{}, after: map[string]string{}}
	add := func(m map[string]string, w, label string) {
		k := foldPhrase(w)
		if _, dup := m[k]; dup || k == "" {
			return
		}
		m[k] = label
		q.maxWords = max(q.maxWords, len(strings.Fields(k)))
	}
	for _, e := range qs {
		for _, w := range e.Before {
			add(q.before, w, e.Label)
		}
		for _, w := range e.After {
			add(q.after, w, e.Label)
		}
	}
	return q
}

// foldPhrase lower-cases a phrase and folds its spaces.
func foldPhrase(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

var wordNumbers = map[string]float64{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}

// parseNumber reads "14.3" or "1,200" and the unit of its last digit.
// numberWords are the numbers an amount may spell out: "two billion dollars".
var numberWords = map[string]float64{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100}

func parseNumber(s string) (v, step float64, ok bool) {
	s = strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 0, false
	}
	step = 1
	if i := strings.IndexByte(s, '.'); i >= 0 {
		step = math.Pow(10, -float64(len(s)-i-1))
	}
	return v, step, true
}

func scaleOf(s string) float64 {
	if s == "" {
		return 1
	}
	if s == "T" {
		return 1e12
	}
	return scales[strings.ToLower(s)]
}

// beforeAt reads a qualifier ending at pos ("over ", "up to another "):
// the longest phrase of whole words, opening the text or after a space, a
// parenthesis or a comma.
func (q *qualifiers) beforeAt(s string, pos int) (label string, start int) {
	if q == nil || pos == 0 || s[pos-1] != ' ' {
		return "", pos
	}
	end := pos - 1
	w := strings.ToLower(s[max(0, end-40):end])
	off := max(0, end-40)
	label, start = "", pos
	words := 0
	for i := len(w); i > 0 && words < q.maxWords; {
		j := strings.LastIndexAny(w[:i], " (,")
		words++
		if l, ok := q.before[w[j+1:]]; ok && (j >= 0 || off == 0) {
			label, start = l, off+j+1
		}
		if j < 0 || w[j] != ' ' {
			break
		}
		i = j
	}
	return label, start
}

// afterAt reads a qualifier starting at pos: "+" at once, or words after
// a space (" or more").
func (q *qualifiers) afterAt(s string, pos int) (label string, end int) {
	if q == nil || pos >= len(s) {
		return "", pos
	}
	if l, ok := q.after[s[pos:pos+1]]; ok && !isWordByte(s[pos]) && s[pos] != ' ' {
		return l, pos + 1
	}
	if isWordByte(s[pos]) {
		return "", pos
	}
	skip := 0 // "$5bn or more" after a space, "$4 billion-plus" at once
	if s[pos] == ' ' {
		skip = 1
	}
	pos += skip
	w := strings.ToLower(s[pos:min(len(s), pos+32)])
	label, end = "", pos-skip
	words := 0
	for i := 0; i < len(w) && words < q.maxWords; {
		j := strings.IndexAny(w[i:], " ,.;)")
		if j < 0 {
			j = len(w) - i
		}
		i += j
		words++
		if l, ok := q.after[w[:i]]; ok {
			label, end = l, pos+i
		}
		if i >= len(w) || w[i] != ' ' {
			break
		}
		i++
	}
	return label, end
}

func isBoundary(s string, i int) bool {
	return i <= 0 || i >= len(s) || s[i-1] == ' ' || s[i-1] == '(' || s[i-1] == ','
}

// findMoney returns the amounts of money in a sentence.
func findMoney(t *scanned, q *qualifiers) []mention {
	s := t.text
	var out []mention
	for _, m := range t.findAll(moneyRe, true) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		cur := strings.ToLower(strings.TrimSpace(g(1)))
		code, ok := currencies[cur]
		if !ok || m[2] > 0 && isWordByte(s[m[2]-1]) && !strings.HasPrefix(cur, "$") {
			continue // "XUSD 5": a code glued to a word
		}
		lo, step, ok := parseNumber(g(2))
		if !ok {
			continue
		}
		scale, hiScale := scaleOf(g(3)), scaleOf(g(7))
		firstEnd := m[5]
		if m[6] >= 0 {
			firstEnd = m[7]
		}
		if m[12] < 0 { // a single amount
			out = append(out, moneyMention(s, q, m[0], m[1], Value{Type: ValueMoney, Currency: code, Lo: lo * scale, Hi: lo * scale, Step: step * scale}))
			continue
		}
		hi, hstep, ok := parseNumber(g(6))
		if !ok {
			continue
		}
		if m[6] < 0 && m[14] >= 0 { // "$3-4 billion": the scale is written once
			scale = hiScale
		}
		if m[14] < 0 {
			hiScale = scale
		}
		if strings.EqualFold(g(4), "to") && fromBeforeRe.MatchString(s[:m[0]]) || hi*hiScale < lo*scale {
			// "from $14 billion to $29 billion" is a change, not a range.
			out = append(out, moneyMention(s, q, m[0], firstEnd, Value{Type: ValueMoney, Currency: code, Lo: lo * scale, Hi: lo * scale, Step: step * scale}))
			second := m[12]
			if m[10] >= 0 {
				second = m[10]
			}
			out = append(out, moneyMention(s, q, second, m[1], Value{Type: ValueMoney, Currency: code, Lo: hi * hiScale, Hi: hi * hiScale, Step: hstep * hiScale}))
			continue
		}
		v := Value{Type: ValueMoney, Currency: code, Lo: lo * scale, Hi: hi * hiScale, Step: math.Min(step*scale, hstep*hiScale)}
		out = append(out, moneyMention(s, q, m[0], m[1], v))
	}
	for _, m := range t.findAll(moneyWordRe, true) {
		v, step, ok := parseNumber(s[m[2]:m[3]])
		if !ok {
			if v, ok = numberWords[strings.ToLower(s[m[2]:m[3]])]; !ok {
				continue
			}
			step = 1
		}
		scale := scaleOf(s[m[4]:m[5]])
		code := currencies[strings.ToLower(s[m[6]:m[7]])]
		out = append(out, moneyMention(s, q, m[0], m[1], Value{Type: ValueMoney, Currency: code, Lo: v * scale, Hi: v * scale, Step: step * scale}))
	}
	return mergeBetween(s, out)
}

// moneyMention widens an amount at [start, end) by the qualifier before it
// and the rate after it.
func moneyMention(s string, q *qualifiers, start, end int, v Value) mention {
	if l, qs := q.beforeAt(s, start); l != "" && v.Hi == v.Lo {
		v.Qualifier, start = l, qs
	} else if l, qe := q.afterAt(s, end); l != "" && v.Hi == v.Lo {
		v.Qualifier, end = l, qe
	}
	// "a year earlier" and "a year ago" date the amount; they make no rate.
	if r := rateRe.FindStringIndex(s[end:]); r != nil && !yearAgoRe.MatchString(s[end+r[1]:]) {
		v.Rate = "year"
		end += r[1]
	} else if r := perShareRe.FindStringIndex(s[end:]); r != nil {
		v.Rate = "share"
		end += r[1]
	}
	return mention{start: start, end: end, value: v}
}

// mergeBetween joins "between $3 billion and $4 billion" into one range.
func mergeBetween(s string, ms []mention) []mention {
	var out []mention
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && betweenRe.MatchString(s[max(0, m.start-8):m.start]) &&
			andMoneyRe.MatchString(s[m.end:ms[i+1].start]) && ms[i+1].start-m.end <= 5 &&
			m.value.Currency == ms[i+1].value.Currency {
			n := ms[i+1]
			m.start -= len("between ")
			m.end = n.end
			m.value.Hi = n.value.Hi
			m.value.Step = math.Min(m.value.Step, n.value.Step)
			i++
		}
		out = append(out, m)
	}
	return out
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// fractionRe is a share written as a fraction of something named after
// it: "a third of Kolma", "half of the company", "a quarter stake".
var fractionRe = regexp.MustCompile(`\b(?i:(a|one|two|three)[- ](thirds?|quarters?|fifths?|tenths?)|(half))\s+(?:of\s+(?:[A-Z]|(?i:its|their|the company|the firm|the business|the startup))|(?i:stake|interest|holding))`)

var fractionParts = map[string]float64{"a": 1, "one": 1, "two": 2, "three": 3, "third": 3, "thirds": 3, "quarter": 4,
	"quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}

// findPercents returns the percentages in a sentence, fractions of a named
// company included ("a third of Kolma" is 33%).
func findPercents(t *scanned, q *qualifiers) []mention {
	s := t.text
	var out []mention
	// A fraction needs its word: most sentences have "a" and no "third",
	// so the pattern, anchored at every "a", is not run on them.
	hasFraction := containsAny(t.lower, "", "third", "quarter", "fifth", "tenth", "half")
	for _, m := range t.findAllIf(hasFraction, fractionRe, true) {
		v := 50.0
		end := m[7]
		if m[2] >= 0 {
			v = 100 * fractionParts[strings.ToLower(s[m[2]:m[3]])] / fractionParts[strings.ToLower(s[m[4]:m[5]])]
			end = m[5]
		}
		if v <= 0 || v > 100 {
			continue
		}
		v = math.Round(v*10) / 10
		out = append(out, mention{start: m[0], end: end, value: Value{Type: ValuePercent, Lo: v, Hi: v, Step: 1}})
	}
	for _, m := range t.findAll(percentRe, true) {
		if m[0] > 0 && (isWordByte(s[m[0]-1]) || s[m[0]-1] == '.' || s[m[0]-1] == '$') {
			continue
		}
		v, step, ok := parseNumber(s[m[2]:m[3]])
		if !ok {
			continue
		}
		val := Value{Type: ValuePercent, Lo: v, Hi: v, Step: step}
		if m[4] >= 0 {
			if h, hs, ok := parseNumber(s[m[4]:m[5]]); ok && h >= v {
				val.Hi = h
				val.Step = math.Min(step, hs)
			}
		}
		start, end := m[0], m[1]
		if l, qs := q.beforeAt(s, start); l != "" && val.Lo == val.Hi {
			val.Qualifier, start = l, qs
		} else if l, qe := q.afterAt(s, end); l != "" && val.Lo == val.Hi {
			val.Qualifier, end = l, qe
		}
		out = append(out, mention{start: start, end: end, value: val})
	}
	return out
}

// findMultiples returns "threefold", "doubled", "20x" in a sentence.
func findMultiples(t *scanned, q *qualifiers) []mention {
	s := t.text
	var out []mention
	for _, m := range t.findAll(multipleRe, true) {
		var f float64
		switch {
		case m[2] >= 0:
			w := strings.ToLower(s[m[2]:m[3]])
			if n, ok := wordNumbers[w]; ok {
				f = n
			} else {
				f, _ = strconv.ParseFloat(w, 64)
			}
		case m[4] >= 0:
			f = 2
		case m[6] >= 0:
			f = 3
		case m[8] >= 0:
			f = 4
		case m[10] >= 0:
			f, _ = strconv.ParseFloat(s[m[10]:m[11]], 64)
		case m[12] >= 0:
			f, _ = strconv.ParseFloat(s[m[12]:m[13]], 64)
		}
		if f <= 1 || strings.HasPrefix(strings.ToLower(s[m[1]:]), " down") {
			continue // "doubles down" is resolve, not a multiple
		}
		v := Value{Type: ValueMultiple, Lo: f, Hi: f, Step: 1}
		start := m[0]
		if l, qs := q.beforeAt(s, start); l != "" {
			v.Qualifier, start = l, qs
		}
		out = append(out, mention{start: start, end: m[1], value: v})
	}
	return out
}

// findCounts returns whole numbers in a sentence that are neither money,
// percentages, years nor parts of dates; the caller decides what they count.
func findCounts(t *scanned, q *qualifiers, taken []mention) []mention {
	s := t.text
	var out []mention
	for _, m := range t.findAll(countRe, true) {
		if overlapsAny(m[0], m[1], taken) {
			continue
		}
		if m[1] < len(s) && (s[m[1]] == '%' || s[m[1]] == '.' && m[1]+1 < len(s) && isDigit(s[m[1]+1])) {
			continue
		}
		if m[0] > 0 && (s[m[0]-1] == '$' || s[m[0]-1] == '.' || isWordByte(s[m[0]-1])) {
			continue
		}
		v, _, ok := parseNumber(s[m[2]:m[3]])
		if !ok || (v >= 1900 && v <= 2100 && !strings.Contains(s[m[2]:m[3]], ",")) {
			continue
		}
		val := Value{Type: ValueCount, Lo: v, Hi: v, Step: 1}
		start, end := m[0], m[1]
		if l, qs := q.beforeAt(s, start); l != "" {
			val.Qualifier, start = l, qs
		} else if l, qe := q.afterAt(s, end); l != "" {
			val.Qualifier, end = l, qe // "400 or more jobs"
		}
		out = append(out, mention{start: start, end: end, value: val})
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func overlapsAny(start, end int, ms []mention) bool {
	for _, m := range ms {
		if start < m.end && m.start < end {
			return true
		}
	}
	return false
}
