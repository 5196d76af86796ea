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
		{"weekday", "Orbital Systems announced on Tuesday that it would buy Vega Robotics for $2 billion.", "2024-02/2024-03"},
		{"today", "Orbital Systems announced today that it would buy Vega Robotics for $2 billion.", "2024-03"},
		{"a stated day stays", "Orbital Systems announced on March 12, 2024 that it would buy Vega Robotics for $2 billion.", "2024-03-12"},
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
	builders = append(append([]Builder(nil), saved...), Builder{Name: "broken", run: func(*sentCtx) { panic("index out of range") }})
	cs, err := x.ExtractText("sub/broken.txt", "Orbital Systems invested $2 billion in Vega Robotics.", time.Time{})
	if err == nil || !strings.Contains(err.Error(), "sub/broken.txt") || !strings.Contains(err.Error(), "index out of range") || cs != nil {
		t.Fatalf("claims %v, err %v: want an error naming the article and the panic", cs, err)
	}
}

// TestTitleCaseHeadline checks that the capitalised verbs and nouns of a
// Title-Case headline do not join the names beside them.
func TestTitleCaseHeadline(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		name, text   string
		kind         Kind
		subject, obj string
		notParty     string // no claim may name this party
	}{
		{"verb after a name", "Orbis Completes $3 Billion Takeover Of Calder\n\nOn Monday, Orbis said it had completed its $3 billion takeover of Calder, the robotics maker.",
			KindInvestment, "Orbis", "Calder", "Orbis Completes"},
		{"a headline asking a question", "Will Orbis Complete Its $3 Billion Takeover Of Calder?\n\nOn Monday, Orbis said it had agreed to a $3 billion takeover of Calder, the robotics maker.",
			KindInvestment, "Orbis", "Calder", "Will Orbis Complete"},
		{"investment verb in a headline, past", "Vantor Poured $4B Into Robotics Startup Quillon\n\nOn Monday, Vantor said the money would fund a factory for Quillon.",
			KindInvestment, "Vantor", "Quillon", "Vantor Poured"},
		{"investment verb in a headline", "Vantor Pours $4B Into Robotics Startup Quillon\n\nOn Monday, Vantor said the money would fund a factory for Quillon.",
			KindInvestment, "Vantor", "Quillon", "Vantor Pours"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mustExtract(t, x, "t.txt", tc.text, time.Time{})
			found := false
			for _, c := range got {
				if c.Subject == tc.notParty || c.Object == tc.notParty {
					t.Errorf("party %q in %s", tc.notParty, Describe(c))
				}
				if c.Kind == tc.kind && c.Subject == tc.subject && c.Object == tc.obj {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s %q→%q in%s", tc.kind, tc.subject, tc.obj, describeAll(got))
			}
		})
	}
}

// orgNames returns the organisation names extraction finds in a text.
func orgNames(t *testing.T, x *Extractor, text string) map[string]bool {
	t.Helper()
	a := newArtState(x, "t.txt", text, time.Time{}, "", false)
	a.read()
	names := map[string]bool{}
	for _, ms := range a.ents {
		for _, m := range ms {
			if m.ref == refName && !a.isPerson(m) {
				names[a.canonical(m.name)] = true
			}
		}
	}
	return names
}

// TestHeadingsHoldNoStrayNames checks that the words of headings, labels
// and recommendation lists are no organisations, without listing them.
func TestHeadingsHoldNoStrayNames(t *testing.T) {
	x := builtinExtractor(t)
	text := "Vega Robotics Loses Its Biggest Clients\n\n" +
		"Orbital Systems ended its contract with Vega Robotics in May, and Pinecrest Software cut its spending with Vega Robotics.\n\n" +
		"Verdict: Neutral Vendors Win The Fallout\n\n" +
		"Neutral vendors gained as clients left. Some call them “Sweden” suppliers.\n\n" +
		"The Migration and Its Cost\n\n" +
		"Analysts said the migration would take a year.\n\n" +
		"Bottom Line:\n" +
		"- Buy: Pinecrest Software.\n" +
		"- Sell: Vega Robotics until its clients return.\n" +
		"- Watch the migration closely.\n\n" +
		"Caveat: This note is no advice.\n"
	names := orgNames(t, x, text)
	for _, want := range []string{"Vega Robotics", "Orbital Systems", "Pinecrest Software"} {
		if !names[want] {
			t.Errorf("missing %q in %v", want, names)
		}
	}
	for n := range names {
		switch n {
		case "Vega Robotics", "Orbital Systems", "Pinecrest Software", "":
		default:
			t.Errorf("stray name %q", n)
		}
	}
}

// TestTableRowsAreStatements checks that a table row read as "Label:
// value" is a statement whose names are found, not a heading.
func TestTableRowsAreStatements(t *testing.T) {
	x := builtinExtractor(t)
	text := "Orbital Systems takes stakes in robotics makers\n\nOrbital Systems said on Monday it had bought minority stakes.\n\nVega Robotics — Stake: 20%; Price: $3bn"
	for _, c := range mustExtract(t, x, "t.txt", text, time.Time{}) {
		if c.Kind == KindStake && (c.Subject == "Vega Robotics" || c.Object == "Vega Robotics") {
			return
		}
	}
	t.Errorf("no stake naming Vega Robotics in%s", describeAll(mustExtract(t, x, "t.txt", text, time.Time{})))
}

// TestPeriodStaysInItsClause: a date in a relative clause dates that
// clause's verb, not a figure of the main clause after it.
func TestPeriodStaysInItsClause(t *testing.T) {
	x := builtinExtractor(t)
	cs, err := x.ExtractText("a.txt", "Verant Pharma, which first partnered with Solace Bio in 2023, will also buy $50 million of Solace Bio stock.", time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cs {
		if c.Kind == KindInvestment && c.Normalized == "USD 50000000" {
			found = true
			if c.Period != "" {
				t.Errorf("the $50 million is dated %q by the relative clause's 2023", c.Period)
			}
		}
	}
	if !found {
		t.Fatalf("no $50 million investment in %+v", cs)
	}
}

// TestShareCounts: a company's own shares are evidence for the price-per-
// share check; shares bought of another are not its count.
func TestShareCounts(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		text, owner string
		count       float64
	}{
		{"Calloway will pay $52 a share for Brisk Systems' 150 million shares outstanding.", "Brisk Systems", 150e6},
		{"Brisk Systems has 1.2 billion ordinary shares outstanding.", "Brisk Systems", 1.2e9},
		{"Orbital Systems bought 150 million shares of Vega Robotics.", "", 0},
	}
	for _, tc := range tests {
		cs, err := x.ExtractText("a.txt", tc.text, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var got []Claim
		for _, c := range cs {
			if c.Kind == KindShareCount {
				got = append(got, c)
			}
		}
		switch {
		case tc.owner == "" && len(got) != 0:
			t.Errorf("%q: counted %+v", tc.text, got)
		case tc.owner != "" && (len(got) != 1 || got[0].Subject != tc.owner || got[0].Value.Lo != tc.count):
			t.Errorf("%q: got %+v, want %s with %g", tc.text, got, tc.owner, tc.count)
		}
	}
}
