package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/rules"
)

// KindCompanyStatus is internal evidence that a company is private (Label
// "private"): it feeds the ticker check and is not a kind of the report
// contract, so reports leave it out.
const KindCompanyStatus Kind = "company_status"

// Builder reads one sort of claim out of a sentence.
type Builder struct {
	Name string
	Doc  string
	run  func(c *sentCtx)
}

// builders is the registry of claim builders, run in this order on every
// sentence: deal claims first, because event dates borrow their parties.
var builders = []Builder{
	{Name: "values", Doc: "money, percentages and multiples linked by trigger words to investment, stake, valuation, revenue, market_size and growth", run: buildValueClaims},
	{Name: "event_date", Doc: "dates linked to announced, closed, founded, launched, approved, signed and listed events", run: buildEventDates},
	{Name: "headcount_change", Doc: "counts of people hired or cut", run: buildHeadcount},
	{Name: "client_change", Doc: "clients ending, cutting, pausing, reviewing, expanding or keeping a vendor", run: buildClientChanges},
	{Name: "role", Doc: "people's positions at organisations", run: buildRoles},
	{Name: "ticker", Doc: "stock symbols given to companies", run: buildTickers},
	{Name: "company_status", Doc: "evidence that a company is private", run: buildPrivacy},
}

// Builders lists the registered claim builders.
func Builders() []Builder { return append([]Builder(nil), builders...) }

func validateBuilders() error {
	seen := map[string]bool{}
	for _, b := range builders {
		if b.Name == "" || strings.TrimSpace(b.Doc) == "" || b.run == nil {
			return fmt.Errorf("extract: builder %q needs a name, a doc and a run function", b.Name)
		}
		if seen[b.Name] {
			return fmt.Errorf("extract: builder %q registered twice", b.Name)
		}
		seen[b.Name] = true
	}
	return nil
}

// valueKind is a claim rule for a kind read from money, percentages or multiples.
type valueKind struct {
	kind  Kind
	rule  *rules.Claim
	takes map[ValueType]bool
}

type titleEntry struct {
	words []string
	norm  string
}

// Extractor reads claims out of articles with one rule set. It is safe for
// concurrent use: everything it holds is read-only after New.
type Extractor struct {
	set        *rules.Set
	seg        *segmenter
	ix         *entityIndex
	valueKinds []valueKind
	client     *rules.Claim
	headcount  *rules.Claim
	titles     map[string][]titleEntry // by first word, longest first
	scan       *scanner
	quals      *qualifiers
	// compoundDrop: titles left out of a compound title ("co-founder and CTO" is cto)
	compoundDrop map[string]bool
	// roleLinks: words before a title that give it to the clause's subject ("as", "became")
	roleLinks map[string]bool
}

// New compiles an extractor for a rule set.
func New(set *rules.Set) (*Extractor, error) {
	if err := validateBuilders(); err != nil {
		return nil, err
	}
	seg, err := newSegmenter(set.Lexicon.Abbreviations)
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	x := &Extractor{set: set, seg: seg, ix: newEntityIndex(set, newWordCache()), titles: map[string][]titleEntry{},
		quals: newQualifiers(set.Lexicon.Qualifiers)}
	for i := range set.Claims {
		r := &set.Claims[i]
		switch Kind(r.Kind) {
		case KindClientChange:
			x.client = r
		case KindHeadcountChange:
			x.headcount = r
		case KindRole:
			x.roleLinks = map[string]bool{}
			for _, w := range r.Links {
				x.roleLinks[strings.ToLower(w)] = true
			}
			x.compoundDrop = map[string]bool{}
			for _, t := range r.CompoundDrop {
				x.compoundDrop[normalTitle(t, r.Synonyms)] = true
			}
			for _, t := range r.Titles {
				words := strings.Fields(strings.ToLower(t))
				if len(words) > 0 {
					x.titles[words[0]] = append(x.titles[words[0]], titleEntry{words: words, norm: normalTitle(t, r.Synonyms)})
				}
			}
		}
		if len(r.Triggers) > 0 && len(r.Values) > 0 {
			vk := valueKind{kind: Kind(r.Kind), rule: r, takes: map[ValueType]bool{}}
			for _, v := range r.Values {
				vk.takes[ValueType(v)] = true
			}
			x.valueKinds = append(x.valueKinds, vk)
		}
	}
	for _, ts := range x.titles {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].words) > len(ts[j].words) })
	}
	x.scan = newScanner(sentencePatterns(set))
	return x, nil
}

