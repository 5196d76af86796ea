package extract

import (
	"context"
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
	// dateLead and clauseOpeners are the lexicon's lists of those names.
	dateLead, clauseOpeners map[string]bool
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
		quals:    newQualifiers(set.Lexicon.Qualifiers),
		dateLead: wordSet(set.Lexicon.DateLead, true), clauseOpeners: wordSet(set.Lexicon.ClauseOpeners, true)}
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
	add(lex.Future)
	add(lex.Past)
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
		add(r.Transitive)
		add(r.Others)
	}
	return res
}

// Rules returns the rule set the extractor was built with.
func (x *Extractor) Rules() *rules.Set { return x.set }

// Extract returns the claims an article states, ordered by position. An
// error means a bug in extraction, named with the article.
func (x *Extractor) Extract(a *corpus.Article) ([]Claim, error) {
	return x.ExtractContext(context.Background(), a)
}

// ExtractContext is Extract that gives up when ctx is done, checked
// between sentences: a run being stopped, or an article over its time
// budget, costs at most one sentence more. It then returns no claims and
// an error naming the article that wraps ctx's error.
func (x *Extractor) ExtractContext(ctx context.Context, a *corpus.Article) ([]Claim, error) {
	pub := a.Published
	if a.Precision == corpus.PrecisionNone || a.Precision == corpus.PrecisionYear {
		pub = time.Time{} // relative dates need at least a month
	}
	claims, err := x.extractText(ctx, a.Path, a.Text, pub, a.Source, a.Precision == corpus.PrecisionMonth)
	if err != nil {
		return nil, err
	}
	if !a.Published.IsZero() && a.Precision != corpus.PrecisionYear && a.Precision != corpus.PrecisionMonth {
		day := a.Published.Format("2006-01-02")
		for i := range claims {
			claims[i].Published = day
		}
	}
	return claims, nil
}

// ExtractText is Extract on bare text: the article's path (for claim ids)
// and its publication date (zero when unknown).
func (x *Extractor) ExtractText(path, text string, pub time.Time) ([]Claim, error) {
	return x.extractText(context.Background(), path, text, pub, "", false)
}

// ExtractTextContext is ExtractText that gives up when ctx is done, as
// ExtractContext does.
func (x *Extractor) ExtractTextContext(ctx context.Context, path, text string, pub time.Time) ([]Claim, error) {
	return x.extractText(ctx, path, text, pub, "", false)
}

// extractText reads an article whose outlet, when known, is source (an
// outlet is never a party to what it reports) and whose publication date
// may state only its month.
func (x *Extractor) extractText(ctx context.Context, path, text string, pub time.Time, source string, monthOnly bool) (claims []Claim, err error) {
	defer func() {
		// A bug in a builder costs one article its claims, not the run, and
		// says so: a silent empty result would hide it from tests and users.
		if r := recover(); r != nil {
			claims, err = nil, fmt.Errorf("extract %s: internal error (please report it): %v", path, r)
		}
	}()
	a := newArtState(x, path, text, pub, source, monthOnly)
	a.ctx = ctx
	if err := a.read(); err != nil {
		return nil, err
	}
	for i := range a.sents {
		if err := a.stopped(); err != nil {
			return nil, err
		}
		c := a.sentence(i)
		for _, b := range builders {
			b.run(c)
		}
		a.remember(c)
		a.done++
	}
	a.finish()
	if err := a.stopped(); err != nil {
		return nil, err // finish gave up part way
	}
	return a.claims, nil
}

func newArtState(x *Extractor, path, text string, pub time.Time, source string, monthOnly bool) *artState {
	a := &artState{x: x, ctx: context.Background(), path: path, text: text, pub: pub, pubMonthOnly: monthOnly, caps: map[string]bool{}, shortForm: map[string]string{},
		outlets: map[string]bool{}, described: map[string]string{}, dealRefs: map[int]string{}, unplaced: map[int]bool{},
		namesOrg: map[int]bool{}}
	if source != "" {
		a.outlets[source] = true
	}
	return a
}

