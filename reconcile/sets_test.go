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

// builtinExtractor is the built-in rules and an extractor over them.
func builtinExtractor(t *testing.T) (*rules.Set, *extract.Extractor) {
	t.Helper()
	set, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		t.Fatal(err)
	}
	return set, x
}

func reconcileSet(t *testing.T, arts []article) ([]Finding, map[string]extract.Claim) {
	t.Helper()
	set, x := builtinExtractor(t)
	claims := extractSet(t, x, arts)
	byID := map[string]extract.Claim{}
	for _, c := range claims {
		byID[c.ID] = c
	}
	return Reconcile(claims, Options{Rules: set, Listing: testListing()}), byID
}

// testListing is the listing the sets' tickers are checked against.
func testListing() *rules.Listing {
	return rules.NewListing("test listing", "2026-08-22", []rules.Security{
		{Symbol: "MERC", Exchange: "NASDAQ", Company: "Mercer International Inc."},
		{Symbol: "NVDA", Exchange: "NASDAQ", Company: "NVIDIA Corporation"},
		{Symbol: "ORBT", Exchange: "NYSE", Company: "Orbital Holdings Inc."},
	})
}

// extractSet extracts the claims of a set's articles, each dated as the
// set says.
func extractSet(t *testing.T, x *extract.Extractor, arts []article) []extract.Claim {
	t.Helper()
	var claims []extract.Claim
	for _, a := range arts {
		var pub time.Time
		if a.published != "" {
			var err error
			if pub, err = time.Parse("2006-01-02", a.published); err != nil {
				pub, _ = time.Parse("2006-01", a.published)
			}
		}
		cs, err := x.ExtractText(a.name, a.text, pub)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cs {
			cs[i].Published = a.published
		}
		claims = append(claims, cs...)
	}
	return claims
}

// want is a finding a set must give: its type and kind, and text that must
// stand in the sentences of the claims it cites.
type want struct {
	typ      Type
	kind     extract.Kind
	evidence []string
	message  string // in the message, when set
}