// sentencePatterns are the regular expressions run on sentences or on
// stretches of them: the scanner prefilters them.
func sentencePatterns(set *rules.Set) []*regexp.Regexp {
	res := []*regexp.Regexp{moneyRe, moneyWordRe, percentRe, multipleRe, countRe, tickerRe, followSuitRe, idiomRe, relationshipRe}
	for _, p := range datePatterns {
		res = append(res, p.re)
	}
	add := func(ps []rules.Pattern) {
		for i := range ps {
			res = append(res, ps[i].Re)
		}
	}
	lex := &set.Lexicon
	add(lex.Hedges)
	add(lex.Attributions)
	add(lex.Private)
	add(lex.Transition)
	add(lex.Negations)
	add(lex.Former)
	for _, vs := range [][]rules.Verb{lex.Statuses, lex.Aspects} {
		for i := range vs {
			res = append(res, vs[i].Pattern.Re)
		}
	}
	for i := range set.Claims {
		r := &set.Claims[i]
		for j := range r.Triggers {
			res = append(res, r.Triggers[j].Pattern.Re)
		}
		for j := range r.Verbs {
			res = append(res, r.Verbs[j].Pattern.Re)
		}
		for j := range r.Cues {
			res = append(res, r.Cues[j].Pattern.Re)
		}
		add(r.Nouns)
		add(r.Others)
	}
	return res
}

// Rules returns the rule set the extractor was built with.
func (x *Extractor) Rules() *rules.Set { return x.set }

// Extract returns the claims an article states, ordered by position.
func (x *Extractor) Extract(a *corpus.Article) []Claim {
	pub := a.Published
	if a.Precision == corpus.PrecisionNone || a.Precision == corpus.PrecisionYear {
		pub = time.Time{} // relative dates need at least a month
	}
	claims := x.ExtractText(a.Path, a.Text, pub)
	if !a.Published.IsZero() && a.Precision != corpus.PrecisionYear && a.Precision != corpus.PrecisionMonth {
		day := a.Published.Format("2006-01-02")
		for i := range claims {
			claims[i].Published = day
		}
	}
	return claims
}

// ExtractText is Extract on bare text: the article's path (for claim ids)
// and its publication date (zero when unknown).
func (x *Extractor) ExtractText(path, text string, pub time.Time) (claims []Claim) {
	defer func() {
		// A bug in a builder must cost one article its claims, not the run.
		if r := recover(); r != nil {
			claims = nil
		}
	}()
	a := &artState{x: x, path: path, text: text, pub: pub, caps: map[string]bool{}, orgCount: map[string]int{}, shortForm: map[string]string{}}
	a.read()
	for i := range a.sents {
		c := a.sentence(i)
		for _, b := range builders {
			b.run(c)
		}
		a.remember(c)
	}
	a.finish()
	return a.claims
}

// artState is one article being read.
type artState struct {
	x         *Extractor
	path      string
	text      string
	pub       time.Time
	sents     []Sentence
	toks      [][]Token
	ents      [][]entMention
	caps      map[string]bool
	orgCount  map[string]int
	shortForm map[string]string
	persons   map[string]bool // names the article uses for people
	focus     string          // the organisation the article mentions most
	recent    []string        // organisations named so far, most recent last
	market    string          // the market most recently the topic of a sentence
	claims    []Claim
	lastCC    int // index in claims of the last client change, -1 when none
	// The buffers of the sentence being read, reused for the next.
	scan    scanned
	matches map[*rules.Pattern][][]int
	words   []string
}