// artState is one article being read.
type artState struct {
	x    *Extractor
	ctx  context.Context // checked between sentences
	path string
	text string
	pub  time.Time
	// pubMonthOnly says pub states only the month the article was published.
	pubMonthOnly bool
	sents        []Sentence
	toks         [][]Token
	ents         [][]entMention
	caps         map[string]bool
	shortForm    map[string]string
	persons      map[string]bool   // names the article uses for people
	topic        string            // the first organisation the last sentence naming one named
	outlets      map[string]bool   // names the article uses for news outlets
	described    map[string]string // a descriptor's head → the organisation the article last described so
	namesOrg     map[int]bool      // sentences, by start, that name or refer to an organisation
	dealRefs     map[int]string    // event dates, by start, whose deal a reference names: the party the sentence gave
	unplaced     map[int]bool      // event dates, by start, whose sentence names no deal: they take no parties from the article
	recent       []string          // organisations named so far, most recent last
	market       string            // the market most recently the topic of a sentence
	claims       []Claim
	done         int // sentences read to the end
	lastCC       int // index in claims of the last client change, -1 when none
	// The buffers of the sentence being read, reused for the next.
	scan    scanned
	matches map[*rules.Pattern][][]int
	words   []string
}

// stopped returns an error naming the article once its context is done.
func (a *artState) stopped() error {
	if err := a.ctx.Err(); err != nil {
		return fmt.Errorf("extract %s: stopped after %d of %d sentences: %w", a.path, a.done, len(a.sents), err)
	}
	return nil
}

