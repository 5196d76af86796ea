package extract

import (
	"regexp"
	"strings"

	"github.com/claimcheck/claimcheck/rules"
)

// futureAt says whether the clause around pos speaks of what is to come:
// the tense cue nearest before pos is a future one ("will leave the
// company on January 1"), or, for a date opening the sentence ("On Jan. 1,
// the unit will..."), the clause after it starts with one. A verb in -ed
// just before the date ("founded in March") reads as past whatever came
// before.
func (c *sentCtx) futureAt(pos int) bool {
	lex := &c.art.x.set.Lexicon
	// The verb the date hangs from, when it stands just before it.
	at0 := c.tokenAt(pos)
	for i := at0 - 1; i >= 0 && i >= at0-4; i-- {
		w := strings.ToLower(c.toks[i].Text)
		if !isWord(w) || c.art.x.dateLead[w] {
			continue
		}
		if strings.HasSuffix(w, "ed") && !c.cueCovers(lex.Future, c.toks[i].Start) {
			return false
		}
		break
	}
	future, at := false, -1
	for _, list := range []struct {
		future bool
		cues   []int
	}{{true, c.cueEnds(lex.Future, pos)}, {false, c.cueEnds(lex.Past, pos)}} {
		for _, e := range list.cues {
			if e > at || e == at && list.future {
				future, at = list.future, e
			}
		}
	}
	if at >= 0 {
		return future
	}
	// An opening phrase takes the tense of the clause after its comma.
	comma := strings.IndexByte(c.text[pos:], ',')
	if comma < 0 || c.wordsWithin(0, pos, 2) > 2 {
		return false
	}
	after := pos + comma + 1
	limit := min(len(c.text), after+40)
	for i := range lex.Future {
		for _, loc := range c.find(&lex.Future[i]) {
			if loc[0] >= after && loc[1] <= limit {
				return true
			}
		}
	}
	return false
}

// cueEnds returns where the cues of a list end before pos, in the same
// clause: no semicolon, dash or full stop between.
func (c *sentCtx) cueEnds(ps []rules.Pattern, pos int) []int {
	var out []int
	for i := range ps {
		for _, loc := range c.find(&ps[i]) {
			if loc[1] <= pos && !blocked(c.text[loc[1]:pos]) {
				out = append(out, loc[1])
			}
		}
	}
	return out
}

// cueCovers says whether a cue of the list spans pos.
func (c *sentCtx) cueCovers(ps []rules.Pattern, pos int) bool {
	for i := range ps {
		for _, loc := range c.find(&ps[i]) {
			if loc[0] <= pos && pos < loc[1] {
				return true
			}
		}
	}
	return false
}

// relObjRe ends the text before the subject of a relative clause ("Vega,
// which Dana Marsh founded"); byRe is a passive's agent: "acquired by
// Orbital" names the buyer.
var (
	relObjRe = regexp.MustCompile(`(?i)\b(?:which|that|whom)\s+$`)
	byRe     = regexp.MustCompile(`^\s+by\b`)
)

// eventLink is the trigger a date belongs to.
type eventLink struct {
	event  string
	status Status
	ts, te int
	// ofTheDeal: the trigger speaks of the article's deal though its
	// sentence names none ("Expected close: Q3 2026"; trigger frame deal).
	ofTheDeal bool
}

