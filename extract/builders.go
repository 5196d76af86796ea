package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/rules"
)

// link is a value tied to a trigger of a kind.
type link struct {
	vk      *valueKind
	trig    *rules.Trigger
	ts, te  int // the trigger's span in the sentence
	gap     int
	matched string
}

// bestLink finds the kind whose trigger stands nearest a value.
func (c *sentCtx) bestLink(m mention) (link, bool) {
	var best link
	found := false
	for ki := range c.art.x.valueKinds {
		vk := &c.art.x.valueKinds[ki]
		if !vk.takes[takenAs(m.value)] || c.otherMeasure(vk.rule, m) {
			continue
		}
		for ti := range vk.rule.Triggers {
			tr := &vk.rule.Triggers[ti]
			for _, loc := range c.find(&tr.Pattern) {
				ts, te := loc[0], loc[1]
				limit := tr.After
				follows := te > m.start // the trigger follows the value
				if follows {
					limit = tr.Before
				}
				g, between := c.gapWithin(ts, te, m.start, m.end, limit)
				if ts < m.end && m.start < te {
					g = 0
				} else if g > limit || blocked(between) || excluded(vk.rule.Exclude, between) {
					continue
				} else if follows && (strings.Contains(between, ",") || c.subordinated(between)) {
					// "for $2 billion, valuing the chipmaker at $8 billion",
					// "$33 billion when counting prior investments": a clause
					// after a comma or a subordinator speaks of what follows it.
					continue
				}
				// At equal distance the longer trigger is the more specific.
				if !found || g < best.gap || g == best.gap && te-ts > best.te-best.ts {
					best = link{vk: vk, trig: tr, ts: ts, te: te, gap: g, matched: c.text[ts:te]}
					found = true
				}
			}
		}
	}
	return best, found
}

