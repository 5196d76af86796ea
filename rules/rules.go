package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// EntityType says what an entity is.
type EntityType string

// Entity types.
const (
	EntityOrg    EntityType = "org"
	EntityPerson EntityType = "person"
	EntityMarket EntityType = "market"
	EntityOutlet EntityType = "outlet" // a news outlet or research firm: a source, never a party to a deal
)

// Entity is a known organisation, person, market or outlet with the names it
// goes by.
type Entity struct {
	Name    string     `yaml:"name"`
	Type    EntityType `yaml:"type"`
	Aliases []string   `yaml:"aliases"`
	People  []string   `yaml:"people"`  // leaders: "Mark Zuckerberg's company" is this entity
	Tickers []string   `yaml:"tickers"` // EXCHANGE:SYMBOL this entity trades under
	Private bool       `yaml:"private"` // known not to be publicly listed
	Line    int        `yaml:"-"`
	Column  int        `yaml:"-"`
	File    string     `yaml:"-"`
	typeAt  position   // where its type is written, for a bad one
}

// Trigger is a pattern that, standing within a window of words of a value,
// makes that value a claim of the rule's kind.
type Trigger struct {
	Pattern Pattern `yaml:"pattern"`
	Before  int     `yaml:"before"` // the value may stand up to Before words before the trigger
	After   int     `yaml:"after"`  // or up to After words after it
	Aspect  string  `yaml:"aspect"` // an aspect the trigger implies (before, after, total, tranche...)
	Status  string  `yaml:"status"` // a status the trigger implies (target, forecast...)
	Event   string  `yaml:"event"`  // for event_date: the event type
	// Component is the part of a deal the trigger names: "milestone
	// payments" are contingent, "upfront price" is upfront.
	Component string `yaml:"component"`
	// Frame places the parties when the agent does not invest: "holders"
	// reads "Vega shareholders will receive $5bn" as paid for Vega;
	// "held_by" reads "the 11% stake held by Harbor Lane" as Harbor Lane's; "sale"
	// reads "sold its stake in Vega to Harbor for $1bn" as Harbor's money;
	// "running_total" reads "bringing its total to $8bn" as the total of the
	// investment stated before it in the sentence; "relative" reads "the
	// $300m Orbital sank into Vega" as Orbital's, the name between value and verb;
	// "deal" reads an event trigger whose sentence names no party ("Expected
	// close: Q3 2026") as the article's deal's.
	Frame string `yaml:"frame"`
	// Presupposed triggers state their fact in a clause of their own ("the
	// 11% stake held by Harbor Lane"), which a negation before the value
	// ("did not buy") does not deny.
	Presupposed bool `yaml:"presupposed"`
}

// Cue is a pattern that, standing within a window of words of a value a
// kind has claimed, scopes the claim: the part of the deal it is, its
// status, a bound. It makes no claim by itself.
type Cue struct {
	Pattern   Pattern `yaml:"pattern"`
	Before    int     `yaml:"before"` // the value may stand up to Before words before the cue
	After     int     `yaml:"after"`  // or up to After words after it
	Component string  `yaml:"component"`
	Status    string  `yaml:"status"`
	Qualifier string  `yaml:"qualifier"` // a bound the cue puts on an unqualified value: "could reach" is <=
}

// Qualifier is the words that bound a figure, written before it ("more
// than $5bn") or after it ("$5bn or more"), and the bound they give.
type Qualifier struct {
	Label  string   `yaml:"label"` // >, >=, <, <=, ~
	Before []string `yaml:"before"`
	After  []string `yaml:"after"`
	// Where the label is written, for a bad one. (Positions are read from
	// the file's node tree after decoding: an UnmarshalYAML method would
	// decode without the strict decoder's check for unknown keys.)
	File   string `yaml:"-"`
	Line   int    `yaml:"-"`
	Column int    `yaml:"-"`
}

// Verb maps a pattern to a label: a client change ("sever" → terminate) or a
// headcount direction ("hired" → +).
type Verb struct {
	Pattern Pattern `yaml:"pattern"`
	Label   string  `yaml:"label"`
	labelAt position
}

// Case is one test a rule carries: text in, the claims it must give (none
// when Claims is empty).
type Case struct {
	Text      string      `yaml:"text"`
	Published string      `yaml:"published"` // YYYY-MM-DD, for relative dates
	Claims    []CaseClaim `yaml:"claims"`
	Line      int         `yaml:"-"`
}