func (a *artState) read() error {
	a.lastCC = -1
	a.sents = a.x.seg.split(a.text)
	a.toks = make([][]Token, len(a.sents))
	// One array holds every sentence's tokens: about one a five bytes.
	arena := make([]Token, 0, len(a.text)/5+16)
	for i, s := range a.sents {
		if err := a.stopped(); err != nil {
			return err
		}
		a.toks[i], a.words, arena = a.x.ix.words.tokenizeInto(s.Text, a.words, arena)
		if !s.Heading && !titleCase(s.Text, a.toks[i]) {
			capsInside(a.toks[i], a.caps)
		}
	}
	a.ents = make([][]entMention, len(a.sents))
	multi := map[string]map[string]bool{}
	for i, s := range a.sents {
		if err := a.stopped(); err != nil {
			return err
		}
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
	a.findPersons()
	a.findOutlets()
	return nil
}

// findOutlets learns which names the article uses for news outlets, from
// the way it cites them ("..., Semafor reported.", "(Wirefeed) -").
func (a *artState) findOutlets() {
	lex := &a.x.set.Lexicon
	for _, s := range a.sents {
		for i := range lex.Outlets {
			p := &lex.Outlets[i]
			// The cues ("reported", "told", "news site") are written in
			// lower case: the text need not be lowered to gate them.
			if !p.MayMatch(s.Text) {
				continue
			}
			for _, g := range p.Re.FindAllStringSubmatchIndex(s.Text, -1) {
				if g[2] >= 0 {
					name := s.Text[g[2]:g[3]]
					if f := strings.Fields(name); len(f) > 0 && !a.x.ix.notEntity[f[0]] {
						a.outlets[a.canonical(a.x.ix.canonicalOrg(name))] = true
					}
				}
			}
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
			if a.x.ix.orgName(m.name) {
				continue
			}
			if !looksLikePersonName(m) {
				// "succeed Marsh as CEO": a lone surname given a title.
				if !strings.Contains(m.name, " ") && a.takesTitle(toks, m.tok0, m.tok1) && !(m.tok1 < len(toks) && toks[m.tok1].Text == ",") {
					a.persons[m.name] = true
				}
				continue
			}
			before := ""
			if m.tok0 > 0 {
				before = strings.ToLower(toks[m.tok0-1].Text)
			}
			if before == "," && m.tok0 > 1 {
				// "its chief executive, Dana Marsh,": a title in apposition.
				before = strings.ToLower(toks[m.tok0-2].Text)
			}
			after, after2 := "", ""
			if m.tok1 < len(toks) {
				after = strings.ToLower(toks[m.tok1].Text)
			}
			if m.tok1+1 < len(toks) {
				after2 = strings.ToLower(toks[m.tok1+1].Text)
			}
			if personBefore[before] || personAfter[after] && !speaksAsIt(toks, m.tok1+1) || a.takesTitle(toks, m.tok0, m.tok1) || after == "," && (personBefore[after2] || after2 == "the" && !a.describedAfter(toks, m.tok1+2) || after2 == "previously" || after2 == "former") {
				a.persons[m.name] = true
			}
		}
	}
	// "Marsh" after "Dana Marsh": a person's surname alone is that person.
	for name := range a.persons {
		if f := strings.Fields(name); len(f) > 1 && !a.x.ix.orgName(name) {
			a.persons[f[len(f)-1]] = true
		}
	}
}

// takesTitle says whether the words after a name, from token j, give it a
// title or say who it is ("X, who will succeed Y as CEO", "X taking over
// as chief executive"): a person.
func (a *artState) takesTitle(toks []Token, i, j int) bool {
	// "a person close to Vega, who asked not to be named": a name in a
	// preposition's phrase does not own the relative clause after it.
	inPhrase := i > 0 && pronounPasses[strings.ToLower(toks[i-1].Text)]
	if j+1 < len(toks) && toks[j].Text == "," && strings.EqualFold(toks[j+1].Text, "who") && !inPhrase {
		return true
	}
	for k := j; k+1 < len(toks) && k < j+4; k++ {
		if titleLinks[strings.ToLower(toks[k].Text)] {
			t := k + 1
			if t+1 < len(toks) && isDeterminer(toks[t].Text) {
				t++ // "became the chief executive"
			}
			if len(a.x.titles[strings.ToLower(toks[t].Text)]) > 0 {
				return true
			}
		}
		if !isWord(toks[k].Text) {
			return false
		}
	}
	return false
}

// titleLinks give the title after them to the name before: "X took over
// as CEO", "X became chief executive", "X remains chairman".
var titleLinks = map[string]bool{"as": true, "became": true, "becomes": true, "remains": true, "remained": true}

// speaksAsIt says whether what a name said, starting at token j, refers
// to the speaker as "it" ("Pellham Clinics said on Thursday it would"): a
// company speaking, not a person.
func speaksAsIt(toks []Token, j int) bool {
	for k := j; k < len(toks) && k < j+5; k++ {
		switch strings.ToLower(toks[k].Text) {
		case "it", "its":
			return true
		case "he", "she", "his", "her", "i", "we", ",":
			return false
		}
	}
	return false
}

// describedAfter says whether an appositive starting at token j names a
// kind of organisation ("Vega, the drone startup"), not a person's role.
func (a *artState) describedAfter(toks []Token, j int) bool {
	for k := j; k < len(toks) && k < j+5; k++ {
		w := strings.ToLower(toks[k].Text)
		if a.x.ix.descriptors[w] {
			return true
		}
		if !isWord(w) {
			return false
		}
	}
	return false
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
	return m.ref != refName || m.typ != rules.EntityOutlet && a.isPartyName(m.name)
}

// isPartyName says whether a name can be a party: not an outlet, known or
// cited as one by the article, and not a nationality or place.
func (a *artState) isPartyName(name string) bool {
	if a.outlets[name] || a.outlets[a.canonical(name)] || a.x.ix.places[name] {
		return false
	}
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
	c.dates = findDates(c.scan, dateAnchor{pub: a.pub, monthOnly: a.pubMonthOnly, future: c.futureAt})
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
	// The topic is the first organisation the sentence names or refers to
	// ("The firm's new centre" keeps the firm), read before this sentence's
	// names join the references' candidates.
	topic := ""
	for _, m := range c.ents {
		if topic != "" || !a.isParty(m) || a.isPerson(m) {
			continue
		}
		if m.ref == refName {
			topic = a.canonical(m.name)
		} else if r := c.resolve(m); r.ok() && !c.s.Heading {
			topic = r.name
		}
	}
	if topic != "" && !c.s.Heading {
		a.topic = topic
		a.namesOrg[c.s.Start] = true
	}
	for _, m := range c.ents {
		if m.ref == refName && a.isParty(m) && !a.isPerson(m) && !c.owned(m) {
			a.recent = append(a.recent, a.canonical(m.name))
			if head := c.describedAs(m); head != "" {
				a.described[head] = a.canonical(m.name)
			}
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
	roleOrg := map[string]string{}
	for _, c := range a.claims {
		if c.Kind == KindRole && c.Object != "" && roleOrg[c.Subject] == "" {
			roleOrg[c.Subject] = c.Object
		}
	}
	// Twice: a claim completed late in the article can complete one before it.
	for range 2 {
		for i := range a.claims {
			if i%256 == 0 && a.ctx.Err() != nil {
				return // extractText reports it
			}
			a.resolveMissing(i, roleOrg)
		}
	}
	out := a.claims[:0]
	for _, c := range a.claims {
		if c.Kind == KindClientChange && (c.Object == "" || c.Object == c.Subject) {
			continue
		}
		if c.Subject == c.Object {
			c.Object = ""
		}
		c.Normalized = Normalize(c.Value)
		c.ID = ClaimID(c.Article, c.Kind, c.Start, c.End)
		out = append(out, c)
	}
	a.claims = dedupe(out)
	a.resolveDealRefs()
	a.placeReferredDates()
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