func (a *artState) read() {
	a.lastCC = -1
	a.sents = a.x.seg.split(a.text)
	a.toks = make([][]Token, len(a.sents))
	for i, s := range a.sents {
		a.toks[i], a.words = a.x.ix.words.tokenize(s.Text, a.words)
		if !s.Heading && !titleCase(s.Text, a.toks[i]) {
			capsInside(a.toks[i], a.caps)
		}
	}
	a.ents = make([][]entMention, len(a.sents))
	multi := map[string]map[string]bool{}
	for i, s := range a.sents {
		a.ents[i] = a.x.ix.find(s.Text, a.toks[i], s.Heading, a.caps)
		for j := range a.ents[i] {
			m := &a.ents[i][j]
			if m.ref != refName {
				continue
			}
			if !m.known {
				m.name = a.x.ix.canonicalOrg(m.name)
			}
			if m.typ == rules.EntityOrg && strings.Contains(m.name, " ") {
				first := m.name[:strings.IndexByte(m.name, ' ')]
				if multi[first] == nil {
					multi[first] = map[string]bool{}
				}
				multi[first][m.name] = true
			}
		}
	}
	for first, names := range multi {
		if len(names) == 1 && !a.x.ix.notEntity[first] {
			for n := range names {
				if _, known := a.x.ix.byName[first]; !known {
					a.shortForm[first] = n
				}
			}
		}
	}
	for i := range a.ents {
		for _, m := range a.ents[i] {
			if m.ref == refName && a.isParty(m) && m.name != "" && !a.isPerson(m) {
				a.orgCount[a.canonical(m.name)]++
			}
		}
	}
	a.findPersons()
	best := 0
	for n, c := range a.orgCount {
		if c > best || c == best && n < a.focus {
			a.focus, best = n, c
		}
	}
}

// personCues stand next to a person's name: titles and honorifics before it,
// speech verbs after it.
var (
	personBefore = map[string]bool{"mr.": true, "ms.": true, "mrs.": true, "dr.": true, "senator": true, "sen.": true,
		"rep.": true, "gov.": true, "judge": true, "professor": true, "prof.": true, "ceo": true, "cfo": true, "coo": true,
		"cto": true, "chief": true, "president": true, "founder": true, "co-founder": true, "chairman": true,
		"chairwoman": true, "director": true, "executive": true, "officer": true, "analyst": true, "investor": true,
		"billionaire": true, "spokesperson": true, "spokesman": true, "spokeswoman": true, "interim": true}
	personAfter = map[string]bool{"said": true, "says": true, "told": true, "wrote": true, "added": true,
		"explained": true, "argued": true, "noted": true, "stated": true}
)

// findPersons learns which names the article uses for people, from the
// words around them, and adds the people the rules know.
func (a *artState) findPersons() {
	a.persons = map[string]bool{}
	for i, ms := range a.ents {
		toks := a.toks[i]
		for _, m := range ms {
			if m.ref != refName || m.known {
				if m.known && m.typ == rules.EntityPerson {
					a.persons[m.name] = true
				}
				continue
			}
			if !looksLikePersonName(m) {
				continue
			}
			before := ""
			if m.tok0 > 0 {
				before = strings.ToLower(toks[m.tok0-1].Text)
			}
			after, after2 := "", ""
			if m.tok1 < len(toks) {
				after = strings.ToLower(toks[m.tok1].Text)
			}
			if m.tok1+1 < len(toks) {
				after2 = strings.ToLower(toks[m.tok1+1].Text)
			}
			if personBefore[before] || personAfter[after] || after == "," && (personBefore[after2] || after2 == "the" || after2 == "previously" || after2 == "former") {
				a.persons[m.name] = true
			}
		}
	}
}

// isPerson says whether a mention names a person.
func (a *artState) isPerson(m entMention) bool {
	return m.ref == refName && (m.typ == rules.EntityPerson || a.persons[m.name])
}

// canonical maps a name through the article's short forms: "Scale" is
// "Scale AI" where the article names Scale AI.
func (a *artState) canonical(name string) string {
	if full, ok := a.shortForm[name]; ok {
		return full
	}
	return name
}

// isParty says whether a mention can be a party to a claim: not an outlet
// or research firm quoted as a source.
func (a *artState) isParty(m entMention) bool {
	return m.ref != refName || m.typ != rules.EntityOutlet
}