// CaseClaim is a claim a Case expects; empty fields are not checked.
type CaseClaim struct {
	Kind       string `yaml:"kind"`
	Subject    string `yaml:"subject"`
	Object     string `yaml:"object"`
	Normalized string `yaml:"normalized"`
	Text       string `yaml:"text"`
	Hedged     *bool  `yaml:"hedged"`
	Period     string `yaml:"period"`
	Status     string `yaml:"status"`
	Aspect     string `yaml:"aspect"`
	Event      string `yaml:"event"`
	Component  string `yaml:"component"`
	Round      string `yaml:"round"`
	Plan       string `yaml:"plan"`
}

// Claim is the rule for one claim kind.
type Claim struct {
	Kind string `yaml:"kind"`
	Doc  string `yaml:"doc"`
	// Extends names the mechanism that reads the kind (see mechanisms).
	Extends string `yaml:"extends"`
	// Future is the status a figure of a period after the article's
	// publication takes: revenue "of $400 million next year" is a forecast.
	Future string `yaml:"future"`
	// Fact is how reconciliation compares the kind's claims.
	Fact     *Fact     `yaml:"fact"`
	Values   []string  `yaml:"values"`   // value types the kind takes: money, per_share (a price a share), percent, multiple, date, count
	Triggers []Trigger `yaml:"triggers"` // for value kinds
	Exclude  []Pattern `yaml:"exclude"`  // text between value and trigger that breaks the link
	Cues     []Cue     `yaml:"cues"`     // words near a claimed value that scope it
	// Others are figures of another measure: standing next to a value
	// (three words before it, one after) they make it theirs, never this
	// kind's ("a net loss of $40 million" is no revenue).
	Others []Pattern `yaml:"others"`
	// Verbs: for client_change and headcount_change; for event_date,
	// speech verbs that date a deal's announcement.
	Verbs []Verb `yaml:"verbs"`
	// Nouns: for headcount_change, what is counted (employees, jobs...);
	// for event_date, references to a deal.
	Nouns  []Pattern `yaml:"nouns"`
	Titles []string  `yaml:"titles"` // for role: job titles
	// Transitive verbs frame a deal: their subject is the investor, their
	// direct object the target ("X backed Y with $1 billion").
	Transitive []Pattern `yaml:"transitive"`
	// Synonyms map a title as written to the title it is, for role:
	// "finance chief" is cfo, "chief executive officer" is ceo.
	Synonyms map[string]string `yaml:"synonyms"`
	// CompoundDrop are titles that, joined to a post ("co-founder and
	// CTO"), say who started a company rather than the post held.
	CompoundDrop []string `yaml:"compound_drop"`
	// Links are the words before a title that give it to the clause's
	// subject: "Ana Gil will become Pinecrest's CFO", "joined as CTO".
	Links []string `yaml:"links"`
	// Words are named word classes the kind's mechanism consults beyond
	// its triggers: for investment, the triggers that buy ("acquire") or
	// raise money, the verbs that lead a round; for growth, the verbs of
	// decline. Each is a pattern; the mechanism says where it is tried.
	Words map[string]*Pattern `yaml:"words"`
	// Exchanges map an exchange as written before a symbol ("NasdaqGS",
	// "NYSE Arca") to the listing's name of it; SymbolSuffixes, a suffix
	// written after one ("NVDA.O"); AcronymSkip, the words an acronym
	// leaves out ("Securities and Exchange Commission (SEC)"). For ticker.
	Exchanges      map[string]string `yaml:"exchanges"`
	SymbolSuffixes map[string]string `yaml:"symbol_suffixes"`
	AcronymSkip    []string          `yaml:"acronym_skip"`
	// Plans name the plan a cut belongs to by its cause, for
	// headcount_change: "as it integrates X" (label integration, and the
	// organisation named after it), "the restructuring announced in May"
	// (restructuring, and the date after it). Cuts of different plans are
	// different facts.
	Plans []Verb `yaml:"plans"`
	// Exclusive are posts an organisation gives one person at a time, for
	// role, each with the titles (as the synonyms give them) that hold it:
	// chair: [chair, chairman, chairwoman].
	Exclusive map[string][]string `yaml:"exclusive"`
	// Separate are posts one person does not hold two of at once unless a
	// compound title names both, for role: "ceo", "cfo".
	Separate []string `yaml:"separate"`
	Tests    []Case   `yaml:"tests"`
	File     string   `yaml:"-"`
	// node is the file's top mapping: errors found after decoding are
	// placed at the key or value they are about.
	node *yaml.Node
}

