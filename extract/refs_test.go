package extract

import (
	"testing"
	"time"
)

// TestClaimRefs: a claim whose sentence refers to its party ("its", "the
// startup") carries what the reference was read as; one whose sentence
// names the party carries nothing.
func TestClaimRefs(t *testing.T) {
	x := builtinExtractor(t)
	text := "Vantor Labs is a robotics startup based in Oslo.\n\nThe startup raised $40 million from Northgate Capital in March.\n\nVantor Labs said its valuation reached $300 million."
	claims, err := x.ExtractText("a.txt", text, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var sawRef bool
	for _, c := range claims {
		t.Logf("%s %s/%s %q refs %v", c.Kind, c.Subject, c.Object, c.Text, c.Refs)
		for _, r := range c.Refs {
			if r.Name != c.Subject && r.Name != c.Object {
				t.Errorf("%s: ref %+v names neither party", c.Text, r)
			}
		}
		if c.Text == "$40 million" {
			if len(c.Refs) != 1 || c.Refs[0] != (Ref{Text: "The startup", Name: "Vantor Labs"}) {
				t.Errorf("$40 million: refs %+v, want The startup read as Vantor Labs", c.Refs)
			}
			sawRef = true
		}
		if c.Text == "$300 million" && len(c.Refs) > 0 {
			t.Errorf("$300 million: its sentence names Vantor Labs, yet refs %+v", c.Refs)
		}
	}
	if !sawRef {
		t.Error("no claim of $40 million")
	}
}
