package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// scanTexts are testSentences, the example articles' and seed articles'
// sentences when present, and each in upper case and glued to its
// neighbours, so that matches open and close texts and stand next to words.
func scanTexts(t *testing.T, x *Extractor) []string {
	base := testSentences(t, x)
	for _, dir := range []string{"../examples/amazon-anthropic", "../../shared/seeds"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, s := range x.seg.split(string(data)) {
				base = append(base, s.Text)
			}
		}
	}
	out := slices.Clone(base)
	for i := 0; i < len(base); i += 10 {
		s := base[i]
		out = append(out, strings.ToUpper(s), "x"+s+"x", s+"\n"+base[(i+1)%len(base)])
	}
	return out
}

// TestScanFindsWhatRegexpFinds: for every pattern extraction runs on whole
// sentences, the scanner's matches are the regular expression's own.
func TestScanFindsWhatRegexpFinds(t *testing.T) {
	x := builtinExtractor(t)
	texts := scanTexts(t, x)
	if len(texts) < 1500 {
		t.Fatalf("only %d texts", len(texts))
	}
	var buf scanned
	prefiltered := 0
	for ti, text := range texts {
		sc := x.scan.scan(text, &buf)
		for _, re := range sentencePatterns(x.Rules()) {
			if sc.prefiltered(re) {
				prefiltered++
			}
			if got, want := sc.findAll(re, true), re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s in %q:\n got %v\nwant %v", re, text, got, want)
			}
			if got, want := sc.findAll(re, false), re.FindAllStringIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s in %q:\n got %v\nwant %v", re, text, got, want)
			}
			if got, want := sc.first(re), re.FindStringSubmatchIndex(text); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s in %q:\n got %v\nwant %v", re, text, got, want)
			}
			if ti%3 != 0 {
				continue // stretches of every third text are enough
			}
			for _, span := range spans(text) {
				lo, hi := span[0], span[1]
				if got, want := sc.matchIn(re, lo, hi), re.MatchString(text[lo:hi]); got != want {
					t.Fatalf("%s in %q: got %v, want %v", re, text[lo:hi], got, want)
				}
			}
		}
	}
	if prefiltered == 0 {
		t.Fatal("no pattern was prefiltered")
	}
}