func (a *artState) isPartyName(name string) bool {
	k, ok := a.x.ix.byName[name]
	return !ok || k.typ != rules.EntityOutlet
}

func (a *artState) sentence(i int) *sentCtx {
	s := a.sents[i]
	sc := a.x.scan.scan(s.Text, &a.scan)
	if a.matches == nil {
		a.matches = make(map[*rules.Pattern][][]int, 32)
	}
	clear(a.matches)
	c := &sentCtx{art: a, idx: i, s: s, text: s.Text, lower: sc.lower, scan: sc, toks: a.toks[i], ents: a.ents[i], matches: a.matches}
	lex := &a.x.set.Lexicon
	for j := range lex.Hedges {
		c.hedges = append(c.hedges, c.find(&lex.Hedges[j])...)
	}
	for j := range lex.Attributions {
		if !c.mayMatch(&lex.Attributions[j]) {
			continue
		}
		if g := c.scan.first(lex.Attributions[j].Re); g != nil && g[2] >= 0 {
			name := strings.TrimRight(strings.TrimPrefix(s.Text[g[2]:g[3]], "the "), ".,")
			if first := strings.Fields(name); len(first) > 0 && !a.x.ix.notEntity[first[0]] {
				if k, ok := a.x.ix.byKey[a.x.ix.tokenKey(name)]; ok {
					name = k.name
				}
				c.attrib = name
				break
			}
		}
	}
	c.values = append(c.values, findMoney(c.scan, a.x.quals)...)
	c.values = append(c.values, findPercents(c.scan, a.x.quals)...)
	for _, m := range findMultiples(c.scan, a.x.quals) {
		if !overlapsAny(m.start, m.end, c.values) {
			c.values = append(c.values, m)
		}
	}
	c.dates = findDates(c.scan, a.pub)
	var dated []mention
	for _, d := range c.dates {
		if !overlapsAny(d.start, d.end, c.values) {
			dated = append(dated, d)
		}
	}
	c.dates = dated
	sortMentions(c.values)
	return c
}

// remember notes the organisations a sentence named, for the references of
// the sentences after it.
func (a *artState) remember(c *sentCtx) {
	for _, m := range c.ents {
		if m.ref == refName && a.isParty(m) && m.typ != rules.EntityPerson {
			a.recent = append(a.recent, a.canonical(m.name))
		}
	}
	if len(a.recent) > 64 {
		a.recent = append(a.recent[:0:0], a.recent[len(a.recent)-32:]...)
	}
	for i := range c.toks {
		if name, ok := a.x.ix.marketAt(c.text, c.toks, i); ok {
			a.market = name
			break
		}
	}
}

// add records a claim found in sentence c at [start, end) of the sentence.
func (c *sentCtx) add(cl Claim, start, end int) *Claim {
	if start < 0 || end > len(c.text) || start >= end {
		return nil
	}
	cl.Article = c.art.path
	cl.Start, cl.End = c.s.Start+start, c.s.Start+end
	cl.SentStart, cl.SentEnd = c.s.Start, c.s.End
	cl.Text = c.text[start:end]
	cl.Sentence = c.text
	cl.Hedged = cl.Hedged || c.hedgedAt(start, end)
	if cl.Attribution == "" {
		cl.Attribution = c.attrib
	}
	c.art.claims = append(c.art.claims, cl)
	return &c.art.claims[len(c.art.claims)-1]
}