// eventTrigger finds the event a date is the date of: the nearest trigger
// within its window, a trigger just before the date ("closed in October")
// before any other, the first trigger of the clause an opening date
// introduces ("Earlier on Friday, the regulator gave the deal its
// approval"), and a speech verb just before the date when the sentence
// states a deal ("said on Tuesday it will invest").
func (c *sentCtx) eventTrigger(rule *rules.Claim, d mention) (eventLink, bool) {
	var best eventLink
	var bestTrig *rules.Trigger
	bestGap, bestLead, found := 0, false, false
	if excluded(rule.Exclude, c.text[max(0, d.start-10):d.start]) {
		return eventLink{}, false // "by 2027", "since 2021": a deadline or a span's start
	}
	opening := c.openingDate(d)
	for ti := range rule.Triggers {
		tr := &rule.Triggers[ti]
		for _, loc := range c.find(&tr.Pattern) {
			before := loc[1] <= d.start // the trigger stands before the date
			limit := tr.After
			if !before {
				limit = tr.Before
				if opening >= 0 && loc[0] >= opening {
					limit = max(limit, 14)
				}
			}
			g, between := c.gapWithin(loc[0], loc[1], d.start, d.end, limit)
			if loc[0] < d.end && d.start < loc[1] {
				g = 0
			} else if g > limit || blocked(between) || excluded(rule.Exclude, between) || before && c.newClause(between) {
				continue
			} else if !before && opening < 0 && strings.Contains(between, ",") {
				continue // "who left X in 2019, founded Y": only an opening date reaches past its comma
			}
			if c.dateBetween(loc[1], d.start) || c.dateBetween(d.end, loc[0]) {
				continue // "founded in 2017, reported 2024 sales": the trigger has its date
			}
			lead := before && c.onlyLead(loc[1], d.start)
			if !found || lead && !bestLead || lead == bestLead && g < bestGap {
				best = eventLink{event: tr.Event, status: Status(tr.Status), ts: loc[0], te: loc[1], ofTheDeal: tr.Frame == "deal"}
				bestTrig, bestGap, bestLead, found = tr, g, lead, true
			}
		}
	}
	if !found && d.value.DatePrecision == "day" && c.statesDeal(rule, 0) {
		// "agreed to acquire X ... for $1.3 billion on March 4, 2022": the
		// day of a deal's price is the day it was signed.
		for _, m := range c.values {
			if m.value.Type == ValueMoney && m.end <= d.start && c.onlyLead(m.end, d.start) && !blocked(c.text[m.end:d.start]) {
				best = eventLink{event: "signed", ts: m.start, te: m.end}
				found, bestLead = true, true
			}
		}
	}
	if !bestLead {
		deal := c.statesDeal(rule, d.end)
		for i := range rule.Verbs {
			for _, loc := range c.find(&rule.Verbs[i].Pattern) {
				if loc[1] > d.start || !c.onlyLead(loc[1], d.start) || blocked(c.text[loc[1]:d.start]) {
					continue
				}
				// "said on Tuesday it had completed the purchase": the
				// completion, stated as done, keeps its own event.
				if found && bestTrig.Event != "announced" && bestTrig.Event != "signed" && best.ts > d.end && c.done(best.ts) {
					continue
				}
				if !deal {
					// "said in December it would close its plant": the
					// date is the remark's, and the remark is no deal.
					return eventLink{}, false
				}
				best = eventLink{event: rule.Verbs[i].Label, ts: loc[0], te: loc[1]}
				found, bestLead = true, true
			}
		}
	}
	if found && best.event == "" {
		return best, false // words that only look like an event: "shares closed at $45"
	}
	if found && best.status == StatusActual && !c.done(best.ts) {
		best.status = StatusForecast
	}
	return best, found
}

// done says whether the trigger at pos tells of something that happened:
// a verb in the past, or one no future cue governs ("is expected to
// close", "closes on March 3" do not).
func (c *sentCtx) done(pos int) bool {
	return c.pastForm(pos) || !c.futureAt(pos) && !c.cueCovers(c.art.x.set.Lexicon.Future, pos)
}

// pastForm says whether the word at pos is a verb in the past ("closed",
// "said"), which no future cue before it makes a forecast ("was expected
// after Orbital closed the deal in October").
func (c *sentCtx) pastForm(pos int) bool {
	i := c.tokenAt(pos)
	if i >= len(c.toks) {
		return false
	}
	lex := &c.art.x.set.Lexicon
	w := strings.ToLower(c.toks[i].Text)
	return c.cueCovers(lex.Past, pos) || strings.HasSuffix(w, "ed") && !c.cueCovers(lex.Future, pos)
}

