package reconcile

import (
	"slices"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// What makes claims one fact, how their values meet and how a finding
// names the fact are declared per kind in its rule file (rules.Fact); this
// file reads those declarations. The mechanisms they name (deals, holdings,
// periods, events) are the code of this package.

// defaultWindowDays is how far apart two articles may be published for
// their undated figures of a changing fact to be compared, unless the
// kind's fact says otherwise: a figure such as a valuation moves fast.
const defaultWindowDays = 60

// factsOf maps each kind of a rule set to its fact; a nil set is the
// built-in rules.
func factsOf(set *rules.Set) map[extract.Kind]*rules.Fact {
	if set == nil {
		set, _ = rules.Builtin() // embedded and tested: it loads
	}
	out := map[extract.Kind]*rules.Fact{}
	if set == nil {
		return out
	}
	for i := range set.Claims {
		if f := set.Claims[i].Fact; f != nil {
			out[extract.Kind(set.Claims[i].Kind)] = f
		}
	}
	return out
}

// sortedKeys returns a map's keys in order: findings come out the same
// whatever the map's order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// field is a claim's value of a field a fact declaration names.
func field(c *extract.Claim, name string) string {
	switch name {
	case "object":
		return c.Object
	case "status":
		return string(c.Status)
	case "currency":
		return c.Value.Currency
	case "aspect":
		return string(c.Aspect)
	case "component":
		return component(c)
	case "rate":
		return c.Value.Rate
	case "event":
		return c.Event
	case "period":
		return c.Period
	case "round":
		return c.Round
	case "plan":
		return c.Plan
	}
	return ""
}

// readAs is the value of a claim's field as its fact reads it.
func readAs(f *rules.Fact, c *extract.Claim, name string) string {
	v := field(c, name)
	m := f.ReadAs[name]
	if m == nil {
		return v
	}
	if c.Event != "" {
		if w, ok := m[v+"/"+c.Event]; ok {
			return w
		}
	}
	if w, ok := m[v]; ok {
		return w
	}
	return v
}

// solo says whether the claim's fact is its subject's own, needing no
// object ("when Vega was founded").
func solo(f *rules.Fact, c *extract.Claim) bool {
	for name, vals := range f.Solo {
		if slices.Contains(vals, field(c, name)) {
			return true
		}
	}
	return false
}

// keyOf returns a claim's fact, or false when the claim is not compared
// with others: its kind declares no fact, or it lacks what the fact needs
// (its parties, its event), or it is of a sort the fact skips (a ceiling on
// a stake).
func (r *run) keyOf(c *extract.Claim) (factKey, bool) {
	k := factKey{kind: c.Kind, subject: r.canon(c.Subject), object: r.canon(c.Object)}
	f := r.facts[c.Kind]
	if c.Subject == "" || f == nil {
		return k, false
	}
	own := solo(f, c)
	if f.ObjectFrom == "deal" && c.Object == "" && !own {
		k.object = fold(r.dealTarget(c.Subject))
	}
	for _, n := range f.Needs {
		switch {
		case n != "object":
			if field(c, n) == "" {
				return k, false
			}
		case own:
		case f.ObjectFrom != "" && k.object == "", f.ObjectFrom == "" && c.Object == "":
			return k, false
		}
	}
	for name, vals := range f.Skip {
		if slices.Contains(vals, field(c, name)) {
			return k, false
		}
	}
	if f.Subject == "market" {
		k.subject = r.marketKey(c.Subject)
	}
	parts := make([]string, 0, len(f.Scope))
	for _, name := range f.Scope {
		optional := strings.HasSuffix(name, "?")
		v := readAs(f, c, strings.TrimSuffix(name, "?"))
		if optional && v == "" {
			continue
		}
		parts = append(parts, v)
	}
	k.scope = strings.Join(parts, "|")
	return k, true
}

// groupOf is how a kind's claims are grouped in time before they are
// compared: deals, holdings, periods, events or once.
func (r *run) groupOf(k extract.Kind) string {
	if f := r.facts[k]; f != nil {
		return f.Group
	}
	return ""
}

// windowOf is how far apart, in days, two articles may be published for
// their undated claims of a kind to be compared.
func (r *run) windowOf(k extract.Kind) int {
	if f := r.facts[k]; f != nil && f.WindowDays > 0 {
		return f.WindowDays
	}
	return defaultWindowDays
}

// comparesLabels says whether a kind's values are labels (a client change,
// a title, a symbol) rather than intervals.
func (r *run) comparesLabels(k extract.Kind) bool {
	f := r.facts[k]
	return f != nil && f.Compare != "interval"
}

// labelOf is a claim's label as its fact compares it: "interim CEO" as
// ceo, "NASDAQ:MERC" as MERC.
func (r *run) labelOf(c *extract.Claim) string {
	l := c.Value.Label
	f := r.facts[c.Kind]
	if f == nil {
		return l
	}
	for _, p := range f.LabelDrop {
		l = strings.TrimPrefix(l, p)
	}
	if f.LabelAfter != "" {
		if i := strings.LastIndex(l, f.LabelAfter); i >= 0 {
			l = l[i+len(f.LabelAfter):]
		}
	}
	return l
}

// labelsCompatible says whether two labels of a kind can both hold.
func (r *run) labelsCompatible(k extract.Kind, a, b string) bool {
	f := r.facts[k]
	switch {
	case a == b:
		return true
	case f == nil:
		return false
	case f.Compare == "titles":
		return r.posts.titlesCompatible(a, b)
	}
	return f.LabelsCompatible(a, b)
}

// severityOf is the severity a kind's conflicts start from.
func (r *run) severityOf(k extract.Kind) Severity {
	if f := r.facts[k]; f != nil && f.Severity == "medium" {
		return SeverityMedium
	}
	return SeverityHigh
}

// factPhrase names the fact a claim states, for messages: "Meta's
// investment in Scale AI".
func (r *run) factPhrase(c *extract.Claim) string {
	if f := r.facts[c.Kind]; f != nil {
		if p, err := f.Phrase(c); err == nil {
			return p
		}
	}
	return string(c.Kind) + " of " + c.Subject
}
