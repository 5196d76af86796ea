package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/rules"
)

// sentCtx is one sentence being read, with what the article around it says.
type sentCtx struct {
	art    *artState
	idx    int // the sentence's index in the article
	s      Sentence
	text   string
	lower  string // text lower-cased, for pattern gates
	scan   *scanned
	toks   []Token
	ents   []entMention
	values []mention // money, percents, multiples and counts: their tokens do not count as gap words
	dates  []mention
	hedges [][]int // spans of hedging cues
	attrib string
	// attribOutside says the attribution is an adjunct ("according to
	// X"): its source is no party of the sentence's claims.
	attribOutside bool
	// mentionEnd[i] is the end of the mention starting at token i, else 0.
	mentionEnd []int
	// tokFlags[i] is what wordsWithin asks of token i; flaggedValues the
	// number of values it was read with.
	tokFlags      []uint8
	flaggedValues int
	// patterns already matched against this sentence
	matches map[*rules.Pattern][][]int
}

func (c *sentCtx) find(p *rules.Pattern) [][]int {
	if m, ok := c.matches[p]; ok {
		return m
	}
	m := c.scan.findAll(p.Re, false)
	c.matches[p] = m
	return m
}

// wordsBetween counts the words in [a, b) that are not part of a value
// nor inside parentheses, a name or a reference counting as one word
// however long: distance is counted in phrases ("values the privately held
// freight startup at"), and "Widget Inc. (NASDAQ: WDG) agreed" is as close
// as "Widget Inc. agreed".
func (c *sentCtx) wordsBetween(a, b int) int { return c.wordsWithin(a, b, math.MaxInt-1) }

// wordsWithin is wordsBetween for a caller that only asks whether the
// count is at most limit: it stops counting past limit and returns
// limit+1 then. Every value and trigger asks about its neighbours, so a
// count that walked to the far end of a long sentence made extraction
// cubic in the sentence's length.
func (c *sentCtx) wordsWithin(a, b, limit int) int {
	c.indexTokens()
	n, depth := 0, 0
	in := -1 // the end of the mention being passed
	i := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].Start >= a })
	for ; i < len(c.toks) && c.toks[i].End <= b; i++ {
		f := c.tokFlags[i]
		switch {
		case f&tokOpen != 0:
			depth++
		case f&tokClose != 0:
			depth = max(0, depth-1)
		}
		if depth > 0 || f&tokCounts == 0 || c.toks[i].Start < in {
			continue
		}
		if e := c.mentionEnd[i]; e > 0 {
			in = e
		}
		n++
		if n > limit {
			break
		}
	}
	return n
}

// What wordsWithin needs to know of a token, read once per sentence.
const (
	tokCounts uint8 = 1 << iota // a word outside every value
	tokOpen                     // "("
	tokClose                    // ")"
)

// indexTokens reads once per sentence what wordsWithin asks of each token:
// whether it is a word outside the values, a parenthesis, or where the
// mention it starts ends. Values are all found before any distance is
// asked; the index is rebuilt should more join.
func (c *sentCtx) indexTokens() {
	if c.tokFlags != nil && c.flaggedValues == len(c.values) {
		return
	}
	if c.mentionEnd == nil {
		c.mentionEnd = make([]int, len(c.toks))
		for _, m := range c.ents {
			if m.ref != refPronoun && m.tok0 < len(c.toks) && m.end > m.start {
				c.mentionEnd[m.tok0] = m.end
				if m.ref == refName {
					c.mentionEnd[m.tok0] = max(m.end, c.appositiveEnd(m.tok1))
				}
			}
		}
	}
	if cap(c.tokFlags) >= len(c.toks) {
		c.tokFlags = c.tokFlags[:len(c.toks)]
	} else {
		c.tokFlags = make([]uint8, len(c.toks))
	}
	for i, t := range c.toks {
		var f uint8
		switch t.Text {
		case "(":
			f = tokOpen
		case ")":
			f = tokClose
		default:
			if isWord(t.Text) {
				f = tokCounts
			}
		}
		c.tokFlags[i] = f
	}
	for _, m := range c.values {
		// The tokens overlapping the value: from the first ending after
		// its start to the last starting before its end.
		for i := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].End > m.start }); i < len(c.toks) && c.toks[i].Start < m.end; i++ {
			c.tokFlags[i] &^= tokCounts
		}
	}
	c.flaggedValues = len(c.values)
}