// Lexicon holds the word lists extraction consults.
type Lexicon struct {
	Hedges        []Pattern `yaml:"hedges"`        // reportedly, according to people familiar...
	Attributions  []Pattern `yaml:"attributions"`  // patterns with one group naming the source
	Negations     []Pattern `yaml:"negations"`     // did not, never...
	Abbreviations []string  `yaml:"abbreviations"` // words whose full stop ends no sentence
	NotEntities   []string  `yaml:"not_entities"`  // capitalised words that never start an entity
	NameTails     []string  `yaml:"name_tails"`    // not entities alone, yet they end a name: "Kestrane AI"
	OrgWords      []string  `yaml:"org_words"`     // words that end an organisation's name, never a person's
	Descriptors   []string  `yaml:"descriptors"`   // head nouns of "the company", "the data-labeling firm"
	Units         []string  `yaml:"units"`         // unit, division...: a part of a company a figure can be about
	Subordinators []string  `yaml:"subordinators"` // when, while...: a trigger after one belongs to another clause
	MarketWords   []string  `yaml:"market_words"`  // head words of a market: market, industry...
	MarketDrop    []string  `yaml:"market_drop"`   // words ignored when comparing market names
	OrgSuffixes   []string  `yaml:"org_suffixes"`  // Inc., Corp. ...: dropped from canonical names
	Private       []Pattern `yaml:"private"`       // "<entity> is private": one group naming the entity
	Outlets       []Pattern `yaml:"outlets"`       // "..., Semafor reported.": one group naming a news outlet
	Places        []string  `yaml:"places"`        // nationalities, places and regions: never a party
	Statuses      []Verb    `yaml:"statuses"`      // patterns near a value that set its status
	Aspects       []Verb    `yaml:"aspects"`       // patterns near a value that set its aspect
	// Rounds name one round of a deal near a value: "Series C", "its seed
	// round", "the second tranche", "the 2019 deal". A label may use the
	// pattern's groups ("series $1"); claims naming different rounds are
	// different deals.
	Rounds        []Verb      `yaml:"rounds"`
	Former        []Pattern   `yaml:"former"`         // previously, former...: a role held before
	Transition    []Pattern   `yaml:"transition"`     // stepped in as, named...: the role held now
	Qualifiers    []Qualifier `yaml:"qualifiers"`     // more than, up to, about...: bounds on a figure
	Future        []Pattern   `yaml:"future"`         // will, expected to...: a clause about what is to come
	Past          []Pattern   `yaml:"past"`           // said, was...: a clause about what has been, nearer the date than a future cue
	DateLead      []string    `yaml:"date_lead"`      // words between a verb and the date it governs: on, in, early...
	ClauseOpeners []string    `yaml:"clause_open"`    // words that open a clause after a comma: which, while...
	PhraseBreaks  []string    `yaml:"phrase_breaks"`  // in, of, and...: a name's modifiers stop at them
	PronounPasses []string    `yaml:"pronoun_passes"` // with, to, of...: a pronoun passes over their object for a subject before
	PersonBefore  []string    `yaml:"person_before"`  // Mr., senator, analyst...: a name after them is a person
	PersonAfter   []string    `yaml:"person_after"`   // said, told...: a name before them may be a person
	CompanyVerbs  []string    `yaml:"company_verbs"`  // said, makes, acquired...: a capitalised run before them is a name
	TimeAdverbs   []string    `yaml:"time_adverbs"`   // now, still...: stand between a subject and its verb
	ProductNouns  []string    `yaml:"product_nouns"`  // chatbot, model...: "the Claude chatbot" names a product, not a company
	SymbolWords   []string    `yaml:"symbol_words"`   // ticker, symbol: the word after them is a stock symbol
	NameStop      []string    `yaml:"name_stop"`      // the, of, booming...: words that end a market's name
	SiteNouns     []string    `yaml:"site_nouns"`     // facility, plant...: "its Dayton facility" names a place, not a party
	LetterLabels  []string    `yaml:"letter_labels"`  // Series, Class...: "its Series A. Orbex..." ends a sentence after the letter
}

// Pattern is a regular expression compiled at load, with where it was
// written: a lexicon's lists and a kind's inherited words mix patterns of
// several files.
type Pattern struct {
	Source string
	Re     *regexp.Regexp
	File   string
	Line   int
	Column int
}

// UnmarshalYAML keeps the position so that a bad pattern is reported at it.
func (p *Pattern) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a pattern must be a string", n.Line)
	}
	p.Source, p.Line, p.Column = n.Value, n.Line, n.Column
	return nil
}

// Set is every rule claimcheck runs with.
type Set struct {
	Entities []Entity
	Claims   []Claim // one per kind, in the order of the built-in files
	Lexicon  Lexicon
	Files    []string // the files the set was loaded from
}

// ClaimRule returns the rule for kind.
func (s *Set) ClaimRule(kind string) (*Claim, bool) {
	for i := range s.Claims {
		if s.Claims[i].Kind == kind {
			return &s.Claims[i], true
		}
	}
	return nil, false
}

// Error is one problem in a rule file.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrorList is every problem found while loading, sorted by position, so a
// user fixes them all in one pass.
type ErrorList []Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l ErrorList) sorted() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Column < l[j].Column
	})
	return l
}

