package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/claimcheck/claimcheck/synth"
)

// testSentences are the sentences of a generated corpus, the texts of the
// built-in rule cases and a few awkward ones: what the prefilters and
// caches are checked against.
func testSentences(t testing.TB, x *Extractor) []string {
	t.Helper()
	out := []string{
		"Tabs\tand\u00a0no-break spaces\u2003split “curly” words; don’t they'll (e.g. U.S.) :-) $5.",
		"&rsquo;quoted&rsquo; text, 'single' and \"double\" (NASDAQ: MERC) — end—dash",
		"  leading and trailing space  ",
		"xD 8D XDD cannot gonna Company12345 CH9 Labs", // alphanumeric runs prose might treat specially
		"K\u212aelvin and long \u017fever, İstanbul ſtake",
		"",
	}
	for _, r := range x.Rules().Claims {
		for _, tc := range r.Tests {
			out = append(out, tc.Text)
		}
	}
	synth.Stream(30, 3, func(name string, data []byte) error {
		for _, s := range x.seg.split(string(data)) {
			out = append(out, s.Text)
		}
		return nil
	})
	return out
}

// TestWordCacheMatchesProse: tokenizing run by run through the cache gives
// the tokens prose gives for the whole sentence.
func TestWordCacheMatchesProse(t *testing.T) {
	x := builtinExtractor(t)
	w := newWordCache()
	for _, s := range testSentences(t, x) {
		doc, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, tok := range doc.Tokens() {
			want = append(want, tok.Text)
		}
		for range 2 { // a miss, then a hit
			if got := w.proseTokens(s, nil); !slices.Equal(got, want) {
				t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
			}
		}
	}
}

// TestSegmenterKeepsLegalForms checks that the dotted legal forms of
// company names end no sentence.
func TestSegmenterKeepsLegalForms(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"Orbital agreed to buy Vanta B.V. for roughly $1.3 billion. It closed later.", []string{"Orbital agreed to buy Vanta B.V. for roughly $1.3 billion.", "It closed later."}},
		{"Lumora S.A. bought a stake in Brisa S.p.A. for €90 million. Then more.", []string{"Lumora S.A. bought a stake in Brisa S.p.A. for €90 million.", "Then more."}},
		{"Kestrel N.V. and Vega GmbH signed. Then more.", []string{"Kestrel N.V. and Vega GmbH signed.", "Then more."}},
		{"Pinecrest Co. Ltd. agreed to pay $40 million. Then more.", []string{"Pinecrest Co. Ltd. agreed to pay $40 million.", "Then more."}},
		{"Orbital Corp. (NASDAQ: ORBT) rose 4%. Then more.", []string{"Orbital Corp. (NASDAQ: ORBT) rose 4%.", "Then more."}},
		{"Vega Pty. Ltd. and Kestrel S.A.S. merged. Then more.", []string{"Vega Pty. Ltd. and Kestrel S.A.S. merged.", "Then more."}},
		// A round's letter ends its sentence; an initial does not.
		{"Orbital put $40 million into its Series A. Helix is now valued at $1 billion.", []string{"Orbital put $40 million into its Series A.", "Helix is now valued at $1 billion."}},
		{"Its Class B. Shares rose. Founder Dana J. Marsh spoke.", []string{"Its Class B.", "Shares rose.", "Founder Dana J. Marsh spoke."}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got []string
			for _, s := range x.seg.split(tc.in) {
				got = append(got, s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestOneSentenceAsPunkt checks that every paragraph the segmenter reads
// as one sentence without asking Punkt is one sentence to Punkt too.
func TestOneSentenceAsPunkt(t *testing.T) {
	x := builtinExtractor(t)
	paras := []string{"No stop at all here", "One stop at the end.", "A question at the end?  ", "Trailing quote after it.\"",
		"Ends with an abbreviation Inc.", "Two. Sentences", "\"Quoted!\" she said", "It paid $14.3 billion to Amazon.com Inc.",
		"U.S. regulators cleared it.", "Sales rose 3.5%.Then fell", "Version 2.0.1 shipped."}
	for _, s := range testSentences(t, x) {
		paras = append(paras, s)
	}
	synth.Stream(30, 5, func(name string, data []byte) error {
		paras = append(paras, strings.Split(string(data), "\n")...)
		return nil
	})
	// Real coverage too, when ../shared is there.
	for _, pat := range []string{"seeds/*.txt", "eval/dev/*/*.txt", "eval/dev/*/*.md"} {
		paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", pat))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				paras = append(paras, strings.Split(string(data), "\n")...)
			}
		}
	}
	n := 0
	for _, p := range paras {
		if strings.TrimSpace(p) == "" || !oneSentence(p) {
			continue
		}
		n++
		var got []string
		for _, ps := range x.seg.tok.Tokenize(p) {
			if st, en := trimSpan(p, ps.Start, ps.End); st < en {
				got = append(got, p[st:en])
			}
		}
		if want := strings.TrimSpace(p); len(got) != 1 || got[0] != want {
			t.Errorf("%q: Punkt gives %q", p, got)
		}
	}
	if n < 100 {
		t.Errorf("only %d paragraphs of one sentence checked", n)
	}
}
