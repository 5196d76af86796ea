package extract

import (
	"testing"
	"time"
)

// TestParties checks who a claim is about, on short invented articles: the
// parties come from the claim's own clause or from a reference whose
// antecedent a rule finds, never from a guess.
func TestParties(t *testing.T) {
	type want struct {
		kind       Kind
		normalized string
		subject    string // "-" when the claim must have none
		object     string // "" not checked, "-" when it must have none
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"a deal named without its amount is what a later reference points back to",
			"On Monday Orbital Systems unveiled an investment in Helix Robotics. No terms came out that day; people briefed on the talks said the investment totals $6 billion.",
			[]want{{KindInvestment, "USD 6000000000", "Orbital Systems", "Helix Robotics"}}},
		{"a headline's deal without an amount is what the story's 'the investment' is",
			"Orbital Systems takes a big stake in Helix Robotics\n\nThe price of the investment is $6 billion, according to Tallow Media, which saw the filing.",
			[]want{{KindInvestment, "USD 6000000000", "Orbital Systems", "Helix Robotics"}}},
		{"a takeover named with its possessor",
			"Calloway Industries' takeover of Brisk Systems drew no rival bid. Calloway Industries will pay $52 a share.",
			[]want{{KindInvestment, "USD 52/share", "Calloway Industries", "Brisk Systems"}}},
		{"the investor's payment in a deal named without its price",
			"Orbital Systems agreed on Tuesday to buy Helix Robotics, the companies said. Orbital Systems will pay $4 billion in cash.",
			[]want{{KindInvestment, "USD 4000000000", "Orbital Systems", "Helix Robotics"}}},
		{"an acquisition named without its price",
			"Calloway Industries completed its acquisition of Brisk Systems on Friday. The deal was valued at $7.8 billion.",
			[]want{{KindInvestment, "USD 7800000000", "Calloway Industries", "Brisk Systems"}}},
		{"coming back is no deal",
			"Orbital Systems came back in 2019 with Helix Robotics as a partner. The investment will total $10 billion.",
			[]want{{KindInvestment, "USD 10000000000", "-", "-"}}},
		{"a name in parentheses after a company's is another name of it, no party",
			"After long delays, the Orbital Systems acquisition of Vega Robotics (Skylark) has closed. Orbital Systems paid $2 billion for Vega Robotics (Skylark).",
			[]want{{KindInvestment, "USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a compound's code is no party",
			"Valera Bio agreed to buy Tessic Pharma for €2 billion.\n\n- Milestones: up to €500m, payable if TSX-204 is approved\n- TSX-204 Phase 2 data: due late 2026",
			[]want{{KindInvestment, "<=EUR 500000000", "Valera Bio", "Tessic Pharma"}}},
		{"a holder described as a company's shareholder holds a stake in that company",
			"Last week Harbor Lane Capital, Vega Robotics' biggest outside shareholder, said it holds 14%.",
			[]want{{KindStake, "14%", "Harbor Lane Capital", "Vega Robotics"}}},
		{"a holder described as an investor of a company",
			"Northwind Capital, an early investor in Corvex Systems, owns 12%.",
			[]want{{KindStake, "12%", "Northwind Capital", "Corvex Systems"}}},
		{"a deal's price takes the pair of the deal, not of a stake another holds in its target",
			"Valera Bio agreed to buy Tessic Pharma for €2 billion. Harbor Lane Capital, Tessic Pharma's largest shareholder, holds 11%.\n\n- Upfront price: €1.5bn",
			[]want{{KindStake, "11%", "Harbor Lane Capital", "Tessic Pharma"}, {KindInvestment, "EUR 1500000000", "Valera Bio", "Tessic Pharma"}}},
		{"a descriptor after the investor's verb is the company the sentence before named last",
			"As Helix Robotics moves closer to Orbital Systems, it loses a backer. Last week, a judge allowed bankrupt exchange Quarry to sell its stake in Helix Robotics. In 2021, Quarry invested $500 million in the AI startup.",
			[]want{{KindInvestment, "USD 500000000", "Quarry", "Helix Robotics"}}},
		{"the total of a sentence's figures is theirs, not the newest investor's",
			"Orbital Systems will invest another $2 billion in Helix Robotics. Helix Robotics closed four funding deals worth about $7 billion since 2020; counting the latest Orbital Systems investment, the total now exceeds $9 billion.",
			[]want{{KindInvestment, ">USD 9000000000", "Helix Robotics", "-"}}},
		{"a running total told after its tranches keeps their pair",
			"Orbital Systems invested $1 billion in Helix Robotics in 2019 and $2 billion in 2021, bringing the total to $3 billion.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Helix Robotics"}}},
		{"a move of the wider sector is no company's",
			"Valera Bio shares climbed 3.1%, well ahead of a 1.5% rise in the broader pharmaceutical index.",
			[]want{{KindGrowth, "3.1%", "Valera Bio", ""}, {KindGrowth, "1.5%", "-", ""}}},
		{"a move of an index is no company's",
			"Valera Bio stock fell 2% while the Nasdaq Composite index rose 1.2%.",
			[]want{{KindGrowth, "-2%", "Valera Bio", ""}}},
		{"a stake bought with the clause's investment is held by its investor",
			"Orbital Systems is investing $3 billion in Vega Robotics, the drone startup led by Dana Marsh, in exchange for a 20% stake.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Vega Robotics"}, {KindStake, "20%", "Orbital Systems", "Vega Robotics"}}},
		{"a state where jobs are added is no organisation",
			"Vega Robotics reported record sales on Tuesday. Finance chief Ana Gil told analysts the company plans to add 450 jobs in Ohio.",
			[]want{{KindRole, "cfo", "Ana Gil", "-"}, {KindHeadcountChange, "+450", "Vega Robotics", "-"}}},
		{"a participle's pronoun is the sentence's subject",
			"Corvid Analytics moved its data to Norwick Cloud in May, ending its contract with Pellion Systems.",
			[]want{{KindClientChange, "terminate", "Corvid Analytics", "Pellion Systems"}}},
		{"a ceiling naming only the target is the deal's",
			"Verant Pharma agreed to pay Solace Bio $175 million upfront and as much as $1.1 billion in milestones.",
			[]want{{KindInvestment, "USD 175000000", "Verant Pharma", "Solace Bio"}, {KindInvestment, "<=USD 1100000000", "Verant Pharma", "Solace Bio"}}},
		{"what a company raised is no payment of a deal it is the target of",
			"Orbital Systems will invest $2 billion in Helix Robotics. Over the past year, Helix Robotics closed five funding deals worth about $3 billion.",
			[]want{{KindInvestment, "USD 2000000000", "Orbital Systems", "Helix Robotics"}, {KindInvestment, "~USD 3000000000", "Helix Robotics", "-"}}},
		{"a fee owed by the target belongs to its deal",
			"Calloway Industries agreed to buy Brisk Systems for $7.8 billion. If Brisk Systems accepts a rival bid, it must pay a $310 million termination fee.",
			[]want{{KindInvestment, "USD 310000000", "Calloway Industries", "Brisk Systems"}}},
		{"a stake after 'for' in the investment's clause",
			"Pinecrest Software will invest $800 million in Lumen Health Inc. for a 15% stake.",
			[]want{{KindStake, "15%", "Pinecrest Software", "Lumen Health"}}},
		{"a verb's agent before it and its object after it",
			"Pinecrest Software had already backed Lumen Health in 2021 with $500 million in funding.",
			[]want{{KindInvestment, "USD 500000000", "Pinecrest Software", "Lumen Health"}}},
		{"the object of 'backing' after a spending verb",
			"Pinecrest Software said it will spend another $250 million backing Lumen Health, a Boston-based diagnostics startup.",
			[]want{{KindInvestment, "USD 250000000", "Pinecrest Software", "Lumen Health"}}},
		{"a possessive holder and the object of 'exposure to'",
			"Northwind Capital's total exposure to Corvex Systems now stands at $5 billion.",
			[]want{{KindInvestment, "USD 5000000000", "Northwind Capital", "Corvex Systems"}}},
		{"an outlet reporting is no party",
			"Tallow Media reported that Orbital Systems was in discussions to invest up to $2 billion in Vega Robotics.",
			[]want{{KindInvestment, "<=USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a nationality before a descriptor is no party",
			"Orbital Systems will buy Danish mapping firm Kaartwerk for $1.3 billion.",
			[]want{{KindInvestment, "USD 1300000000", "Orbital Systems", "Kaartwerk"}}},
		{"the raiser is what a round's valuation values",
			"Competitor Lumina Freight raised $400 million from Harbor Ventures last spring at a $3 billion valuation.",
			[]want{{KindValuation, "USD 3000000000", "Lumina Freight", ""}}},
		{"a person is never the subject of a revenue figure",
			"Vega Robotics chief executive Dana Marsh spoke on Monday. The firm expects revenue of $40 million this year.",
			[]want{{KindRevenue, "USD 40000000", "Vega Robotics", ""}}},
		{"a figure naming no company is the previous sentence's topic's, not the most-mentioned organisation's",
			"Vega Robotics makes drones. Vega Robotics sells them to farms. Orbital Systems, which sells sensors, is older than Vega Robotics. Revenue reached $9 billion last year.",
			[]want{{KindRevenue, "USD 9000000000", "Orbital Systems", ""}}},
		{"a name in a clause after the figure's is not its subject",
			"Orbital Systems makes sensors. Revenue grew to $90 million in 2023, as Vega Robotics bought more of them.",
			[]want{{KindRevenue, "USD 90000000", "Orbital Systems", ""}}},
		{"a descriptor object resolves past the subject, beyond a ticker",
			"Vega Robotics's valuation doubled last year as buyers took up its Skylark drones. Orbital Systems (NYSE: ORBS) has also invested in the start-up, putting in $2 billion in late 2023.",
			[]want{{KindInvestment, "USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a nationality before a hyphenated descriptor is no party",
			"Orbital Systems closed its €1.2bn acquisition of Dutch route-planner Kaartwerk in January.",
			[]want{{KindInvestment, "EUR 1200000000", "Orbital Systems", "Kaartwerk"}}},
		{"an outlet cited at the end of a sentence is no party",
			"Orbital Systems was in discussions to invest up to $2 billion in Vega Robotics, Tallow Media reported on Jan. 9.",
			[]want{{KindInvestment, "<=USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"an outlet's dateline is no party",
			"(Wirefeed) - Orbital Corp. (ORBS) said it plans to acquire Vega Robotics Inc. (VEGA) in a deal valued at $4.1 billion.",
			[]want{{KindInvestment, "USD 4100000000", "Orbital", "Vega Robotics"}}},
		{"a unit of a company is valued apart from it",
			"Analysts estimate that Orbital Systems's European unit alone is worth $3 billion.",
			[]want{{KindValuation, "USD 3000000000", "Orbital Systems European unit", ""}}},
		{"a reference opening a sentence continues the topic, not the founder named last",
			"Vega Robotics was founded in 2015 by Dana Marsh and investor Lior Katz. The firm expects revenue of $40 million this year.",
			[]want{{KindRevenue, "USD 40000000", "Vega Robotics", ""}}},
		{"an outlet reporting that the company did something is no party",
			"Orbital Systems declined to comment, but Tallow Media reported earlier in the month that the company was in talks to invest up to $2 billion in Vega Robotics.",
			[]want{{KindInvestment, "<=USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a date of the investor's deal takes its pair",
			"Orbital Systems agreed to buy Vega Robotics for $2 billion. Orbital Systems announced the deal in May.",
			[]want{{KindEventDate, "2024-05", "Orbital Systems", "Vega Robotics"}}},
		{"the target after a phrase that names none",
			"Under the agreement, Orbital Systems will pay €2 billion in cash for the shares of Vega Robotics it does not own.",
			[]want{{KindInvestment, "EUR 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"the target named inside a phrase",
			"Orbital Systems agreed to pay EUR 2bn in cash for the Vega Robotics shares it did not already own.",
			[]want{{KindInvestment, "EUR 2000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a trigger in a subordinate clause after the value does not claim it",
			"Northwind Capital's total exposure to Corvex Systems now totals $5 billion when counting earlier investments.",
			[]want{{KindInvestment, "USD 5000000000", "Northwind Capital", "Corvex Systems"}}},
		{"a pronoun passes over a preposition's object for the possessor",
			"Orbital Systems's partnership with Vega Robotics began in 2019 when it invested $1 billion in the young robotics firm.",
			[]want{{KindInvestment, "USD 1000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a name another possesses is its product, no party",
			"Orbital Systems invested $1 billion in Vega Robotics in 2019. Orbital Systems returned in 2023 with a $3 billion investment after the success of Vega Robotics's Skylark drone.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a period token is not part of a name",
			"Vega Robotics makes drones.\n\nKey figures:\n\n- Vega Robotics FY2024 revenue: $520m",
			[]want{{KindRevenue, "USD 520000000", "Vega Robotics", ""}}},
		{"a typewriter's double hyphen ends an outlet's dateline",
			"(Wirefeed) --Orbital Systems Inc. is investing an additional $4 billion in robotics startup Vega Robotics, boosting its stake in one of Lumen Health's rivals.",
			[]want{{KindInvestment, "USD 4000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a descriptor refers to what the article last described with it",
			"Orbital Systems will invest $2 billion in Vega Robotics, a San Francisco start-up. Orbital Systems said on Monday the deal was struck at the robotics startup's last valuation, which was $9 billion.",
			[]want{{KindValuation, "USD 9000000000", "Vega Robotics", ""}}},
		{"a long description of the valued company counts as one phrase",
			"Orbital Systems will invest $2 billion in Vega Robotics, in a deal that values the privately held U.S. drone-making startup at $12 billion.",
			[]want{{KindValuation, "USD 12000000000", "Vega Robotics", ""}}},
		{"a legal suffix's full stops end no sentence",
			"Orbital Systems agreed to buy Dutch mapping firm Kaartwerk B.V. for roughly $1.3 billion.",
			[]want{{KindInvestment, "~USD 1300000000", "Orbital Systems", "Kaartwerk"}}},
		{"a person quoted is never the company that hires",
			"Orbital Systems agreed to buy Vega Robotics. Its chief executive, Dana Marsh, said the deal would add 2,400 employees.",
			[]want{{KindHeadcountChange, "+2400", "Orbital Systems", ""}}},
		{"the subject of a relative clause is the name before it",
			"Orbital Systems agreed to acquire Vega Robotics for $3.2 billion.\n\nKestrel Partners, which owns 18% of Vega, backed the sale.",
			[]want{{KindStake, "18%", "Kestrel Partners", "Vega Robotics"}}},
		{"a name modifying the trigger noun is the target",
			"Orbital Systems completes its $4 billion Vega Robotics investment",
			[]want{{KindInvestment, "USD 4000000000", "Orbital Systems", "Vega Robotics"}}},
		{"the holder a running total's trigger names",
			"Orbital Systems said it would invest another $4 billion in Vega Robotics, bringing its total investment in the startup to $8 billion.",
			[]want{{KindInvestment, "USD 8000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a product or brand may describe the company a reference names",
			"Orbital Systems agreed to buy Vega Robotics, the Skylark maker, for $3 billion.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a listing in parentheses is no name",
			"Orbital Systems Corporation (NasdaqGS:ORBS) agreed to acquire Vega Robotics from Lumen Partners for $3 billion.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a country's initials are no party",
			"The U.K. regulator said Orbital Systems would pay $3 billion for Vega Robotics.",
			[]want{{KindInvestment, "USD 3000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a figure in a sentence naming no company belongs to the deal told",
			"Orbital Systems invested $3 billion in Vega Robotics. The first $1 billion had been committed in 2023.",
			[]want{{KindInvestment, "USD 1000000000", "Orbital Systems", "Vega Robotics"}}},
		{"a pronoun with no name before it is its sentence's subject reference",
			"Vega Robotics raised $250 million led by Orbital Systems. Vega Robotics makes drones. The company said the money would go to Europe, where it plans to hire 300 people.",
			[]want{{KindHeadcountChange, "+300", "Vega Robotics", ""}}},
		{"a company a person owns is no product",
			"Meanwhile, billionaire Dana Marsh's Lumen Labs has been seeking to raise funding at a $40 billion valuation, Tallow Media reported.",
			[]want{{KindValuation, "USD 40000000000", "Lumen Labs", ""}}},
		{"a name given a title is a person, never the company that cuts",
			"Vega Robotics said Dana Marsh would step down. Lior Katz, who will succeed Marsh as CEO, runs operations. The company is cutting 600 jobs.",
			[]want{{KindHeadcountChange, "-600", "Vega Robotics", ""}}},
		{"a legal suffix after a comma is the name's",
			"Orbital Systems, Inc. (NYSE: ORBS) today announced that it will acquire Vega Robotics for $2 billion.",
			[]want{{KindInvestment, "USD 2000000000", "Orbital Systems", "Vega Robotics"}, {KindTicker, "NYSE:ORBS", "Orbital Systems", ""}}},
		{"a company in a phrase before 'who' stays a company",
			"A person close to Pellham, who asked not to be named, said Pellham would pay $2 billion for Vega Robotics.",
			[]want{{KindInvestment, "USD 2000000000", "Pellham", "Vega Robotics"}}},
		{"a legal form in title case is a suffix, and the short name joins the long",
			"Pellham Bio Plc will acquire Vega Robotics for $4 billion. Pellham, which already owns 9.8% of Vega Robotics, expects the deal to close in May.",
			[]want{{KindInvestment, "USD 4000000000", "Pellham Bio", "Vega Robotics"}, {KindStake, "9.8%", "Pellham Bio", "Vega Robotics"}}},
		{"a round's valuation values its target even when the raiser opens a list item",
			"# Funding news\n\n- Tamsin AI raised $120 million in a Series B led by Northgate Partners, at a post-money valuation of $900 million.\n- Tamsin's revenue tripled.",
			[]want{{KindValuation, "USD 900000000", "Tamsin AI", ""}}},
		{"a name inside a relative clause is not the subject of the clause around it",
			"Vega Robotics, which is backed by investment firm Harbor Ventures, was valued at roughly $2 billion in 2022.",
			[]want{{KindValuation, "~USD 2000000000", "Vega Robotics", ""}}},
		{"a person who became chief executive is no company that cuts jobs",
			"Dana Marsh became chief executive of Vega Robotics on Monday. Marsh inherits a restructuring plan that will eliminate 420 positions.",
			[]want{{KindHeadcountChange, "-420", "Vega Robotics", ""}}},
		{"a company's own round: the raiser before it is the target",
			"Sunbridge Ventures leads Quanta Mobility's $450m raise",
			[]want{{KindInvestment, "USD 450000000", "Sunbridge Ventures", "Quanta Mobility"}}},
		{"a round an investor led keeps its investor",
			"Orbital Ventures led a $200 million round that values Vega Robotics at $1 billion.",
			[]want{{KindInvestment, "USD 200000000", "Orbital Ventures", ""}}},
		{"a name a possessive noun describes is no verb's object",
			"Vega's rival Lumen Labs (NASDAQ: LMNL) saw its shares fall 6% on the news.",
			[]want{{KindGrowth, "-6%", "Lumen Labs", ""}}},
		{"an investor's later figure keeps the target of its deal",
			"Orbital Systems invested $1 billion in Vega Robotics in 2022. Two years later, Orbital Systems added another $2 billion.",
			[]want{{KindInvestment, "USD 2000000000", "Orbital Systems", "Vega Robotics"}}},
	}
	x := builtinExtractor(t)
	pub := time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mustExtract(t, x, "t.txt", tc.text, pub)
			for _, w := range tc.want {
				found := false
				for _, c := range got {
					if c.Kind != w.kind || Normalize(c.Value) != w.normalized {
						continue
					}
					if partyIs(c.Subject, w.subject) && partyIs(c.Object, w.object) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s %s %s/%s; got:%s", w.kind, w.normalized, w.subject, w.object, describeAll(got))
				}
			}
		})
	}
}

func partyIs(got, want string) bool {
	switch want {
	case "":
		return true
	case "-":
		return got == ""
	}
	return got == want
}
