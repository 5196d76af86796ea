package extract

import (
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub, _ := time.Parse("2006-01-02", tc.pub)
			var got []string
			for _, c := range x.ExtractText("a.txt", tc.in, pub) {
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