// newClause says whether text between a trigger and a later date crosses
// into another clause: a comma before a clause opener ("the announcement,
// having built up the holding since 2021"), not one inside a list of
// modifiers ("a new multiyear, multibillion-dollar deal").
func (c *sentCtx) newClause(between string) bool {
	for {
		i := strings.IndexByte(between, ',')
		if i < 0 {
			return false
		}
		between = between[i+1:]
		next := strings.ToLower(strings.TrimLeft(between, " "))
		if j := strings.IndexAny(next, " ,"); j >= 0 {
			next = next[:j]
		}
		if c.art.x.clauseOpeners[next] || strings.HasSuffix(next, "ing") || strings.HasSuffix(next, "ed") {
			return true
		}
	}
}

// openingDate returns where the clause after a date that opens the sentence
// begins ("On Tuesday, ...", "Earlier on Friday, ..."), or -1.
func (c *sentCtx) openingDate(d mention) int {
	if c.wordsWithin(0, d.start, 2) > 2 {
		return -1
	}
	comma := strings.IndexByte(c.text[d.end:], ',')
	if comma < 0 || c.wordsWithin(d.end, d.end+comma, 1) > 1 {
		return -1
	}
	return d.end + comma + 1
}

// onlyLead says whether [from, to) holds only the words that lead to a
// date: prepositions and modifiers ("on", "back in early").
func (c *sentCtx) onlyLead(from, to int) bool {
	for _, t := range c.toks {
		if t.Start >= from && t.End <= to && isWord(t.Text) && !c.art.x.dateLead[strings.ToLower(t.Text)] {
			return false
		}
	}
	return true
}

// statesDeal says whether the sentence states a deal: an investment or stake
// claim, or a trigger of one after pos.
func (c *sentCtx) statesDeal(rule *rules.Claim, pos int) bool {
	for i := len(c.art.claims) - 1; i >= 0 && c.art.claims[i].SentStart == c.s.Start; i-- {
		if k := c.art.claims[i].Kind; k == KindInvestment || k == KindStake {
			return true
		}
	}
	if inv, ok := c.art.x.set.ClaimRule(string(KindInvestment)); ok {
		for ti := range inv.Triggers {
			for _, loc := range c.find(&inv.Triggers[ti].Pattern) {
				if loc[0] >= pos {
					return true
				}
			}
		}
	}
	return false
}