// header is what every rule file starts with.
type header struct {
	Type string `yaml:"type"`
}

type entitiesFile struct {
	Type     string   `yaml:"type"`
	Entities []Entity `yaml:"entities"`
}

type lexiconFile struct {
	Type    string `yaml:"type"`
	Lexicon `yaml:",inline"`
}

type claimFile struct {
	Type  string `yaml:"type"`
	Claim `yaml:",inline"`
}

var (
	builtinOnce sync.Once
	builtinSet  *Set
	builtinErr  error
)

// Builtin returns the embedded rules, loaded once and shared read-only.
func Builtin() (*Set, error) {
	builtinOnce.Do(func() {
		builtinSet, builtinErr = load(builtinFS, "builtin", nil)
	})
	return builtinSet, builtinErr
}

// Load returns the built-in rules extended by the .yaml files in dir (none
// when dir is empty). Files there add entities and lexicon words; a claim file
// naming a kind replaces the built-in rule for it.
func Load(dir string) (*Set, error) {
	if dir == "" {
		return Builtin()
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("rules %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("rules %s: not a folder of .yaml files", dir)
	}
	base, err := load(builtinFS, "builtin", nil)
	if err != nil {
		return nil, err
	}
	return load(os.DirFS(dir), ".", &loadBase{set: base, dir: dir})
}

type loadBase struct {
	set *Set
	dir string
}

func load(fsys fs.FS, root string, base *loadBase) (*Set, error) {
	names, err := fs.Glob(fsys, path.Join(root, "*.yaml"))
	if err != nil {
		return nil, err
	}
	more, _ := fs.Glob(fsys, path.Join(root, "*.yml"))
	names = append(names, more...)
	sort.Strings(names)
	set := &Set{}
	display := func(name string) string { return "rules/" + name }
	if base != nil {
		*set = *base.set
		set.Entities = append([]Entity(nil), base.set.Entities...)
		set.Claims = append([]Claim(nil), base.set.Claims...)
		set.Files = append([]string(nil), base.set.Files...)
		display = func(name string) string { return filepath.Join(base.dir, name) }
		if len(names) == 0 {
			return nil, fmt.Errorf("rules %s: no .yaml files in the folder", base.dir)
		}
	}
	var errs ErrorList
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		file := display(name)
		if err != nil {
			errs = append(errs, Error{File: file, Msg: err.Error()})
			continue
		}
		set.Files = append(set.Files, file)
		errs = append(errs, set.addFile(file, data)...)
	}
	errs = append(errs, set.compile()...)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	return set, nil
}

var (
	yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	// yamlToken is what a decoder message quotes: the unknown key of
	// "field colour not found", the value of "cannot unmarshal !!str `many`".
	yamlToken = regexp.MustCompile("^field (\\S+) |`([^`]*)`")
)

// decodeStrict decodes data into v, rejecting unknown keys, and turns the
// decoder's messages into positioned errors: the line the decoder gives,
// the column of the key or value it quotes, found in doc (nil for a file
// that does not parse). Unknown keys and wrong types leave the rest
// decoded (fatal is false), so later checks still run and every problem of
// a file is reported at once.
func decodeStrict(file string, data []byte, v any, doc *yaml.Node) (list ErrorList, fatal bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if err == nil {
		return nil, false
	}
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	fatal = true
	if errors.As(err, &te) {
		msgs, fatal = te.Errors, false
	}
	for _, m := range msgs {
		e := Error{File: file, Msg: m}
		if g := yamlLine.FindStringSubmatch(m); g != nil {
			e.Line, _ = strconv.Atoi(g[1])
			e.Msg = g[2]
			token := ""
			if t := yamlToken.FindStringSubmatch(e.Msg); t != nil {
				token = t[1] + t[2]
			}
			if n := onLine(doc, e.Line, token); n != nil {
				e.Column = n.Column
			}
		}
		e.Msg = strings.Replace(e.Msg, " not found in type ", " is not a known key of ", 1)
		if i := strings.Index(e.Msg, " is not a known key of "); i >= 0 {
			e.Msg = e.Msg[:i] + " is not a known key"
		}
		list = append(list, e)
	}
	return list, fatal
}

func (s *Set) addFile(file string, data []byte) ErrorList {
	if s.addEntitiesChunked(file, data) {
		return nil
	}
	return s.addParsed(file, data)
}

