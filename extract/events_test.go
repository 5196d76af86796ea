package extract

import (
	"strings"
	"testing"
	"time"
)

// TestEventDatePartiesLeftOpen: where a sentence names no deal and refers to
// none, its event date takes no parties from the rest of the article.
func TestEventDatePartiesLeftOpen(t *testing.T) {
	x := builtinExtractor(t)
	tests := []struct {
		name, in, pub string
		want          string // the event date's subject/object
	}{
		{"no deal named", "Orbital Systems agreed to buy Vega Robotics for $2 billion. The offer period closes on March 3.", "2024-02-14", "/"},
		{"a reference names the deal", "Orbital Systems agreed to buy Vega Robotics for $2 billion. The deal closes on March 3.", "2024-02-14", "Orbital Systems/Vega Robotics"},
		{"the deal named later", "The transaction closed on Monday. Orbital Systems paid $2 billion for Vega Robotics.", "2024-02-14", "Orbital Systems/Vega Robotics"},
		{"the deal its own sentence names, not another the article tells", "Carrow Logistics spent a quiet spring. Under the agreement, disclosed in March 2022, Pinecrest Capital is paying $800 million for a minority holding. Carrow Logistics later acquired Tessmar Routing for €300 million.",
			"2024-02-06", "Pinecrest Capital/"},
		{"a reference points back to the deal before it, though that names one party", "Pinecrest Capital is paying $800 million for a minority holding. That transaction was completed in June 2022. Carrow Logistics later acquired Tessmar Routing for €300 million.",
			"2024-02-06", "Pinecrest Capital/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub, _ := time.Parse("2006-01-02", tc.pub)
			var got []string
			for _, c := range mustExtract(t, x, "a.txt", tc.in, pub) {
				if c.Kind == KindEventDate {
					got = append(got, c.Subject+"/"+c.Object)
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("event date parties %q, want [%s]", got, tc.want)
			}
		})
	}
}

// TestTense: the cue nearest before a date gives its tense.
func TestTense(t *testing.T) {
	x := builtinExtractor(t)
	pub := time.Date(2024, 6, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in, date string
		future   bool
	}{
		{"Orbital Systems will close the deal in March.", "March", true},
		{"Orbital Systems closed the deal in March.", "March", false},
		{"Orbital Systems will invest more in Vega, which it bought in March.", "March", false},
		{"Orbital Systems will invest more in Vega, which it backed in March.", "March", false},
		{"The deal is expected to close in the fourth quarter.", "fourth", true},
		{"Dana Marsh will leave the combined company on January 1.", "January", true},
		{"Orbital Systems said on Tuesday it will invest $2 billion.", "Tuesday", false},
		{"On Jan. 1, the unit will become a separate company.", "Jan.", true},
		{"On Jan. 1, the unit became a separate company.", "Jan.", false},
		{"The new prices take effect in March.", "March", true},
		{"The tender offer expires on May 3.", "May", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			a := newArtState(x, "a.txt", tc.in, pub, "", false)
			a.read()
			c := a.sentence(0)
			if got := c.futureAt(strings.Index(tc.in, tc.date)); got != tc.future {
				t.Errorf("futureAt(%q) = %v, want %v", tc.date, got, tc.future)
			}
		})
	}
}
