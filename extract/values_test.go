package extract

import (
	"strings"
	"testing"
	"time"
)

func TestMoneyForms(t *testing.T) {
	tests := []struct {
		in   string
		want []string // normalized values, in order
		text []string // their spans
	}{
		{"a $14.3B investment", []string{"USD 14300000000"}, []string{"$14.3B"}},
		{"a $14.3 billion investment", []string{"USD 14300000000"}, []string{"$14.3 billion"}},
		{"raised US$2bn last week", []string{"USD 2000000000"}, []string{"US$2bn"}},
		{"paid €1.2bn in cash", []string{"EUR 1200000000"}, []string{"€1.2bn"}},
		{"a £300m deal", []string{"GBP 300000000"}, []string{"£300m"}},
		{"revenue of $870 million", []string{"USD 870000000"}, []string{"$870 million"}},
		{"a $200 million-a-year partnership", []string{"USD 200000000/year"}, []string{"$200 million-a-year"}},
		{"from $200 million a year earlier", []string{"USD 200000000"}, []string{"$200 million"}},
		{"from $200 million a year ago", []string{"USD 200000000"}, []string{"$200 million"}},
		{"worth $3-4 billion", []string{"USD 3000000000..4000000000"}, []string{"$3-4 billion"}},
		{"between $3 billion and $4 billion", []string{"USD 3000000000..4000000000"}, []string{"between $3 billion and $4 billion"}},
		{"$1.25 billion initially, up to $4 billion", []string{"USD 1250000000", "<=USD 4000000000"}, []string{"$1.25 billion", "up to $4 billion"}},
		{"values it at over $29 billion", []string{">USD 29000000000"}, []string{"over $29 billion"}},
		{"about $350 a share", []string{"~USD 350/share"}, []string{"about $350 a share"}},
		{"for $42 per share in cash", []string{"USD 42/share"}, []string{"$42 per share"}},
		{"nearly $1 trillion", []string{"~USD 1000000000000"}, []string{"nearly $1 trillion"}},
		{"agreed to pay two billion dollars", []string{"USD 2000000000"}, []string{"two billion dollars"}},
		{"a billion euros in cash", []string{"EUR 1000000000"}, []string{"a billion euros"}},
		{"for $15.25 for each Corra share", []string{"USD 15.25/share"}, []string{"$15.25 for each Corra share"}},
		{"at least $5 million", []string{">=USD 5000000"}, []string{"at least $5 million"}},
		{"from $14 billion to $29 billion", []string{"USD 14000000000", "USD 29000000000"}, []string{"$14 billion", "$29 billion"}},
		{"USD 5 million in grants", []string{"USD 5000000"}, []string{"USD 5 million"}},
		{"some 14.3 billion dollars", []string{"~USD 14300000000"}, []string{"some 14.3 billion dollars"}},
		{"$1,200,000 in fees", []string{"USD 1200000"}, []string{"$1,200,000"}},
		{"no money here: 14.3 billion people", nil, nil},
		{"Orbital's exposure to Vega now exceeds $12 billion", []string{">USD 12000000000"}, []string{"exceeds $12 billion"}},
		{"a round above $300 million", []string{">USD 300000000"}, []string{"above $300 million"}},
		{"a $4bn+ deal", []string{">USD 4000000000"}, []string{"$4bn+"}},
		{"a $4 billion-plus deal", []string{">USD 4000000000"}, []string{"$4 billion-plus"}},
		{"$4 billion plus $1 billion in stock", []string{"USD 4000000000", "USD 1000000000"}, []string{"$4 billion", "$1 billion"}},
		{"pay $2 billion or more for it", []string{">=USD 2000000000"}, []string{"$2 billion or more"}},
		{"with the option for up to another $6bn later", []string{"<=USD 6000000000"}, []string{"up to another $6bn"}},
		{"to inject up to $6bn more over time", []string{"<=USD 6000000000"}, []string{"up to $6bn"}},
		{"a potential $6bn expansion", []string{"<=USD 6000000000"}, []string{"a potential $6bn"}},
		{"roughly €900m", []string{"~EUR 900000000"}, []string{"roughly €900m"}},
		{"its total investment in the start-up to $8 billion", []string{"USD 8000000000"}, []string{"$8 billion"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ms := findMoney(scanText(t, tc.in), testQuals(t))
			if len(ms) != len(tc.want) {
				t.Fatalf("got %d amounts %+v, want %v", len(ms), ms, tc.want)
			}
			for i, m := range ms {
				if got := Normalize(m.value); got != tc.want[i] {
					t.Errorf("amount %d = %q, want %q", i, got, tc.want[i])
				}
				if got := tc.in[m.start:m.end]; got != tc.text[i] {
					t.Errorf("span %d = %q, want %q", i, got, tc.text[i])
				}
			}
		})
	}
}