// addParsed adds a rule file parsed whole.
func (s *Set) addParsed(file string, data []byte) (all ErrorList) {
	var h header
	var probe yaml.Node
	if err := yaml.Unmarshal(data, &probe); err != nil {
		errs, _ := decodeStrict(file, data, &h, nil)
		return errs
	}
	if len(probe.Content) == 0 {
		return ErrorList{{File: file, Msg: "empty rule file: want a 'type:' of entities, lexicon or claim"}}
	}
	root := probe.Content[0]
	_ = root.Decode(&h)
	switch h.Type {
	case "entities":
		var f entitiesFile
		errs, fatal := decodeStrict(file, data, &f, &probe)
		if fatal {
			return errs
		}
		defer func() { all = append(errs, all...) }()
		for i := range f.Entities {
			e := &f.Entities[i]
			item := nodeAt(root, "entities", i)
			e.File = file
			p := positionOf(item)
			e.Line, e.Column = p.line, p.column
			e.typeAt = positionOf(firstOf(nodeAt(item, "type"), item))
		}
		s.Entities = append(s.Entities, f.Entities...)
	case "lexicon":
		var f lexiconFile
		errs, fatal := decodeStrict(file, data, &f, &probe)
		if fatal {
			return errs
		}
		defer func() { all = append(errs, all...) }()
		stampFile(&f.Lexicon, file)
		for list, verbs := range map[string][]Verb{"statuses": f.Statuses, "aspects": f.Aspects, "rounds": f.Rounds} {
			for i := range verbs {
				verbs[i].labelAt = positionOf(firstOf(nodeAt(root, list, i, "label"), nodeAt(root, list, i)))
			}
		}
		for i := range f.Qualifiers {
			q := &f.Qualifiers[i]
			p := positionOf(firstOf(nodeAt(root, "qualifiers", i, "label"), nodeAt(root, "qualifiers", i)))
			q.File, q.Line, q.Column = file, p.line, p.column
		}
		s.Lexicon.merge(f.Lexicon)
	case "claim":
		var f claimFile
		errs, fatal := decodeStrict(file, data, &f, &probe)
		if fatal {
			return errs
		}
		defer func() { all = append(errs, all...) }()
		c := &f.Claim
		c.File, c.node = file, root
		stampFile(c, file)
		for i := range c.Verbs {
			c.Verbs[i].labelAt = positionOf(firstOf(nodeAt(root, "verbs", i, "label"), nodeAt(root, "verbs", i)))
		}
		for i := range c.Plans {
			c.Plans[i].labelAt = positionOf(firstOf(nodeAt(root, "plans", i, "label"), nodeAt(root, "plans", i)))
		}
		for i := range c.Tests {
			c.Tests[i].Line = positionOf(nodeAt(root, "tests", i)).line
		}
		if c.Fact != nil {
			c.Fact.file, c.Fact.node, c.Fact.key = file, nodeAt(root, "fact"), keyAt(root, "fact")
		}
		replaced := false
		for i := range s.Claims {
			if s.Claims[i].Kind == c.Kind {
				c.inherit(&s.Claims[i])
				s.Claims[i], replaced = *c, true
			}
		}
		if !replaced {
			s.Claims = append(s.Claims, *c)
		}
	case "":
		return ErrorList{errorAt(file, positionOf(root), "missing 'type:': want entities, lexicon or claim")}
	default:
		return ErrorList{errorAt(file, positionOf(firstOf(nodeAt(root, "type"), root)), fmt.Sprintf("unknown type %q: want entities, lexicon or claim", h.Type))}
	}
	return nil
}

func (l *Lexicon) merge(o Lexicon) {
	l.Hedges = append(l.Hedges, o.Hedges...)
	l.Attributions = append(l.Attributions, o.Attributions...)
	l.Negations = append(l.Negations, o.Negations...)
	l.Abbreviations = append(l.Abbreviations, o.Abbreviations...)
	l.NotEntities = append(l.NotEntities, o.NotEntities...)
	l.NameTails = append(l.NameTails, o.NameTails...)
	l.OrgWords = append(l.OrgWords, o.OrgWords...)
	l.Descriptors = append(l.Descriptors, o.Descriptors...)
	l.Units = append(l.Units, o.Units...)
	l.Subordinators = append(l.Subordinators, o.Subordinators...)
	l.MarketWords = append(l.MarketWords, o.MarketWords...)
	l.MarketDrop = append(l.MarketDrop, o.MarketDrop...)
	l.OrgSuffixes = append(l.OrgSuffixes, o.OrgSuffixes...)
	l.Private = append(l.Private, o.Private...)
	l.Outlets = append(l.Outlets, o.Outlets...)
	l.Places = append(l.Places, o.Places...)
	l.Statuses = append(l.Statuses, o.Statuses...)
	l.Aspects = append(l.Aspects, o.Aspects...)
	l.Rounds = append(l.Rounds, o.Rounds...)
	l.Former = append(l.Former, o.Former...)
	l.Transition = append(l.Transition, o.Transition...)
	l.Qualifiers = append(l.Qualifiers, o.Qualifiers...)
	l.Future = append(l.Future, o.Future...)
	l.Past = append(l.Past, o.Past...)
	l.DateLead = append(l.DateLead, o.DateLead...)
	l.ClauseOpeners = append(l.ClauseOpeners, o.ClauseOpeners...)
	l.PhraseBreaks = append(l.PhraseBreaks, o.PhraseBreaks...)
	l.PronounPasses = append(l.PronounPasses, o.PronounPasses...)
	l.PersonBefore = append(l.PersonBefore, o.PersonBefore...)
	l.PersonAfter = append(l.PersonAfter, o.PersonAfter...)
	l.CompanyVerbs = append(l.CompanyVerbs, o.CompanyVerbs...)
	l.TimeAdverbs = append(l.TimeAdverbs, o.TimeAdverbs...)
	l.ProductNouns = append(l.ProductNouns, o.ProductNouns...)
	l.SymbolWords = append(l.SymbolWords, o.SymbolWords...)
	l.NameStop = append(l.NameStop, o.NameStop...)
	l.SiteNouns = append(l.SiteNouns, o.SiteNouns...)
	l.LetterLabels = append(l.LetterLabels, o.LetterLabels...)
}

