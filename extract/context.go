package extract

import (
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
	// patterns already matched against this sentence
	matches map[*rules.Pattern][][]int
}

func (c *sentCtx) find(p *rules.Pattern) [][]int {
	if m, ok := c.matches[p]; ok {
		return m
	}
	var m [][]int
	if c.mayMatch(p) {
		m = c.scan.findAll(p.Re, false)
	}
	c.matches[p] = m
	return m
}

// mayMatch is a rule pattern's literal gate, for the patterns the scanner
// does not prefilter in this sentence.
func (c *sentCtx) mayMatch(p *rules.Pattern) bool {
	return c.scan.prefiltered(p.Re) || p.MayMatch(c.lower)
}

// wordsBetween counts the words in [a, b) that are not part of a value.
func (c *sentCtx) wordsBetween(a, b int) int {
	n := 0
	for _, t := range c.toks {
		if t.Start < a || t.End > b || !isWord(t.Text) {
			continue
		}
		if overlapsAny(t.Start, t.End, c.values) {
			continue
		}
		n++
	}
	return n
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
		if comma := strings.IndexByte(c.text, ','); comma > 0 && h[1] <= comma && c.wordsBetween(0, h[0]) <= 1 {
			return true
		}
	}
	return false
}

// gap is the number of words between two spans and whether the second
// stands after the first; overlapping spans have gap 0.
func (c *sentCtx) gap(aStart, aEnd, bStart, bEnd int) (int, string) {
	switch {
	case aStart < bEnd && bStart < aEnd:
		return 0, ""
	case aEnd <= bStart:
		return c.wordsBetween(aEnd, bStart), c.text[aEnd:bStart]
	default:
		return c.wordsBetween(bEnd, aStart), c.text[bEnd:aStart]
	}
}

// blocked says whether a stretch of text crosses a clause boundary that a
// value and its trigger should not be linked across.
func blocked(between string) bool {
	return strings.ContainsAny(between, ";\u2014") || strings.Contains(between, " - ") || strings.Contains(between, ". ")
}

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
	// The nearest name before the reference, passing over one that only
	// says who made or staffed it ("founded by former Google engineers")
	// when another stands before it.
	var agent party
	for i := len(c.ents) - 1; i >= 0; i-- {
		e := c.ents[i]
		if e.end > m.start || e.ref != refName || !c.art.isParty(e) || c.art.isPerson(e) {
			continue
		}
		n := c.art.canonical(e.name)
		if containsFold(exclude, n) {
			continue
		}
		if c.byAgent(e) {
			if !agent.ok() {
				agent = party{name: n, start: m.start, end: m.end, m: m}
			}
			continue
		}
		return party{name: n, start: m.start, end: m.end, m: m}
	}
	if agent.ok() {
		return agent
	}
	for i := len(c.art.recent) - 1; i >= 0 && i >= len(c.art.recent)-12; i-- {
		if n := c.art.recent[i]; !containsFold(exclude, n) {
			return party{name: n, start: m.start, end: m.end, m: m}
		}
	}
	return party{}
}

// byAgent says whether a name follows "by" or "former": it names who made
// or staffed something, seldom what a pronoun later stands for.
func (c *sentCtx) byAgent(e entMention) bool {
	for k := e.tok0 - 1; k >= 0 && k >= e.tok0-2; k-- {
		switch strings.ToLower(c.toks[k].Text) {
		case "by", "former", "ex":
			return true
		}
	}
	return false
}

// isRef says whether the party was read from a reference ("the company").
func (p party) isRef() bool { return p.ok() && p.m.ref != refName }

// entityAfter returns the entity introduced by one of preps within max words
// after pos ("in Scale AI", "with the company", "of its Scale AI relationship").
// explicit is true when a preposition was followed by something that is not
// an entity: the claim names a party, just not one we know.
func (c *sentCtx) entityAfter(pos int, preps []string, max int, exclude string) (p party, explicit bool) {
	words := 0
	for i := c.tokenAt(pos); i < len(c.toks) && words <= max; i++ {
		t := c.toks[i]
		if t.Text == ";" || t.Text == "\u2014" || t.Text == "." || t.Text == "," && words > 0 {
			break
		}
		if isWord(t.Text) {
			words++
		}
		if !containsFold(preps, t.Text) {
			continue
		}
		for j := i + 1; j < len(c.toks) && j <= i+4; j++ {
			if m, ok := c.mentionAtToken(j); ok && m.ref != refPronoun {
				if r := c.resolve(m, exclude); r.ok() && r.name != exclude && c.art.isPartyName(r.name) {
					return r, true
				}
				break
			}
			w := strings.ToLower(c.toks[j].Text)
			if w != "the" && w != "its" && w != "their" && w != "his" && w != "her" && w != "rival" && w != "a" {
				return party{}, true
			}
		}
	}
	return party{}, false
}

// possessiveNear returns an entity written possessively ("Meta's") within max
// words before pos.
func (c *sentCtx) possessiveNear(pos, max int, exclude string) party {
	for i := len(c.ents) - 1; i >= 0; i-- {
		m := c.ents[i]
		if !m.possessive || m.end > pos {
			continue
		}
		if c.wordsBetween(m.end, pos) > max || strings.ContainsAny(c.text[m.end:pos], ",;\u2014") {
			return party{}
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude && c.art.isPartyName(r.name) {
			return r
		}
		return party{}
	}
	return party{}
}

// nearestBefore returns the nearest party named before pos within max words.
func (c *sentCtx) nearestBefore(pos, max int, exclude string, refs bool) party {
	for i := len(c.ents) - 1; i >= 0; i-- {
		m := c.ents[i]
		if m.end > pos || (!refs && m.ref != refName) || !c.art.isParty(m) {
			continue
		}
		between := c.text[m.end:pos]
		if c.wordsBetween(m.end, pos) > max || strings.ContainsAny(between, ";") {
			return party{}
		}
		if r := c.resolve(m, exclude); r.ok() && r.name != exclude {
			return r
		}
	}
	return party{}
}

// nearestAfter returns the nearest party named after pos within max words.
func (c *sentCtx) nearestAfter(pos, max int, exclude string) party {
	for _, m := range c.ents {
		if m.start < pos || m.ref != refName || !c.art.isParty(m) {
			continue
		}
		if c.wordsBetween(pos, m.start) > max {
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
		if m.ref != refName || !c.art.isParty(m) {
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