// eventParties finds whose event a date is. A person leaves; a company is
// founded or launches something; a deal (announced, signed, approved,
// closed) is its investor and target: those of the sentence's own deal
// claim, of a noun phrase naming it ("Orbital's investment in Vega"), or,
// for a reference to a deal ("the transaction", "it" for what a regulator
// cleared), of the deal the article last named with both parties.
func (c *sentCtx) eventParties(rule *rules.Claim, cl *Claim, ev eventLink, d mention) {
	lo := min(ev.ts, d.start)
	switch cl.Event {
	case "left":
		sub := c.nearestNamed(ev.ts, 8, "", false, true)
		if sub.ok() && sub.m.possessive {
			// "Dana Marsh, Vega's chief executive, will retire": the
			// organisation owns the title; its holder leaves.
			if p := c.nearestNamed(sub.start, 2, sub.name, false, true); p.ok() {
				sub = p
			}
		}
		cl.Subject = c.art.fullName(sub.name)
		return
	case "founded", "launched", "listed":
		// "Dana Marsh founded Vega in 2020": what was founded follows.
		if ev.te <= d.start && !byRe.MatchString(c.text[ev.te:]) {
			if e, ok := c.mentionAtToken(c.tokenAt(ev.te)); ok && e.ref == refName && !c.art.isPerson(e) {
				cl.Subject = c.resolve(e).name
				return
			}
		}
		sub := c.nearestBefore(lo, 8, "", true)
		if sub.ok() && relObjRe.MatchString(c.text[:sub.start]) {
			// "Vega, which Dana Marsh founded in 2019": the founder stands
			// in a relative clause about what was founded.
			sub = c.nearestBefore(sub.start, 3, "", true)
		}
		cl.Subject = sub.name
		// "Founded in 2018, Kestrane said": an opening phrase is about
		// the subject of the clause after it.
		if !sub.ok() && c.wordsWithin(0, lo, 0) == 0 {
			if comma := strings.IndexByte(c.text[max(ev.te, d.end):], ','); comma >= 0 {
				cl.Subject = c.nearestAfter(max(ev.te, d.end)+comma+1, 2, "").name
			}
		}
		return
	}
	// "X invested in Y, while Z closed its own round on Monday": a trigger
	// with its own named actor dates that actor's deal, not the sentence's.
	agent := c.nearestBefore(ev.ts, 1, "", false).name
	for i := len(c.art.claims) - 1; i >= 0 && c.art.claims[i].SentStart == c.s.Start; i-- {
		prev := c.art.claims[i]
		if agent != "" && agent != prev.Subject && agent != prev.Object {
			continue
		}
		if (prev.Kind == KindInvestment || prev.Kind == KindStake) && (prev.Subject != "" || prev.Object != "") {
			if cl.Subject == "" && cl.Object == "" || prev.Subject != "" && prev.Object != "" {
				cl.Subject, cl.Object = prev.Subject, prev.Object
			}
		}
	}
	if cl.Subject == "" && cl.Object == "" {
		// "Orbital's investment in Helix, announced in late 2024", "X's
		// agreement on Tuesday to buy Y": the deal is named by a noun
		// phrase or a verb of buying.
		if inv, ok := c.art.x.set.ClaimRule(string(KindInvestment)); ok {
			for ti := range inv.Triggers {
				for _, loc := range c.find(&inv.Triggers[ti].Pattern) {
					obj, _ := c.entityAfter(loc[1], []string{"in", "into", "of", "for"}, 3, "")
					if !obj.ok() && c.art.x.words.acquireAny.MatchString(c.text[loc[0]:loc[1]]) && !byRe.MatchString(c.text[loc[1]:]) {
						// "to buy Vega", "its acquisition of games maker Vega"
						obj = c.nearestAfter(loc[1], 4, "")
					}
					if !obj.ok() || cl.Object != "" {
						continue
					}
					sub := c.possessiveNear(loc[0], 5, obj.name)
					if !sub.ok() {
						sub = c.nearestBefore(loc[0], 6, obj.name, false)
					}
					if agent != "" && agent != sub.name && agent != obj.name {
						continue
					}
					cl.Subject, cl.Object = sub.name, obj.name
				}
			}
		}
	}
	if cl.Subject != "" && cl.Object != "" {
		return
	}
	refers := cl.Event == "approved" // a regulator clears a deal it names, or "it"
	for i := range rule.Nouns {
		refers = refers || len(c.find(&rule.Nouns[i])) > 0
	}
	if refers || cl.Subject != "" || cl.Object != "" {
		if s, o, ok := c.art.lastDeal(c.s.Start, cl.Subject+cl.Object); ok {
			cl.Subject, cl.Object = s, o
			return
		}
	}
	// The pair may be known only once the article is read: finish looks
	// for it again.
	defer func() {
		if (refers || cl.Subject != "" || cl.Object != "") && (cl.Subject == "" || cl.Object == "") {
			c.art.dealRefs[c.s.Start+min(ev.ts, d.start)] = cl.Subject + cl.Object
		}
	}()
	if refers {
		// "after it closed the Lumen deal": the actor, at least.
		cl.Subject = c.nearestBefore(ev.ts, 1, "", true).name
		return
	}
	if cl.Subject == "" && cl.Object == "" {
		// The actor stands before the trigger, after a date that opens the
		// sentence ("On April 20, Vega said it signed...").
		sub := c.nearestBefore(ev.ts, 8, "", true)
		if sub.ok() {
			obj, _ := c.entityAfter(ev.te, []string{"in", "into", "of", "for", "with"}, 6, sub.name)
			if !obj.ok() {
				obj = c.nearestAfter(ev.te, 6, sub.name)
			}
			cl.Object = obj.name
		}
		cl.Subject = sub.name
	}
	if cl.Subject == "" && cl.Object == "" && !ev.ofTheDeal {
		// "The offer period closes on March 3": no deal is named or
		// referred to, so the article's deal is not assumed.
		c.art.unplaced[c.s.Start+min(ev.ts, d.start)] = true
	}
}

