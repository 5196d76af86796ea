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

// KindShareCount is internal evidence of how many shares a company has
// (Value a count): a price per share times it is the deal's equity value,
// checked against the amount an article states. Reports leave it out.
const KindShareCount Kind = "share_count"

// Builder is a mechanism that reads claims out of a sentence: one per
// shape of statement a claim rule can extend (rules.Mechanisms), and the
// evidence that a company is private.
type Builder struct {
	Name string
	run  func(c *sentCtx)
}

// builders run in this order on every sentence: deal claims first, because
// event dates borrow their parties.
var builders = []Builder{
	{Name: "value", run: buildValueClaims},
	{Name: "event", run: buildEventDates},
	{Name: "count", run: buildHeadcount},
	{Name: "relationship", run: buildClientChanges},
	{Name: "title", run: buildRoles},
	{Name: "symbol", run: buildTickers},
	{Name: "private", run: buildPrivacy},
	{Name: "shares", run: buildShareCounts},
	{Name: "mentions", run: buildDealMentions},
}

// validateBuilders checks that every mechanism a rule can extend has its
// builder, once.
func validateBuilders() error {
	seen := map[string]bool{}
	for _, b := range builders {
		if b.Name == "" || b.run == nil {
			return fmt.Errorf("extract: builder %q needs a name and a run function", b.Name)
		}
		if seen[b.Name] {
			return fmt.Errorf("extract: builder %q registered twice", b.Name)
		}
		seen[b.Name] = true
	}
	for _, m := range rules.Mechanisms() {
		if !seen[m] {
			return fmt.Errorf("extract: no builder for the mechanism %q", m)
		}
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
	// the rules read by the mechanisms that read one kind each
	client, headcount, event, role, symbol *rules.Claim
	titles                                 map[string][]titleEntry // by first word, longest first
	scan                                   *scanner
	words                                  wordClasses
	quals                                  *qualifiers
	// compoundDrop: titles left out of a compound title ("co-founder and CTO" is cto)
	compoundDrop map[string]bool
	// dateLead and clauseOpeners are the lexicon's lists of those names.
	dateLead, clauseOpeners map[string]bool
	// roleLinks: words before a title that give it to the clause's subject ("as", "became")
	roleLinks map[string]bool
	// the lexicon's word sets of those names
	phraseBreaks, pronounPasses, personBefore, personAfter map[string]bool
	// exchanges as written, lower-cased, to the listing's names; acronymSkip:
	// words an acronym leaves out (from the symbol rule)
	exchanges   map[string]string
	acronymSkip map[string]bool
	// extends: the mechanism that reads each kind
	extends map[Kind]string
	// futureStatus: the status a kind's figure of a period after the
	// article's publication takes (the rule's future:)
	futureStatus map[Kind]Status
}

// New compiles an extractor for a rule set.
func New(set *rules.Set) (*Extractor, error) {
	if err := validateBuilders(); err != nil {
		return nil, err
	}
	seg, err := newSegmenter(set.Lexicon.Abbreviations, set.Lexicon.LetterLabels)
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	x := &Extractor{set: set, seg: seg, ix: newEntityIndex(set, newWordCache()), titles: map[string][]titleEntry{},
		quals:    newQualifiers(set.Lexicon.Qualifiers),
		dateLead: wordSet(set.Lexicon.DateLead, true), clauseOpeners: wordSet(set.Lexicon.ClauseOpeners, true),
		phraseBreaks: wordSet(set.Lexicon.PhraseBreaks, true), pronounPasses: wordSet(set.Lexicon.PronounPasses, true),
		personBefore: wordSet(set.Lexicon.PersonBefore, true), personAfter: wordSet(set.Lexicon.PersonAfter, true)}
	x.extends = map[Kind]string{}
	x.futureStatus = map[Kind]Status{}
	for i := range set.Claims {
		r := &set.Claims[i]
		x.extends[Kind(r.Kind)] = r.Extends
		x.futureStatus[Kind(r.Kind)] = Status(r.Future)
		switch r.Extends {
		case "value":
			vk := valueKind{kind: Kind(r.Kind), rule: r, takes: map[ValueType]bool{}}
			for _, v := range r.Values {
				vk.takes[ValueType(v)] = true
			}
			x.valueKinds = append(x.valueKinds, vk)
		case "event":
			x.event = r
		case "symbol":
			x.symbol = r
			x.exchanges = map[string]string{}
			for k, v := range r.Exchanges {
				x.exchanges[strings.ToLower(k)] = v
			}
			x.acronymSkip = wordSet(r.AcronymSkip, true)
		case "relationship":
			x.client = r
		case "count":
			x.headcount = r
		case "title":
			x.role = r
			x.roleLinks = wordSet(r.Links, true)
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
	}
	for _, ts := range x.titles {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].words) > len(ts[j].words) })
	}
	x.words = newWordClasses(set)
	x.scan = newScanner(sentencePatterns(set))
	return x, nil
}

