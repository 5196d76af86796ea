package rules

import (
	"fmt"
	"sort"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"
)

// A claim rule picks, as vale's rules do with extends:, the mechanism that
// reads its kind out of text; the kind's rule file then holds only words.
// The mechanisms are code in extract, one per shape of statement.
var mechanisms = map[string]string{
	"value":        "a money, percentage or multiple figure linked to a trigger in its clause",
	"event":        "a date linked to an event trigger or a speech verb",
	"count":        "a count of people next to a verb that moves it up or down",
	"relationship": "a client's verb about its relationship with a vendor",
	"title":        "a title held by a person at an organisation",
	"symbol":       "a stock symbol given to a company in parentheses",
}

// Mechanisms are the names a claim rule's extends: may take.
func Mechanisms() []string { return sortedKeys(mechanisms) }

// Fact declares how reconciliation reads a kind: which claims state one
// fact, how their values compare, how a finding names the fact. It lives in
// the kind's rule file, so that what makes two claims comparable is read
// and changed beside the words that make the claims.
type Fact struct {
	// Needs are the fields without which a claim is compared with none:
	// object, event, period.
	Needs []string `yaml:"needs"`
	// Solo are the values of a field for which the fact is the subject's
	// own and needs no object: a company was founded, not founded with
	// someone.
	Solo map[string][]string `yaml:"solo"`
	// ObjectFrom fills a missing object: "deal" takes the target of the
	// subject's deals across the corpus ("when Orbital's deal closed").
	ObjectFrom string `yaml:"object_from"`
	// Skip are field values that take a claim out of comparison: a
	// ceiling on a stake, a role held before.
	Skip map[string][]string `yaml:"skip"`
	// Scope are the fields two claims of one fact share besides kind and
	// parties, in key order; a name ending in "?" is left out when empty.
	Scope []string `yaml:"scope"`
	// ReadAs maps a field's value to the value whose fact it states: a
	// ceiling on an investment states its size ({aspect: {bound: ""}}). A
	// key "value/event" applies only to claims with that event.
	ReadAs map[string]map[string]string `yaml:"read_as"`
	// Subject "market" compares subjects as market names, their filler
	// words dropped.
	Subject string `yaml:"subject"`
	// Group is how claims of one fact are grouped in time before they are
	// compared: deals, holdings, periods (plans: periods of each plan of
	// cuts; rounds: each round's figure, then periods), events or once.
	Group string `yaml:"group"`
	// Compare is how two values meet: interval (numbers and dates as the
	// ranges their wording allows), label (equal, or compatible), titles
	// (one holder of an exclusive post at a time).
	Compare string `yaml:"compare"`
	// Compatible lists, for compare: label, the labels that can hold with
	// each: a client that ended a contract did not merely pause it.
	Compatible map[string][]string `yaml:"compatible"`
	// LabelDrop are prefixes a label is compared without ("interim ");
	// LabelAfter keeps only the part after its last such separator
	// ("NASDAQ:MERC" is MERC).
	LabelDrop  []string `yaml:"label_drop"`
	LabelAfter string   `yaml:"label_after"`
	// WindowDays is how far apart two articles may be published for their
	// undated claims of the fact to be compared.
	WindowDays int `yaml:"window_days"`
	// Severity of a conflict: high or medium.
	Severity string `yaml:"severity"`
	// Message names the fact in a finding: a text/template over the
	// claim's Subject, Object, Aspect, Event and Status, with possessive
	// and trimSuffix.
	Message string `yaml:"message"`

	message *template.Template
	// Where the fact is declared: a replacing rule may inherit the
	// built-in one, whose problems are the built-in file's. node is the
	// declaration, key its "fact:" key.
	file      string
	node, key *yaml.Node
}

var (
	knownFactFields = map[string]bool{"object": true, "status": true, "currency": true, "aspect": true,
		"component": true, "rate": true, "event": true, "period": true, "round": true, "plan": true}
	knownGroups   = map[string]bool{"deals": true, "holdings": true, "periods": true, "plans": true, "rounds": true, "events": true, "once": true}
	knownCompares = map[string]bool{"interval": true, "label": true, "titles": true}
)

var messageFuncs = template.FuncMap{
	"possessive": Possessive,
	"trimSuffix": strings.TrimSuffix,
}