// TestScanOddTexts: texts the scanner must not prefilter (a Kelvin sign or a
// long s fold to ASCII letters, broken UTF-8 has no lower case) still give
// the regular expression's matches, and so do matches at either end.
func TestScanOddTexts(t *testing.T) {
	res := []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bstake\b`),
		regexp.MustCompile(`(?i)\b(?:sever(?:ed)?|cut ties)\b`),
		regexp.MustCompile(`^(?i)cut`),
		regexp.MustCompile(`(?m)^cut$`),
		regexp.MustCompile(`\$(\d+)`),
		regexp.MustCompile(`\Bfold\b`),
		regexp.MustCompile(`\w+fold`),
		regexp.MustCompile(`(?i)straße`),
	}
	x := &scanned{}
	sc := newScanner(res)
	for _, text := range []string{
		"a \u212a stake", "a sta\u212ae", "\u017fevered ties", "STAKE", "stake", "xstake stakes stake",
		"cut", "cut ties\ncut", "a\ncut\nb", "\xff stake \xfe", "$5 and $66", "tenfold fold", "STRASSE straße STRAẞE",
		"Straße", "",
	} {
		s := sc.scan(text, x)
		for _, re := range res {
			if got, want := s.findAll(re, true), re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %q: got %v, want %v", re, text, got, want)
			}
		}
	}
	if id, ok := sc.ids[res[6]]; !ok || !sc.pats[id].gate {
		t.Errorf("%s has no literal a match starts with, yet one it contains: it should be gated", res[6])
	}
}

func TestPrefixes(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`(?i)\binvest(?:ment|ed)?\b`, []string{"invest"}},
		{`(?i)\b(?:paus(?:e|ed)|halt)\b`, []string{"pause", "halt"}},
		{`\b(?:Q([1-4])|first quarter)`, []string{"q1", "q2", "q3", "q4", "first quarter"}},
		{`\$\d+`, []string{"$0", "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9"}},
		{`\w+fold`, nil},
		{`(?:a|b)?c`, []string{"ac", "bc", "c"}},
		{`x*y`, nil},
	}
	for _, tc := range tests {
		tree, err := syntax.Parse(tc.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := prefixes(tree.Simplify())
		if slices.Contains(got, "") {
			got = nil
		} else {
			got = minimalPrefixes(got)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

// spans are stretches of a text that open and close inside words and
// between them, as the builders cut them.
func spans(text string) [][2]int {
	var out [][2]int
	for lo := 0; lo < len(text); lo += 11 {
		for _, n := range []int{7, 40} {
			if hi := lo + n; hi <= len(text) {
				out = append(out, [2]int{lo, hi})
			}
		}
	}
	return out
}

// TestRequiredLiterals: the literals one of which every match contains,
// for the patterns no literal starts.
func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`(?i)\binvest(?:ment|ed)?\b`, []string{"invest"}},
		{`(?i)\b(?:paus(?:e|ed)|halt)\b`, []string{"pause", "halt"}},
		{`(?i)\b(?:stake|holding)s?\b`, []string{"stake", "holding"}},
		{`\w+ said`, []string{" said"}},
		{`[A-Z]\w+`, nil},
		{`\b[Aa]ccording to ([A-Z]\w*)`, []string{"according to "}},
		{`(\d+)\s?(%|percent\b)`, []string{"%", "percent"}},
		{`(\d+)(x|times)`, nil},
	}
	for _, tc := range tests {
		got := requiredLiterals(tc.src)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestOnePrefilter: the scanner gates the rule patterns no literal starts,
// so no pattern of the rules runs on a sentence that cannot hold a match.
func TestOnePrefilter(t *testing.T) {
	x := builtinExtractor(t)
	gated, whole := 0, 0
	for _, re := range sentencePatterns(x.Rules()) {
		id, ok := x.scan.ids[re]
		switch {
		case !ok:
			whole++
		case x.scan.pats[id].gate:
			gated++
		}
	}
	if gated == 0 {
		t.Error("no pattern is gated by the literals it contains")
	}
	if whole > 0 {
		t.Errorf("%d built-in patterns run on every sentence: give each a literal it must contain", whole)
	}
	t.Logf("%d patterns prefiltered by their first literals, %d gated by a literal they contain, %d run on every sentence", len(x.scan.pats)-gated, gated, whole)
}

// TestScanNeeds: a pattern that starts at every digit but needs a rarer
// word runs only on texts with the word, and only where a match can still
// reach it; its matches stay the regular expression's own.
func TestScanNeeds(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b(\d+|a|one) (million|billion) dollars\b`)
	sc := newScanner([]*regexp.Regexp{re})
	if p := sc.pats[sc.ids[re]]; p.gate || p.need < 0 {
		t.Fatalf("%s: gate %v, need %d: want its digits as prefixes and its words as needs", re, p.gate, p.need)
	}
	var buf scanned
	for _, text := range []string{
		"3 billion dollars", "a million Dollars and 4 more", "5 billion dollars, then 6 billion dollars",
		"7 billion dollarsx 8 billion dollars", "2025: 9 apples", "dollars 9 billion", "one billion euros",
		"",
	} {
		s := sc.scan(text, &buf)
		if got, want := s.findAll(re, true), re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", text, got, want)
		}
		if got, want := s.first(re), re.FindStringSubmatchIndex(text); !reflect.DeepEqual(got, want) {
			t.Errorf("first in %q: got %v, want %v", text, got, want)
		}
		for _, span := range spans(text) {
			if got, want := s.matchIn(re, span[0], span[1]), re.MatchString(text[span[0]:span[1]]); got != want {
				t.Errorf("in %q: got %v, want %v", text[span[0]:span[1]], got, want)
			}
		}
	}
}

// TestScanPartOpensInWord: a stretch that opens inside a word has \b at its
// start where the text has none, so a match there counts.
func TestScanPartOpensInWord(t *testing.T) {
	re := regexp.MustCompile(`\b(\d{1,3}(?:,\d{3})+|\d+)\b`)
	sc := newScanner([]*regexp.Regexp{re})
	var buf scanned
	text := "x145 CH9 "
	s := sc.scan(text, &buf)
	for lo := 0; lo < len(text); lo++ {
		for hi := lo; hi <= len(text); hi++ {
			if got, want := s.matchIn(re, lo, hi), re.MatchString(text[lo:hi]); got != want {
				t.Errorf("%q: got %v, want %v", text[lo:hi], got, want)
			}
		}
	}
}
