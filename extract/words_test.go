package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/rules"
)

// TestWordClassesFromRules: the word classes a mechanism consults are rule
// words: teaching it that "did the same" repeats a client's move is a
// rule-file edit, and a user's rule that leaves a class out keeps the
// built-in one.
func TestWordClassesFromRules(t *testing.T) {
	builtin, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	base, _ := builtin.ClaimRule("client_change")
	verbs := "verbs:\n"
	for _, v := range base.Verbs {
		verbs += "  - {pattern: '" + strings.ReplaceAll(v.Pattern.Source, "'", "''") + "', label: " + v.Label + "}\n"
	}
	dir := t.TempDir()
	rule := "type: claim\nkind: client_change\ndoc: d\n" + verbs +
		"words:\n  follow_suit: '\\b(?:follow(?:ed|s)? suit|did the same)\\b'\n" +
		"tests:\n  - text: \"Pellham Clinics ended its contract with Norwick Cloud. Corvid Analytics did the same.\"\n" +
		"    claims:\n      - {kind: client_change, subject: Pellham Clinics, normalized: terminate}\n      - {kind: client_change, subject: Corvid Analytics, normalized: terminate}\n"
	if err := os.WriteFile(filepath.Join(dir, "client_change.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := set.ClaimRule("client_change")
	if r.Words["relationship"] == nil || r.Words["idiom"] == nil {
		t.Fatalf("classes the user's rule left out are not kept: %v", r.Words)
	}
	for _, s := range []*rules.Set{builtin, set} {
		x, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := x.ExtractText("a.txt", "Pellham Clinics ended its contract with Norwick Cloud. Corvid Analytics did the same.", time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		var corvid bool
		for _, c := range cs {
			corvid = corvid || c.Kind == KindClientChange && c.Subject == "Corvid Analytics" && c.Value.Label == "terminate" && c.Object == "Norwick Cloud"
		}
		if want := s == set; corvid != want {
			t.Errorf("user rules %v: Corvid's move read = %v, want %v (claims %+v)", s == set, corvid, want, cs)
		}
	}
}
