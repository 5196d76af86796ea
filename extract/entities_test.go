package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

// TestReferences checks that each way of naming a party resolves to one
// canonical entity.
func TestReferences(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		name, text   string
		kind         Kind
		subject, obj string
	}{
		{"alias", "Meta Platforms invested $10 billion in Helix Robotics.", KindInvestment, "Meta", "Helix Robotics"},
		{"leader's company", "Helix Robotics said the deal gives Mark Zuckerberg's company a 49% stake in Helix Robotics.", KindStake, "Meta", "Helix Robotics"},
		{"descriptor", "Helix Robotics builds arms for factories. Meta now holds a 49% stake in the robotics firm.", KindStake, "Meta", "Helix Robotics"},
		{"short form", "Helix Robotics is growing. Analysts said Meta holds a 20% stake in Helix.", KindStake, "Meta", "Helix Robotics"},
		{"pronoun", "Orbital Labs had a strong year. Its 2024 revenue of $870 million beat forecasts.", KindRevenue, "Orbital Labs", ""},
		{"possessive", "Orbital Labs' valuation reached $2 billion.", KindValuation, "Orbital Labs", ""},
		{"subject recovered from the article", "The $14.3 billion investment by into Helix Robotics surprised many. The deal grants Meta a 49% stake.", KindInvestment, "Meta", "Helix Robotics"},
		{"appositive", "Google, Helix Robotics's largest client and a rival of Meta, swiftly moved to terminate its contract with Helix Robotics.", KindClientChange, "Google", "Helix Robotics"},
		{"appositive with a name inside", "Corvid Analytics, a Helix Robotics client since 2023, has ended its contract with Helix Robotics, citing costs.", KindClientChange, "Corvid Analytics", "Helix Robotics"},
		{"coordinated clients", "Microsoft and Elon Musk's xAI are backing away from Helix Robotics.", KindClientChange, "xAI", "Helix Robotics"},
		{"outlet is no party", "According to Bloomberg, Meta invested $5 billion in Helix Robotics.", KindInvestment, "Meta", "Helix Robotics"},
		{"a product is no party", "Amazon will invest in Helix Robotics, maker of the Claude chatbot, with $1.25 billion committed initially.", KindInvestment, "Amazon", "Helix Robotics"},
		{"its total is the investor's", "Amazon invested a further $2.75 billion in Helix Robotics, bringing its total investment to $4 billion.", KindInvestment, "Amazon", "Helix Robotics"},
		{"a known name after a common word", "Helix Robotics grew. Rival Cohere (NYSE: COHR) is raising money.", KindTicker, "Cohere", ""},
		{"its total after a tranche", "Amazon said it would invest another $4 billion in Helix Robotics, bringing its total investment in the start-up to $8 billion.", KindInvestment, "Amazon", "Helix Robotics"},
		{"holding", "In March 2024, Amazon added a further $2.5 billion to its Helix Robotics holding.", KindInvestment, "Amazon", "Helix Robotics"},
		{"one word opening a sentence, glossed with its ticker", "Quillon (NASDAQ: QLLN) grew quickly.", KindTicker, "Quillon", ""},
		{"one word opening a sentence, glossed with its symbol", "Quillon (QLLN) grew quickly.", KindTicker, "Quillon", ""},
		{"a place modifying a descriptor is no party", "Quillon, the San Francisco data-labeling startup, said it was valued at $6 billion.", KindValuation, "Quillon", ""},
		{"a place modifying a descriptor is no party, with a determiner", "SoftBank invested $600 million in the Berlin robotics firm Quillon.", KindInvestment, "SoftBank", "Quillon"},
		{"a symbol after 'ticker' is no party", "Quillon listed on the Nasdaq in 2020 under the ticker QLLN. It laid off 300 employees in February.", KindHeadcountChange, "Quillon", ""},
		{"a name ending in AI opening a sentence", "Kestrane AI (NASDAQ: KSTR) competes with Duolingo.", KindTicker, "Kestrane AI", ""},
		{"a funding series is no party", "Quillon raised $175 million in a Series C round that valued it at $1.2 billion.", KindValuation, "Quillon", ""},
		{"its is the clause's subject, not a name after 'by'", "Kestrane AI, founded in 2019 by former Google engineers, says its annual revenue tripled to $45 million last year.", KindRevenue, "Kestrane AI", ""},
		{"the company valued is not the round's leader", "Kestrane AI closed a $150 million round led by Redwood Ventures, which values the company at $1.2 billion.", KindValuation, "Kestrane AI", ""},
		{"the first word of a name the article opened a sentence with", "Pinecrest Software eliminated 250 jobs in May. Pinecrest CFO Omar Haddad is staying on.", KindRole, "Omar Haddad", "Pinecrest Software"},
		{"a nationality modifying a descriptor before a name is no party", "Lumora AG will buy a 30 percent stake in Spanish battery maker Brisa Energía for 900 million euros.", KindStake, "Lumora", "Brisa Energía"},
		{"a one-word name opening a sentence, then an adverb and a verb", "Orbital Ventures backed Vega Robotics. Orbital now owns 15% of Vega Robotics.", KindStake, "Orbital Ventures", "Vega Robotics"},
		{"a month ending a sentence is no party", "Quillon (NASDAQ: QLLN) hired 40 engineers in May.", KindHeadcountChange, "Quillon", ""},
		{"a month ending a sentence is no party, a descriptor is", "Quillon makes sensors. The startup hired 40 engineers in May.", KindHeadcountChange, "Quillon", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mustExtract(t, x, "t.txt", tc.text, time.Time{})
			for _, c := range got {
				if c.Kind == tc.kind && c.Subject == tc.subject && c.Object == tc.obj {
					return
				}
			}
			t.Errorf("want %s %q→%q in%s", tc.kind, tc.subject, tc.obj, describeAll(got))
		})
	}
}

