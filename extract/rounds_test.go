package extract

import (
	"testing"
	"time"
)

// TestRoundsStayInTheirClause: a round or a plan named in another clause is
// another figure's, so the figure names none.
func TestRoundsStayInTheirClause(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		text       string
		value      string // the claim's normalized value
		round, pln string
	}{
		{"Helix Robotics, which raised $50 million in its Series A, has now raised $200 million from Orbital Systems.", "USD 200000000", "", ""},
		{"Helix Robotics, which raised $50 million in its Series A, has now raised $200 million from Orbital Systems.", "USD 50000000", "series a", ""},
		{"Orbital Systems invested $3 billion in Helix Robotics, more than in its Series B.", "USD 3000000000", "", ""},
		{"Orbital Systems invested $40 million in Helix Robotics when it led the Series B.", "USD 40000000", "", ""},
		{"Helix Robotics raised $90 million in a Series B-2 round.", "USD 90000000", "series b2", ""},
		{"Vega Robotics, which completed its restructuring in May, will cut 300 jobs.", "-300", "", ""},
		{"Vega Robotics will cut 300 jobs; its restructuring ended in May.", "-300", "", ""},
	}
	for _, tc := range tests {
		cs, err := x.ExtractText("a.txt", tc.text, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range cs {
			if c.Normalized != tc.value {
				continue
			}
			found = true
			if c.Round != tc.round || c.Plan != tc.pln {
				t.Errorf("%q: %s has round %q plan %q, want %q %q", tc.text, tc.value, c.Round, c.Plan, tc.round, tc.pln)
			}
		}
		if !found {
			t.Errorf("%q: no claim of %s in %s", tc.text, tc.value, describeAll(cs))
		}
	}
}
