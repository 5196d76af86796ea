package reconcile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// TestFactDeclaredInRules: a new client-change label, what it is compatible
// with and how findings name the fact are a rule-file edit, not a code
// change.
func TestFactDeclaredInRules(t *testing.T) {
	dir := t.TempDir()
	rule := `type: claim
kind: client_change
doc: A client's dealings with a vendor, shelving included.
verbs:
  - {pattern: '\bend(?:ed|s|ing)? its contract\b', label: terminate}
  - {pattern: '\bpaus(?:e|ed|es|ing)\b', label: pause}
  - {pattern: '\bshelv(?:e|ed|es|ing)\b', label: shelve}
fact:
  needs: [object]
  group: periods
  compare: label
  compatible:
    terminate: [terminate]
    pause: [pause, shelve]
    shelve: [shelve, pause]
  window_days: 90
  severity: medium
  message: '{{possessive .Subject}} dealings with {{.Object}}'
tests:
  - text: "Corvid Analytics has shelved its contract with Helix Robotics."
    claims: [{kind: client_change, subject: Corvid Analytics, object: Helix Robotics, normalized: shelve}]
`
	if err := os.WriteFile(filepath.Join(dir, "client_change.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	check := func(texts ...string) []Finding {
		var claims []extract.Claim
		pub := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
		for i, text := range texts {
			cs, err := x.ExtractText(string(rune('a'+i))+".txt", text, pub)
			if err != nil {
				t.Fatal(err)
			}
			for k := range cs {
				cs[k].Published = "2024-05-02"
			}
			claims = append(claims, cs...)
		}
		return Reconcile(claims, Options{Rules: set})
	}
	shelved := "Corvid Analytics has shelved its contract with Helix Robotics."
	if fs := check(shelved, "Corvid Analytics has paused its contract with Helix Robotics."); len(fs) != 0 {
		t.Errorf("shelved and paused are declared compatible, got %+v", fs)
	}
	fs := check(shelved, "Corvid Analytics has ended its contract with Helix Robotics.")
	if len(fs) != 1 || fs[0].Severity != SeverityMedium || !strings.Contains(fs[0].Message, "Corvid Analytics' dealings with Helix Robotics") {
		t.Fatalf("want one medium conflict named by the rule's message, got %+v", fs)
	}
}

// TestFactKeysKeepFindingIDs: the fact a claim states is the key that
// finding ids hash, so the declarations must give the keys the code gave
// before them: a changed key reopens every verdict an editor gave.
func TestFactKeysKeepFindingIDs(t *testing.T) {
	r := newRun(Options{})
	tests := []struct {
		c    extract.Claim
		want string
		ok   bool
	}{
		{extract.Claim{Kind: extract.KindInvestment, Subject: "Orbital", Object: "Helix", Status: extract.StatusExpected, Aspect: extract.AspectBound,
			Value: extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: 5e9, Hi: 5e9}}, "|USD||", true},
		{extract.Claim{Kind: extract.KindInvestment, Subject: "Orbital", Object: "Helix", Aspect: extract.AspectTranche,
			Value: extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: 40, Hi: 40}}, "|USD|tranche|per_share", true},
		{extract.Claim{Kind: extract.KindInvestment, Subject: "Orbital"}, "", false},
		{extract.Claim{Kind: extract.KindStake, Subject: "Orbital", Object: "Helix", Aspect: extract.AspectBefore}, "||", true},
		{extract.Claim{Kind: extract.KindStake, Subject: "Orbital", Object: "Helix", Aspect: extract.AspectBound}, "", false},
		{extract.Claim{Kind: extract.KindValuation, Subject: "Helix", Aspect: extract.AspectAfter, Event: "change"}, "||after", true},
		{extract.Claim{Kind: extract.KindValuation, Subject: "Helix", Aspect: extract.AspectAfter}, "||", true},
		{extract.Claim{Kind: extract.KindRevenue, Subject: "Helix", Status: extract.StatusTarget, Value: extract.Value{Currency: "EUR", Rate: "year"}}, "target|EUR|year", true},
		{extract.Claim{Kind: extract.KindEventDate, Subject: "Helix", Event: "founded"}, "founded", true},
		{extract.Claim{Kind: extract.KindEventDate, Subject: "Orbital", Object: "Helix", Event: "closed", Status: extract.StatusForecast}, "closed|forecast", true},
		{extract.Claim{Kind: extract.KindEventDate, Subject: "Orbital", Event: "closed"}, "", false},
		{extract.Claim{Kind: extract.KindGrowth, Subject: "Helix", Event: "revenue"}, "", false},
		{extract.Claim{Kind: extract.KindRole, Subject: "Ana Gil", Object: "Helix", Aspect: extract.AspectBefore}, "", false},
		{extract.Claim{Kind: extract.KindTicker, Subject: "Helix"}, "", true},
		{extract.Claim{Kind: extract.KindCompanyStatus, Subject: "Helix"}, "", false},
	}
	for _, tc := range tests {
		k, ok := r.keyOf(&tc.c)
		if ok != tc.ok || ok && k.scope != tc.want {
			t.Errorf("%s %+v: key %q %v, want %q %v", tc.c.Kind, tc.c, k.scope, ok, tc.want, tc.ok)
		}
	}
}

// TestTickerHistory: with a listing history a symbol is checked as of its
// article: the company's while it traded, a finding once it was given up,
// and still a finding when the symbol was never the company's.
func TestTickerHistory(t *testing.T) {
	set, x := builtinExtractor(t)
	listing, err := rules.ParseListing("history.csv", strings.NewReader("symbol,company,exchange,listed,delisted\n"+
		"ORBT,Orbital Holdings Inc.,NYSE,2015-03-02,2024-06-30\nORBT,Orbit Foods Corp.,NASDAQ,2025-01-15,\n"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(published string) []Finding {
		day, _ := time.Parse("2006-01-02", published)
		cs, err := x.ExtractText("a.txt", "Orbital Holdings (NYSE: ORBT) said it would buy Vega Robotics.", day)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			cs[i].Published = published
		}
		return Reconcile(cs, Options{Rules: set, Listing: listing})
	}
	if fs := check("2022-05-02"); len(fs) != 0 {
		t.Errorf("while Orbital traded as ORBT: %+v", fs)
	}
	fs := check("2025-05-02")
	if len(fs) != 1 || fs[0].Type != TypeUnverifiedTicker || !strings.Contains(fs[0].Message, "listed 2015-03-02 to 2024-06-30") {
		t.Fatalf("after Orbital gave ORBT up: %+v", fs)
	}
}