// finish fills parties a sentence left out from the rest of the article,
// drops claims that still lack them, and gives each claim its id and value.
func (a *artState) finish() {
	// The deal an article is about: its most common investor and target.
	investors, targets := map[string]int{}, map[string]int{}
	for _, c := range a.claims {
		if c.Kind == KindInvestment || c.Kind == KindStake {
			if c.Subject != "" {
				investors[c.Subject]++
			}
			if c.Object != "" {
				targets[c.Object]++
			}
		}
	}
	var deal [2]string
	deal[0] = mostCommon(investors, "")
	deal[1] = mostCommon(targets, deal[0])
	if deal[1] == "" && deal[0] != "" && a.focus != deal[0] {
		deal[1] = a.focus
	}
	vendors := map[string]int{}
	for _, c := range a.claims {
		if c.Kind == KindClientChange && c.Object != "" {
			vendors[c.Object]++
		}
	}
	vendor := mostCommon(vendors, "")
	if vendor == "" {
		vendor = deal[1]
	}
	if vendor == "" {
		vendor = a.focus
	}
	roleOrg := map[string]string{}
	for _, c := range a.claims {
		if c.Kind == KindRole && c.Object != "" && roleOrg[c.Subject] == "" {
			roleOrg[c.Subject] = c.Object
		}
	}
	out := a.claims[:0]
	for _, c := range a.claims {
		switch c.Kind {
		case KindInvestment, KindStake:
			if c.Subject == "" && c.Object != deal[0] {
				c.Subject = deal[0]
			}
			if c.Object == "" && c.Subject != deal[1] {
				c.Object = deal[1]
			}
		case KindRole:
			if c.Object == "" {
				c.Object = roleOrg[c.Subject]
			}
		case KindEventDate:
			if c.Subject == "" && c.Object == "" && c.Event != "founded" && c.Event != "launched" && deal[0] != "" {
				c.Subject, c.Object = deal[0], deal[1]
			}
			if c.Subject == "" && c.Object != "" && c.Object == deal[1] {
				c.Subject = deal[0]
			}
		case KindClientChange:
			if c.Object == "" {
				c.Object = vendor
			}
			if c.Object == "" || c.Object == c.Subject {
				continue
			}
		case KindValuation, KindRevenue, KindHeadcountChange:
			if c.Subject == "" {
				c.Subject = a.focus
			}
		}
		if c.Subject == c.Object {
			c.Object = ""
		}
		c.Normalized = Normalize(c.Value)
		c.ID = ClaimID(c.Article, c.Kind, c.Start, c.End)
		out = append(out, c)
	}
	a.claims = dedupe(out)
	sort.SliceStable(a.claims, func(i, j int) bool {
		ci, cj := a.claims[i], a.claims[j]
		if ci.SentStart != cj.SentStart {
			return ci.SentStart < cj.SentStart
		}
		// Within a sentence, a figure held before the one the sentence is
		// about ("from $14 billion to $29 billion", "previously CFO") comes last.
		if bi, bj := ci.Aspect == AspectBefore, cj.Aspect == AspectBefore; bi != bj {
			return bj
		}
		return ci.Start < cj.Start
	})
}

// mostCommon returns the name counted most often, other than except; ties
// go to the name that sorts first, so output is deterministic.
func mostCommon(counts map[string]int, except string) string {
	best, n := "", 0
	for name, c := range counts {
		if name == except {
			continue
		}
		if c > n || c == n && name < best {
			best, n = name, c
		}
	}
	return best
}

// dedupe drops a claim that repeats another of the same kind over the same span.
func dedupe(cs []Claim) []Claim {
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		out = append(out, c)
	}
	return out
}

// Normalize renders a value in the canonical form of the report contract.
func Normalize(v Value) string {
	var s string
	switch v.Type {
	case ValueMoney:
		s = v.Currency + " " + formatAmount(v.Lo)
		if v.Hi != v.Lo {
			s += ".." + formatAmount(v.Hi)
		}
		if v.Rate != "" {
			s += "/" + v.Rate
		}
	case ValuePercent:
		s = formatAmount(v.Lo)
		if v.Hi != v.Lo {
			s += ".." + formatAmount(v.Hi)
		}
		s += "%"
	case ValueMultiple:
		s = "x" + formatAmount(v.Lo)
	case ValueCount:
		s = formatAmount(v.Lo)
		if v.Lo >= 0 {
			s = "+" + s
		}
	case ValueDate:
		s = formatDate(v)
	case ValueLabel:
		s = v.Label
	}
	return v.Qualifier + s
}

func formatAmount(f float64) string {
	r := math.Round(f*100) / 100
	if math.Abs(r-math.Round(r)) < 1e-9 {
		return strconv.FormatFloat(math.Round(r), 'f', -1, 64)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