// Known values, checked at load so that a typo is an error, not a silent no-op.
var (
	knownKinds = map[string]bool{"investment": true, "stake": true, "valuation": true, "event_date": true,
		"ticker": true, "revenue": true, "role": true, "client_change": true, "market_size": true,
		"headcount_change": true, "growth": true}
	knownValues     = map[string]bool{"money": true, "per_share": true, "percent": true, "multiple": true, "date": true, "count": true}
	knownStatuses   = map[string]bool{"": true, "target": true, "forecast": true, "proposed": true, "talks": true, "expected": true, "conditional": true}
	knownComponents = map[string]bool{"": true, "upfront": true, "contingent": true, "cumulative": true, "prior_cumulative": true,
		"package_total": true, "per_share": true, "equity_value": true, "enterprise_value": true, "termination_fee": true, "financing": true}
	knownQualifiers = map[string]bool{">": true, ">=": true, "<": true, "<=": true, "~": true}
	knownAspects    = map[string]bool{"": true, "before": true, "after": true, "tranche": true, "total": true, "initial": true, "bound": true}
	knownEntities   = map[EntityType]bool{EntityOrg: true, EntityPerson: true, EntityMarket: true, EntityOutlet: true}
	headcountSigns  = map[string]bool{"+": true, "-": true}
	knownFrames     = map[string]bool{"": true, "holders": true, "held_by": true, "sale": true, "running_total": true, "relative": true, "deal": true}
)

// maxEntities is the most entities a rule set may list: each is held in
// memory by every check. A variable so that tests can lower it.
var maxEntities = 400_000