func TestMoneyPrecision(t *testing.T) {
	tests := []struct {
		in   string
		step float64
	}{
		{"$15 billion", 1e9},
		{"$14.3 billion", 1e8},
		{"$2.75 billion", 1e7},
		{"$870 million", 1e6},
		{"$14B", 1e9},
	}
	for _, tc := range tests {
		ms := findMoney(scanText(t, tc.in), testQuals(t))
		if len(ms) != 1 || ms[0].value.Step != tc.step {
			t.Errorf("%s: got %+v, want step %g", tc.in, ms, tc.step)
		}
	}
}

func TestPercentsMultiplesCounts(t *testing.T) {
	pcts := func(s *scanned) []mention { return findPercents(s, testQuals(t)) }
	mults := func(s *scanned) []mention { return findMultiples(s, testQuals(t)) }
	tests := []struct {
		in   string
		find func(*scanned) []mention
		want []string
	}{
		{"a 49% stake", pcts, []string{"49%"}},
		{"a 27.5 percent share", pcts, []string{"27.5%"}},
		{"more than 200% higher", pcts, []string{">200%"}},
		{"between 20-30% of staff", pcts, []string{"20..30%"}},
		{"a threefold surge", mults, []string{"x3"}},
		{"revenue tripled", mults, []string{"x3"}},
		{"it doubled", mults, []string{"x2"}},
		{"a 20x return", mults, []string{"x20"}},
		{"a 10-fold rise", mults, []string{"x10"}},
		{"has grown more than 20× in two years", mults, []string{">x20"}},
		{"roughly 3x its 2023 level", mults, []string{"~x3"}},
		{"Amazon doubles down on AI", mults, nil},
		{"cut 500 contractors", func(s *scanned) []mention { return findCounts(s, nil, nil) }, []string{"+500"}},
		{"cut 400 or more jobs", func(s *scanned) []mention { return findCounts(s, testQuals(t), nil) }, []string{">=+400"}},
		{"cut more than 400 jobs", func(s *scanned) []mention { return findCounts(s, testQuals(t), nil) }, []string{">+400"}},
		{"hired 1,200 engineers in 2024", func(s *scanned) []mention { return findCounts(s, nil, findDates(s, dateAnchor{})) }, []string{"+1200"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ms := tc.find(scanText(t, tc.in))
			if len(ms) != len(tc.want) {
				t.Fatalf("got %+v, want %v", ms, tc.want)
			}
			for i, m := range ms {
				if got := Normalize(m.value); got != tc.want[i] {
					t.Errorf("got %q, want %q", got, tc.want[i])
				}
			}
		})
	}
}

// tensed marks a publication date whose sentence speaks of the future.
func tensed(pub time.Time) time.Time { return pub.Add(time.Nanosecond) }