// sentencePatterns are the regular expressions run on sentences or on
// stretches of them: the scanner prefilters them.
func sentencePatterns(set *rules.Set) []*regexp.Regexp {
	w := newWordClasses(set)
	res := []*regexp.Regexp{moneyRe, moneyWordRe, percentRe, fractionRe, shareCountRe, multipleRe, countRe, tickerRe, w.followSuit, w.idiom, w.relationship, w.dealMention}
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
	add(lex.Outlets)
	add(lex.Transition)
	add(lex.Negations)
	add(lex.Former)
	add(lex.Future)
	add(lex.Past)
	for _, vs := range [][]rules.Verb{lex.Statuses, lex.Aspects, lex.Rounds} {
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
		for j := range r.Plans {
			res = append(res, r.Plans[j].Pattern.Re)
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
		n := len(a.claims)
		for _, b := range builders {
			b.run(c)
		}
		c.markRoundsAndPlans(a.claims[n:])
		a.noteRefs(c)
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
	mentions     []dealMention // deals named without an amount, in order
	done         int           // sentences read to the end
	lastCC       int           // index in claims of the last client change, -1 when none
	// By sentence start, what its references were read as (noteRefs).
	refs map[int][]Ref
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
			a.x.ix.capsInside(a.toks[i], a.caps)
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
			if !a.x.scan.mayContain(p.Re, s.Text) {
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
			if a.x.personBefore[before] || a.x.personAfter[after] && !speaksAsIt(toks, m.tok1+1) || a.takesTitle(toks, m.tok0, m.tok1) || after == "," && (a.x.personBefore[after2] || after2 == "the" && !a.describedAfter(toks, m.tok1+2) || after2 == "previously" || after2 == "former") {
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
	inPhrase := i > 0 && a.x.pronounPasses[strings.ToLower(toks[i-1].Text)]
	if j+1 < len(toks) && toks[j].Text == "," && strings.EqualFold(toks[j+1].Text, "who") && !inPhrase {
		return true
	}
	// "worked at Tarrowe as CFO", "joined rival Norwick as chairman": the
	// title is the clause subject's, not that of the name a preposition or
	// a verb of joining governs.
	joined := false
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if a.x.words.joins.MatchString(toks[k].Text) {
			joined = true
		}
	}
	for k := j; k+1 < len(toks) && k < j+4 && !inPhrase && !joined; k++ {
		if a.x.roleLinks[strings.ToLower(toks[k].Text)] {
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
		if g := c.scan.first(lex.Attributions[j].Re); g != nil && g[2] >= 0 {
			name := strings.TrimRight(strings.TrimPrefix(s.Text[g[2]:g[3]], "the "), ".,")
			if first := strings.Fields(name); len(first) > 0 && !a.x.ix.notEntity[first[0]] {
				if k, ok := a.x.ix.byKey[a.x.ix.tokenKey(name)]; ok {
					name = k.name
				}
				c.attrib = name
				// "according to Tallow Media", "per Tallow Media": the
				// source stands outside the clause, never a party of it;
				// "Orbital said it would invest" may name one.
				low := strings.ToLower(s.Text[g[0]:g[2]])
				c.attribOutside = strings.HasPrefix(low, "according to") || strings.HasPrefix(low, "per ")
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
	if c.attribOutside && c.attrib != "" {
		if cl.Subject == c.attrib {
			cl.Subject = ""
		}
		if cl.Object == c.attrib {
			cl.Object = ""
		}
	}
	c.art.claims = append(c.art.claims, cl)
	return &c.art.claims[len(c.art.claims)-1]
}

// finish fills parties a sentence left out from the rest of the article,
// drops claims that still lack them, and gives each claim its id and value.
func (a *artState) finish() {
	roleOrg := map[string]string{}
	for _, c := range a.claims {
		if a.x.extends[c.Kind] == "title" && c.Object != "" && roleOrg[c.Subject] == "" {
			roleOrg[c.Subject] = c.Object
		}
	}
	a.placeHeldStakes()
	// Twice: a claim completed late in the article can complete one before it.
	for range 2 {
		for i := range a.claims {
			if i%256 == 0 && a.ctx.Err() != nil {
				return // extractText reports it
			}
			a.resolveMissing(i, roleOrg)
		}
	}
	a.sumsTakeTheirParts()
	// "Arden Partners exits Tallis": an investor leaving what it holds is
	// no client leaving a vendor.
	holds := map[[2]string]bool{}
	for _, c := range a.claims {
		if (c.Kind == KindInvestment || c.Kind == KindStake) && c.Subject != "" && c.Object != "" {
			holds[[2]string{c.Subject, c.Object}] = true
		}
	}
	out := a.claims[:0]
	for _, c := range a.claims {
		// A relationship needs both its ends to say anything.
		if a.x.extends[c.Kind] == "relationship" && (c.Object == "" || c.Object == c.Subject || holds[[2]string{c.Subject, c.Object}]) {
			continue
		}
		if c.Subject == c.Object {
			c.Object = ""
		}
		if st := a.x.futureStatus[c.Kind]; st != "" && c.Status == StatusActual && a.periodAhead(c.Period) {
			// "revenue of $400 million next year": a figure of a period
			// the article has not reached yet is a forecast.
			c.Status = st
		}
		c.Normalized = Normalize(c.Value)
		c.ID = ClaimID(c.Article, c.Kind, c.Start, c.End)
		out = append(out, c)
	}
	a.claims = dedupe(out)
	a.resolveDealRefs()
	a.placeReferredDates()
	a.attachRefs()
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

// periodAhead says whether a claim's period starts after the article's
// publication: "2027", "2027-03" or an interval "2027-01/2027-06".
func (a *artState) periodAhead(period string) bool {
	if a.pub.IsZero() || len(period) < 4 {
		return false
	}
	from, _, _ := strings.Cut(period, "/")
	year, err := strconv.Atoi(from[:4])
	if err != nil {
		return false
	}
	month := 1
	if len(from) >= 7 {
		if m, err := strconv.Atoi(from[5:7]); err == nil {
			month = m
		}
	}
	py, pm := a.pub.Year(), int(a.pub.Month())
	return year > py || year == py && month > pm && len(from) >= 7
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