// Possessive is name's possessive: "Meta's", "Siemens'".
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// Phrase names the fact a claim states, from the rule's message template;
// data is the claim.
func (f *Fact) Phrase(data any) (string, error) {
	if f == nil || f.message == nil {
		return "", fmt.Errorf("no message declared")
	}
	var b strings.Builder
	if err := f.message.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// LabelsCompatible says whether two labels can both hold, for compare: label.
func (f *Fact) LabelsCompatible(a, b string) bool {
	if a == b {
		return true
	}
	for _, l := range f.Compatible[a] {
		if l == b {
			return true
		}
	}
	return false
}

// checkFact validates a claim rule's mechanism and fact, and compiles its
// message. Each problem is placed at the key or value it is about; a
// missing key, at the kind (no extends:, no fact:) or at the fact: key.
func (c *Claim) checkFact() ErrorList {
	var errs ErrorList
	kindAt := nodeAt(c.node, "kind")
	bad := func(file string, at *yaml.Node, format string, args ...any) {
		errs = append(errs, errorAt(file, positionOf(at), fmt.Sprintf("kind %s: ", c.Kind)+fmt.Sprintf(format, args...)))
	}
	if _, ok := mechanisms[c.Extends]; !ok {
		bad(c.File, firstOf(nodeAt(c.node, "extends"), kindAt), "extends %q: want one of %s", c.Extends, strings.Join(sortedKeys(mechanisms), ", "))
	}
	f := c.Fact
	if f == nil {
		bad(c.File, kindAt, "no fact: declare how its claims are compared (see rules/builtin/%s.yaml)", c.Kind)
		return errs
	}
	file := f.file
	if file == "" {
		file = c.File
	}
	// at is where a key of the fact is written, else the fact: key.
	at := func(path ...any) *yaml.Node { return firstOf(nodeAt(f.node, path...), f.key) }
	fields := func(what, key string, names []string) {
		for i, n := range names {
			if !knownFactFields[strings.TrimSuffix(n, "?")] {
				bad(file, at(key, i), "%s: unknown field %q: want one of %s", what, n, strings.Join(sortedKeys(knownFactFields), ", "))
			}
		}
	}
	fields("needs", "needs", f.Needs)
	fields("scope", "scope", f.Scope)
	keys := func(what, key string, names []string) {
		for _, n := range names {
			if !knownFactFields[n] {
				bad(file, firstOf(keyAt(f.node, key, n), at(key)), "%s: unknown field %q: want one of %s", what, n, strings.Join(sortedKeys(knownFactFields), ", "))
			}
		}
	}
	keys("solo or skip", "solo", sortedKeys(f.Solo))
	keys("solo or skip", "skip", sortedKeys(f.Skip))
	keys("read_as", "read_as", sortedKeys(f.ReadAs))
	if !knownGroups[f.Group] {
		bad(file, at("group"), "group %q: want one of %s", f.Group, strings.Join(sortedKeys(knownGroups), ", "))
	}
	if !knownCompares[f.Compare] {
		bad(file, at("compare"), "compare %q: want one of %s", f.Compare, strings.Join(sortedKeys(knownCompares), ", "))
	}
	if f.Severity != "high" && f.Severity != "medium" {
		bad(file, at("severity"), "severity %q: want high or medium", f.Severity)
	}
	if f.ObjectFrom != "" && f.ObjectFrom != "deal" {
		bad(file, at("object_from"), "object_from %q: want deal", f.ObjectFrom)
	}
	if f.Subject != "" && f.Subject != "market" {
		bad(file, at("subject"), "subject %q: want market", f.Subject)
	}
	if f.WindowDays < 0 {
		bad(file, at("window_days"), "window_days is a number of days: 0 or more")
	}
	for _, l := range sortedKeys(f.Compatible) {
		for i, w := range f.Compatible[l] {
			if _, ok := f.Compatible[w]; !ok {
				bad(file, at("compatible", l, i), "compatible: %q lists %q, which is not a label of its own", l, w)
			}
		}
	}
	tmpl, err := template.New(c.Kind).Funcs(messageFuncs).Option("missingkey=error").Parse(f.Message)
	switch {
	case strings.TrimSpace(f.Message) == "":
		bad(file, at("message"), "fact has no message: say how a finding names the fact")
	case err != nil:
		bad(file, at("message"), "message: %v", err)
	default:
		f.message = tmpl
	}
	return errs
}

// inherit keeps the built-in rule's mechanism, fact and word classes for a
// user's rule that replaces it without declaring its own: a user adds
// words, not mechanisms.
func (c *Claim) inherit(builtin *Claim) {
	if c.Extends == "" {
		c.Extends = builtin.Extends
	}
	if c.Fact == nil {
		c.Fact = builtin.Fact
	}
	if c.Future == "" {
		c.Future = builtin.Future
	}
	if c.Exchanges == nil && c.SymbolSuffixes == nil && c.AcronymSkip == nil {
		c.Exchanges, c.SymbolSuffixes, c.AcronymSkip = builtin.Exchanges, builtin.SymbolSuffixes, builtin.AcronymSkip
	}
	for name, p := range builtin.Words {
		if _, ok := c.Words[name]; !ok {
			if c.Words == nil {
				c.Words = map[string]*Pattern{}
			}
			c.Words[name] = p
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
