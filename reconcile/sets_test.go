package reconcile

import (
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

type article struct {
	name, text, published string
}

func reconcileSet(t *testing.T, arts []article) ([]Finding, map[string]extract.Claim) {
	t.Helper()
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	var claims []extract.Claim
	for _, a := range arts {
		var pub time.Time
		if a.published != "" {
			pub, _ = time.Parse("2006-01-02", a.published)
		}
		cs := x.ExtractText(a.name, a.text, pub)
		for i := range cs {
			cs[i].Published = a.published
		}
		claims = append(claims, cs...)
	}
	listing := rules.NewListing("test listing", "2026-08-22", []rules.Security{
		{Symbol: "MERC", Exchange: "NASDAQ", Company: "Mercer International Inc."},
		{Symbol: "NVDA", Exchange: "NASDAQ", Company: "NVIDIA Corporation"},
		{Symbol: "ORBT", Exchange: "NYSE", Company: "Orbital Holdings Inc."},
	})
	byID := map[string]extract.Claim{}
	for _, c := range claims {
		byID[c.ID] = c
	}
	return Reconcile(claims, Options{Rules: set, Listing: listing}), byID
}

// want is a finding a set must give: its type and kind, and text that must
// stand in the sentences of the claims it cites.
type want struct {
	typ      Type
	kind     extract.Kind
	evidence []string
	message  string // in the message, when set
}

func TestArticleSets(t *testing.T) {
	tests := []struct {
		name string
		arts []article
		want []want // exactly these findings
	}{
		{"different amounts conflict", []article{
			{"a.txt", "Orbital invested $15 billion in Helix Robotics.", ""},
			{"b.txt", "Orbital invested $14.3 billion in Helix Robotics.", ""},
			{"c.txt", "Orbital's $14.3 billion investment in Helix Robotics surprised analysts.", ""},
		}, []want{{TypeConflict, extract.KindInvestment, []string{"$15 billion", "$14.3 billion"}, "$15 billion (1 article) vs $14.3 billion (2 articles) for Orbital's investment in Helix Robotics"}}},
		{"rounding is no conflict", []article{
			{"a.txt", "Orbital invested $14 billion in Helix Robotics.", ""},
			{"b.txt", "Orbital invested $14.3 billion in Helix Robotics.", ""},
		}, nil},
		{"a bound is no conflict", []article{
			{"a.txt", "The deal values Helix Robotics at over $29 billion.", ""},
			{"b.txt", "The deal values Helix Robotics at $29 billion.", ""},
		}, nil},
		{"before and after are different facts", []article{
			{"a.txt", "The round lifted Helix Robotics's valuation from $14 billion to $29 billion.", ""},
			{"b.txt", "Helix Robotics is now valued at $29 billion.", ""},
		}, nil},
		{"two deals in two years", []article{
			{"a.txt", "Orbital invested $1 billion in Helix Robotics in 2019. Orbital invested $10 billion in Helix Robotics in 2023.", ""},
			{"b.txt", "Orbital invested $10 billion in Helix Robotics in 2023.", ""},
		}, nil},
		{"revenue in two years", []article{
			{"a.txt", "Helix Robotics reported revenue of $870 million for 2024.", ""},
			{"b.txt", "Helix Robotics reported revenue of $2 billion for 2025.", ""},
		}, nil},
		{"a tranche and the running total", []article{
			{"a.txt", "In March 2024, Orbital invested a further $2.75 billion in Helix Robotics, bringing its total investment to $4 billion.", "2024-03-28"},
			{"b.txt", "Orbital has invested $4 billion in Helix Robotics in total.", "2024-04-02"},
		}, nil},
		{"running totals months apart", []article{
			{"a.txt", "Orbital has invested $4 billion in Helix Robotics in total.", "2024-03-28"},
			{"b.txt", "Orbital has invested $8 billion in Helix Robotics in total.", "2024-11-22"},
		}, nil},
		{"a stake before and after a recapitalisation", []article{
			{"a.txt", "In 2023, Orbital held a 49% stake in Helix Robotics.", ""},
			{"b.txt", "After the 2025 recapitalisation, Orbital holds a 27% stake in Helix Robotics.", ""},
		}, nil},
		{"stakes that disagree", []article{
			{"a.txt", "Orbital acquired a 49% stake in Helix Robotics.", ""},
			{"b.txt", "Orbital acquired a 40% stake in Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindStake, []string{"49%", "40%"}, "for Orbital's stake in Helix Robotics"}}},
		{"symbols a US listing cannot judge", []article{
			{"a.txt", "NVIDIA (NVDA.O) and Shopify (TSX: SHOP) gained, while Helix Robotics (OTC: HLXR) fell.", ""},
		}, nil},
		{"currencies are never compared", []article{
			{"a.txt", "Orbital invested $1 billion in Helix Robotics.", ""},
			{"b.txt", "Orbital invested €2 billion in Helix Robotics.", ""},
		}, nil},
		{"dates of one announcement", []article{
			{"a.txt", "Orbital's investment in Helix Robotics, announced in late 2024, shook the sector.", ""},
			{"b.txt", "In June 2025, Orbital announced it had invested in Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindEventDate, []string{"late 2024", "June 2025"}, "late 2024"}}},
		{"each round announced as news is its own deal", []article{
			{"a.txt", "Orbital announced on Monday it will invest $1 billion in Helix Robotics.", "2023-09-25"},
			{"b.txt", "Orbital announced on Wednesday it will invest another $2 billion in Helix Robotics.", "2024-03-27"},
			{"c.txt", "Orbital said on Friday it will invest a further $4 billion in Helix Robotics.", "2024-11-22"},
		}, nil},
		{"an announcement told later against the news of it", []article{
			{"a.txt", "Orbital Systems said on Tuesday it will invest $2 billion in Helix Robotics.", "2023-09-12"},
			{"b.txt", "Orbital Systems said on Thursday it will invest $2 billion in Helix Robotics.", "2023-09-14"},
			{"c.txt", "The deal, first announced in early 2023, saw Orbital Systems invest $2 billion in Helix Robotics.", "2024-02-06"},
		}, []want{{TypeConflict, extract.KindEventDate, []string{"announced in early 2023", "said on Tuesday"}, "early 2023"}}},
		{"an announcement years before the news is another deal's", []article{
			{"a.txt", "Orbital Systems said on Tuesday it will invest $2 billion in Helix Robotics.", "2023-09-12"},
			{"b.txt", "Orbital Systems first announced its investment in Helix Robotics in 2019.", "2024-02-06"},
		}, nil},
		{"an expected closing is not the closing", []article{
			{"a.txt", "Orbital agreed to buy Helix Robotics for $2 billion. The deal is expected to close in the first half of 2025.", "2024-10-15"},
			{"b.txt", "Orbital said on Tuesday it had completed its $2 billion acquisition of Helix Robotics.", "2025-07-08"},
		}, nil},
		{"two expected closings", []article{
			{"a.txt", "Orbital agreed to buy Helix Robotics for $2 billion. The deal is expected to close in the first half of 2025.", "2024-10-15"},
			{"b.txt", "Orbital agreed to buy Helix Robotics for $2 billion. Orbital said it expected the transaction to close in September 2025.", "2025-02-12"},
		}, []want{{TypeConflict, extract.KindEventDate, []string{"first half of 2025", "September 2025"}, "expected"}}},
		{"an expected closing naming only the buyer joins the buyer's deal", []article{
			{"a.txt", "Orbital agreed to buy Helix Robotics for $2 billion. The deal is expected to close in the first half of 2025.", "2024-10-15"},
			{"b.txt", "Orbital agreed to buy Helix Robotics for $2 billion, its largest deal.", "2024-10-16"},
			{"c.txt", "Orbital agreed to pay $2 billion in cash for the shares it did not own. Orbital said it expected the transaction to close in September 2025.", "2025-02-12"},
		}, []want{{TypeConflict, extract.KindEventDate, []string{"first half of 2025", "September 2025"}, "expected"}}},
		{"a buyer of two companies leaves a date naming only it unplaced", []article{
			{"a.txt", "Orbital agreed to buy Helix Robotics for $2 billion. The deal is expected to close in the first half of 2025.", "2024-10-15"},
			{"b.txt", "Orbital agreed to buy Vega Labs for $1 billion. The deal is expected to close in the second half of 2025.", "2024-10-16"},
			{"c.txt", "Orbital agreed to pay $2 billion in cash for the shares it did not own. Orbital said it expected the transaction to close in September 2025.", "2025-02-12"},
		}, nil},
		{"an article telling two rounds shows two deals", []article{
			{"a.txt", "Orbital Systems first announced on July 22, 2019 that it would invest $1 billion in Helix Robotics. Orbital Systems announced on Jan. 23, 2023 that it would invest $10 billion more in Helix Robotics.", "2025-10-28"},
			{"b.txt", "Orbital Systems announced in January 2023 a $10 billion investment in Helix Robotics.", "2024-05-02"},
		}, nil},
		{"a contradiction inside one article", []article{
			{"a.txt", "Orbital invested $2 billion in Helix Robotics. Later in the same report, Orbital invested $3 billion in Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindInvestment, []string{"$2 billion", "$3 billion"}, "both stated in a.txt"}}},
		{"hedged claims count and say so", []article{
			{"a.txt", "Orbital invested $2 billion in Helix Robotics.", ""},
			{"b.txt", "Orbital invested $2 billion in Helix Robotics, a filing shows.", ""},
			{"c.txt", "Orbital reportedly invested $3 billion in Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindInvestment, []string{"$3 billion", "$2 billion"}, "(1 article, hedged)"}}},
		{"syndicated copies are one source", []article{
			{"a.txt", "Orbital invested $2 billion in Helix Robotics, the company said.", ""},
			{"b.txt", "Orbital invested $2 billion in Helix Robotics, the company said.", ""},
			{"c.txt", "Orbital invested $3 billion in Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindInvestment, []string{"$3 billion", "$2 billion"}, "(2 articles, 1 independent)"}}},
		{"client ended vs reviewing", []article{
			{"a.txt", "Corvid Analytics has ended its contract with Helix Robotics.", ""},
			{"b.txt", "Corvid Analytics is reviewing its contract with Helix Robotics.", ""},
		}, []want{{TypeConflict, extract.KindClientChange, []string{"ended its contract", "reviewing its contract"}, "terminate"}}},
		{"reducing and reviewing agree", []article{
			{"a.txt", "Corvid Analytics is reducing its reliance on Helix Robotics.", ""},
			{"b.txt", "Corvid Analytics is reviewing its contract with Helix Robotics.", ""},
		}, nil},
		{"tickers", []article{
			{"a.txt", "Rivals such as Mercor (NASDAQ: MERC) and Turing (NASDAQ: TRNG) are growing, while NVIDIA (NVDA) supplies chips.", ""},
			{"b.txt", "Mercor is a privately held company. Keep an eye on Mercor's rumored IPO.", ""},
		}, []want{
			{TypeUnverifiedTicker, extract.KindTicker, []string{"Mercor (NASDAQ: MERC)"}, "MERC is Mercer International Inc. (NASDAQ), not Mercor; Mercor is private"},
			{TypeUnverifiedTicker, extract.KindTicker, []string{"Turing (NASDAQ: TRNG)"}, "checked against test listing, 2026-08-22"},
		}},
		{"a company said not to be publicly traded", []article{
			{"a.txt", "Analysts say Quillon (NASDAQ: QLLN) grew quickly.", ""},
			{"b.txt", "Quillon is not publicly traded.", ""},
		}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Quillon (NASDAQ: QLLN)"}, "Quillon is private"}}},
		{"a ticker on another exchange", []article{
			{"a.txt", "Shares of Orbital Holdings (NASDAQ: ORBT) rose.", ""},
		}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Orbital Holdings (NASDAQ: ORBT)"}, "trades on NYSE, not NASDAQ"}}},
		{"stake times valuation", []article{
			{"a.txt", "Orbital paid $4 billion for a 15% stake in Helix Robotics, which was valued at $18.4 billion.", ""},
		}, []want{{TypeInconsistent, extract.KindStake, []string{"15% stake"}, "is about $2.76 billion, not $4 billion"}}},
		{"stake times valuation that holds", []article{
			{"a.txt", "Orbital paid $14.3 billion for a 49% stake in Helix Robotics, which was valued at $29 billion.", ""},
		}, nil},
		{"cagr across articles", []article{
			{"a.txt", "The AI data market is growing at a compound annual growth rate of 22%.", ""},
			{"b.txt", "The AI data market is projected to grow from $12 billion in 2023 to $40 billion by 2028.", ""},
		}, []want{{TypeInconsistent, extract.KindGrowth, []string{"22%", "$40 billion"}, "27% CAGR, not the stated 22%"}}},
		{"cagr that holds", []article{
			{"a.txt", "The AI data market will grow from $12 billion in 2023 to $40 billion by 2028, a compound annual growth rate of 27%.", ""},
		}, nil},
		{"parts vs total", []article{
			{"a.txt", "Orbital committed $1.25 billion initially to Helix Robotics. In March 2024, Orbital invested a further $2.5 billion in Helix Robotics, bringing its total investment to $4.0 billion.", ""},
		}, []want{{TypeInconsistent, extract.KindInvestment, []string{"$1.25 billion", "$2.5 billion", "$4.0 billion"}, "does not make the stated total of $4 billion"}}},
		{"parts vs a rounded total", []article{
			{"a.txt", "Orbital committed $1.25 billion initially to Helix Robotics. In March 2024, Orbital invested a further $2.5 billion in Helix Robotics, bringing its total investment to $4 billion.", ""},
		}, nil},
		{"doubled vs the values", []article{
			{"a.txt", "The round tripled Helix Robotics's valuation from $14 billion to $29 billion.", ""},
		}, []want{{TypeInconsistent, extract.KindGrowth, []string{"tripled"}, "is 2.1x, not the stated 3x"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, claims := reconcileSet(t, tc.arts)
			used := map[int]bool{}
			for _, w := range tc.want {
				ok := false
				for i, f := range got {
					if used[i] || f.Type != w.typ || f.Kind != w.kind || !strings.Contains(f.Message, w.message) {
						continue
					}
					cited := true
					for _, ev := range w.evidence {
						found := false
						for _, id := range f.Claims {
							found = found || strings.Contains(claims[id].Sentence, ev)
						}
						cited = cited && found
					}
					if cited {
						used[i], ok = true, true
						break
					}
				}
				if !ok {
					t.Errorf("missing %s %s citing %q with message containing %q", w.typ, w.kind, w.evidence, w.message)
				}
			}
			for i, f := range got {
				if !used[i] {
					t.Errorf("unexpected %s %s %s: %s", f.Type, f.Kind, f.Subject, f.Message)
				}
			}
		})
	}
}

// TestTickerRepeated: one wrong symbol given in several articles is one
// finding whose first side holds every place it is given, and whose
// second side is the proof that the company is private.
func TestTickerRepeated(t *testing.T) {
	var arts []article
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		arts = append(arts, article{name: name, text: "Hiring\n\nMercor (NASDAQ: MERC) hired 40 engineers in May.\n"})
	}
	arts = append(arts, article{name: "d.txt", text: "Profile\n\nMercor remains a private company and has no plans to list.\n"})
	fs, _ := reconcileSet(t, arts)
	var tickers []Finding
	for _, f := range fs {
		if f.Type == TypeUnverifiedTicker {
			tickers = append(tickers, f)
		}
	}
	if len(tickers) != 1 {
		t.Fatalf("%d ticker findings, want 1: %+v", len(tickers), tickers)
	}
	f := tickers[0]
	if len(f.Sides) != 2 || f.Sides[0].Value != "NASDAQ: MERC" || len(f.Sides[0].Claims) != 3 || f.Sides[0].Sources != 3 ||
		strings.Join(f.Sides[0].Articles, ",") != "a.txt,b.txt,c.txt" {
		t.Fatalf("sides = %+v", f.Sides)
	}
	if f.Sides[1].Value != "Mercor is private" || f.Sides[1].Articles[0] != "d.txt" || len(f.Claims) != 4 {
		t.Errorf("proof side = %+v, claims %v", f.Sides[1], f.Claims)
	}
}