// compile checks every rule and compiles its patterns; it reports every
// problem, not the first, each in the file and at the key or value that
// holds it.
func (s *Set) compile() ErrorList {
	var errs ErrorList
	compileAs := func(p *Pattern, flags string) {
		at := position{p.Line, p.Column}
		if p.Source == "" {
			errs = append(errs, errorAt(p.File, at, "empty pattern"))
			return
		}
		re, err := regexp.Compile(flags + p.Source)
		if err != nil {
			msg := strings.Replace(strings.TrimPrefix(err.Error(), "error parsing regexp: "), flags, "", 1)
			errs = append(errs, errorAt(p.File, at, "bad pattern: "+msg))
			return
		}
		p.Re = re
	}
	pat := func(p *Pattern) { compileAs(p, "(?i)") }
	for _, list := range [][]Pattern{s.Lexicon.Hedges, s.Lexicon.Negations, s.Lexicon.Former, s.Lexicon.Transition, s.Lexicon.Future, s.Lexicon.Past} {
		for i := range list {
			pat(&list[i])
		}
	}
	// Their groups capture proper names, so capitals must stay capitals.
	for _, list := range [][]Pattern{s.Lexicon.Attributions, s.Lexicon.Private, s.Lexicon.Outlets} {
		for i := range list {
			compileAs(&list[i], "")
		}
	}
	for _, list := range [][]Verb{s.Lexicon.Statuses, s.Lexicon.Aspects, s.Lexicon.Rounds} {
		for i := range list {
			pat(&list[i].Pattern)
		}
	}
	for _, v := range s.Lexicon.Rounds {
		if strings.TrimSpace(v.Label) == "" {
			errs = append(errs, errorAt(v.Pattern.File, v.labelAt, "a round needs a label: the round it names, such as \"series $1\""))
		}
	}
	for _, v := range s.Lexicon.Statuses {
		if !knownStatuses[v.Label] || v.Label == "" {
			errs = append(errs, errorAt(v.Pattern.File, v.labelAt, fmt.Sprintf("unknown status %q: want target, forecast, proposed, talks, expected or conditional", v.Label)))
		}
	}
	for _, v := range s.Lexicon.Aspects {
		if !knownAspects[v.Label] || v.Label == "" {
			errs = append(errs, errorAt(v.Pattern.File, v.labelAt, fmt.Sprintf("unknown aspect %q: want before, after, tranche, total, initial or bound", v.Label)))
		}
	}
	for _, q := range s.Lexicon.Qualifiers {
		if !knownQualifiers[q.Label] {
			errs = append(errs, Error{File: q.File, Line: q.Line, Column: q.Column, Msg: fmt.Sprintf("unknown qualifier %q: want >, >=, <, <= or ~", q.Label)})
		}
	}
	for _, p := range append(s.Lexicon.Attributions[:len(s.Lexicon.Attributions):len(s.Lexicon.Attributions)], s.Lexicon.Outlets...) {
		if p.Re != nil && p.Re.NumSubexp() < 1 {
			errs = append(errs, errorAt(p.File, position{p.Line, p.Column}, "an attribution pattern needs one group naming the source"))
		}
	}
	if len(s.Entities) > maxEntities {
		e := s.Entities[maxEntities]
		errs = append(errs, Error{File: e.File, Line: e.Line, Msg: fmt.Sprintf("%d entities, more than the %d a check holds in memory (300,000 take about 250 MB): keep those your coverage names", len(s.Entities), maxEntities)})
	}
	seenEntity := make(map[string]int, len(s.Entities)) // name → index of its last entry
	for i, e := range s.Entities {
		at := position{e.Line, e.Column}
		switch {
		case strings.TrimSpace(e.Name) == "":
			errs = append(errs, errorAt(e.File, at, "entity without a name"))
		case !knownEntities[e.Type]:
			errs = append(errs, errorAt(e.File, e.typeAt, fmt.Sprintf("entity %q: unknown type %q: want org, person, market or outlet", e.Name, e.Type)))
		}
		if k, ok := seenEntity[e.Name]; ok && s.Entities[k].File == e.File {
			errs = append(errs, errorAt(e.File, at, fmt.Sprintf("entity %q is listed twice (first at line %d)", e.Name, s.Entities[k].Line)))
		}
		seenEntity[e.Name] = i
	}
	seenKind := map[string]string{}
	for ci := range s.Claims {
		errs = append(errs, s.Claims[ci].compile(seenKind, pat)...)
	}
	return errs
}