// TestDatesInMonthDatedArticles: an article dated only "April 2026" places
// "on April 20" in 2026, and "on Friday" no closer than March to April.
func TestDatesInMonthDatedArticles(t *testing.T) {
	pub := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		future bool
		want   []string
	}{
		{"announced on April 20", false, []string{"2026-04-20"}},
		{"will close on April 2", true, []string{"2026-04-02"}},
		{"announced on May 2", false, []string{"2025-05-02"}},
		{"announced on Friday", false, []string{"2026-03/2026-04"}},
		{"ten days ago", false, nil},
		{"three months ago", false, []string{"2026-01"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ms := findDates(scanText(t, tc.in), dateAnchor{pub: pub, monthOnly: true, future: func(int) bool { return tc.future }})
			var got []string
			for _, m := range ms {
				got = append(got, Normalize(m.value))
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDateForms(t *testing.T) {
	pub := time.Date(2025, 6, 18, 14, 28, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		in   string
		pub  time.Time
		want []string
	}{
		{"on June 18, 2025", time.Time{}, []string{"2025-06-18"}},
		{"on 18 June 2025", time.Time{}, []string{"2025-06-18"}},
		{"on Sept. 12, 2023", time.Time{}, []string{"2023-09-12"}},
		{"dated 2025-06-18", time.Time{}, []string{"2025-06-18"}},
		{"in June 2025", time.Time{}, []string{"2025-06"}},
		{"founded in 2016", time.Time{}, []string{"2016"}},
		{"announced in late 2024", time.Time{}, []string{"2024-09/2024-12"}},
		{"by mid-2025", time.Time{}, []string{"2025-05/2025-08"}},
		{"in early 2023", time.Time{}, []string{"2023-01/2023-04"}},
		{"at the end of 2024", time.Time{}, []string{"2024-09/2024-12"}},
		{"in Q2 2025", time.Time{}, []string{"2025-04/2025-06"}},
		{"in the second quarter of 2025", time.Time{}, []string{"2025-04/2025-06"}},
		{"in H1 2025", time.Time{}, []string{"2025-01/2025-06"}},
		{"in the second half of 2024", time.Time{}, []string{"2024-07/2024-12"}},
		{"in fiscal 2024", time.Time{}, []string{"2024"}},
		{"FY2023 results", time.Time{}, []string{"2023"}},
		{"in the July-September quarter", time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC), []string{"2026-07/2026-09"}},
		{"in April–June 2025", time.Time{}, []string{"2025-04/2025-06"}},
		{"in the January-May period", pub, []string{"2025-01/2025-05"}},
		{"cut in Q2", pub, []string{"2025-04/2025-06"}},
		{"cut in Q2", time.Time{}, nil},
		{"earlier this year", pub, []string{"2025-01/2025-06"}},
		{"later this year", pub, []string{"2025-06/2025-12"}},
		{"this year", pub, []string{"2025"}},
		{"last year", pub, []string{"2024"}},
		{"next year", pub, []string{"2026"}},
		{"last month", pub, []string{"2025-05"}},
		{"on Tuesday", pub, []string{"2025-06-17"}},
		{"yesterday", pub, []string{"2025-06-17"}},
		{"in March", pub, []string{"2025-03"}},
		{"in mid-June", pub, []string{"2025-06"}},
		{"$2025 million is money", time.Time{}, nil},
		{"2000 employees were hired", time.Time{}, nil},
		// Weekdays with their modifiers: the latest past one, the day itself
		// when the article was written on it.
		{"early Monday morning", pub, []string{"2025-06-16"}},
		{"late Thursday", pub, []string{"2025-06-12"}},
		{"Tuesday morning", pub, []string{"2025-06-17"}},
		{"Earlier on Wednesday", pub, []string{"2025-06-18"}},
		{"last Wednesday", pub, []string{"2025-06-11"}},
		{"on Friday", tensed(pub), []string{"2025-06-20"}},
		{"next Wednesday", pub, []string{"2025-06-25"}},
		{"this morning", pub, []string{"2025-06-18"}},
		// Month and day without a year, month without a year: by tense.
		{"on Nov. 3", pub, []string{"2024-11-03"}},
		{"on Nov. 3", tensed(pub), []string{"2025-11-03"}},
		{"on June 2", tensed(pub), []string{"2026-06-02"}},
		{"on 12 March", pub, []string{"2025-03-12"}},
		{"in October", pub, []string{"2024-10"}},
		{"in October", tensed(pub), []string{"2025-10"}},
		{"in June", pub, []string{"2025-06"}},
		{"in late November", pub, []string{"2024-11"}},
		{"in Dec.", tensed(pub), []string{"2025-12"}},
		// Quarters and halves without a year: this year's, or by tense.
		{"in the fourth quarter", pub, []string{"2024-10/2024-12"}},
		{"in the fourth quarter", tensed(pub), []string{"2025-10/2025-12"}},
		{"in the first quarter", tensed(pub), []string{"2026-01/2026-03"}},
		{"fourth-quarter revenue", pub, []string{"2024-10/2024-12"}},
		{"in the first half of the year", pub, []string{"2025-01/2025-06"}},
		{"in the first half of the year", tensed(pub), []string{"2025-01/2025-06"}},
		{"in the second half of next year", pub, []string{"2026-07/2026-12"}},
		{"in the first half", tensed(pub), []string{"2025-01/2025-06"}},
		{"in the second half", pub, []string{"2024-07/2024-12"}},
		// Fiscal years: a stated year end makes the interval.
		{"in fiscal 2026, which ends in September", time.Time{}, []string{"2025-10/2026-09"}},
		{"fiscal 2023", time.Time{}, []string{"2023"}},
		// Counted back from the publication, or from the date before.
		{"three years ago", pub, []string{"2022"}},
		{"eight months ago", pub, []string{"2024-10"}},
		{"10 days ago", pub, []string{"2025-06-08"}},
		{"in March 2024 and, eight months later, again", time.Time{}, []string{"2024-03", "2024-11"}},
		{"two years earlier", pub, []string{"2023"}},
		{"a year ago", pub, nil},
		// Parts of a relative year, of a month, and seasons.
		{"late last year", pub, []string{"2024-09/2024-12"}},
		{"at the end of the year", pub, []string{"2025-09/2025-12"}},
		{"in early next year", pub, []string{"2026-01/2026-04"}},
		{"at the end of March", pub, []string{"2025-03"}},
		{"at the end of March 2024", time.Time{}, []string{"2024-03"}},
		{"first-half revenue", tensed(pub), []string{"2025-01/2025-06"}},
		{"in the summer of 2024", time.Time{}, []string{"2024-06/2024-08"}},
		{"in fall 2023", time.Time{}, []string{"2023-09/2023-11"}},
		{"last autumn", pub, []string{"2024-09/2024-11"}},
		{"this spring", pub, []string{"2025-03/2025-05"}},
		{"earlier this month", pub, []string{"2025-06"}},
		{"the 2024 fiscal year", time.Time{}, []string{"2024"}},
		// A month's abbreviation inside a word is no month.
		{"spending in Marketing rose", pub, nil},
		{"the 12 Markets index", pub, nil},
		{"a unit of Augmented Labs", pub, nil},
		{"since Dec. it has grown", pub, []string{"2024-12"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			future := func(int) bool { return false }
			if tc.pub.Nanosecond() == 1 {
				future = func(int) bool { return true }
			}
			ms := findDates(scanText(t, tc.in), dateAnchor{pub: tc.pub, future: future})
			if len(ms) != len(tc.want) {
				t.Fatalf("got %+v, want %v", ms, tc.want)
			}
			for i, m := range ms {
				if got := Normalize(m.value); got != tc.want[i] {
					t.Errorf("got %q, want %q", got, tc.want[i])
				}
			}
		})
	}
}

func TestSentences(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"Apple Inc. said sales rose. Shares fell.", []string{"Apple Inc. said sales rose.", "Shares fell."}},
		{"The U.S. market grew. It was big.", []string{"The U.S. market grew.", "It was big."}},
		{"CHICAGO, Sept. 12, 2023 was the date. Then more.", []string{"CHICAGO, Sept. 12, 2023 was the date.", "Then more."}},
		{"It closed at 4 p.m. on Monday. Then it rose.", []string{"It closed at 4 p.m. on Monday.", "Then it rose."}},
		{"Revenue was approx. $3 billion in total. Growth slowed.", []string{"Revenue was approx. $3 billion in total.", "Growth slowed."}},
		{"It was Meta vs. Google again. Nobody won.", []string{"It was Meta vs. Google again.", "Nobody won."}},
		{"It invested $14.3B. The deal closed.", []string{"It invested $14.3B.", "The deal closed."}},
		{"Growth hit 3.5 percent. Then it slowed.", []string{"Growth hit 3.5 percent.", "Then it slowed."}},
		{"A Headline Without a Stop\n\nBody text here. More text.", []string{"A Headline Without a Stop", "Body text here.", "More text."}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ss := x.seg.split(tc.in)
			var got []string
			for _, s := range ss {
				got = append(got, s.Text)
				if tc.in[s.Start:s.End] != s.Text {
					t.Errorf("span %d:%d is %q, text is %q", s.Start, s.End, tc.in[s.Start:s.End], s.Text)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// testQuals is the built-in lexicon's qualifiers.
func testQuals(t testing.TB) *qualifiers { return builtinExtractor(t).quals }