// articleSets are small corpora, each with exactly the findings it must give.
var articleSets = []struct {
	name string
	arts []article
	want []want // exactly these findings
}{
	{"different amounts conflict", []article{
		{"a.txt", "Orbital invested $15 billion in Helix Robotics.", "2024-05-02"},
		{"b.txt", "Orbital invested $14.3 billion in Helix Robotics.", "2024-05-03"},
		{"c.txt", "Orbital's $14.3 billion investment in Helix Robotics surprised analysts.", "2024-05-03"},
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
	{"an article's dated price and its undated deal value are two measures", []article{
		{"a.txt", "On March 3, 2024, Orbital agreed to buy Helix Robotics for $9.1 billion. Net of the cash on Helix's books, Orbital is paying $8.4 billion.", "2025-06-10"},
		{"b.txt", "Orbital agreed to buy Helix Robotics for $8.4 billion.", "2024-03-04"},
	}, nil},
	{"an article's dated tranche and its undated total are no two measures", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics on March 3, 2024. Orbital has put $9 billion into Helix Robotics.", "2025-06-10"},
		{"b.txt", "Orbital invested $5 billion in Helix Robotics on March 3, 2024.", "2024-03-04"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$2 billion", "$5 billion"}, ""}}},
	{"two articles' prices of one deal still conflict", []article{
		{"a.txt", "On March 3, 2024, Orbital agreed to buy Helix Robotics for $9.1 billion.", "2025-06-10"},
		{"b.txt", "Orbital agreed to buy Helix Robotics for $8.4 billion.", "2024-03-04"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$9.1 billion", "$8.4 billion"}, ""}}},
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
	{"a holding before a deal against one stated at its announcement", []article{
		{"a.txt", "Orbital Systems said on Tuesday it had agreed to buy Helix Robotics for €8.7 billion. Orbital Systems already owned 12% of Helix Robotics before Tuesday's announcement.", "2024-10-15"},
		{"b.txt", "Orbital Systems said on Tuesday it had completed its acquisition of Helix Robotics. Orbital Systems already owned 21% of Helix Robotics before the deal. It now owns 100% of Helix Robotics.", "2025-07-09"},
	}, []want{{TypeConflict, extract.KindStake, []string{"21%", "12%"}, "before the deal"}}},
	{"a holding before a deal that agrees", []article{
		{"a.txt", "Orbital Systems said on Tuesday it had agreed to buy Helix Robotics for €8.7 billion. Orbital Systems already owned 12% of Helix Robotics before Tuesday's announcement.", "2024-10-15"},
		{"b.txt", "Orbital Systems said on Tuesday it had completed its acquisition of Helix Robotics. Orbital Systems already owned 12% of Helix Robotics before the deal. It now owns 100% of Helix Robotics.", "2025-07-09"},
	}, nil},
	{"a holding after a quick completion against one at the announcement", []article{
		{"a.txt", "Orbital Systems said on Tuesday it had agreed to buy Helix Robotics for €2 billion. Orbital Systems already owned 12% of Helix Robotics before Tuesday's announcement.", "2024-10-15"},
		{"b.txt", "Orbital Systems said on Tuesday it had completed its acquisition of Helix Robotics. Orbital Systems now owns 100% of Helix Robotics.", "2024-11-20"},
	}, nil},
	{"holdings both stated before the completion", []article{
		{"a.txt", "Orbital Systems said on Tuesday it had agreed to buy Helix Robotics for €2 billion. Orbital Systems already owned 12% of Helix Robotics before Tuesday's announcement.", "2024-10-15"},
		{"b.txt", "Orbital Systems, which owns 21% of Helix Robotics, expects the deal to close next year.", "2024-10-30"},
		{"c.txt", "Orbital Systems said on Tuesday it had completed its acquisition of Helix Robotics. Orbital Systems now owns 100% of Helix Robotics.", "2024-11-20"},
	}, []want{{TypeConflict, extract.KindStake, []string{"21%", "12%"}, "stake"}}},
	{"holdings before two deals", []article{
		{"a.txt", "Orbital Systems already owned 12% of Helix Robotics before the deal.", "2024-10-15"},
		{"b.txt", "Orbital Systems already owned 21% of Helix Robotics before the deal.", "2025-07-09"},
	}, nil},
	{"stakes that disagree", []article{
		{"a.txt", "Orbital acquired a 49% stake in Helix Robotics.", "2024-05-02"},
		{"b.txt", "Orbital acquired a 40% stake in Helix Robotics.", "2024-05-02"},
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
	{"a contradiction inside one undated article", []article{
		{"a.txt", "Orbital acquired a 17% stake in Helix Robotics. Orbital's 19% stake in Helix Robotics makes it the largest shareholder.", ""},
	}, []want{{TypeConflict, extract.KindStake, []string{"17%", "19%"}, "both stated in a.txt"}}},
	{"an article naming two amounts names two parts of a deal", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics. Later in the same report, Orbital invested $3 billion in Helix Robotics.", "2024-05-02"},
	}, nil},
	{"each round announced as news is its own deal", []article{
		{"a.txt", "Orbital announced on Monday it will invest $1 billion in Helix Robotics.", "2023-09-25"},
		{"b.txt", "Orbital announced on Wednesday it will invest another $2 billion in Helix Robotics.", "2024-03-27"},
		{"c.txt", "Orbital said on Friday it will invest a further $4 billion in Helix Robotics.", "2024-11-22"},
	}, nil},
	{"an announcement told later against the news of it", []article{
		{"a.txt", "Orbital Systems said on Tuesday it will invest $2 billion in Helix Robotics.", "2023-09-12"},
		{"b.txt", "Orbital Systems said on Thursday it will invest $2 billion in Helix Robotics.", "2023-09-14"},
		{"c.txt", "Orbital Systems, which announced its $2 billion investment in Helix Robotics in early 2023, now runs the startup's board.", "2024-02-06"},
	}, []want{{TypeConflict, extract.KindEventDate, []string{"announced its $2 billion investment in Helix Robotics in early 2023", "said on Tuesday"}, "early 2023"}}},
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
	{"hedged claims count and say so", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics.", "2024-05-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics, a filing shows.", "2024-05-02"},
		{"c.txt", "Orbital reportedly invested $3 billion in Helix Robotics.", "2024-05-02"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$3 billion", "$2 billion"}, "(1 article, hedged)"}}},
	{"syndicated copies are one source", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics, the company said.", "2024-05-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics, the company said.", "2024-05-02"},
		{"c.txt", "Orbital invested $3 billion in Helix Robotics.", "2024-05-02"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$3 billion", "$2 billion"}, "(2 articles, 1 independent)"}}},
	{"client ended vs reviewing", []article{
		{"a.txt", "Corvid Analytics has ended its contract with Helix Robotics.", "2024-05-02"},
		{"b.txt", "Corvid Analytics is reviewing its contract with Helix Robotics.", "2024-05-02"},
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
	{"a symbol missing from a listing taken after the article", []article{
		{"a.txt", "Shares of Vega Robotics (NASDAQ: VGAR) jumped after the deal was announced.", "2022-01-18"},
	}, nil},
	{"a symbol an older article shows trading, given again undated", []article{
		{"a.txt", "Shares of Vega Robotics (NASDAQ: VGAR) jumped after the deal was announced.", "2022-01-18"},
		{"b.txt", "Vega Robotics (VGAR) agreed to the takeover.", ""},
	}, nil},
	{"a symbol missing from the listing, in an undated article", []article{
		{"a.txt", "Shares of Vega Robotics (NASDAQ: VGAR) jumped after the deal was announced.", ""},
	}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Vega Robotics (NASDAQ: VGAR)"}, "not a listed symbol"}}},
	{"a symbol missing from a later listing, for a private company", []article{
		{"a.txt", "Shares of Vega Robotics (NASDAQ: VGAR) jumped after the deal was announced.", "2022-01-18"},
		{"b.txt", "Vega Robotics is a privately held company.", "2022-01-19"},
	}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Vega Robotics (NASDAQ: VGAR)"}, "Vega Robotics is private"}}},
	{"a reference that says its company is privately held", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics, in a deal that values the privately held robotics startup at $12 billion.", ""},
		{"b.txt", "Shares of Helix Robotics (NASDAQ: HLXR) were not affected.", ""},
	}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Helix Robotics (NASDAQ: HLXR)"}, "private"}}},
	{"a company a relative clause says is privately held", []article{
		{"a.txt", "Quillon, which remains privately held, plans to list next year. Quillon (NYSE: QLLN) was founded in 2016.", ""},
	}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"Quillon (NYSE: QLLN)"}, "private"}}},
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
	{"stake and price, the valuation in the next sentence", []article{
		{"a.txt", "Orbital paid $4 billion for a 15% stake in Helix Robotics. The deal values Helix Robotics at $18.4 billion.", ""},
	}, []want{{TypeInconsistent, extract.KindStake, []string{"15% stake"}, "is about $2.76 billion, not $4 billion"}}},
	{"a stake's sale price against a valuation of another deal", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics. The investment was made at Helix Robotics's last valuation of $18.4 billion.\n\nSeparately, Vega Capital sold a significant portion of its 8% stake in Helix Robotics to other investors in an $884 million deal.", "2024-03-27"},
	}, nil},
	{"a post-money valuation is the round's valuation", []article{
		{"a.txt", "Helix Robotics raised $120 million led by Orbital, at a post-money valuation of $900 million.", "2025-03-21"},
		{"b.txt", "Helix Robotics closed a $120 million round at a $1.1 billion valuation, led by Orbital.", "2025-03-24"},
	}, []want{{TypeConflict, extract.KindValuation, []string{"post-money valuation of $900 million", "$1.1 billion valuation"}, "valuation"}}},
	{"job cuts due by a deadline are the plan announced that week", []article{
		{"a.txt", "Vega Robotics said it would close two factories and cut 350 jobs by June.", "2026-01-14"},
		{"b.txt", "Vega Robotics inherits a restructuring plan that will eliminate 420 positions.", "2026-01-15"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"cut 350 jobs", "eliminate 420 positions"}, "cut"}}},
	{"a running total paragraphs away is no stake's price", []article{
		{"a.txt", "Under the new terms Orbital will own 27% of Helix Robotics, a stake valued at some $135 billion. Helix Robotics was valued at $500 billion in a recent share sale.\n\nOrbital had invested $13.8 billion in Helix Robotics since 2019.", "2025-11-03"},
	}, nil},
	{"stake times valuation that holds", []article{
		{"a.txt", "Orbital paid $14.3 billion for a 49% stake in Helix Robotics, which was valued at $29 billion.", ""},
	}, nil},
	{"an investment of an earlier year against today's stake and valuation", []article{
		{"a.txt", "Orbital invested $500 million in Helix Robotics in 2021. Orbital now holds a stake of about 8% in Helix Robotics, which is valued at $15 billion.", "2024-03-28"},
	}, nil},
	{"growth over spans not stated", []article{
		{"a.txt", "Helix Robotics's valuation has grown more than 20x in roughly 24 months.", "2026-04-02"},
		{"b.txt", "Helix Robotics's valuation tripled in just a year.", "2026-04-03"},
	}, nil},
	{"cagr across articles", []article{
		{"a.txt", "The AI data market is growing at a compound annual growth rate of 22%.", ""},
		{"b.txt", "The AI data market is projected to grow from $12 billion in 2023 to $40 billion by 2028.", ""},
	}, []want{{TypeInconsistent, extract.KindGrowth, []string{"22%", "$40 billion"}, "27% CAGR, not the stated 22%"}}},
	{"a company's cagr against its own revenue", []article{
		{"a.txt", "Helix Robotics' sales grew from $80 million in 2021 to $180 million in 2024, a compound annual growth rate of 45%.", "2024-09-18"},
	}, []want{{TypeInconsistent, extract.KindGrowth, []string{"45%", "$180 million"}, "31% CAGR, not the stated 45%"}}},
	{"an appositive says a company is private, a later sentence gives it a symbol", []article{
		{"a.txt", "Orbital will buy a stake in Helix Robotics, a privately held maker of drones. Helix Robotics (NASDAQ: HLXR) will build a plant.", "2024-09-18"},
	}, []want{{TypeUnverifiedTicker, extract.KindTicker, []string{"NASDAQ: HLXR"}, "Helix Robotics is private"}}},
	{"a price per share times the shares against the deal's amount", []article{
		{"a.txt", "Calloway Industries will buy Brisk Systems for $12 billion. Calloway will pay $52 a share for Brisk's 150 million shares outstanding.", "2025-11-04"},
	}, []want{{TypeInconsistent, extract.KindInvestment, []string{"$52 a share", "$12 billion"}, "$52 a share x 150 million shares is about $7.8 billion, not $12 billion"}}},
	{"a price per share times the shares that holds", []article{
		{"a.txt", "Calloway Industries will buy Brisk Systems for $7.8 billion. Calloway will pay $52 a share for Brisk's 150 million shares outstanding.", "2025-11-04"},
	}, nil},
	{"a company's cagr that holds", []article{
		{"a.txt", "Helix Robotics' sales grew from $80 million in 2021 to $180 million in 2024, a compound annual growth rate of 31%.", "2024-09-18"},
	}, nil},
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
	{"undated articles join the one deal a pair has", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics.", ""},
		{"b.txt", "Orbital invested $3 billion in Helix Robotics.", ""},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$2 billion", "$3 billion"}, "both: the deal's amount, in undated articles"}}},
	{"an undated article joins the one deal and says so", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics.", "2024-05-02"},
		{"b.txt", "Orbital invested $3 billion in Helix Robotics.", ""},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$2 billion", "$3 billion"}, "in articles of May 2024 (1 undated article read as of then)"}}},
	{"undated articles join no deal of several", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-07-22"},
		{"b.txt", "Orbital invested $10 billion in Helix Robotics.", "2023-01-23"},
		{"c.txt", "Orbital invested $2 billion in Helix Robotics.", ""},
		{"d.txt", "Orbital invested $3 billion in Helix Robotics.", ""},
	}, nil},
	{"a figure published before a period began says nothing of it", []article{
		{"a.txt", "Helix Robotics was valued at $18.4 billion.", "2024-03-28"},
		{"b.txt", "Helix Robotics was valued at $61.5 billion in March 2025.", "2025-03-04"},
	}, nil},
	{"undated figures join no stated period of several", []article{
		{"a.txt", "Helix Robotics was valued at $1 billion in 2019.", "2019-07-22"},
		{"b.txt", "Helix Robotics was valued at $10 billion in 2023.", "2023-01-23"},
		{"c.txt", "Helix Robotics is valued at $20 billion.", ""},
	}, nil},
	{"undated figures join the one stated period", []article{
		{"a.txt", "Helix Robotics was valued at $10 billion in 2023.", "2023-01-23"},
		{"c.txt", "Helix Robotics is valued at $20 billion.", ""},
	}, []want{{TypeConflict, extract.KindValuation, []string{"$10 billion", "$20 billion"}, "1 undated article read as of then"}}},
	{"a figure of the present is not one of a period long past", []article{
		{"a.txt", "Helix Robotics is valued at $380 billion. Two years ago, Helix Robotics was valued at $18 billion.", "2026-04-02"},
		{"b.txt", "Helix Robotics is now valued at approximately $380 billion.", "2026-04-10"},
	}, nil},
	{"a holding after completion against one stated at the announcement", []article{
		{"a.txt", "Orbital already owned 12% of Helix Robotics before Tuesday's announcement.", "2024-10-15"},
		{"b.txt", "Orbital now owns 100% of Helix Robotics.", "2025-07-09"},
	}, nil},
	{"a present figure against the period it falls in", []article{
		{"a.txt", "Helix Robotics was valued at $10 billion in March 2024.", "2024-03-20"},
		{"b.txt", "Helix Robotics is valued at $20 billion.", "2024-04-02"},
	}, []want{{TypeConflict, extract.KindValuation, []string{"$10 billion", "$20 billion"}, "valuation"}}},
	{"undated figures join no window of several", []article{
		{"a.txt", "Helix Robotics is valued at $1 billion.", "2019-07-22"},
		{"b.txt", "Helix Robotics is valued at $10 billion.", "2023-01-23"},
		{"c.txt", "Helix Robotics is valued at $20 billion.", ""},
	}, nil},
	{"deals years apart by publication date", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-07-22"},
		{"b.txt", "Orbital is investing $10 billion in Helix Robotics.", "2023-01-23"},
	}, nil},
	{"one deal reported months later", []article{
		{"a.txt", "Orbital said on Tuesday it will invest $2.04 billion in Helix Robotics.", "2023-09-12"},
		{"b.txt", "Orbital reportedly invested $2.5 billion in Helix Robotics.", "2024-02-06"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$2.04 billion", "$2.5 billion"}, "both: the deal's amount, dated September 2023 to February 2024"}}},
	{"a deal of a stated year against a later article", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics in 2019.", "2023-01-10"},
		{"b.txt", "The partnership began when Orbital invested $10 billion in Helix Robotics in 2019.", "2025-11-03"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$1 billion", "$10 billion"}, "both: the deal's amount, stated for 2019"}}},
	{"articles naming several parts of one deal", []article{
		{"a.txt", "Orbital will invest $5 billion in Helix Robotics immediately. Orbital had previously invested $8 billion in Helix Robotics. Orbital could invest $20 billion more in Helix Robotics later.", "2026-04"},
		{"b.txt", "Orbital will invest $25 billion in Helix Robotics. Orbital is investing $5 billion in Helix Robotics now.", "2026-04-21"},
		{"c.txt", "Orbital will invest $5 billion in Helix Robotics.", "2026-04-22"},
	}, nil},
	{"a commitment's ceiling against its size", []article{
		{"a.txt", "Orbital also committed up to $500 billion to Helix Robotics.", "2026-04"},
		{"b.txt", "In February 2026, Orbital invested approximately $50 billion in Helix Robotics.", "2026-04-20"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"up to $500 billion", "approximately $50 billion"}, "up to $500 billion"}}},
	{"a headline amount an article states as a ceiling is that ceiling", []article{
		{"a.txt", "Orbital to invest another $25 billion in Helix Robotics\n\nOrbital will invest up to $25 billion in Helix Robotics in exchange for a ten-year cloud contract.", "2026-04-21"},
		{"b.txt", "Orbital said on Monday that it is investing an additional $5 billion in Helix Robotics immediately.", "2026-04-21"},
	}, nil},
	{"a headline amount against another article's ceiling still conflicts", []article{
		{"a.txt", "Orbital to invest another $25 billion in Helix Robotics\n\nOrbital will invest $25 billion in Helix Robotics in exchange for a ten-year cloud contract.", "2026-04-21"},
		{"b.txt", "Orbital said on Monday that it is investing an additional $5 billion in Helix Robotics immediately.", "2026-04-21"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$25 billion", "$5 billion"}, "one tranche"}}},
	{"a ceiling met by the amount", []article{
		{"a.txt", "Orbital will invest up to $10 billion in Helix Robotics.", "2023-01-10"},
		{"b.txt", "Orbital is investing $10 billion in Helix Robotics.", "2023-01-23"},
	}, nil},
	{"an initial payment and the ceiling", []article{
		{"a.txt", "Orbital will invest up to $4 billion in Helix Robotics, starting with an initial $1.25 billion.", "2023-09-25"},
		{"b.txt", "Orbital will make an initial $1.25 billion investment in Helix Robotics.", "2023-09-26"},
	}, nil},
	{"a first payment well under the ceiling", []article{
		{"a.txt", "Orbital will invest up to $25 billion in Helix Robotics.", "2026-04-10"},
		{"b.txt", "Orbital is investing $5 billion in Helix Robotics.", "2026-04-12"},
	}, nil},
	{"two ceilings ten times apart", []article{
		{"a.txt", "Orbital will invest up to $200 billion in Helix Robotics over the decade.", "2026-04-10"},
		{"b.txt", "Orbital will invest up to $20 billion in Helix Robotics over the decade.", "2026-04-12"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"up to $200 billion", "up to $20 billion"}, "up to $20 billion"}}},
	{"one person given two chief titles in one week", []article{
		{"a.txt", "Helix Robotics CFO Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-21"},
	}, []want{{TypeConflict, extract.KindRole, []string{"CFO Dana Marsh", "CEO Dana Marsh"}, "Dana Marsh's role at Helix Robotics"}}},
	{"two chief executives of one company in one week", []article{
		{"a.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics CEO Luis Ferro said the deal would close soon.", "2024-10-21"},
		{"c.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-22"},
	}, []want{{TypeConflict, extract.KindRole, []string{"CEO Dana Marsh", "CEO Luis Ferro"}, "Luis Ferro (1 article) vs Dana Marsh (2 articles) as Helix Robotics' ceo"}}},
	{"a handover told in one article", []article{
		{"a.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics CEO Luis Ferro said the deal would close soon. Helix Robotics CEO Dana Marsh will step down.", "2024-10-21"},
	}, nil},
	{"chief executives months apart", []article{
		{"a.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-03-15"},
		{"b.txt", "Helix Robotics CEO Luis Ferro said the deal would close soon.", "2024-10-21"},
	}, nil},
	{"a promotion years later", []article{
		{"a.txt", "Helix Robotics CFO Dana Marsh said the deal would close soon.", "2019-10-15"},
		{"b.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-21"},
	}, nil},
	{"a chair who is also chief executive", []article{
		{"a.txt", "Helix Robotics chairman and CEO Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics CEO Dana Marsh said the deal would close soon.", "2024-10-16"},
		{"c.txt", "Helix Robotics chairman Dana Marsh said the deal would close soon.", "2024-10-17"},
	}, nil},
	{"tranches of other years sum past a later total", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"c.txt", "Orbital invested $10 billion in Helix Robotics.", "2023-02-01"},
		{"d.txt", "Orbital invested $10 billion in Helix Robotics, the company said.", "2023-02-02"},
		{"e.txt", "Orbital has invested $11 billion in Helix Robotics in total.", "2024-05-06"},
	}, []want{{TypeInconsistent, extract.KindInvestment, []string{"$1 billion", "$2 billion", "$10 billion", "$11 billion"}, "$1 billion (August 2019) + $2 billion (March 2021) + $10 billion (February 2023) is at least $11.5 billion, more than the total of $11 billion stated in May 2024"}}},
	{"tranches that a rounded total allows", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"c.txt", "Orbital invested $10 billion in Helix Robotics.", "2023-02-01"},
		{"e.txt", "Orbital has invested $12 billion in Helix Robotics in total.", "2024-05-06"},
	}, nil},
	{"a total told before the last tranche", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"e.txt", "Orbital has invested $3 billion in Helix Robotics in total.", "2022-05-06"},
		{"c.txt", "Orbital invested $10 billion in Helix Robotics.", "2023-02-01"},
	}, nil},
	{"a tranche the articles disagree on is no part of a sum", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"f.txt", "Orbital invested $3 billion in Helix Robotics.", "2021-03-11"},
		{"c.txt", "Orbital invested $10 billion in Helix Robotics.", "2023-02-01"},
		{"e.txt", "Orbital has invested $11 billion in Helix Robotics in total.", "2024-05-06"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$2 billion", "$3 billion"}, "$3 billion"}}},
	{"a running total told as a plain amount is no tranche", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"c.txt", "Orbital has invested $3 billion in Helix Robotics.", "2022-02-01"},
		{"e.txt", "Orbital has invested $3 billion in Helix Robotics in total.", "2024-05-06"},
	}, nil},
	{"one amount told twice a year apart may be one tranche", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics.", "2021-03-10"},
		{"b.txt", "Orbital invested $2 billion in Helix Robotics.", "2022-06-10"},
		{"e.txt", "Orbital has invested $3 billion in Helix Robotics in total.", "2024-05-06"},
	}, nil},
	{"a ceiling is no tranche paid", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics.", "2019-08-02"},
		{"b.txt", "Orbital will invest up to $20 billion in Helix Robotics.", "2021-03-10"},
		{"e.txt", "Orbital has invested $11 billion in Helix Robotics in total.", "2024-05-06"},
	}, nil},
	{"two rounds in one week are two deals", []article{
		{"a.txt", "Orbital invested $200 million in Helix Robotics in its Series C.", "2024-05-02"},
		{"b.txt", "Orbital invested $50 million in Helix Robotics in its Series B.", "2024-05-03"},
	}, nil},
	{"one round told years apart is one deal", []article{
		{"a.txt", "Orbital invested $200 million in Helix Robotics in its Series C.", "2021-05-02"},
		{"b.txt", "Orbital invested $300 million in Helix Robotics in its Series C.", "2024-05-03"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$200 million", "$300 million"}, "both: the Series C"}}},
	{"an amount naming no round joins the round of its time", []article{
		{"a.txt", "Orbital invested $200 million in Helix Robotics in its Series C.", "2024-05-02"},
		{"b.txt", "Orbital invested $300 million in Helix Robotics.", "2024-05-10"},
	}, []want{{TypeConflict, extract.KindInvestment, []string{"$200 million", "$300 million"}, "$300 million"}}},
	{"an amount naming no round, between two rounds, is neither's", []article{
		{"a.txt", "Orbital invested $200 million in Helix Robotics in its Series C.", "2024-05-02"},
		{"b.txt", "Orbital invested $50 million in Helix Robotics in its Series B.", "2024-03-03"},
		{"c.txt", "Orbital invested $300 million in Helix Robotics.", "2024-05-10"},
	}, nil},
	{"tranches of one deal are not one amount", []article{
		{"a.txt", "Orbital invested $2 billion in Helix Robotics in the second tranche.", "2024-05-02"},
		{"b.txt", "Orbital invested $4 billion in Helix Robotics in the third tranche.", "2024-05-03"},
	}, nil},
	{"the 2019 deal and the 2023 deal", []article{
		{"a.txt", "Orbital invested $1 billion in Helix Robotics under the 2019 deal.", "2024-05-02"},
		{"b.txt", "Orbital invested $10 billion in Helix Robotics under the 2023 deal.", "2024-05-02"},
	}, nil},
	{"valuations of two rounds", []article{
		{"a.txt", "Helix Robotics was valued at $1 billion in its Series B.", "2024-05-02"},
		{"b.txt", "Helix Robotics was valued at $3 billion in its Series C.", "2024-05-03"},
	}, nil},
	{"valuations of one round years apart", []article{
		{"a.txt", "Helix Robotics was valued at $1 billion in its Series B.", "2021-05-02"},
		{"b.txt", "Helix Robotics was valued at $3 billion in its Series B.", "2024-05-03"},
	}, []want{{TypeConflict, extract.KindValuation, []string{"$1 billion", "$3 billion"}, "both: the Series B"}}},
	{"a round's valuation and one told then without the round", []article{
		{"a.txt", "Helix Robotics raised $300 million in a Series C round, valuing the company at $3 billion.", "2024-05-02"},
		{"b.txt", "Helix Robotics was valued at $3.6 billion in its Series C.", "2024-05-03"},
	}, []want{{TypeConflict, extract.KindValuation, []string{"$3 billion", "$3.6 billion"}, "both: the Series C"}}},
	{"a valuation years before a round is not the round's", []article{
		{"a.txt", "Helix Robotics was valued at $1 billion.", "2021-05-02"},
		{"b.txt", "Helix Robotics was valued at $3.6 billion in its Series C.", "2024-05-03"},
	}, nil},
	{"two chairs of one company in one week, named by synonyms", []article{
		{"a.txt", "Helix Robotics chairman Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics chairwoman Ana Gil said the deal would close soon.", "2024-10-18"},
	}, []want{{TypeConflict, extract.KindRole, []string{"chairman Dana Marsh", "chairwoman Ana Gil"}, "as Helix Robotics' chair"}}},
	{"a finance chief and a CFO of one company in one week", []article{
		{"a.txt", "Helix Robotics finance chief Dana Marsh said costs would fall.", "2024-10-15"},
		{"b.txt", "Helix Robotics CFO Ana Gil said costs would fall.", "2024-10-18"},
	}, []want{{TypeConflict, extract.KindRole, []string{"finance chief Dana Marsh", "CFO Ana Gil"}, "as Helix Robotics' cfo"}}},
	{"a chair and a chief executive of one company are two posts", []article{
		{"a.txt", "Helix Robotics chairman Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics CEO Ana Gil said the deal would close soon.", "2024-10-18"},
	}, nil},
	{"two presidents are not one post", []article{
		{"a.txt", "Helix Robotics president Dana Marsh said the deal would close soon.", "2024-10-15"},
		{"b.txt", "Helix Robotics president Ana Gil said the deal would close soon.", "2024-10-18"},
	}, nil},
	{"job cuts of one plan, a bound broken", []article{
		{"a.txt", "Helix Robotics will cut more than 400 jobs.", "2023-09-14"},
		{"b.txt", "Helix Robotics is cutting about 350 jobs as it integrates Vega Systems.", "2024-02-06"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"more than 400", "about 350"}, "about 350 cut (1 article) vs more than 400 cut (1 article)"}}},
	{"job cuts of a plan dated by a later article", []article{
		{"a.txt", "The integration plan Helix Robotics set out in October 2024 will cut 1,100 jobs.", "2025-02-12"},
		{"b.txt", "Helix Robotics expects to cut about 600 jobs across the combined group.", "2024-10-15"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"1,100 jobs", "about 600 jobs"}, "headcount change"}}},
	{"job cuts of two plans", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2024-05-02"},
		{"b.txt", "Helix Robotics will cut 150 jobs under the restructuring announced in March.", "2024-05-06"},
	}, nil},
	{"job cuts of two integrations", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2024-05-02"},
		{"b.txt", "Helix Robotics will cut 150 jobs as it integrates Corvid Analytics.", "2024-05-06"},
	}, nil},
	{"job cuts of one integration", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2024-05-02"},
		{"b.txt", "Helix Robotics will cut 150 jobs following its acquisition of Vega Systems.", "2024-05-06"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"400 jobs", "150 jobs"}, "both: the integration of Vega Systems"}}},
	{"job cuts naming no plan against two plans' cuts", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2024-05-02"},
		{"b.txt", "Helix Robotics will cut 150 jobs under the restructuring announced in March.", "2024-05-06"},
		{"c.txt", "Helix Robotics will cut 150 jobs.", "2024-05-07"},
	}, nil},
	{"job cuts of one plan, told with and without its name", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2024-05-02"},
		{"b.txt", "Helix Robotics will cut 150 jobs as part of the integration.", "2024-05-06"},
		{"c.txt", "Helix Robotics will cut 150 jobs under the restructuring announced in March.", "2024-05-07"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"400 jobs", "150 jobs as part of the integration"}, "both: the integration of Vega Systems"}}},
	{"job cuts of one plan months apart", []article{
		{"a.txt", "Helix Robotics will cut 400 jobs as it integrates Vega Systems.", "2023-01-10"},
		{"b.txt", "Helix Robotics will cut 150 jobs as it integrates Vega Systems.", "2024-05-06"},
	}, nil},
	{"job cuts years apart", []article{
		{"a.txt", "Helix Robotics will cut more than 400 jobs.", "2021-09-14"},
		{"b.txt", "Helix Robotics is cutting about 350 jobs.", "2024-02-06"},
	}, nil},
	{"a renewal and an ending in one season", []article{
		{"a.txt", "Corvid Analytics renewed its contract with Helix Robotics for three years in August.", "2023-09-12"},
		{"b.txt", "Corvid Analytics is ending its contract with Helix Robotics at the end of the year.", "2023-09-14"},
	}, []want{{TypeConflict, extract.KindClientChange, []string{"renewed its contract", "ending its contract"}, "relationship with Helix Robotics"}}},
	{"a renewal and an ending years apart", []article{
		{"a.txt", "Corvid Analytics renewed its contract with Helix Robotics for three years in August.", "2020-09-12"},
		{"b.txt", "Corvid Analytics is ending its contract with Helix Robotics at the end of the year.", "2023-09-14"},
	}, nil},
	{"a stated increase against its two figures", []article{
		{"a.txt", "Helix Robotics's revenue grew from $410 million in 2023 to $520 million in 2024, a 38% increase.", "2025-02-12"},
	}, []want{{TypeInconsistent, extract.KindGrowth, []string{"38% increase"}, "$410 million in 2023 to $520 million in 2024 is an increase of 27%, not the stated 38%"}}},
	{"a stated increase that holds", []article{
		{"a.txt", "Helix Robotics's revenue grew from $410 million in 2023 to $520 million in 2024, a 27% increase.", "2025-02-12"},
		{"b.txt", "Vega Systems's revenue rose from $310 million in 2022 to $480 million in 2023, an increase of 55%.", "2025-02-12"},
	}, nil},
	{"an inconsistency in syndicated copies is one finding", []article{
		{"a.txt", "Orbital paid $4 billion for a 15% stake in Helix Robotics, which was valued at $18.4 billion.", "2024-05-02"},
		{"b.txt", "Orbital paid $4 billion for a 15% stake in Helix Robotics, which was valued at $18.4 billion.", "2024-05-02"},
	}, []want{{TypeInconsistent, extract.KindStake, []string{"15% stake"}, "is about $2.76 billion, not $4 billion"}}},
	{"a price per share is no deal price", []article{
		{"a.txt", "Orbital agreed to buy Helix Robotics for $95 per share in an all-cash deal.", "2022-01-18"},
		{"b.txt", "Orbital agreed to buy Helix Robotics for $68.7 billion.", "2022-01-18"},
	}, nil},
	{"a short name is the longer name it begins", []article{
		{"a.txt", "Vega Robotics will cut more than 400 jobs.", "2023-09-14"},
		{"b.txt", "Vega is cutting about 350 jobs.", "2023-09-20"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"more than 400", "about 350"}, "headcount change"}}},
	{"a short name beginning two longer names stands for neither", []article{
		{"a.txt", "Vega Robotics will cut more than 400 jobs. Vega Media will cut 20 jobs.", "2023-09-14"},
		{"b.txt", "Vega is cutting about 350 jobs.", "2023-09-20"},
	}, nil},
	{"a holding before a deal the coverage dates by its agreement", []article{
		{"a.txt", "Orbital Systems agreed on Tuesday to buy Vega Robotics for $900 million. Orbital already owns 8% of Vega Robotics.", "2024-05-07"},
		{"b.txt", "Orbital Systems, which held a 14% stake in Vega Robotics before the deal, expects to close the purchase in July.", "2024-05-09"},
	}, []want{{TypeConflict, extract.KindStake, []string{"already owns 8%", "held a 14% stake"}, "stake in Vega Robotics"}}},
	{"a month-dated article is anchored to its month", []article{
		{"a.txt", "Helix Robotics will cut more than 400 jobs.", "2023-09"},
		{"b.txt", "Helix Robotics is cutting about 350 jobs.", "2023-10-02"},
	}, []want{{TypeConflict, extract.KindHeadcountChange, []string{"more than 400", "about 350"}, "headcount change"}}},
}

func TestArticleSets(t *testing.T) {
	for _, tc := range articleSets {
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