// compile checks one claim rule and compiles its patterns with pat.
// Problems of its own keys are placed in c.node; its patterns carry their
// positions, and an inherited fact or word its built-in file's.
func (c *Claim) compile(seenKind map[string]string, pat func(*Pattern)) ErrorList {
	var errs ErrorList
	at := func(n *yaml.Node, msg string) { errs = append(errs, errorAt(c.File, positionOf(n), msg)) }
	kindAt := firstOf(nodeAt(c.node, "kind"), c.node)
	switch {
	case !knownKinds[c.Kind]:
		at(kindAt, fmt.Sprintf("unknown kind %q", c.Kind))
	case strings.TrimSpace(c.Doc) == "":
		at(firstOf(nodeAt(c.node, "doc"), kindAt), fmt.Sprintf("kind %s has no doc: say in one line what it captures", c.Kind))
	case len(c.Tests) == 0:
		at(firstOf(nodeAt(c.node, "tests"), kindAt), fmt.Sprintf("kind %s has no tests: add text that must give a claim and text that must not", c.Kind))
	}
	if f, ok := seenKind[c.Kind]; ok && f == c.File {
		at(kindAt, fmt.Sprintf("kind %s is defined twice", c.Kind))
	}
	seenKind[c.Kind] = c.File
	if knownKinds[c.Kind] {
		errs = append(errs, c.checkFact()...) // an unknown kind has no mechanism to check against
	}
	for i, v := range c.Values {
		if !knownValues[v] {
			at(firstOf(nodeAt(c.node, "values", i), kindAt), fmt.Sprintf("kind %s: unknown value type %q", c.Kind, v))
		}
	}
	// key is where key of the i-th item of list is written, else the item.
	key := func(list string, i int, key string) *yaml.Node {
		return firstOf(nodeAt(c.node, list, i, key), nodeAt(c.node, list, i), kindAt)
	}
	// windows checks the before and after word counts of item i of list.
	windows := func(list, what string, i, before, after int) {
		for name, n := range map[string]int{"before": before, "after": after} {
			if n < 0 {
				at(key(list, i, name), "a "+what+"'s before and after windows are word counts: 0 or more")
			}
		}
	}
	for i := range c.Triggers {
		t := &c.Triggers[i]
		pat(&t.Pattern)
		windows("triggers", "trigger", i, t.Before, t.After)
		if !knownAspects[t.Aspect] {
			at(key("triggers", i, "aspect"), fmt.Sprintf("unknown aspect %q", t.Aspect))
		}
		if !knownStatuses[t.Status] {
			at(key("triggers", i, "status"), fmt.Sprintf("unknown status %q", t.Status))
		}
		if !knownComponents[t.Component] {
			at(key("triggers", i, "component"), fmt.Sprintf("unknown component %q", t.Component))
		}
		if !knownFrames[t.Frame] {
			at(key("triggers", i, "frame"), fmt.Sprintf("unknown frame %q: want holders, held_by, sale, running_total, relative or deal", t.Frame))
		}
	}
	for i := range c.Cues {
		q := &c.Cues[i]
		pat(&q.Pattern)
		windows("cues", "cue", i, q.Before, q.After)
		if !knownComponents[q.Component] {
			at(key("cues", i, "component"), fmt.Sprintf("unknown component %q", q.Component))
		}
		if !knownStatuses[q.Status] {
			at(key("cues", i, "status"), fmt.Sprintf("unknown status %q", q.Status))
		}
		if q.Qualifier != "" && !knownQualifiers[q.Qualifier] {
			at(key("cues", i, "qualifier"), fmt.Sprintf("unknown qualifier %q", q.Qualifier))
		}
		if q.Component == "" && q.Status == "" && q.Qualifier == "" {
			at(nodeAt(c.node, "cues", i), "a cue sets a component, a status or a qualifier")
		}
	}
	for _, list := range [][]Pattern{c.Exclude, c.Others, c.Nouns, c.Transitive} {
		for i := range list {
			pat(&list[i])
		}
	}
	for _, name := range sortedKeys(c.Words) {
		if c.Words[name] == nil {
			at(firstOf(keyAt(c.node, "words", name), kindAt), fmt.Sprintf("kind %s: words: %s has no pattern", c.Kind, name))
			continue
		}
		pat(c.Words[name])
	}
	for i := range c.Verbs {
		v := &c.Verbs[i]
		pat(&v.Pattern)
		switch c.Extends {
		case "relationship":
			if c.Fact == nil {
				break
			}
			if _, ok := c.Fact.Compatible[v.Label]; !ok {
				errs = append(errs, errorAt(c.File, v.labelAt, fmt.Sprintf("unknown %s label %q: want one of the fact's compatible labels: %s", c.Kind, v.Label, strings.Join(sortedKeys(c.Fact.Compatible), ", "))))
			}
		case "count":
			if !headcountSigns[v.Label] {
				errs = append(errs, errorAt(c.File, v.labelAt, fmt.Sprintf("headcount verb label %q: want + or -", v.Label)))
			}
		}
	}
	if !knownStatuses[c.Future] {
		at(firstOf(nodeAt(c.node, "future"), kindAt), fmt.Sprintf("kind %s: future %q: want a status (forecast, target...)", c.Kind, c.Future))
	}
	for i := range c.Plans {
		v := &c.Plans[i]
		pat(&v.Pattern)
		if strings.TrimSpace(v.Label) == "" {
			at(firstOf(nodeAt(c.node, "plans", i), kindAt), "a plan needs a label: the sort of plan it names, such as integration")
		}
	}
	errs = append(errs, c.checkPosts()...)
	for i, tc := range c.Tests {
		for j, w := range tc.Claims {
			if w.Kind != "" && !knownKinds[w.Kind] {
				at(firstOf(nodeAt(c.node, "tests", i, "claims", j, "kind"), nodeAt(c.node, "tests", i)), fmt.Sprintf("test expects unknown kind %q", w.Kind))
			}
		}
	}
	return errs
}

// checkPosts reports exclusive and separate posts that no title reads as:
// a post written as in the article ("chief executive") rather than as its
// synonym gives it ("ceo") would never match.
func (c *Claim) checkPosts() ErrorList {
	if len(c.Exclusive) == 0 && len(c.Separate) == 0 {
		return nil
	}
	known := map[string]bool{}
	for _, t := range c.Titles {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if s, ok := c.Synonyms[t]; ok {
			t = s
		}
		known[t] = true
	}
	var errs ErrorList
	lists := [][]string{c.Separate}
	for _, titles := range c.Exclusive {
		lists = append(lists, titles)
	}
	for _, list := range lists {
		for _, p := range list {
			if !known[p] {
				errs = append(errs, Error{File: c.File, Msg: fmt.Sprintf("kind %s: post %q is no title as its synonyms give it: write it as a title reads (ceo, not chief executive)", c.Kind, p)})
			}
		}
	}
	return errs
}