func TestHedgingAttributionNegation(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		name, text  string
		want        int // investment claims
		hedged      bool
		attribution string
	}{
		{"plain", "Meta invested $10 billion in Helix Robotics.", 1, false, ""},
		{"reportedly", "Meta reportedly invested $10 billion in Helix Robotics.", 1, true, ""},
		{"people familiar", "Meta invested $10 billion in Helix Robotics, according to people familiar with the matter.", 1, true, ""},
		{"rumored", "Meta is rumored to have invested $10 billion in Helix Robotics.", 1, true, ""},
		{"attributed", "According to Bloomberg, Meta invested $10 billion in Helix Robotics.", 1, false, "Bloomberg"},
		{"wire", "Reuters reported that Meta invested $10 billion in Helix Robotics.", 1, false, "Reuters"},
		{"negated", "Meta did not invest $10 billion in Helix Robotics.", 0, false, ""},
		{"never", "Meta never invested $10 billion in Helix Robotics.", 0, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var inv []Claim
			for _, c := range mustExtract(t, x, "t.txt", tc.text, time.Time{}) {
				if c.Kind == KindInvestment {
					inv = append(inv, c)
				}
			}
			if len(inv) != tc.want {
				t.Fatalf("got %d investment claims%s, want %d", len(inv), describeAll(inv), tc.want)
			}
			if tc.want == 0 {
				return
			}
			if inv[0].Hedged != tc.hedged || inv[0].Attribution != tc.attribution {
				t.Errorf("hedged=%v attribution=%q, want %v %q", inv[0].Hedged, inv[0].Attribution, tc.hedged, tc.attribution)
			}
		})
	}
}

// FuzzExtract: extraction never panics, every span lies inside the text and
// matches the claim's text, and everything it returns is valid UTF-8.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Meta invested $14.3 billion in Scale AI.",
		"The $15 billion investment in Scale AI, announced in late 2024, grants Meta a 49% stake.",
		"Mercor (NASDAQ: MERC) rose 18% YTD. Jonathan Siddharth, CEO of Turing, said so.",
		"Google has paused Scale projects, and 500 contractors were cut in Q2.",
		"from $12 billion in 2023 to $40 billion by 2028, a CAGR of 22%",
		"\xff\xfe$1bn (NYSE:", "$$$ 1..2 billion", "(((A)))", "Q5 2025 H3",
	} {
		f.Add(s)
	}
	x := builtinExtractor(f)
	pub := time.Date(2025, 6, 18, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // corpus hands extraction valid UTF-8 only
		}
		for _, c := range mustExtract(t, x, "f.txt", text, pub) {
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
				t.Fatalf("span %d:%d outside text of %d bytes", c.Start, c.End, len(text))
			}
			if text[c.Start:c.End] != c.Text {
				t.Fatalf("span text %q != claim text %q", text[c.Start:c.End], c.Text)
			}
			if c.SentStart > c.Start || c.SentEnd < c.End || text[c.SentStart:c.SentEnd] != c.Sentence {
				t.Fatalf("sentence span %d:%d does not hold the claim or its sentence", c.SentStart, c.SentEnd)
			}
			for _, s := range []string{c.Text, c.Sentence, c.Subject, c.Object, c.Normalized, c.Attribution} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
		}
	})
}

