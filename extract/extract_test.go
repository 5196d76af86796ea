package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
)

// TestMonthDatedArticle checks that an article dated only to a month
// resolves its relative dates against that month, never more precisely.
func TestMonthDatedArticle(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct{ name, text, want string }{
		{"month name", "Orbital Systems agreed in February to buy Vega Robotics for $2 billion.", "2024-02"},
		{"this month", "Orbital Systems announced this month that it would buy Vega Robotics for $2 billion.", "2024-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &corpus.Article{Path: "m.txt", Text: tc.text, Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Precision: corpus.PrecisionMonth}
			cs, err := x.Extract(a)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if c.Kind == KindEventDate {
					if c.Normalized != tc.want {
						t.Errorf("event date %q, want %q", c.Normalized, tc.want)
					}
					return
				}
			}
			t.Errorf("no event date in%s", describeAll(cs))
		})
	}
}

// mustExtract is ExtractText that fails the test on an error.
func mustExtract(t testing.TB, x *Extractor, path, text string, pub time.Time) []Claim {
	t.Helper()
	cs, err := x.ExtractText(path, text, pub)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestPanicIsAnError checks that a bug in a builder is reported as an error
// naming the article, not swallowed as an article without claims.
func TestPanicIsAnError(t *testing.T) {
	x := builtinExtractor(t)
	saved := builders
	defer func() { builders = saved }()
	builders = append(append([]Builder(nil), saved...), Builder{Name: "broken", Doc: "panics", run: func(*sentCtx) { panic("index out of range") }})
	cs, err := x.ExtractText("sub/broken.txt", "Orbital Systems invested $2 billion in Vega Robotics.", time.Time{})
	if err == nil || !strings.Contains(err.Error(), "sub/broken.txt") || !strings.Contains(err.Error(), "index out of range") || cs != nil {
		t.Fatalf("claims %v, err %v: want an error naming the article and the panic", cs, err)
	}
}
