package extract

import "strings"

// Ref is a reference in a claim's sentence ("its", "the startup") and the
// party extraction read it as, so that a reader can check the reading
// where the sentence does not name the party itself.
type Ref struct {
	Text string `json:"text"` // as written in the sentence
	Name string `json:"name"` // the party's canonical name
}

// noteRefs records what the references of a sentence that gave claims
// stand for, as read now, before the sentence joins the context of those
// after it. attachRefs gives each claim those that name its parties.
func (a *artState) noteRefs(c *sentCtx) {
	if n := len(a.claims); n == 0 || a.claims[n-1].SentStart != c.s.Start {
		return // the sentence gave no claim
	}
	var named []string
	for _, e := range c.ents {
		if e.ref == refName && e.name != "" {
			named = append(named, c.art.canonical(e.name))
		}
	}
	for _, m := range c.ents {
		if m.ref == refName || m.start < 0 || m.end > len(c.text) || m.start >= m.end {
			continue
		}
		var p party
		switch {
		case m.ref == refPronoun:
			// "Alphabet said its ...": a pronoun after a name is that
			// name's, and the sentence names it already.
			if p = c.resolve(m); containsFold(named, p.name) {
				continue
			}
		default:
			// "Alphabet has invested in the start-up": a description
			// stands for another party than the sentence names, as the
			// claim builders read it; "Vega, the drone startup," is Vega.
			if _, ok := c.appositiveOf(m); ok {
				continue
			}
			p = c.resolve(m, named...)
		}
		if p.ok() {
			if a.refs == nil {
				a.refs = map[int][]Ref{}
			}
			a.refs[c.s.Start] = append(a.refs[c.s.Start], Ref{Text: c.text[m.start:m.end], Name: p.name})
		}
	}
}

// attachRefs gives each claim the references of its sentence read as one
// of its parties, when the sentence does not name that party outright.
func (a *artState) attachRefs() {
	if len(a.refs) == 0 {
		return
	}
	for i := range a.claims {
		c := &a.claims[i]
		for _, r := range a.refs[c.SentStart] {
			if (r.Name == c.Subject || r.Name == c.Object) && !strings.Contains(c.Sentence, r.Name) && !hasRef(c.Refs, r) {
				c.Refs = append(c.Refs, r)
			}
		}
	}
}

func hasRef(refs []Ref, r Ref) bool {
	for _, x := range refs {
		if x == r {
			return true
		}
	}
	return false
}