// lastDeal returns the investor and target of the last deal claim before
// the end of the sentence at sent that names both, and that includes party
// when one is given.
func (a *artState) lastDeal(sent int, party string) (string, string, bool) {
	for i := len(a.claims) - 1; i >= 0; i-- {
		p := a.claims[i]
		if p.SentStart > sent || !isDeal(p) || p.Subject == "" || p.Object == "" {
			continue
		}
		if party == "" || p.Subject == party || p.Object == party {
			return p.Subject, p.Object, true
		}
	}
	return "", "", false
}

// isDeal says whether a claim states a deal between an investor and a
// target: an investment, a stake, or the date of a deal's event.
func isDeal(c Claim) bool {
	switch c.Kind {
	case KindInvestment, KindStake:
		return true
	case KindEventDate:
		return c.Event != "founded" && c.Event != "launched" && c.Event != "listed" && c.Event != "left"
	}
	return false
}

// resolveDealRefs gives the dates of a referenced deal ("the transaction
// is expected to close...") the pair of the deal claim before them, or
// failing that after them, once every claim has its parties: a reference
// names the deal the article is telling, which the sentence may not.
func (a *artState) resolveDealRefs() {
	for i := range a.claims {
		c := &a.claims[i]
		if c.Kind == KindEventDate && c.Event == "left" {
			a.leaver(c)
			continue
		}
		known, ok := a.dealRefs[c.Start]
		if c.Kind != KindEventDate || !ok {
			continue
		}
		match := func(p Claim) bool {
			_, ref := a.dealRefs[p.Start]
			return !(p.Kind == KindEventDate && ref) && isDeal(p) && p.Subject != "" && p.Object != "" &&
				(known == "" || p.Subject == known || p.Object == known)
		}
		found := false
		for j := i - 1; j >= 0 && !found; j-- {
			if match(a.claims[j]) {
				c.Subject, c.Object, found = a.claims[j].Subject, a.claims[j].Object, true
			}
		}
		// A reference points back: to the deal told just before it, though
		// that names one party, rather than to one told after it.
		for j := i - 1; j >= 0 && !found; j-- {
			p := a.claims[j]
			if _, ref := a.dealRefs[p.Start]; (p.Kind == KindInvestment || p.Kind == KindStake) && !ref && (p.Subject != "" || p.Object != "") &&
				(known == "" || p.Subject == known || p.Object == known) {
				c.Subject, c.Object, found = p.Subject, p.Object, true
			}
		}
		for j := i + 1; j < len(a.claims) && !found; j++ {
			if match(a.claims[j]) {
				c.Subject, c.Object, found = a.claims[j].Subject, a.claims[j].Object, true
			}
		}
	}
}

// leaver makes the person a role claim of the same sentence names the one
// who leaves ("Dana Marsh, Vega's chief executive since 2020, will
// retire"): a title's holder leaves, not the organisation near the verb.
func (a *artState) leaver(c *Claim) {
	for _, r := range a.claims {
		if r.Kind == KindRole && r.SentStart == c.SentStart && r.Subject != "" && r.Subject != c.Subject && r.Start < c.Start {
			c.Subject = r.Subject
		}
	}
}

// fullName gives a person named by one word ("Marsh") the full name the
// article used for them before ("Dana Marsh").
func (a *artState) fullName(name string) string {
	if name == "" || strings.Contains(name, " ") {
		return name
	}
	for _, ms := range a.ents {
		for _, m := range ms {
			if m.ref == refName && strings.HasSuffix(m.name, " "+name) && looksLikePersonName(m) {
				return m.name
			}
		}
	}
	return name
}