// appositiveEnd returns where an indefinite appositive after a name ends
// ("Medlyn, a maker of diagnostic chips, for $600 million"), the closing
// comma included, so that the name and what describes it count as one
// phrase; 0 when none starts at token j.
func (c *sentCtx) appositiveEnd(j int) int {
	if j+2 >= len(c.toks) || c.toks[j].Text != "," {
		return 0
	}
	switch strings.ToLower(c.toks[j+1].Text) {
	case "a", "an":
	default:
		return 0
	}
	for k := j + 2; k < len(c.toks) && k < j+14; k++ {
		t := c.toks[k].Text
		if t == "," {
			return c.toks[k].End
		}
		if !isWord(t) || c.art.x.ix.subordinators[strings.ToLower(t)] {
			return 0
		}
	}
	return 0
}

// hedgedAt says whether a hedge governs [start, end): a cue in the same
// clause (clauses end at semicolons, dashes and parentheses), or one that
// opens the sentence ("According to reports, ...", "Reportedly, ...").
func (c *sentCtx) hedgedAt(start, end int) bool {
	lo := strings.LastIndexAny(c.text[:start], ";\u2014\u2013()")
	hi := strings.IndexAny(c.text[end:], ";\u2014\u2013()")
	if hi < 0 {
		hi = len(c.text)
	} else {
		hi += end
	}
	for _, h := range c.hedges {
		if h[0] > lo && h[1] <= hi {
			return true
		}
		if comma := strings.IndexByte(c.text, ','); comma > 0 && h[1] <= comma && c.wordsWithin(0, h[0], 1) <= 1 {
			return true
		}
	}
	return false
}

// gap is the number of words between two spans and whether the second
// stands after the first; overlapping spans have gap 0.
func (c *sentCtx) gap(aStart, aEnd, bStart, bEnd int) (int, string) {
	return c.gapWithin(aStart, aEnd, bStart, bEnd, math.MaxInt-1)
}

// gapWithin is gap for a caller that only asks whether the gap is at most
// limit: a gap past it is limit+1.
func (c *sentCtx) gapWithin(aStart, aEnd, bStart, bEnd, limit int) (int, string) {
	switch {
	case aStart < bEnd && bStart < aEnd:
		return 0, ""
	case aEnd <= bStart:
		return c.wordsWithin(aEnd, bStart, limit), c.text[aEnd:bStart]
	default:
		return c.wordsWithin(bEnd, aStart, limit), c.text[bEnd:aStart]
	}
}

// blocked says whether a stretch of text crosses a clause boundary that a
// value and its trigger should not be linked across.
func blocked(between string) bool {
	return containsAny(between, ";", "\u2014") || strings.Contains(between, " - ") || fullStop(between)
}

