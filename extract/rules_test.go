package extract

import (
	"strings"
	"testing"

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

// TestRuleCases runs the cases every built-in rule file carries: the same
// check as 'claimcheck rules test'.
func TestRuleCases(t *testing.T) {
	x := builtinExtractor(t)
	n := 0
	for _, r := range x.Rules().Claims {
		n += len(r.Tests)
	}
	if n < 30 {
		t.Fatalf("only %d rule cases: every rule carries its own", n)
	}
	for _, f := range x.RunCases() {
		t.Error(f)
	}
}

func describeAll(cs []Claim) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("\n   " + Describe(c))
	}
	return b.String()
}

// scanText prepares s as the built-in extractor prepares a sentence.
func scanText(t testing.TB, s string) *scanned {
	return builtinExtractor(t).scan.scan(s, &scanned{})
}