// subordinated says whether a stretch of text opens a subordinate clause.
func (c *sentCtx) subordinated(between string) bool {
	for _, w := range strings.Fields(between) {
		if c.art.x.ix.subordinators[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// takenAs is the value type a kind must declare to claim v: a price per
// share only a kind that takes per_share.
func takenAs(v Value) ValueType {
	if v.Type == ValueMoney && v.Rate == "share" {
		return ValuePerShare
	}
	return v.Type
}

// otherMeasure says whether a value is the figure of a measure the rule
// names as another's: "a net loss of $40 million", "$40 million in losses".
func (c *sentCtx) otherMeasure(r *rules.Claim, m mention) bool {
	for i := range r.Others {
		for _, loc := range c.find(&r.Others[i]) {
			limit := 3
			if loc[0] >= m.end {
				limit = 1
			}
			g, between := c.gapWithin(loc[0], loc[1], m.start, m.end, limit)
			if g <= limit && !blocked(between) && !strings.Contains(between, ",") {
				return true
			}
		}
	}
	return false
}

func excluded(ps []rules.Pattern, between string) bool {
	for i := range ps {
		if ps[i].Re.MatchString(between) {
			return true
		}
	}
	return false
}

var (
	fromRe        = regexp.MustCompile(`(?i)\bfrom\s+$`)
	toRe          = regexp.MustCompile(`(?i)^\s+to\s+$`)
	yearEarlierRe = regexp.MustCompile(`(?i)^\s+(?:a|one) year (earlier|before|prior|ago)\b`)
	// "$2 billion in the years after", "in the following years"
	yearsAfterRe = regexp.MustCompile(`(?i)^\s+(?:more\s+)?(?:in|over|during)\s+the\s+(?:(?:years|months)\s+(?:after|since|that followed)|(?:following|subsequent)\s+years)\b|^\s+in\s+(?:following|subsequent|later)\s+years\b`)
	// "a market growing 18% a year" states its compound annual rate.
	annualRe = regexp.MustCompile(`(?i)^\s*(?:a|per|each)\s+year\b|^\s*annually\b`)
)

// buildValueClaims links each money, percentage and multiple value to the
// kind whose trigger stands nearest it, then finds the parties.
func buildValueClaims(c *sentCtx) {
	for vi, m := range c.values {
		if m.value.Type == ValueCount {
			continue
		}
		l, ok := c.bestLink(m)
		if !ok {
			c.earlierFigure(m)
			c.reachedSize(m)
			continue
		}
		first := min(m.start, l.ts)
		if c.negated(first) && !l.trig.Presupposed {
			continue
		}
		cl := Claim{Kind: l.vk.kind, Value: m.value, Status: Status(l.trig.Status), Aspect: Aspect(l.trig.Aspect), Component: Component(l.trig.Component)}
		c.qualify(&cl, m, l)
		switch cl.Kind {
		case KindInvestment:
			c.dealParties(&cl, m, l, true)
			c.frameParties(&cl, m, l)
			c.sameDeal(&cl)
			c.clauseVerbParties(&cl, m, l)
			c.roundParties(&cl, m, l)
		case KindStake:
			c.dealParties(&cl, m, l, false)
			c.frameParties(&cl, m, l)
			c.sameDeal(&cl)
			c.stakeAspect(&cl, vi)
		case KindValuation:
			c.valuationAspect(&cl, vi)
			valued := c.valuedParty(m, l)
			cl.Subject = valued.name
			if h, ok := c.holdingValued(l); ok {
				cl.Subject = h // "its stake is valued at $50 billion"
			}
			// "the market for chips is valued at $300 billion": a market
			// the sentence names outranks a company it does not (the
			// topic of the sentences before).
			if cl.Subject == "" || valued.end <= valued.start {
				if mk := c.marketNear(m, l); mk != "" {
					cl.Kind, cl.Subject = KindMarketSize, mk
				}
			}
			if c.art.x.words.withDebt.MatchString(c.text[m.end:min(len(c.text), m.end+32)]) {
				// "valuing the maker at $7.8 billion including debt": the
				// deal's enterprise value, what its buyer pays in all.
				if p, ok := c.sentenceDeal(); ok {
					cl.Kind, cl.Subject, cl.Object, cl.Component = KindInvestment, p.Subject, p.Object, ComponentEnterpriseValue
				}
			}
		case KindMarketSize:
			cl.Subject = c.marketNear(m, l)
			if cl.Subject == "" {
				continue
			}
		case KindGrowth:
			if c.art.x.words.decline.MatchString(l.matched) && cl.Value.Lo > 0 {
				cl.Value.Lo, cl.Value.Hi = -cl.Value.Lo, -cl.Value.Hi
			}
			if mm := c.art.x.words.metric.FindString(c.text); mm != "" {
				cl.Event = strings.ToLower(mm)
			}
			if c.art.x.words.cagr.MatchString(c.text) || annualRe.MatchString(c.text[m.end:]) && c.firstMarket() != "" {
				cl.Event = "cagr"
				cl.Subject = c.marketNear(m, l)
				if cl.Subject == "" {
					cl.Subject = c.firstMarket()
				}
				if cl.Subject == "" {
					cl.Subject = c.art.market
				}
				if cl.Subject == "" {
					// "Vega's sales grew ..., a compound annual rate of 45%":
					// a company's rate where no market is named.
					cl.Subject = c.singleParty(m, l).name
				}
			} else if !c.art.x.words.benchmark.MatchString(c.text[m.end:]) {
				cl.Subject = c.singleParty(m, l).name
			}
		default: // revenue
			cl.Subject = c.singleParty(m, l).name
		}
		c.add(cl, m.start, m.end)
	}
}

// roundParties reads "Quanta's $450m raise", "after a $500m round": with
// no target named, the company before a round is the one raising it, and
// its investor is who led it, when named ("led by", "from").
func (c *sentCtx) roundParties(cl *Claim, m mention, l link) {
	if cl.Object != "" || cl.Subject == "" || !c.art.x.words.roundNoun.MatchString(l.matched) {
		return
	}
	lo := min(m.start, l.ts)
	if raiser := c.possessiveNear(lo, 1, ""); raiser.ok() && raiser.name == cl.Subject {
		// "Sunbridge leads Quanta's $450m raise": the possessor raises;
		// who leads it stands before.
		investor := party{}
		if c.art.x.words.led.MatchString(c.text[:raiser.start]) {
			investor = c.nearestBefore(raiser.start, 6, raiser.name, false)
		}
		cl.Subject, cl.Object = investor.name, raiser.name
		return
	}
	if c.art.x.words.led.MatchString(c.text[:lo]) {
		return // "Orbital led a $200 million round": the investor acts
	}
	by, _ := c.entityAfter(max(m.end, l.te), []string{"by", "from"}, 5, cl.Subject)
	cl.Subject, cl.Object = by.name, cl.Subject
}

// byDeadlineRe ends the words before a date that is a deadline.
var byDeadlineRe = regexp.MustCompile(`(?i)\b(?:by|until|through)(?: the end of)?\s+$`)

// relativeClauseRe opens a relative clause after a name: ", which", ", who".
var relativeClauseRe = regexp.MustCompile(`^\s*,\s*(?:which|who|whose|that)\b`)

// reachedSize reads "the market at $14.5 billion in 2024, growing 7% a
// year to reach $20.3 billion in 2029": money no trigger claimed, reached
// by the sentence's market, is that market's later size.
func (c *sentCtx) reachedSize(m mention) {
	if m.value.Type != ValueMoney || !c.art.x.words.reach.MatchString(c.text[max(0, m.start-16):m.start]) {
		return
	}
	market := c.firstMarket()
	if market == "" {
		return
	}
	cl := Claim{Kind: KindMarketSize, Subject: market, Value: m.value, Status: StatusForecast}
	if d, ok := c.periodOf(m); ok {
		cl.Period = formatDate(d.value)
	}
	c.add(cl, m.start, m.end)
}

// upFromRe ends the words before an earlier figure: "…, up from $600 million".
var upFromRe = regexp.MustCompile(`(?i)(?:\b(?:up|down|rising|falling|climbing|growing)\s+|\d\s*(?:[a-z]+\s+)?)from\s+$`)

// earlierFigure reads "$1 billion this year, up from about $600 million in
// 2024": a figure no trigger claims is the earlier value of the claim just
// before it in the sentence, an actual one, for its own period.
func (c *sentCtx) earlierFigure(m mention) {
	if !upFromRe.MatchString(c.text[max(0, m.start-24):m.start]) || c.negated(m.start) {
		return
	}
	for k := len(c.art.claims) - 1; k >= 0; k-- {
		prev := c.art.claims[k]
		if prev.SentStart != c.s.Start {
			break
		}
		if prev.Value.Type != m.value.Type || prev.End > m.start || prev.Kind == KindGrowth {
			continue
		}
		cl := Claim{Kind: prev.Kind, Subject: prev.Subject, Object: prev.Object, Value: m.value, Event: prev.Event}
		if d, ok := c.periodOf(m); ok {
			cl.Period = formatDate(d.value)
		}
		c.add(cl, m.start, m.end)
		return
	}
}

// qualify reads the period, status, aspect and component the words around
// a value give it.
func (c *sentCtx) qualify(cl *Claim, m mention, l link) {
	c.cue(cl, m, l)
	if cl.Kind == KindInvestment && cl.Value.Qualifier == "<=" {
		cl.Aspect = AspectBound
	}
	lex := &c.art.x.set.Lexicon
	near := func(p *rules.Pattern, max int) bool {
		for _, loc := range c.find(p) {
			g, between := c.gapWithin(loc[0], loc[1], m.start, m.end, max)
			if g <= max && !blocked(between) && !strings.Contains(between, ",") {
				return true
			}
		}
		return false
	}
	if cl.Status == StatusActual {
		for i := range lex.Statuses {
			if near(&lex.Statuses[i].Pattern, 4) {
				cl.Status = Status(lex.Statuses[i].Label)
				break
			}
		}
	}
	if cl.Aspect == AspectPlain {
		for i := range lex.Aspects {
			if near(&lex.Aspects[i].Pattern, 6) {
				cl.Aspect = Aspect(lex.Aspects[i].Label)
				break
			}
		}
	}
	if p := c.yearsAfter(m); p != "" {
		cl.Period = p
	} else if d, ok := c.periodOf(m); ok {
		cl.Period = formatDate(d.value)
	} else if p := c.yearBefore(m); p != "" {
		cl.Period = p
	}
	if cl.Component == ComponentPlain {
		switch {
		case cl.Value.Rate == "share":
			cl.Component = ComponentPerShare
		case cl.Aspect == AspectTotal:
			cl.Component = ComponentCumulative
		}
	}
}

// frameParties reads parties the trigger's frame places: "the 11% stake
// held by Harbor Lane" is Harbor Lane's; "Vega
// shareholders will receive $5bn" is paid for Vega by someone not named
// here; "the $300 million Orbital sank into Vega" names its investor
// between the value and the verb, "its $4 billion Vega investment" its
// target between the value and the noun.
func (c *sentCtx) frameParties(cl *Claim, m mention, l link) {
	if l.trig.Frame == "held_by" {
		// a person may hold a stake too
		if e, ok := c.mentionAtToken(c.tokenAt(l.te)); ok {
			if p := c.resolve(e); p.ok() {
				cl.Subject = p.name
				if cl.Object == p.name {
					cl.Object = ""
				}
			}
		}
		return
	}
	if hs, ok := c.holdersBefore(l.vk.rule, m); ok {
		if k := c.tokenAt(hs) - 1; k >= 0 && (strings.EqualFold(c.toks[k].Text, "its") || strings.EqualFold(c.toks[k].Text, "their")) {
			// "Its shareholders can still receive": the company referred to
			t := c.toks[k]
			if p := c.resolve(entMention{start: t.Start, end: t.End, ref: refPronoun}); p.ok() {
				// The owners paid are the target's, not the buyer's the
				// pronoun may point to.
				cl.Subject, cl.Object = "", c.art.targetOf(p.name)
			}
			return
		}
		for i := len(c.ents) - 1; i >= 0; i-- {
			e := c.ents[i]
			if e.end > hs {
				continue
			}
			if (c.wordsWithin(e.end, hs, 1) <= 1 || e.possessive && c.wordsWithin(e.end, hs, 2) <= 2) && !c.art.isPerson(e) {
				if p := c.resolve(e); p.ok() {
					if e.ref != refName {
						p.name = c.art.targetOf(p.name) // "the company's shareholders"
					}
					cl.Subject, cl.Object = "", p.name
				}
			}
			return
		}
		return
	}
	if l.trig.Frame == "running_total" {
		for k := len(c.art.claims) - 1; k >= 0; k-- {
			p := c.art.claims[k]
			if p.SentStart != c.s.Start {
				break
			}
			if p.Kind == cl.Kind && p.Subject != "" && p.Object != "" {
				cl.Subject, cl.Object = p.Subject, p.Object
				break
			}
		}
		return
	}
	if l.trig.Frame == "sale" {
		// "sold its stake in Vega to Harbor Bank for $900 million": the buyer pays
		if b, _ := c.entityAfter(l.ts, []string{"to"}, 14, cl.Object); b.ok() && b.end <= l.te {
			cl.Subject = b.name
		}
		return
	}
	if cl.Object == "" {
		// "putting $2 billion into Vega", "a $2 billion bet on Vega": the
		// trigger holds the preposition that names the target
		low := strings.ToLower(l.matched)
		for _, prep := range []string{"into", "on"} {
			if strings.HasSuffix(low, " "+prep) {
				if o, _ := c.entityAfter(l.te-len(prep), []string{prep}, 1, cl.Subject); o.ok() {
					cl.Object = o.name
				}
			}
		}
	}
	if l.ts < m.end || c.wordsWithin(m.end, l.ts, 3) > 3 {
		return
	}
	for _, e := range c.ents {
		if e.start >= m.end && e.end <= l.ts && !c.art.isPerson(e) {
			switch {
			case l.trig.Frame == "relative":
				if p := c.resolve(e, cl.Object); p.ok() && p.name != cl.Object {
					cl.Subject = p.name
				}
			case cl.Object == "" && e.ref == refName:
				// "its $4 billion Vega investment": a name modifying the noun is the target
				if p := c.resolve(e, cl.Subject); p.ok() && p.name != cl.Subject {
					cl.Object = p.name
				}
			}
			return
		}
	}
}

// holdersBefore finds a trigger of the holders frame governing a value:
// before it in its clause, within eight words.
func (c *sentCtx) holdersBefore(r *rules.Claim, m mention) (int, bool) {
	for i := range r.Triggers {
		if r.Triggers[i].Frame != "holders" {
			continue
		}
		for _, loc := range c.find(&r.Triggers[i].Pattern) {
			if loc[1] <= m.start+1 && c.wordsWithin(loc[1], m.start, 8) <= 8 && !blocked(c.text[loc[1]:m.start]) {
				return loc[0], true
			}
		}
	}
	return 0, false
}

// clauseVerbParties reads "X will acquire Y in a deal valued at $4.2
// billion": a value linked to a noun of the deal whose target is not named
// takes its parties from the verb of the kind earlier in its clause.
func (c *sentCtx) clauseVerbParties(cl *Claim, m mention, l link) {
	if cl.Object != "" {
		return
	}
	var best link
	found := false
	for ti := range l.vk.rule.Triggers {
		tr := &l.vk.rule.Triggers[ti]
		for _, loc := range c.find(&tr.Pattern) {
			if loc[1] > l.ts || loc[1] > m.start || blocked(c.text[loc[1]:m.start]) || c.wordsWithin(loc[1], m.start, 12) > 12 {
				continue
			}
			if !found || loc[1] > best.te {
				best, found = link{vk: l.vk, trig: tr, ts: loc[0], te: loc[1], matched: c.text[loc[0]:loc[1]]}, true
			}
		}
	}
	if !found {
		return
	}
	var tmp Claim
	c.dealParties(&tmp, m, best, true)
	if tmp.Object != "" {
		cl.Subject, cl.Object = tmp.Subject, tmp.Object
	}
}

// valueWithin says whether another value of m's type stands between m and
// the span [s, e): a cue speaks of the figure nearest it.
func (c *sentCtx) valueWithin(m mention, s, e int) bool {
	lo, hi := e, m.start
	if s >= m.end {
		lo, hi = m.end, s
	}
	for _, o := range c.values {
		if o.start != m.start && o.value.Type == m.value.Type && o.start >= lo && o.end <= hi {
			return true
		}
	}
	return false
}

// sameDeal reads "X will acquire Y for $42 per share in a transaction
// valued at $3.1 billion" and "X invested $5m in Y, representing a stake of
// 8%": a later figure of a deal whose target the sentence did not name
// again is of the same deal as the investment just before it.
func (c *sentCtx) sameDeal(cl *Claim) {
	if cl.Object != "" {
		return
	}
	for k := len(c.art.claims) - 1; k >= 0; k-- {
		p := c.art.claims[k]
		if p.SentStart != c.s.Start {
			return
		}
		if p.Kind == KindInvestment && p.Subject != "" && p.Object != "" {
			cl.Subject, cl.Object = p.Subject, p.Object
			return
		}
	}
}

// cue applies the kind's cues standing near a value: the nearest cue
// names the component, and any gives a status or a bound the words of the
// value itself left open.
func (c *sentCtx) cue(cl *Claim, m mention, l link) {
	cues := l.vk.rule.Cues
	compGap := 99
	for i := range cues {
		q := &cues[i]
		for _, loc := range c.find(&q.Pattern) {
			limit := q.After
			if loc[0] >= m.end {
				limit = q.Before
			}
			g, between := c.gapWithin(loc[0], loc[1], m.start, m.end, limit)
			if g > limit || blocked(between) || c.valueWithin(m, loc[0], loc[1]) {
				continue
			}
			if q.Component != "" && (cl.Component == ComponentPlain || g < compGap) && l.trig.Component == "" {
				cl.Component, compGap = Component(q.Component), g
			}
			if q.Status != "" && cl.Status == StatusActual {
				cl.Status = Status(q.Status)
			}
			if q.Qualifier != "" && cl.Value.Qualifier == "" && cl.Value.Lo == cl.Value.Hi {
				cl.Value.Qualifier = q.Qualifier
			}
		}
	}
}

// yearsAfter reads "in the years after" after a value as the years from
// the one after the sentence's last year before the value to the
// article's: "bought in for $600 million in 2017, then invested $900
// million more in the years after" in a 2025 article is 2018/2025, not
// the article's own time.
func (c *sentCtx) yearsAfter(m mention) string {
	if c.art.pub.IsZero() || !yearsAfterRe.MatchString(c.text[m.end:]) {
		return ""
	}
	for i := len(c.dates) - 1; i >= 0; i-- {
		d := c.dates[i]
		if d.end > m.start || d.value.DatePrecision != "year" {
			continue
		}
		from, to := d.value.From/10000+1, c.art.pub.Year()
		if from > to {
			return ""
		}
		return strconv.Itoa(from) + "/" + strconv.Itoa(to)
	}
	return ""
}

// yearBefore reads "a year earlier" after a value as the year before the
// sentence's dated figure, and "a year ago" as the year before the
// article's publication.
func (c *sentCtx) yearBefore(m mention) string {
	loc := yearEarlierRe.FindStringSubmatch(c.text[m.end:])
	if loc == nil {
		return ""
	}
	if strings.EqualFold(loc[1], "ago") {
		if c.art.pub.IsZero() {
			return ""
		}
		return strconv.Itoa(c.art.pub.Year() - 1)
	}
	for _, d := range c.dates {
		if d.value.DatePrecision == "year" && d.end <= m.start {
			return strconv.Itoa(d.value.From/10000 - 1)
		}
	}
	return ""
}

// periodOf returns the date that belongs to a value: the nearest within six
// words, unless that date stands nearer another value.
func (c *sentCtx) periodOf(m mention) (mention, bool) {
	var best mention
	bestGap := 7
	for _, d := range c.dates {
		g, between := c.gapWithin(d.start, d.end, m.start, m.end, bestGap)
		if g >= bestGap || blocked(between) || d.start > m.end && strings.Contains(between, ",") {
			continue
		}
		if d.end <= m.start && strings.Contains(between, ",") && c.inRelativeClause(d.start) {
			continue // "Verant, which partnered with Solace in 2023, will buy $50 million"
		}
		if c.art.x.words.ownEvent.MatchString(c.text[max(0, d.start-24):d.start]) {
			continue // "founded in 2016" dates the company, not the figure
		}
		owner := m
		for _, o := range c.values {
			if o.value.Type != m.value.Type || o.start == m.start {
				continue
			}
			og, _ := c.gapWithin(d.start, d.end, o.start, o.end, g)
			if og < g || og == g && o.end <= d.start && m.start > d.start {
				owner = o
			}
		}
		if owner.start != m.start {
			continue
		}
		best, bestGap = d, g
	}
	return best, bestGap < 7
}

// inRelativeClause says whether pos stands in a relative clause opened
// after a comma ("Verant, which partnered with Solace in 2023,").
func (c *sentCtx) inRelativeClause(pos int) bool {
	k := strings.LastIndexByte(c.text[:pos], ',')
	return k >= 0 && relativeClauseRe.MatchString(c.text[k:pos])
}

// valuationAspect reads "from $14 billion to $29 billion" and "to $29
// billion from $14 billion" as the valuation before and after.
func (c *sentCtx) valuationAspect(cl *Claim, vi int) {
	m := c.values[vi]
	if vi+1 < len(c.values) && fromRe.MatchString(c.text[max(0, m.start-8):m.start]) && toRe.MatchString(c.text[m.end:c.values[vi+1].start]) {
		cl.Aspect = AspectBefore
	}
	later := vi > 0 && toRe.MatchString(c.text[c.values[vi-1].end:m.start]) && fromRe.MatchString(c.text[max(0, c.values[vi-1].start-8):c.values[vi-1].start])
	later = later || vi+1 < len(c.values) && toBeforeRe.MatchString(c.text[max(0, m.start-8):m.start]) &&
		fromBetweenRe.MatchString(c.text[m.end:c.values[vi+1].start])
	if later {
		cl.Aspect = AspectAfter
		cl.Event = "change" // the later figure of a change, not a post-money valuation
		return
	}
	// "to $29 billion from $14 billion"; not "up from $600 million a year
	// ago", a valuation of its own time rather than the one a deal changed.
	if vi > 0 && fromBetweenRe.MatchString(c.text[c.values[vi-1].end:m.start]) && toBeforeRe.MatchString(c.text[max(0, c.values[vi-1].start-8):c.values[vi-1].start]) {
		cl.Aspect = AspectBefore
	}
}

var (
	toBeforeRe    = regexp.MustCompile(`(?i)\bto\s+$`)
	fromBetweenRe = regexp.MustCompile(`(?i)^\s+from\s+(?:a |an |its |the )?$`)
	// earlierFromRe ends the words before the earlier figure of a change
	// told after the later one: "to 25% from 18%", "28%, up from a 18% stake".
	earlierFromRe = regexp.MustCompile(`(?i)\bfrom\s+(?:a |an |its |the |their )?$`)
)

// earlierOfChange says whether value vi is the earlier figure of a change
// whose later figure, of the same type, stands before it in the sentence:
// "raised its stake to 25% from 18%", "now owns 28%, up from 18%".
func (c *sentCtx) earlierOfChange(vi int) bool {
	m := c.values[vi]
	if vi == 0 || !earlierFromRe.MatchString(c.text[max(0, m.start-12):m.start]) {
		return false
	}
	prev := c.values[vi-1]
	return prev.value.Type == m.value.Type && c.wordsWithin(prev.end, m.start, 10) <= 10
}

// stakeAspect reads the earlier holding of a change ("to 25% from 18%",
// "from 18% to 25%", "up from a 18% stake") as the holding before it, held
// by the holder of the later one.
func (c *sentCtx) stakeAspect(cl *Claim, vi int) {
	m := c.values[vi]
	earlier := vi+1 < len(c.values) && fromRe.MatchString(c.text[max(0, m.start-8):m.start]) && toRe.MatchString(c.text[m.end:c.values[vi+1].start])
	if !earlier && !c.earlierOfChange(vi) {
		return
	}
	cl.Aspect = AspectBefore
	for k := len(c.art.claims) - 1; k >= 0; k-- {
		p := c.art.claims[k]
		if p.SentStart != c.s.Start {
			break
		}
		if p.Kind == cl.Kind && p.Subject != "" && p.End <= m.start {
			cl.Subject, cl.Object = p.Subject, p.Object
			return
		}
	}
}

// dealParties finds who invests or holds (subject) and in what (object).
func (c *sentCtx) dealParties(cl *Claim, m mention, l link, investment bool) {
	lo, hi := min(m.start, l.ts), max(m.end, l.te)
	var obj party
	if investment && c.art.x.words.acquireVerb.MatchString(l.matched) && l.te <= m.start {
		obj = c.nearestAfter(l.te, 1, "")
	}
	if !obj.ok() && investment && c.art.x.words.payTo.MatchString(l.matched) && l.te <= m.start {
		// "agreed to pay Solace Bio $175 million": who is paid stands
		// between the verb and the money.
		if p := c.nearestAfter(l.te, 1, ""); p.ok() && p.end <= m.start {
			obj = p
		}
	}
	if !obj.ok() {
		obj, _ = c.entityAfter(hi, []string{"in", "into", "of", "for", "to"}, 6, "")
	}
	if obj.ok() && obj.m.possessive {
		// "paid $290 million for Arden's 22% holding in Tallis": the
		// holding is in Tallis; Arden sells it.
		if in, _ := c.entityAfter(obj.end, []string{"in"}, 6, obj.name); in.ok() && c.art.x.words.heldIn.MatchString(c.text[obj.end:in.start]) {
			obj = in
		}
	}
	if !obj.ok() && l.te <= m.start {
		// "Northwind's exposure to Corvex now stands at $5 billion": the
		// target follows the trigger, before the value.
		obj, _ = c.entityAfter(l.ts, []string{"in", "into", "of", "for", "to"}, 4, "")
	}
	if !obj.ok() {
		obj = c.objectAfter(hi, []string{"in", "into", "of", "for", "to"}, 8, "")
	}
	if !obj.ok() && l.ts >= m.end && c.art.x.words.dealNoun.MatchString(l.matched) {
		// "its $4 billion Anthropic investment": a name modifying the
		// trigger noun is the target.
		for _, e := range c.ents {
			if e.ref == refName && e.end <= l.ts && e.start >= m.end && c.wordsWithin(e.end, l.ts, 0) == 0 && c.art.isParty(e) {
				obj = c.resolve(e)
			}
		}
	}
	if !obj.ok() {
		// "invest in X, ..., with $1.25 billion committed": the target
		// follows another trigger of the kind in the sentence.
		for ti := range l.vk.rule.Triggers {
			for _, loc := range c.find(&l.vk.rule.Triggers[ti].Pattern) {
				if o, _ := c.entityAfter(loc[1], []string{"in", "into"}, 2, ""); o.ok() && !obj.ok() {
					obj = o
				}
			}
		}
	}
	// A reference object ("the data-labeling firm") is resolved once the
	// subject is known; until then it excludes nothing.
	excl := obj.name
	if obj.isRef() {
		excl = ""
	}
	sub, _ := c.entityAfter(hi, []string{"by", "from"}, 5, excl)
	if !sub.ok() {
		sub = c.possessiveNear(lo, 3, excl)
	}
	if !sub.ok() {
		// "bringing its total to $8 billion": the trigger names its holder.
		for _, e := range c.ents {
			if e.possessive && e.start >= l.ts && e.end <= l.te {
				sub = c.resolve(e, excl)
				break
			}
		}
	}
	if !sub.ok() {
		// "grants Meta a 49% stake": the receiver is the holder.
		for i := len(c.ents) - 1; i >= 0; i-- {
			e := c.ents[i]
			if e.end <= lo && c.wordsWithin(e.end, lo, 2) <= 2 && c.art.x.words.give.MatchString(c.text[max(0, e.start-12):e.start]) {
				sub = c.resolve(e, excl)
				break
			}
		}
	}
	if !obj.ok() {
		// "Orbital had backed Vega in 2021 with $500 million": a deal verb
		// of the clause frames both parties.
		if fs, fo, ok := c.transitiveFrame(l.vk.rule, lo, hi); ok {
			sub, obj = fs, fo
		}
	}
	if !sub.ok() {
		sub = c.nearestBefore(lo, 12, excl, true)
	}
	if !sub.ok() {
		sub = c.firstParty(excl)
	}
	if investment && c.art.x.words.raise.MatchString(l.matched) && l.te <= m.start {
		// "Helix raised $6.6 billion ... led by Orbital": the raiser
		// receives; the investor, when named, follows "by" or "from".
		raiser := c.nearestBefore(l.ts, 6, "", true)
		by := party{}
		for i := range c.toks {
			t := strings.ToLower(c.toks[i].Text)
			if (t == "by" || t == "from") && c.toks[i].Start > m.end {
				if e, ok := c.mentionAtToken(i + 1); ok && e.ref == refName {
					by = c.resolve(e, raiser.name)
					break
				}
			}
		}
		cl.Subject, cl.Object = by.name, raiser.name
		return
	}
	if sub.ok() && !obj.ok() {
		// "Scale AI received an investment from Meta": the one named
		// before the money received it.
		if by, _ := c.entityAfter(hi, []string{"by", "from"}, 5, ""); by.ok() {
			obj = c.nearestBefore(lo, 12, sub.name, false)
		}
	}
	if sub.isRef() && sub.m.ref == refPronoun {
		// "bringing its total to $8 billion": "its" is the investor a
		// figure earlier in the sentence named; the sentence's investment
		// before a holding it names ("paid $290 million for Arden's 22%
		// holding, lifting its stake to 58%": its is the payer's).
		var named *Claim
		for i := len(c.art.claims) - 1; i >= 0; i-- {
			p := &c.art.claims[i]
			if p.SentStart != c.s.Start {
				break
			}
			if p.Kind == KindInvestment && p.Subject != "" {
				named = p
				break
			}
			if p.Kind == KindStake && named == nil {
				named = p
			}
		}
		if named != nil && named.Subject != "" {
			sub = party{name: named.Subject}
			if !obj.ok() || obj.name == named.Subject {
				obj = party{name: named.Object}
			}
		}
	}
	if obj.isRef() && sub.ok() && (obj.name == sub.name || obj.name == "") {
		obj = c.resolve(obj.m, sub.name)
	}
	cl.Subject, cl.Object = sub.name, obj.name
}

// holdingValued reads "its stake is valued at $50 billion": the value of
// one holder's stake, a fact apart from the company's valuation. It names
// it by the holder and the company its sentence's stake claim gives.
func (c *sentCtx) holdingValued(l link) (string, bool) {
	if !c.art.x.words.holding.MatchString(c.text[max(0, l.ts-40):l.ts]) {
		return "", false
	}
	for k := len(c.art.claims) - 1; k >= 0 && c.art.claims[k].SentStart == c.s.Start; k-- {
		if p := c.art.claims[k]; p.Kind == KindStake && p.Subject != "" && p.Object != "" {
			return p.Subject + " stake in " + p.Object, true
		}
	}
	if p := c.possessiveNear(l.ts, 3, ""); p.ok() {
		return p.name + " stake", true
	}
	return "", true
}

// valuedParty finds the company a valuation is of.
func (c *sentCtx) valuedParty(m mention, l link) party {
	if loc := c.art.x.words.valueVerb.FindStringIndex(l.matched); loc != nil {
		// "values Helix at", "values the company at": what follows the verb
		i := c.tokenAt(l.ts + loc[1])
		if e, ok := c.mentionAtToken(i); ok && e.ref == refName {
			if r := c.resolve(e, ""); r.ok() {
				return r
			}
		}
	}
	// "raised $400 million from Harbor at a $3 billion valuation", "a round
	// that will value the company at $29 billion": a valuation beside an
	// investment values the investment's target.
	for k := len(c.art.claims) - 1; k >= 0; k-- {
		p := c.art.claims[k]
		if p.SentStart != c.s.Start {
			break
		}
		if p.Kind == KindInvestment && p.Object != "" && p.End <= m.start {
			return party{name: p.Object}
		}
	}
	if loc := c.art.x.words.valueVerb.FindStringIndex(l.matched); loc != nil {
		i := c.tokenAt(l.ts + loc[1])
		if e, ok := c.mentionAtToken(i); ok {
			if r := c.resolve(e, ""); r.ok() {
				return r
			}
		}
	}
	return c.singleParty(m, l)
}

// transitiveFrame reads a deal verb standing before pos in the same clause
// ("Orbital had backed Vega ... with $500 million"): its subject is the
// investor, its direct object the target.
func (c *sentCtx) transitiveFrame(r *rules.Claim, lo, hi int) (sub, obj party, ok bool) {
	for i := range r.Transitive {
		for _, loc := range c.find(&r.Transitive[i]) {
			// The verb is the link's own trigger ("$250 million backing
			// Lumen"), or stands before the value in its clause.
			inside := loc[0] >= lo && loc[1] <= hi
			if !inside && (loc[1] > lo || containsAny(c.text[loc[1]:lo], ";", "\u2014") || c.wordsWithin(loc[1], lo, 12) > 12) {
				continue
			}
			o := c.directObject(loc[1])
			if !o.ok() {
				continue
			}
			s := c.nearestBefore(loc[0], 8, o.name, true)
			if s.ok() {
				return s, o, true
			}
		}
	}
	return party{}, party{}, false
}

// directObject returns the organisation a verb ending at pos takes as its
// object: the first name after it, past an article or a descriptor's words.
func (c *sentCtx) directObject(pos int) party {
	m, ok := c.nameAhead(c.tokenAt(pos), 5)
	if !ok || !c.art.isParty(m) {
		return party{}
	}
	return c.resolve(m, "")
}

// singleParty finds the one organisation a figure is about.
func (c *sentCtx) singleParty(m mention, l link) party {
	lo, hi := min(m.start, l.ts), max(m.end, l.te)
	if p := c.possessiveNear(lo, 3, ""); p.ok() {
		return p
	}
	if p, _ := c.entityAfter(hi, []string{"at", "for", "of"}, 3, ""); p.ok() {
		return p
	}
	if p := c.nearestBefore(lo, 12, "", true); p.ok() {
		// "Corbel, which is backed by Harbourline, was valued at": a name
		// inside a relative clause is not the clause's subject.
		if s, ok := c.sentenceSubject(); ok && s.end <= p.start && relativeClauseRe.MatchString(c.text[s.end:p.start]) &&
			strings.Contains(c.text[p.end:lo], ",") {
			return c.resolve(s)
		}
		return p
	}
	if p := c.nearestAfter(hi, 6, ""); p.ok() && !strings.Contains(c.text[hi:p.start], ",") {
		return p
	}
	// "Revenue reached $9 billion": a figure whose clause names no company
	// is about the topic of the sentence before.
	return party{name: c.art.topic}
}

// marketNear names the market a figure is about: a market word in the
// trigger window.
func (c *sentCtx) marketNear(m mention, l link) string {
	bestGap := 11
	name := ""
	for i, t := range c.toks {
		n, ok := c.art.x.ix.marketAt(c.text, c.toks, i)
		if !ok {
			continue
		}
		g, _ := c.gapWithin(t.Start, t.End, m.start, m.end, bestGap)
		if g < bestGap {
			name, bestGap = n, g
		}
	}
	return cleanMarket(name)
}

// firstMarket names the first market the sentence mentions.
func (c *sentCtx) firstMarket() string {
	for i := range c.toks {
		if name, ok := c.art.x.ix.marketAt(c.text, c.toks, i); ok {
			return cleanMarket(name)
		}
	}
	return ""
}

func cleanMarket(n string) string {
	n = strings.TrimSpace(n)
	for _, p := range []string{"the ", "The ", "a ", "an "} {
		n = strings.TrimPrefix(n, p)
	}
	return n
}

// buildEventDates links dates to event triggers.
func buildEventDates(c *sentCtx) {
	rule := c.art.x.event
	if rule == nil {
		return
	}
	for _, d := range c.dates {
		ev, ok := c.eventTrigger(rule, d)
		if !ok || c.negated(min(ev.ts, d.start)) {
			continue
		}
		cl := Claim{Kind: Kind(rule.Kind), Value: d.value, Event: ev.event, Period: formatDate(d.value), Status: ev.status}
		c.eventParties(rule, &cl, ev, d)
		c.add(cl, min(ev.ts, d.start), max(ev.te, d.end))
	}
}

// dateBetween says whether a date stands wholly inside [from, to).
func (c *sentCtx) dateBetween(from, to int) bool {
	for _, d := range c.dates {
		if d.start >= from && d.end <= to {
			return true
		}
	}
	return false
}

// buildHeadcount reads "cut 500 contractors", "1,200 engineers were hired".
func buildHeadcount(c *sentCtx) {
	r := c.art.x.headcount
	if r == nil {
		return
	}
	var taken []mention
	taken = append(taken, c.values...)
	taken = append(taken, c.dates...)
	counts := findCounts(c.scan, c.art.x.quals, taken)
	// objectAfter says whether a verb ending at end has a count of its own
	// just after it: "plans to cut about 200 jobs" takes 200, not a count
	// standing before it ("employs 1,400 people and plans to cut...").
	objectAfter := func(end int) bool {
		for _, o := range counts {
			if o.start >= end && c.wordsWithin(end, o.start, 1) <= 1 {
				return true
			}
		}
		return false
	}
	for _, n := range counts {
		// A count a verb of having gives is how many there are.
		if c.art.x.words.level.MatchString(c.text[max(0, n.start-40):n.start]) {
			continue
		}
		// the counted noun follows within two words
		nounEnd := -1
		for i := range r.Nouns {
			for _, loc := range c.find(&r.Nouns[i]) {
				if loc[0] >= n.end && c.wordsWithin(n.end, loc[0], 2) <= 2 {
					nounEnd = loc[1]
					break
				}
			}
			if nounEnd >= 0 {
				break
			}
		}
		if nounEnd < 0 {
			continue
		}
		sign, vs, ve := "", 0, 0
		bestGap := 99
		for i := range r.Verbs {
			for _, loc := range c.find(&r.Verbs[i].Pattern) {
				var g int
				var between string
				if loc[1] <= n.start {
					g, between = c.gapWithin(loc[0], loc[1], n.start, n.end, 4)
					if g > 4 {
						continue
					}
				} else if loc[0] >= nounEnd {
					g, between = c.gapWithin(nounEnd, nounEnd, loc[0], loc[1], 3)
					if g > 3 || objectAfter(loc[1]) {
						continue
					}
				} else {
					continue
				}
				if blocked(between) || g >= bestGap {
					continue
				}
				sign, vs, ve, bestGap = r.Verbs[i].Label, loc[0], loc[1], g
			}
		}
		if sign == "" || c.negated(min(vs, n.start)) {
			continue
		}
		v := n.value
		if sign == "-" {
			v.Lo, v.Hi = -v.Lo, -v.Hi
		}
		cl := Claim{Kind: Kind(r.Kind), Value: v}
		// "cut 350 jobs by June": a deadline, not when the plan was made;
		// the cuts are compared by when they were announced.
		if d, ok := c.periodOf(n); ok && !byDeadlineRe.MatchString(c.text[max(0, d.start-8):d.start]) {
			cl.Period = formatDate(d.value)
		}
		lo := min(vs, n.start)
		passive := ve > nounEnd && passiveRe.MatchString(c.text[nounEnd:vs])
		sub := c.possessiveNear(lo, 3, "")
		if !sub.ok() {
			sub, _ = c.entityAfter(nounEnd, []string{"at", "by"}, 4, "")
		}
		if !sub.ok() && !passive {
			sub = c.nearestBefore(lo, 10, "", true)
		}
		if !sub.ok() {
			sub.name = c.art.topic // "500 contractors were cut": the topic's
		}
		cl.Subject = sub.name
		c.add(cl, min(n.start, vs), max(nounEnd, ve))
	}
}

var (
	passiveRe = regexp.MustCompile(`(?i)\b(?:were|was|been|being|are|is)\s*$`)
)

// buildClientChanges reads a client's move on a vendor: who (the clients
// before the verb), what (the verb's label) and from whom (the vendor after
// it, else the vendor the article is about).

// sentenceDeal returns the investment read so far from this sentence that
// names both its parties.
func (c *sentCtx) sentenceDeal() (*Claim, bool) {
	for k := len(c.art.claims) - 1; k >= 0; k-- {
		p := &c.art.claims[k]
		if p.SentStart != c.s.Start {
			break
		}
		if p.Kind == KindInvestment && p.Subject != "" && p.Object != "" {
			return p, true
		}
	}
	return nil, false
}

// hypothetical says whether the clause of a verb at pos is a condition
// ("a break fee if it walks away"): what it tells has not happened.
func (c *sentCtx) hypothetical(pos int) bool {
	lo := max(0, pos-60)
	if k := strings.LastIndexAny(c.text[lo:pos], ",;"); k >= 0 {
		lo += k
	}
	return c.art.x.words.hypothetical.MatchString(c.text[lo:pos])
}

// possessorOf returns the organisation whose possessive stands before the
// title at token i, past up to two modifiers ("Quillon's former chief
// executive", "the company's new finance chief").
func (c *sentCtx) possessorOf(i int, person string) party {
	j := i
	for k := 0; k < 2 && j > 0; k++ {
		w := c.toks[j-1].Text
		if !isWord(w) || isPossessive(w) || strings.ToLower(w) != w || c.art.x.phraseBreaks[w] || isDeterminer(w) {
			break
		}
		j--
	}
	for _, e := range c.ents {
		if e.tok1 == j && e.possessive && e.name != person && !c.art.isPerson(e) {
			return c.resolve(e, person)
		}
	}
	return party{}
}

// heldAtBeforeAs returns the organisation named just before "as" and the
// title at token i ("joined Pinecrest as CTO", "worked at Tarrowe as
// chief financial officer"): where the clause's subject holds the title.
func (c *sentCtx) heldAtBeforeAs(i int, person string) party {
	j := i - 1
	if j >= 0 && isDeterminer(c.toks[j].Text) {
		j--
	}
	if j < 1 || !strings.EqualFold(c.toks[j].Text, "as") {
		return party{}
	}
	for _, e := range c.ents {
		if e.tok1 == j && !e.possessive && e.name != person && !c.art.isPerson(e) && e.ref == refName {
			return c.resolve(e, person)
		}
	}
	return party{}
}

// ledBy returns what a person leads when the words before pos say so
// ("the drone maker, run by chief executive Ana Gil"): the organisation
// the phrase before them names, pronouns and descriptors resolved.
func (c *sentCtx) ledBy(pos int, person string) party {
	lo := max(0, pos-32)
	loc := c.art.x.words.ledBy.FindStringIndex(c.text[lo:pos])
	if loc == nil {
		return party{}
	}
	at := lo + loc[0]
	for k := len(c.ents) - 1; k >= 0; k-- {
		e := c.ents[k]
		if e.end > at || e.name == person || c.art.isPerson(e) {
			continue
		}
		if c.wordsBetween(e.end, at) > 3 {
			break
		}
		return c.resolve(e, person)
	}
	return party{}
}

var (
	participleOpensRe = regexp.MustCompile(`,\s+$`)
	participleRe      = regexp.MustCompile(`^[a-z]+ing\b`)
)

// appointer returns the organisation that appointed person, when the
// sentence says so just before naming them.
func (c *sentCtx) appointer(person party) party {
	for k := len(c.ents) - 1; k >= 0; k-- {
		e := c.ents[k]
		if e.end <= person.start && e.name != person.name && !c.art.isPerson(e) && c.art.x.words.appoint.MatchString(c.text[e.end:person.start]) {
			return c.resolve(e, person.name)
		}
	}
	return party{}
}

// nameInside returns the named party a verb phrase holds, for phrases
// that name the vendor inside them.
func (c *sentCtx) nameInside(start, end int) party {
	for _, m := range c.ents {
		if m.ref == refName && m.start > start && m.end <= end {
			return party{name: c.art.canonical(m.name)}
		}
	}
	return party{}
}

func buildClientChanges(c *sentCtx) {
	r := c.art.x.client
	if r == nil || len(c.ents) == 0 {
		return // a client change needs a named client
	}
	var hits []verbHit
	for i := range r.Verbs {
		for _, loc := range c.find(&r.Verbs[i].Pattern) {
			if !overlapsHit(hits, loc[0], loc[1]) {
				hits = append(hits, verbHit{loc[0], loc[1], r.Verbs[i].Label})
			}
		}
	}
	for _, loc := range c.scan.findAll(c.art.x.words.followSuit, false) {
		if c.art.lastCC >= 0 {
			hits = append(hits, verbHit{loc[0], loc[1], "follow"})
		}
	}
	for _, h := range hits {
		if h.label != "follow" && !c.scan.matchIn(c.art.x.words.idiom, h.start, h.end) && !c.scan.matchIn(c.art.x.words.relationship, h.end, min(len(c.text), h.end+60)) {
			if obj, _ := c.entityAfter(h.end, []string{"with", "from", "on", "of"}, 4, ""); !obj.ok() {
				if e, ok := c.mentionAtToken(c.tokenAt(h.end)); (!ok || e.ref != refName) && !c.nameInside(h.start, h.end).ok() {
					continue
				}
			}
		}
		if c.negated(h.start) || c.hypothetical(h.start) {
			continue
		}
		subjects := c.clientsBefore(h.start)
		if len(subjects) == 0 {
			continue
		}
		label := h.label
		var object party
		explicit := false
		names := make([]string, len(subjects))
		for i, s := range subjects {
			names[i] = s.name
		}
		verb := strings.ToLower(c.text[h.start:h.end])
		if strings.HasSuffix(verb, " with") || strings.HasSuffix(verb, " from") {
			// "still works with multiple vendors": the object follows at once
			if e, ok := c.mentionAtToken(c.tokenAt(h.end)); ok {
				object = c.resolve(e, names...)
			}
			if !object.ok() {
				continue
			}
		} else if label == "follow" {
			prev := c.art.claims[c.art.lastCC]
			label, object = prev.Value.Label, party{name: prev.Object}
		} else {
			object, explicit = c.entityAfter(h.end, []string{"with", "from", "on", "of", "to"}, 6, subjects[0].name)
			if object.isRef() {
				object = c.resolve(object.m, names...)
			}
			if !object.ok() {
				if e, ok := c.mentionAtToken(c.tokenAt(h.end)); ok && e.ref == refName {
					object = c.resolve(e, names...) // "paused Scale projects"
					explicit = false
				}
			}
			if !object.ok() {
				object = c.nameInside(h.start, h.end) // "dropped Brightline as a provider"
			}
			if !object.ok() {
				object = c.clientOf(subjects[0], h.start) // "Corvid, Helix's largest client, ended its contract"
			}
			if !object.ok() {
				// "is reviewing its Norwick contract": the vendor heads the
				// verb's object.
				if e, ok := c.nameAhead(c.tokenAt(h.end), 4); ok && e.ref == refName && !c.art.isPerson(e) && c.art.isParty(e) {
					object = c.resolve(e, names...)
				}
			}
			if !object.ok() && !explicit {
				// "Pellham notified Norwick that it would terminate its
				// agreement": the one other company of the sentence.
				object = c.otherParty(names)
			}
			if !object.ok() && explicit {
				continue // a vendor is named, and it is not one we know
			}
		}
		for _, s := range subjects {
			if s.name == object.name {
				continue
			}
			cl := Claim{Kind: Kind(r.Kind), Subject: s.name, Object: object.name, Value: Value{Type: ValueLabel, Label: label}}
			end := h.end
			if object.ok() && object.end > end && object.start > h.start && object.end-h.end < 60 {
				end = object.end
			}
			if p := c.add(cl, s.start, end); p != nil {
				c.art.lastCC = len(c.art.claims) - 1
			}
		}
	}
}

// otherParty returns the one organisation the sentence names besides
// those in names, or none when it names several.
func (c *sentCtx) otherParty(names []string) party {
	var found party
	for _, e := range c.ents {
		if e.ref != refName || e.name == "" || !c.art.isParty(e) || c.art.isPerson(e) || c.owned(e) {
			continue
		}
		p := c.resolve(e)
		if containsFold(names, p.name) || p.name == found.name {
			continue
		}
		if found.ok() {
			return party{}
		}
		found = p
	}
	return found
}

// clientOf reads the appositive that makes a client's vendor explicit:
// "Corvid, Helix's largest customer, ended its contract" names Helix.
func (c *sentCtx) clientOf(client party, verb int) party {
	r := c.art.x.client
	for _, m := range c.ents {
		if !m.possessive || m.start < client.end || m.end > verb || m.ref != refName {
			continue
		}
		for i := range r.Nouns {
			for _, loc := range c.find(&r.Nouns[i]) {
				if loc[0] >= m.end && loc[1] <= verb && c.wordsWithin(m.end, loc[0], 3) <= 3 {
					return c.resolve(m, client.name)
				}
			}
		}
	}
	return party{}
}

// verbHit is a client-change verb found in a sentence.
type verbHit struct {
	start, end int
	label      string
}

func overlapsHit(hits []verbHit, s, e int) bool {
	for _, h := range hits {
		if s < h.end && h.start < e {
			return true
		}
	}
	return false
}

// appositiveSubject reads "Google, Scale's largest client, swiftly
// announced": when a comma or dash closes an aside just before pos, the
// subject is the name that opened it.
func (c *sentCtx) appositiveSubject(pos int) party {
	var near *entMention
	for i := len(c.ents) - 1; i >= 0; i-- {
		if c.ents[i].end <= pos {
			near = &c.ents[i]
			break
		}
	}
	if near == nil {
		return party{}
	}
	between := c.text[near.end:pos]
	closeAt := strings.LastIndexAny(between, ",\u2014")
	if closeAt < 0 || strings.ContainsAny(between, ";") {
		return party{}
	}
	prefix := c.text[:near.start]
	openAt := strings.LastIndexAny(prefix, ",\u2014")
	if openAt < 0 {
		return party{}
	}
	for _, m := range c.ents {
		if m.ref == refName && m.end <= openAt && strings.TrimSpace(c.text[m.end:openAt]) == "" && c.art.isParty(m) && !c.art.isPerson(m) {
			return c.resolve(m)
		}
	}
	return party{}
}

// clientsBefore returns the organisations that act in a clause: the
// coordinated names ("Microsoft, xAI, and OpenAI") nearest before pos.
func (c *sentCtx) clientsBefore(pos int) []party {
	if p := c.appositiveSubject(pos); p.ok() {
		return []party{p}
	}
	// "Corvid moved its data to Norwick in May, ending its contract with
	// Pellion": a participle's clause speaks of the sentence's subject.
	if participleOpensRe.MatchString(c.text[max(0, pos-4):pos]) && participleRe.MatchString(c.text[pos:min(len(c.text), pos+16)]) {
		if s, ok := c.sentenceSubject(); ok {
			return []party{c.resolve(s)}
		}
	}
	var out []party
	end := pos
	for i := len(c.ents) - 1; i >= 0; i-- {
		m := c.ents[i]
		if m.end > pos || !c.art.isParty(m) {
			continue
		}
		between := c.text[m.end:end]
		if containsAny(between, ";", "\u2014") {
			break
		}
		gap := c.wordsWithin(m.end, end, 10)
		if m.possessive && isPossessive(strings.TrimSpace(between)) {
			gap = 0 // "Musk's xAI": the 's is no word between
		}
		if len(out) == 0 && gap > 10 {
			break
		}
		if len(out) > 0 {
			// only coordinated names join the list
			b := strings.TrimSpace(strings.ToLower(between))
			if b != "," && b != "and" && b != ", and" && b != "&" && b != "or" && b != ", or" {
				if !(m.possessive && gap == 0) {
					break
				}
				end = m.start
				continue // "Elon Musk's xAI": the possessor does not act
			}
		}
		if len(out) == 0 && m.possessive && gap == 0 {
			continue
		}
		p := c.resolve(m, "")
		if !p.ok() || p.name == "" {
			break
		}
		out = append([]party{p}, out...)
		end = m.start
	}
	return out
}

// normalTitle is the title t is, by the role rule's synonyms.
func normalTitle(t string, synonyms map[string]string) string {
	t = strings.ToLower(strings.Join(strings.Fields(t), " "))
	if s, ok := synonyms[t]; ok {
		return s
	}
	return t
}

// titleAt matches a job title at token i: its end token and normal form,
// with a modifier ("interim CEO") kept.
func (c *sentCtx) titleAt(i int) (int, string, bool) {
	start := i
	mod := ""
	if i < len(c.toks) && (strings.EqualFold(c.toks[i].Text, "interim") || strings.EqualFold(c.toks[i].Text, "acting")) {
		mod = strings.ToLower(c.toks[i].Text) + " "
		i++
	}
	if i >= len(c.toks) {
		return 0, "", false
	}
	for _, t := range c.art.x.titles[strings.ToLower(c.toks[i].Text)] {
		if i+len(t.words) > len(c.toks) {
			continue
		}
		ok := true
		for j, w := range t.words {
			if !strings.EqualFold(c.toks[i+j].Text, w) {
				ok = false
				break
			}
		}
		if ok {
			_ = start
			end, norm := i+len(t.words), mod+t.norm
			// "Chairman and CEO" holds both titles.
			if end+1 < len(c.toks) && strings.EqualFold(c.toks[end].Text, "and") {
				if e2, n2, ok := c.titleAt(end + 1); ok && !strings.HasPrefix(n2, "interim ") && !strings.HasPrefix(n2, "acting ") {
					if c.art.x.compoundDrop[t.norm] {
						return e2, n2, true
					}
					if c.art.x.compoundDrop[n2] {
						return e2, norm, true // "CEO and co-founder"
					}
					return e2, norm + " and " + n2, true
				}
			}
			return end, norm, true
		}
	}
	return 0, "", false
}

// looksLikePersonName says whether a name could be a person's: two or
// three capitalised words. Roles use it next to a title, which settles it.
func looksLikePersonName(m entMention) bool {
	if m.ref != refName || m.known && m.typ != rules.EntityPerson {
		return false
	}
	n := len(strings.Fields(m.name))
	return n >= 2 && n <= 3
}

// buildRoles reads "X, CEO of Y", "Y's CFO, X,", "Y CEO X", "X ... as interim CEO".
func buildRoles(c *sentCtx) {
	rule := c.art.x.role
	if rule == nil {
		return
	}
	type found struct {
		person, org party
		title       string
		start, end  int
		titleAt     int
		former      bool
	}
	var out []found
	lex := &c.art.x.set.Lexicon
	formerAt := func(pos int) bool {
		// The clause the title stands in: "X, Y's CFO, previously worked
		// at Z as chief financial officer" says the second was before.
		lo := max(0, pos-30)
		if k := strings.LastIndexAny(c.text[max(0, pos-60):pos], ",;("); k >= 0 {
			lo = min(lo, max(0, pos-60)+k)
		}
		for i := range lex.Former {
			if c.scan.matchIn(lex.Former[i].Re, lo, pos) {
				return true
			}
		}
		return false
	}
	if len(c.ents) == 0 {
		return // a role needs a person
	}
	for i := 0; i < len(c.toks); i++ {
		end, title, ok := c.titleAt(i)
		if !ok {
			continue
		}
		ts, te := c.toks[i].Start, c.toks[end-1].End
		var person, org party
		// "X, (the) title of Y"
		if p := c.personBefore(i); p.ok() {
			person = p
		}
		// "title X" / "Y title X" / "Y's title, X,"
		if !person.ok() {
			j := end
			if j < len(c.toks) && c.toks[j].Text == "," {
				j++
			}
			if m, ok := c.mentionAtToken(j); ok && looksLikePersonName(m) {
				person = party{name: m.name, start: m.start, end: m.end}
			}
		}
		// "Vega Chief Executive Dana Marsh": a name run on from the title.
		if !person.ok() {
			person = c.personInside(i, end)
		}
		// "Vega named Tom Reyes its new finance chief"
		if !person.ok() {
			person = c.appointee(i)
		}
		// "X ... has stepped in as interim CEO": the person is the clause's subject.
		var joined party
		if !person.ok() && i > 0 && c.linkBefore(i) {
			for k := len(c.ents) - 1; k >= 0; k-- {
				// a possessive just before the title names its organisation
				if e := c.ents[k]; e.end <= ts && looksLikePersonName(e) && !c.art.x.ix.orgName(e.name) && c.wordsWithin(e.end, ts, 15) <= 15 && !(e.possessive && e.tok1 == i) {
					person = party{name: e.name, start: e.start, end: e.end}
					if c.wordsWithin(e.end, ts, 1) > 1 || c.art.isPerson(e) {
						break
					}
					// "Tom Reyes joined Pinecrest Software as president": a
					// name just before "as" that is no person's is where
					// the title is held, when a person acts before it.
					for k2 := k - 1; k2 >= 0; k2-- {
						if p := c.ents[k2]; c.art.isPerson(p) && c.wordsWithin(p.end, e.start, 4) <= 4 {
							joined = c.resolve(e, p.name)
							person = party{name: p.name, start: p.start, end: p.end}
							break
						}
					}
					break
				}
			}
		}
		if !person.ok() {
			continue
		}
		if o := c.possessorOf(i, person.name); o.ok() {
			// "Ana Gil, Pellion's CFO", "Quillon's former chief executive"
			org = o
		} else if o := c.heldAtBeforeAs(i, person.name); o.ok() {
			// "worked at Tarrowe as chief financial officer"
			org = o
		} else if o, _ := c.entityAfter(te, []string{"of", "at"}, 2, person.name); o.ok() {
			org = o
		} else if joined.ok() {
			org = joined
		} else if k := i - 1; k >= 0 {
			if m, ok := c.mentionAtToken(k); ok || k > 0 {
				if !ok {
					// the organisation may end just before the title ("Scale's", "OpenAI")
					for _, e := range c.ents {
						if e.tok1 == i && e.name != person.name {
							m, ok = e, true
						}
					}
				}
				if ok && m.name != person.name {
					org = c.resolve(m, person.name)
				}
			}
		}
		if !org.ok() {
			for _, e := range c.ents {
				if e.tok1 == i || e.tok1 == i-1 && c.toks[i-1].Text == "," {
					if e.name != person.name && !c.art.isPerson(e) {
						org = c.resolve(e, person.name)
					}
				}
			}
		}
		if !org.ok() && person.end <= ts {
			// "vice president of data and AI at Vega": a department, then the organisation
			org, _ = c.entityAfter(te, []string{"at"}, 6, person.name)
		}
		if !org.ok() {
			org = c.ledBy(min(ts, person.start), person.name)
		}
		if !org.ok() {
			org = c.appointer(person)
		}
		start, stop := min(ts, person.start), max(te, person.end)
		out = append(out, found{person: person, org: org, title: title, start: start, end: stop, titleAt: ts, former: formerAt(ts)})
		i = end - 1
	}
	// A transition ("has stepped in as interim CEO") makes the title it
	// names the current one and the others former.
	transition := -1
	for i := range lex.Transition {
		if locs := c.find(&lex.Transition[i]); len(locs) > 0 {
			transition = locs[0][0]
			break
		}
	}
	for k, f := range out {
		if transition >= 0 && f.titleAt < transition && len(out) > 1 {
			f.former = true
		}
		org := f.org
		if !org.ok() {
			for _, g := range out {
				if g.org.ok() && g.person.name == f.person.name {
					org = g.org
				}
			}
		}
		if !org.ok() && !f.former {
			// "Vega said Chief Executive Dana Marsh would step down": the
			// organisation that speaks of its officer, when the sentence
			// names one alone.
			org = c.otherParty(nil)
		}
		if c.art.x.ix.orgName(f.person.name) {
			continue // "Corbel Foods names new CEO": a company holds no title
		}
		cl := Claim{Kind: Kind(rule.Kind), Subject: f.person.name, Object: org.name, Value: Value{Type: ValueLabel, Label: f.title}}
		if f.former {
			cl.Aspect = AspectBefore
		}
		_ = k
		c.add(cl, f.start, f.end)
	}
}

// beforePossessor returns the token before the name whose possessive mark
// stands at token j ("Vega Robotics 's"), or the one two before it.
func (c *sentCtx) beforePossessor(j int) int {
	k := j - 2
	for _, e := range c.ents {
		if e.tok1 == j || e.tok1 == j+1 && e.possessive {
			k = e.tok0 - 1
		}
	}
	return k
}

// linkBefore says whether the words before the title at token i make the
// clause's subject its holder: "as", "will become", skipping the holder's
// organisation ("became Pinecrest's CFO") and determiners.
func (c *sentCtx) linkBefore(i int) bool {
	links := c.art.x.roleLinks
	j := i - 1
	for j >= 0 {
		w := strings.ToLower(c.toks[j].Text)
		switch {
		case w == "the" || w == "its" || w == "their" || w == "new" || w == "a" || c.art.x.ix.timeAdverbs[w] || w == "currently":
			j--
			continue
		case isPossessive(c.toks[j].Text):
			j = c.beforePossessor(j)
			continue
		}
		return links[w]
	}
	return false
}

// appointee reads "Vega named Tom Reyes its new finance chief": the person
// an appointing verb names just before the title at token i.
func (c *sentCtx) appointee(i int) party {
	j := i - 1
	for j >= 0 {
		switch strings.ToLower(c.toks[j].Text) {
		case "its", "their", "the", "new", "next", "permanent", "as", "a":
			j--
			continue
		}
		break
	}
	for _, e := range c.ents {
		if e.tok1 == j+1 && j >= 0 && looksLikePersonName(e) && c.art.x.words.appointed.MatchString(c.text[:e.start]) {
			return party{name: e.name, start: e.start, end: e.end}
		}
	}
	return party{}
}

// personInside reads a person's name that the title at tokens [i, end)
// runs on into: a mention that starts inside the title and ends two or
// three capitalised words after it.
func (c *sentCtx) personInside(i, end int) party {
	for _, e := range c.ents {
		if e.ref != refName || e.tok0 < i || e.tok0 >= end || e.tok1 <= end {
			continue
		}
		n := e.tok1 - end
		if n < 2 || n > 3 || e.known && e.typ != rules.EntityPerson {
			return party{}
		}
		for k := end; k < e.tok1; k++ {
			if w := c.toks[k].Text; w == "" || w[0] < 'A' || w[0] > 'Z' {
				return party{}
			}
		}
		start, stop := c.toks[end].Start, c.toks[e.tok1-1].End
		return party{name: c.text[start:stop], start: start, end: stop}
	}
	return party{}
}

// personBefore finds "Name," right before a title at token i (allowing
// "the", "previously" and an organisation's possessive between).
func (c *sentCtx) personBefore(i int) party {
	j := i - 1
	for j >= 0 && j >= i-4 {
		w := strings.ToLower(c.toks[j].Text)
		if w == "the" || w == "previously" || w == "formerly" || w == "former" || w == "now" || w == "its" {
			j--
			continue
		}
		if isPossessive(c.toks[j].Text) {
			j = c.beforePossessor(j) // skip "Scale 's", "Vega Robotics '"
			continue
		}
		break
	}
	if j < 1 || c.toks[j].Text != "," {
		return party{}
	}
	for _, m := range c.ents {
		if m.tok1 == j && looksLikePersonName(m) {
			return party{name: m.name, start: m.start, end: m.end}
		}
	}
	return party{}
}

var tickerRe = regexp.MustCompile(`\(\s*(?:([A-Za-z][A-Za-z ]{1,22}?)\s*[:：]\s*)?([A-Z]{1,5}(?:[.\-/][A-Z]{1,2})?)\s*\)`)

// buildTickers reads "NVIDIA (NVDA)" and "Mercor (NASDAQ: MERC)".
func buildTickers(c *sentCtx) {
	rule := c.art.x.symbol
	if rule == nil {
		return
	}
	for _, loc := range c.scan.findAll(tickerRe, true) {
		exch := ""
		if loc[2] >= 0 {
			var ok bool
			exch, ok = c.art.x.exchanges[strings.ToLower(strings.TrimSpace(c.text[loc[2]:loc[3]]))]
			if !ok {
				continue
			}
		}
		symbol := c.text[loc[4]:loc[5]]
		// Reuters writes NVDA.O (Nasdaq) and IBM.N (NYSE).
		for suffix, ex := range rule.SymbolSuffixes {
			if exch == "" && strings.HasSuffix(symbol, suffix) && len(symbol) > len(suffix)+1 {
				symbol, exch = strings.TrimSuffix(symbol, suffix), ex
			}
		}
		// The company stands just before the parenthesis.
		var company *entMention
		for k := range c.ents {
			m := &c.ents[k]
			if m.ref == refName && m.end <= loc[0] && (loc[0]-m.end <= 2 || c.onlySuffix(c.text[m.end:loc[0]])) {
				company = m
			}
		}
		if company == nil {
			continue
		}
		if exch == "" && c.isAcronym(symbol, loc[0]) {
			continue
		}
		label := symbol
		if exch != "" {
			label = strings.ToUpper(exch) + ":" + symbol
			if exch != "NASDAQ" && exch != "NYSE" {
				label = exch + ":" + symbol
			}
		}
		name := c.art.canonical(company.name)
		c.add(Claim{Kind: Kind(rule.Kind), Subject: name, Value: Value{Type: ValueLabel, Label: label}}, company.start, loc[1])
	}
}

// onlySuffix says whether the text between a name and what follows it is a
// legal suffix alone: "Widget, Inc. (NASDAQ: WDG)".
func (c *sentCtx) onlySuffix(between string) bool {
	words := strings.FieldsFunc(between, func(r rune) bool { return r == ',' || r == ' ' })
	if len(words) == 0 || len(words) > 2 {
		return false
	}
	for _, w := range words {
		if !c.art.x.ix.suffixes[w] {
			return false
		}
	}
	return true
}

// isAcronym says whether the words before pos spell symbol: "Securities and
// Exchange Commission (SEC)" explains an abbreviation, it lists no stock.
func (c *sentCtx) isAcronym(symbol string, pos int) bool {
	var initials []byte
	for i := c.tokenAt(pos) - 1; i >= 0 && len(initials) < len(symbol); i-- {
		w := c.toks[i].Text
		if !isWord(w) {
			continue
		}
		if c.art.x.acronymSkip[strings.ToLower(w)] {
			continue
		}
		initials = append([]byte{strings.ToUpper(w)[0]}, initials...)
	}
	return string(initials) == symbol
}

// buildPrivacy records what an article says about a company being private.
func buildPrivacy(c *sentCtx) {
	lex := &c.art.x.set.Lexicon
	for i := range lex.Private {
		for _, loc := range c.scan.findAll(lex.Private[i].Re, true) {
			if loc[2] < 0 {
				continue
			}
			start, end := loc[2], loc[3]
			name := c.text[start:end]
			var p party
			if strings.EqualFold(name, "its") || strings.EqualFold(name, "it") {
				p = c.resolve(entMention{start: start, end: end, ref: refPronoun}, "")
			} else {
				for _, m := range c.ents {
					if m.ref == refName && m.start >= start && m.end <= end+3 {
						p = c.resolve(m, "")
						break
					}
				}
			}
			if !p.ok() && isCapitalised(name) && !c.art.x.ix.notEntity[strings.Fields(name)[0]] {
				// "Quillon, which remains privately held": the pattern's
				// group is a name though it opens the sentence unknown.
				p = party{name: c.art.canonical(c.art.x.ix.canonicalOrg(name))}
			}
			if !p.ok() {
				continue
			}
			c.add(Claim{Kind: KindCompanyStatus, Subject: p.name, Value: Value{Type: ValueLabel, Label: "private"}}, loc[0], loc[1])
		}
	}
	// "values the privately held freight startup at $12 billion": a
	// reference that says its company is private.
	for _, m := range c.ents {
		if m.ref != refDescriptor || !c.art.x.words.privatelyHeld.MatchString(c.text[m.start:m.end]) {
			continue
		}
		if p := c.resolve(m); p.ok() {
			c.add(Claim{Kind: KindCompanyStatus, Subject: p.name, Value: Value{Type: ValueLabel, Label: "private"}}, m.start, m.end)
		}
	}
}

// shareCountRe is a count of a company's shares: "its 150 million shares
// outstanding", "1.2 billion ordinary shares".
var shareCountRe = regexp.MustCompile(`(?i)\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand|mn|bn|m)?\s+(?:(?:common|ordinary|outstanding|issued|class [a-z])\s+){0,3}shares\b`)

// buildShareCounts records how many shares a company has, as evidence for
// the price-per-share check: the holder is the possessive before the
// count ("its 150 million shares"), else the company named just before.
func buildShareCounts(c *sentCtx) {
	for _, loc := range c.scan.findAllIf(strings.Contains(c.lower, "shares"), shareCountRe, true) {
		if loc[0] > 0 && strings.ContainsAny(c.text[max(0, loc[0]-2):loc[0]], "$€£¥") {
			continue // "$52 shares": money, not a count
		}
		v, step, ok := parseNumber(c.text[loc[2]:loc[3]])
		if !ok {
			continue
		}
		scale := 1.0
		if loc[4] >= 0 {
			scale = scaleOf(c.text[loc[4]:loc[5]])
		}
		// A count of shares bought ("bought 150 million shares of Vega") is
		// no company's count: the holder's own shares are possessed, or
		// said to be outstanding.
		owner := c.possessiveNear(loc[0], 2, "")
		after := strings.ToLower(c.text[loc[0]:min(len(c.text), loc[1]+14)])
		if !owner.ok() && (strings.Contains(after, "outstanding") || strings.Contains(after, "issued")) {
			owner = c.nearestBefore(loc[0], 4, "", true)
		}
		if !owner.ok() || v*scale < 1000 {
			continue
		}
		c.add(Claim{Kind: KindShareCount, Subject: owner.name, Value: Value{Type: ValueCount, Lo: v * scale, Hi: v * scale, Step: step * scale}}, loc[0], loc[1])
	}
}
