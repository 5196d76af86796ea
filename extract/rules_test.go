package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/rules"
)

func builtinExtractor(t testing.TB) *Extractor {
	t.Helper()
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestRuleCases runs the cases every rule file carries: each expected claim
// must be found, and a case with no claims must give none of its kind.
func TestRuleCases(t *testing.T) {
	x := builtinExtractor(t)
	for _, r := range x.Rules().Claims {
		for _, tc := range r.Tests {
			name := fmt.Sprintf("%s:%d", r.File, tc.Line)
			t.Run(name, func(t *testing.T) {
				var pub time.Time
				if tc.Published != "" {
					var err error
					if pub, err = time.Parse("2006-01-02", tc.Published); err != nil {
						t.Fatalf("published: %v", err)
					}
				}
				got := x.ExtractText("case.txt", tc.Text, pub)
				if len(tc.Claims) == 0 {
					for _, c := range got {
						if string(c.Kind) == r.Kind {
							t.Errorf("%q: want no %s claim, got %s", tc.Text, r.Kind, describe(c))
						}
					}
					return
				}
				used := map[int]bool{}
				for _, w := range tc.Claims {
					found := false
					for i, c := range got {
						if !used[i] && matchCase(c, w) {
							used[i], found = true, true
							break
						}
					}
					if !found {
						t.Errorf("%q:\n want %+v\n got  %s", tc.Text, w, describeAll(got))
					}
				}
			})
		}
	}
}

func matchCase(c Claim, w rules.CaseClaim) bool {
	eq := func(want, got string) bool { return want == "" || want == got }
	return eq(w.Kind, string(c.Kind)) && eq(w.Subject, c.Subject) && eq(w.Object, c.Object) &&
		eq(w.Normalized, c.Normalized) && eq(w.Text, c.Text) && eq(w.Period, c.Period) &&
		eq(w.Status, string(c.Status)) && eq(w.Aspect, string(c.Aspect)) && eq(w.Event, c.Event) &&
		(w.Hedged == nil || *w.Hedged == c.Hedged)
}

func describe(c Claim) string {
	return fmt.Sprintf("{%s %q→%q %s text=%q period=%s status=%s aspect=%s event=%s hedged=%v}",
		c.Kind, c.Subject, c.Object, c.Normalized, c.Text, c.Period, c.Status, c.Aspect, c.Event, c.Hedged)
}

func describeAll(cs []Claim) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("\n   " + describe(c))
	}
	return b.String()
}