// TestPeriodNotFromCompanyEvents: a year that dates the company (its
// founding, its listing) is not the period of a figure beside it.
func TestPeriodNotFromCompanyEvents(t *testing.T) {
	x := builtinExtractor(t)
	for _, text := range []string{
		"Quillon Health, which went public in 2021, said quarterly revenue rose to $410 million.",
		"Quillon Health, which was founded in 2016, said quarterly revenue rose to $410 million.",
		"Quillon Health, listed in 2020, said quarterly revenue rose to $410 million.",
	} {
		var revenue []Claim
		for _, c := range mustExtract(t, x, "t.txt", text, time.Time{}) {
			if c.Kind == KindRevenue {
				revenue = append(revenue, c)
			}
		}
		if len(revenue) != 1 || revenue[0].Period != "" {
			t.Errorf("%q: revenue claims%s, want one without a period", text, describeAll(revenue))
		}
	}
}

// TestYearEarlier: "from $200 million a year earlier" is the figure for the
// year before the one the sentence gives; "a year ago", the year before
// publication.
//
// "in the years after" a year the sentence gives is the years from the
// next one to the article's: not the article's own time, which an undated
// figure would be read as.
func TestYearEarlier(t *testing.T) {
	x := builtinExtractor(t)
	pub := time.Date(2025, 5, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text       string
		kind       Kind
		normalized string
		period     string
	}{
		{"Cobalt's revenue rose to $300 million in 2024 from $200 million a year earlier.", KindRevenue, "USD 200000000", "2023"},
		{"Cobalt's revenue was $200 million a year ago.", KindRevenue, "USD 200000000", "2024"},
		{"Orbital Systems bought into Helix Robotics for $600 million in 2017, then invested $900 million more in the years after.", KindInvestment, "USD 900000000", "2018/2025"},
		{"Orbital Systems put $1 billion into Helix Robotics in 2021, and invested $3 billion in the following years.", KindInvestment, "USD 3000000000", "2022/2025"},
	}
	for _, tc := range tests {
		found := false
		for _, c := range mustExtract(t, x, "t.txt", tc.text, pub) {
			if c.Kind == tc.kind && c.Normalized == tc.normalized {
				found = true
				if c.Period != tc.period {
					t.Errorf("%q: period %q, want %q", tc.text, c.Period, tc.period)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s claim of %s", tc.text, tc.kind, tc.normalized)
		}
	}
}

// TestEventDateNotAcrossComma: "founded in 2017, reported 2024 sales"
// dates the founding once; the year after the comma belongs to the sales.
func TestEventDateNotAcrossComma(t *testing.T) {
	x := builtinExtractor(t)
	var dates []Claim
	for _, c := range mustExtract(t, x, "t.txt", "Brisa Energía, founded in 2017, reported 2024 sales of 410 million euros.", time.Time{}) {
		if c.Kind == KindEventDate {
			dates = append(dates, c)
		}
	}
	if len(dates) != 1 || dates[0].Normalized != "2017" {
		t.Errorf("event dates%s, want one, 2017", describeAll(dates))
	}
}

// TestUpFrom: "…reach $1 billion this year, up from about $600 million in
// 2024" states the earlier figure of the same kind, as an actual one.
func TestUpFrom(t *testing.T) {
	x := builtinExtractor(t)
	text := "Zenith Labs's revenue is expected to reach $1 billion this year, up from about $600 million in 2024."
	for _, c := range mustExtract(t, x, "t.txt", text, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) {
		if c.Text == "about $600 million" {
			if c.Kind != KindRevenue || c.Subject != "Zenith Labs" || c.Period != "2024" || c.Status != StatusActual {
				t.Errorf("got %s %q period %q status %q", c.Kind, c.Subject, c.Period, c.Status)
			}
			return
		}
	}
	t.Errorf("no claim for about $600 million")
}

func TestProductCode(t *testing.T) {
	for code, want := range map[string]bool{
		"TSX-204": true, "GPT-4": true, "AZD-1222b": true, "F-35": true,
		"Rolls-Royce": false, "Coca-Cola": false, "X-Energy": false, "July-September": false,
		"ABCDEF-1": false, "TSX-": false, "-204": false, "TSX-20ab": false, "tsx-204": false,
	} {
		if got := productCode(code); got != want {
			t.Errorf("productCode(%q) = %v, want %v", code, got, want)
		}
	}
}