// fullStop says whether a stretch of text holds a full stop that ends a
// sentence the segmenter left joined: after a lower-case word and before
// one that is not, never an abbreviation's ("U.S. drone maker",
// "Kaartwerk B.V. for").
func fullStop(s string) bool {
	for i := strings.Index(s, ". "); i >= 0; {
		w := s[:i]
		if sp := strings.LastIndexAny(w, " ("); sp >= 0 {
			w = w[sp+1:]
		}
		rest := strings.TrimLeft(s[i+2:], " ")
		lowerNext := rest != "" && rest[0] >= 'a' && rest[0] <= 'z'
		if len(w) >= 2 && !strings.Contains(w, ".") && strings.ToLower(w) == w && !abbrevLike[w] && !lowerNext {
			return true
		}
		next := strings.Index(s[i+2:], ". ")
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return false
}

// abbrevLike are lower-case words whose full stop ends no sentence.
var abbrevLike = map[string]bool{"approx": true, "vs": true, "etc": true, "est": true, "incl": true}

// tokenAt returns the index of the first token starting at or after pos.
func (c *sentCtx) tokenAt(pos int) int {
	for i, t := range c.toks {
		if t.End > pos {
			return i
		}
	}
	return len(c.toks)
}

func (c *sentCtx) mentionAtToken(i int) (entMention, bool) {
	for _, m := range c.ents {
		if m.tok0 == i {
			return m, true
		}
	}
	return entMention{}, false
}

// party is an entity chosen for a claim: its canonical name and where it
// stands.
type party struct {
	name       string
	start, end int
	m          entMention // the mention it was read from
}

func (p party) ok() bool { return p.name != "" }

// resolve names a mention: a name through the article's short forms, a
// reference through what came before it.
func (c *sentCtx) resolve(m entMention, exclude ...string) party {
	if m.ref == refName {
		return party{name: c.art.canonical(m.name), start: m.start, end: m.end, m: m}
	}
	if m.ref == refDescriptor {
		// "Vega, the drone startup," is Vega; otherwise "the startup" is
		// what the article last described as one, before any nearer name.
		if e, ok := c.appositiveOf(m); ok {
			if n := c.art.canonical(e.name); !containsFold(exclude, n) {
				return party{name: n, start: m.start, end: m.end, m: m}
			}
		}
		if n := c.art.described[m.head]; n != "" && !containsFold(exclude, n) {
			return party{name: n, start: m.start, end: m.end, m: m}
		}
	}
	// The nearest name before the reference, passing over one that only
	// says who made or staffed it ("founded by former Google engineers")
	// when another stands before it.
	var agent party
	for i := len(c.ents) - 1; i >= 0; i-- {
		e := c.ents[i]
		if e.end > m.start || e.ref != refName || e.name == "" || !c.art.isParty(e) || c.art.isPerson(e) {
			continue
		}
		n := c.art.canonical(e.name)
		if containsFold(exclude, n) {
			continue
		}
		if m.ref == refPronoun && c.inAppositive(e, m) {
			// "Kestrel Bank, Pylon's largest customer, said it": the name
			// the appositive describes, not one inside it.
			continue
		}
		if c.byAgent(e) || m.ref == refPronoun && c.inPhrase(e) && !relativeRe.MatchString(c.text[e.end:m.start]) {
			if !agent.ok() {
				agent = party{name: n, start: m.start, end: m.end, m: m}
			}
			continue
		}
		if m.ref == refPronoun && c.verbObject(e) {
			// "Pellham notified Norwick that it would...": a pronoun
			// prefers the sentence's subject to a verb's object.
			if s, ok := c.sentenceSubject(); ok && s.end <= e.start {
				if sn := c.art.canonical(s.name); !containsFold(exclude, sn) {
					return party{name: sn, start: m.start, end: m.end, m: m}
				}
			}
		}
		return party{name: n, start: m.start, end: m.end, m: m}
	}
	if agent.ok() {
		return agent
	}
	if m.ref == refPronoun {
		// "The company said ... where it plans to hire": a pronoun with no
		// name before it in its sentence is the sentence's own subject
		// reference.
		for _, e := range c.ents {
			if e.end > m.start || e.ref == refName || e.start == m.start {
				continue
			}
			if r := c.resolve(e, exclude...); r.ok() {
				return party{name: r.name, start: m.start, end: m.end, m: m}
			}
			break
		}
	}
	if t := c.art.topic; t != "" && !containsFold(exclude, t) && c.wordsWithin(0, m.start, 1) <= 1 {
		// "The firm expects...": a reference opening a sentence continues
		// the topic of the sentence before, not its last name.
		return party{name: t, start: m.start, end: m.end, m: m}
	}
	for i := len(c.art.recent) - 1; i >= 0 && i >= len(c.art.recent)-12; i-- {
		if n := c.art.recent[i]; !containsFold(exclude, n) {
			return party{name: n, start: m.start, end: m.end, m: m}
		}
	}
	return party{}
}

// inAppositive says whether name e stands inside an appositive that
// describes an earlier name and closes before the reference m: "Kestrel
// Bank, Pylon Cloud's largest customer, said", "Vega, the parent of
// Quillon, said". The appositive opens with a possessive name or a
// determiner after the comma and closes with a comma.
func (c *sentCtx) inAppositive(e, m entMention) bool {
	open := e.tok0 - 1 // the comma that opens it
	if !e.possessive {
		k := e.tok0 - 1
		for k > 0 && k > e.tok0-5 && c.toks[k].Text != "," && isWord(c.toks[k].Text) && strings.ToLower(c.toks[k].Text) == c.toks[k].Text {
			k--
		}
		if k <= 0 || c.toks[k].Text != "," || k+1 >= e.tok0 || !isDeterminer(c.toks[k+1].Text) {
			return false
		}
		open = k
	}
	if open < 1 || c.toks[open].Text != "," {
		return false
	}
	described := false
	for _, o := range c.ents {
		if o.tok1 == open && o.ref == refName && o.name != "" && !c.art.isPerson(o) {
			described = true
		}
	}
	if !described {
		return false
	}
	for j := e.tok1; j < len(c.toks) && j < e.tok1+6; j++ {
		t := c.toks[j]
		if t.Start >= m.start {
			return false
		}
		if t.Text == "," {
			return true
		}
		if !isWord(t.Text) && !isPossessive(t.Text) {
			return false
		}
	}
	return false
}

// appositiveOf returns the name a descriptor stands in apposition to:
// "Vega Robotics, the drone startup".
func (c *sentCtx) appositiveOf(d entMention) (entMention, bool) {
	if d.tok0 < 2 || c.toks[d.tok0-1].Text != "," {
		return entMention{}, false
	}
	for _, e := range c.ents {
		if e.tok1 == d.tok0-1 && e.ref == refName && e.name != "" && c.art.isParty(e) && !c.art.isPerson(e) {
			return e, true
		}
	}
	return entMention{}, false
}

// describedAs returns the head noun the sentence describes a name with:
// "startup Vega", "Vega, a robotics startup," give "startup".
func (c *sentCtx) describedAs(e entMention) string {
	ix := c.art.x.ix
	if k := e.tok0 - 1; k >= 0 && ix.descriptors[strings.ToLower(c.toks[k].Text)] {
		return headNoun(c.toks[k].Text)
	}
	k := e.tok1
	if k >= len(c.toks) || c.toks[k].Text != "," || k+1 >= len(c.toks) || !isDeterminer(c.toks[k+1].Text) {
		return ""
	}
	for j := k + 2; j < len(c.toks) && j < k+8; j++ {
		w := c.toks[j].Text
		if ix.descriptors[strings.ToLower(w)] {
			return headNoun(w)
		}
		if !isWord(w) && w != "-" {
			return ""
		}
	}
	return ""
}

// owned says whether a name follows a possessive pronoun ("its Claude
// models", "their Azure contracts"): a product or unit of the owner, not an
// organisation a later reference points to.
func (c *sentCtx) owned(e entMention) bool {
	if e.tok0 == 0 {
		return false
	}
	switch strings.ToLower(c.toks[e.tok0-1].Text) {
	case "its", "their", "our", "his", "her":
		return true
	}
	// "Vega's Skylark drones": a name an organisation possesses is its
	// product; a person's ("Dana Marsh's Vega") is a company they own.
	for _, m := range c.ents {
		if m.possessive && m.tok1 == e.tok0 && m.ref == refName && !c.art.isPerson(m) {
			return true
		}
	}
	return false
}

// byAgent says whether a name follows "by" or "former": it names who made
// or staffed something, seldom what a reference later stands for. A
// pronoun passes over a preposition's object too ("Orbital's partnership
// with Vega began when it invested...") for a subject or possessor.
func (c *sentCtx) byAgent(e entMention) bool {
	for k := e.tok0 - 1; k >= 0 && k >= e.tok0-2; k-- {
		switch strings.ToLower(c.toks[k].Text) {
		case "by", "former", "ex":
			return true
		}
	}
	return false
}

// verbObject says whether a name follows a lower-case word that is no
// preposition nor determiner: the object of a verb ("notified Norwick").
func (c *sentCtx) verbObject(e entMention) bool {
	k := e.tok0 - 1
	if k < 0 {
		return false
	}
	w := c.toks[k].Text
	if k > 0 && (isPossessive(c.toks[k-1].Text) || isDeterminer(c.toks[k-1].Text)) {
		return false // "Quanta's rival Veltro": a noun, not a verb, before the name
	}
	return isWord(w) && strings.ToLower(w) == w && !c.art.x.pronounPasses[w] && !c.art.x.phraseBreaks[w] && !isDeterminer(w) &&
		!c.art.x.ix.descriptors[w]
}

// sentenceSubject returns the organisation that opens the sentence.
func (c *sentCtx) sentenceSubject() (entMention, bool) {
	for _, e := range c.ents {
		if e.tok0 == 0 && e.ref == refName && e.name != "" && c.art.isParty(e) && !c.art.isPerson(e) {
			return e, true
		}
	}
	return entMention{}, false
}

// inPhrase says whether a name is the object of a preposition.
func (c *sentCtx) inPhrase(e entMention) bool {
	k := e.tok0 - 1
	if k >= 0 && isDeterminer(c.toks[k].Text) {
		k--
	}
	return k >= 0 && c.art.x.pronounPasses[strings.ToLower(c.toks[k].Text)]
}

// relativeRe finds a relative pronoun: what follows it speaks of the noun
// just before it ("a stake in Vega, which valued it at...").
var relativeRe = regexp.MustCompile(`(?i)\b(?:which|that|who|whose)\b`)

// isRef says whether the party was read from a reference ("the company").
func (p party) isRef() bool { return p.ok() && p.m.ref != refName }

// entityAfter returns the entity introduced by one of preps within max words
// after pos ("in Scale AI", "with the company", "of its Scale AI relationship").
// explicit is true when a preposition was followed by something that is not
// an entity: the claim names a party, just not one we know.
func (c *sentCtx) entityAfter(pos int, preps []string, max int, exclude string) (p party, explicit bool) {
	return c.prepObject(pos, preps, max, exclude, false)
}

// objectAfter returns the organisation the first preposition phrase that
// names one introduces within max words after pos, passing phrases that
// name none: "pay €2 billion in cash for the shares of Vega" names Vega.
func (c *sentCtx) objectAfter(pos int, preps []string, max int, exclude string) party {
	p, _ := c.prepObject(pos, preps, max, exclude, true)
	return p
}

// prepObject reads the phrases that preps open after pos: the first only,
// or, with pass, the first that names something.
func (c *sentCtx) prepObject(pos int, preps []string, max int, exclude string, pass bool) (party, bool) {
	words, explicit := 0, false
	for i := c.tokenAt(pos); i < len(c.toks) && words <= max; i++ {
		t := c.toks[i]
		if t.Text == ";" || t.Text == "\u2014" || t.Text == "." || t.Text == "," && words > 0 || pass && t.Text == "(" {
			break
		}
		if isWord(t.Text) {
			words++
		}
		if !containsFold(preps, t.Text) {
			continue
		}
		explicit = true
		if m, ok := c.nameAhead(i+1, 5); ok {
			if r := c.resolve(m, exclude); r.ok() && r.name != exclude && c.art.isPartyName(r.name) {
				return r, true
			}
			return party{}, true
		}
		if !pass {
			return party{}, true
		}
	}
	return party{}, explicit
}

// nameAhead returns the mention that heads the phrase starting at token j,
// past its determiner and modifiers ("the Berlin robotics firm Quillon",
// "Danish mapping firm Kaartwerk", "artificial intelligence startup Orbis"),
// within max tokens; a pronoun, a value or another phrase ends the search.
func (c *sentCtx) nameAhead(j, max int) (entMention, bool) {
	for k := j; k < len(c.toks) && k < j+max; k++ {
		if m, ok := c.mentionAtToken(k); ok {
			if m.ref == refPronoun {
				if w := strings.ToLower(c.toks[k].Text); w == "its" || w == "their" || w == "his" || w == "her" {
					continue // "of its Helix relationship"
				}
				return entMention{}, false
			}
			if m.ref == refName && c.art.x.ix.places[m.name] {
				k = m.tok1 - 1 // "Dutch route-planner Kaartwerk"
				continue
			}
			if m.ref == refDescriptor && c.mentionAhead(m.tok1, m.tok1+2) {
				k = m.tok1 - 1 // "the robotics firm Quillon": the descriptor heads a name
				continue
			}
			return m, true
		}
		t := c.toks[k]
		if c.indexTokens(); c.tokFlags[k]&tokCounts == 0 || c.art.x.phraseBreaks[strings.ToLower(t.Text)] {
			return entMention{}, false
		}
	}
	return entMention{}, false
}

// mentionAhead says whether a name starts at a token in [from, to).
func (c *sentCtx) mentionAhead(from, to int) bool {
	for _, m := range c.ents {
		if m.ref == refName && m.tok0 >= from && m.tok0 < to {
			return true
		}
	}
	return false
}

// possessiveNear returns an entity written possessively ("Meta's") within max
// words before pos.
func (c *sentCtx) possessiveNear(pos, max int, exclude string) party {
	for i := len(c.ents) - 1; i >= 0; i-- {
		m := c.ents[i]
		if !m.possessive || m.end > pos {
			continue
		}
		if c.wordsWithin(m.end, pos, max) > max || containsAny(c.text[m.end:pos], ",;", "\u2014") {
			return party{}
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude && c.art.isPartyName(r.name) {
			if unit := c.unitAfter(m.tok1, pos); unit != "" {
				r.name += " " + unit // "Orbital's European unit" acts on its own
			}
			return r
		}
		return party{}
	}
	return party{}
}

// unitAfter returns the words that name a part of the company possessed at
// token j ("European unit", "cloud division"), ending before pos.
func (c *sentCtx) unitAfter(j, pos int) string {
	if j < len(c.toks) && isPossessive(c.toks[j].Text) {
		j++
	}
	for k := j; k < len(c.toks) && k < j+3 && c.toks[k].End <= pos; k++ {
		if !isWord(c.toks[k].Text) {
			return ""
		}
		if c.art.x.ix.units[strings.ToLower(c.toks[k].Text)] {
			return c.text[c.toks[j].Start:c.toks[k].End]
		}
	}
	return ""
}

// nearestBefore returns the nearest party named before pos within max words.
func (c *sentCtx) nearestBefore(pos, max int, exclude string, refs bool) party {
	return c.nearestNamed(pos, max, exclude, refs, false)
}

// nearestNamed is nearestBefore that may return a person when persons is
// set: who steps down is a person, never a party to a deal.
func (c *sentCtx) nearestNamed(pos, max int, exclude string, refs, persons bool) party {
	for i := len(c.ents) - 1; i >= 0; i-- {
		m := c.ents[i]
		if m.end > pos || (!refs && m.ref != refName) || !c.art.isParty(m) || c.owned(m) || !persons && c.art.isPerson(m) {
			continue
		}
		between := c.text[m.end:pos]
		if c.wordsWithin(m.end, pos, max) > max || strings.ContainsAny(between, ";") {
			return party{}
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude {
			if unit := c.unitAfter(m.tok1, pos); m.possessive && unit != "" {
				r.name += " " + unit
			}
			return r
		}
	}
	return party{}
}

// nearestAfter returns the nearest party named after pos within max words.
func (c *sentCtx) nearestAfter(pos, max int, exclude string) party {
	for _, m := range c.ents {
		if m.start < pos || m.ref != refName || !c.art.isParty(m) || c.owned(m) || c.art.isPerson(m) {
			continue
		}
		if c.wordsWithin(pos, m.start, max) > max {
			return party{}
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude {
			return r
		}
	}
	return party{}
}

// firstParty returns the first party named in the sentence other than exclude.
func (c *sentCtx) firstParty(exclude string) party {
	for _, m := range c.ents {
		if m.ref != refName || !c.art.isParty(m) || c.owned(m) || c.art.isPerson(m) {
			continue
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude {
			return r
		}
	}
	return party{}
}

// negated says whether a negation stands within a few words before pos in
// the same clause.
func (c *sentCtx) negated(pos int) bool {
	lo := pos
	words := 0
	for i := c.tokenAt(pos) - 1; i >= 0 && words < 4; i-- {
		t := c.toks[i]
		if t.Text == "," || t.Text == ";" || t.Text == "\u2014" {
			break
		}
		lo = t.Start
		if isWord(t.Text) {
			words++
		}
	}
	for i := range c.art.x.set.Lexicon.Negations {
		if c.scan.matchIn(c.art.x.set.Lexicon.Negations[i].Re, lo, pos) {
			return true
		}
	}
	return false
}

func containsFold(list []string, w string) bool {
	for _, l := range list {
		if strings.EqualFold(l, w) {
			return true
		}
	}
	return false
}
