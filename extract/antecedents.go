package extract

import (
	"sort"
	"strings"
)

// resolveMissing fills a party that claim i's own sentence left out, from
// an antecedent a rule finds in the article: the deal a reference points
// back to, the same investor's earlier deal, the organisation a person's
// other title names. It never guesses from how often a name appears: a
// claim no rule completes keeps its gap and is reported but not compared.
func (a *artState) resolveMissing(i int, roleOrg map[string]string) {
	c := &a.claims[i]
	if c.Kind == KindInvestment && c.Component == ComponentTerminationFee && (c.Subject == "" || c.Object == "") {
		// "If Brisk accepts a rival bid, it must pay a $310 million
		// termination fee": a fee belongs to the deal of the party that
		// owes or is owed it, whichever side that is.
		named := c.Subject + c.Object
		if p, ok := a.pairWhere(i, func(p *Claim) bool { return bothParties(p) && (p.Subject == named || p.Object == named) }); ok {
			c.Subject, c.Object = p.Subject, p.Object
			return
		}
	}
	switch c.Kind {
	case KindInvestment, KindStake:
		switch {
		case c.Subject != "" && c.Object == "":
			if p, ok := a.pairWhere(i, func(p *Claim) bool { return p.Subject == c.Subject && p.Object != "" }); ok {
				c.Object = p.Object
			} else if p, ok := a.pairWhere(i, func(p *Claim) bool { return bothParties(p) && p.Object == c.Subject && p.SentStart == c.SentStart }); ok &&
				(c.Component == ComponentContingent || c.Aspect == AspectBound) {
				// "pay Solace $175 million upfront and as much as $1.1
				// billion in milestones": the one named is the deal's
				// target, paid by the deal's investor. Only for what the
				// deal may yet pay: a company that "closed funding deals
				// worth $7.3 billion" raised it from others.
				c.Subject, c.Object = p.Subject, p.Object
			} else if a.x.words.dealRef.MatchString(c.Sentence) {
				// "The deal grants Meta a 49% stake": the deal named before.
				if p, ok := a.pairWhere(i, func(p *Claim) bool { return p.Object != "" && p.Object != c.Subject && p.Subject == "" }); ok {
					c.Object = p.Object
				}
			}
		case c.Subject == "" && c.Object != "":
			if p, ok := a.pairWhere(i, func(p *Claim) bool { return p.Object == c.Object && p.Subject != "" }); ok {
				c.Subject = p.Subject
			}
		case c.Subject == "" && c.Object == "":
			// "the deal", or a sentence naming no company at all ("The
			// first $1.25 billion had been committed in 2023"): the deal
			// the article is telling.
			if a.x.words.dealRef.MatchString(c.Sentence) || !a.namesOrg[c.SentStart] {
				if p, ok := a.pairWhere(i, bothParties); ok {
					c.Subject, c.Object = p.Subject, p.Object
				}
			}
		}
	case KindEventDate:
		// A date whose sentence names no deal takes none; one that refers
		// to a deal is placed by resolveDealRefs once every claim is read.
		_, referred := a.dealRefs[c.Start]
		if !isDeal(*c) || a.unplaced[c.Start] || referred {
			return
		}
		switch {
		case c.Subject == "" && c.Object == "":
			if p, ok := a.pairWhere(i, bothParties); ok {
				c.Subject, c.Object = p.Subject, p.Object
			}
		case c.Subject == "" && c.Object != "":
			if p, ok := a.pairWhere(i, func(p *Claim) bool { return p.Object == c.Object && p.Subject != "" }); ok {
				c.Subject = p.Subject
			}
		case c.Subject != "" && c.Object == "":
			// "Orbital announced the deal in May": Orbital's deal.
			if p, ok := a.pairWhere(i, func(p *Claim) bool {
				return p.Object != "" && (p.Subject == c.Subject || p.Object == c.Subject)
			}); ok {
				c.Subject, c.Object = p.Subject, p.Object
			}
		}
	case KindValuation:
		// "raised $120 million led by Northgate, at a $900 million
		// valuation": the round values its target, never its investor.
		if p, ok := a.sameSentencePair(i); ok && (c.Subject == "" || c.Subject == p.Subject) {
			c.Subject = p.Object
		}
	}
	switch a.x.extends[c.Kind] {
	case "title":
		// A person's title without its organisation: the one the article
		// gave the person elsewhere.
		if c.Object == "" {
			c.Object = roleOrg[c.Subject]
		}
	case "relationship":
		// "Microsoft followed": the vendor of the relationship told before.
		if c.Object == "" {
			if p, ok := a.nearest(i, func(p *Claim) bool { return p.Kind == c.Kind && p.Object != "" && p.Object != c.Subject }); ok {
				c.Object = p.Object
			}
		}
	}
}

// placeHeldStakes completes a stake whose sentence describes its holder
// as a company's owner in an appositive ("Harbor Lane, Vega's biggest
// outside shareholder, said it holds 14%"; "Northwind, an early investor
// in Corvex, owns 12%"): the stake is in that company, held by the one the
// appositive describes, whichever of the two the clause gave it.
func (a *artState) placeHeldStakes() {
	for i := range a.claims {
		c := &a.claims[i]
		if c.Kind != KindStake || c.Object != "" {
			continue
		}
		for _, h := range a.sentenceHolders(c.SentStart) {
			if c.Subject == "" || c.Subject == h[0] || c.Subject == h[1] {
				c.Subject, c.Object = h[0], h[1]
				break
			}
		}
	}
}

// sentenceHolders returns the holder and company pairs the appositives of
// the sentence at start describe.
func (a *artState) sentenceHolders(start int) [][2]string {
	k := sort.Search(len(a.sents), func(k int) bool { return a.sents[k].Start >= start })
	if k == len(a.sents) || a.sents[k].Start != start {
		return nil
	}
	toks, ents := a.toks[k], a.ents[k]
	var out [][2]string
	for t := range toks {
		if !a.x.words.holderNoun.MatchString(strings.ToLower(toks[t].Text)) {
			continue
		}
		// The appositive opens after a comma that follows the holder.
		comma := -1
		for j := t - 1; j >= 0 && j >= t-6; j-- {
			if toks[j].Text == "," {
				comma = j
				break
			}
		}
		if comma <= 0 {
			continue
		}
		holder, company := "", ""
		for _, m := range ents {
			switch {
			case m.tok1 == comma && m.ref == refName && !a.isPerson(m):
				holder = a.canonical(m.name)
			case m.possessive && m.tok0 > comma && m.tok1 <= t && m.ref == refName:
				company = a.canonical(m.name) // "Vega's biggest outside shareholder"
			case company == "" && m.tok0 == t+2 && t+1 < len(toks) && (toks[t+1].Text == "in" || toks[t+1].Text == "of") && m.ref == refName:
				company = a.canonical(m.name) // "an early investor in Corvex"
			}
		}
		if holder != "" && company != "" && holder != company {
			out = append(out, [2]string{holder, company})
		}
	}
	return out
}

// sumsTakeTheirParts gives a total told as "the total" after its
// sentence's figures their pair: it sums them, whoever else its clause
// names ("Helix closed funding deals worth $7 billion; counting the latest
// Orbital investment, the total now exceeds $9 billion" is Helix's). The
// figures before it must share one pair; totals of several pairs are left
// as read.
func (a *artState) sumsTakeTheirParts() {
	for i := range a.claims {
		c := &a.claims[i]
		if c.Kind != KindInvestment || c.Component != ComponentCumulative {
			continue
		}
		// Claims are added sentence by sentence: the figures before it in
		// its sentence stand just before it.
		var parts []*Claim
		for j := i - 1; j >= 0 && a.claims[j].SentStart == c.SentStart; j-- {
			if p := &a.claims[j]; p.Kind == KindInvestment && p.End <= c.Start && p.Component != ComponentCumulative {
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			continue
		}
		last := parts[0] // the nearest before it
		between := c.Sentence[last.End-c.SentStart : c.Start-c.SentStart]
		if !a.x.words.sumRef.MatchString(between) {
			continue
		}
		same := true
		for _, p := range parts {
			same = same && p.Subject == last.Subject && p.Object == last.Object
		}
		if same && (last.Subject != "" || last.Object != "") {
			c.Subject, c.Object = last.Subject, last.Object
		}
	}
}

func bothParties(p *Claim) bool { return p.Subject != "" && p.Object != "" }

// sameSentencePair returns the investment of claim i's sentence that names
// both its parties.
func (a *artState) sameSentencePair(i int) (*Claim, bool) {
	c := &a.claims[i]
	// Claims are added sentence by sentence: those of one sentence stand
	// together, and only they are read (all of them made this quadratic
	// in an article's claims).
	first := i
	for first > 0 && a.claims[first-1].SentStart == c.SentStart {
		first--
	}
	for k := first; k < len(a.claims) && a.claims[k].SentStart == c.SentStart; k++ {
		p := &a.claims[k]
		if k != i && p.Kind == KindInvestment && bothParties(p) {
			return p, true
		}
	}
	return nil, false
}

// pairWhere returns the investment or stake nearest claim i, preferring one
// before it, that satisfies ok (for an investment, an investment before
// any stake); failing any, the date of such a deal: an
// article that names a deal without its amount ("announced a multiyear
// investment in Helix", "completed its acquisition of Brisk") dates it, and
// the date names the pair a later "the investment" points back to.
func (a *artState) pairWhere(i int, ok func(*Claim) bool) (*Claim, bool) {
	// A payment takes the pair of a payment before that of a holding: a
	// stake someone else holds in the target ("the 11% stake held by
	// Harbor Lane") is no party to the deal.
	own := a.claims[i].Kind
	if own == KindInvestment {
		if p, found := a.nearest(i, func(p *Claim) bool { return p.Kind == KindInvestment && ok(p) }); found {
			return p, true
		}
	}
	if p, found := a.nearest(i, func(p *Claim) bool {
		return (p.Kind == KindInvestment || p.Kind == KindStake) && ok(p)
	}); found {
		return p, true
	}
	if p, found := a.nearest(i, func(p *Claim) bool { return p.Kind == KindEventDate && isDeal(*p) && ok(p) }); found {
		return p, true
	}
	return a.mentionWhere(a.claims[i].SentStart, ok)
}

// dealMention is a deal a sentence names without an amount ("Orbital
// takes a big stake in Helix").
type dealMention struct {
	subject, object string
	sent            int // the sentence's start
}

// buildDealMentions notes the deals a sentence names without an amount:
// the company right after the mention is the target, the one before it
// (its possessor, or the subject of its clause) the investor.
func buildDealMentions(c *sentCtx) {
	for _, loc := range c.scan.findAll(c.art.x.words.dealMention, false) {
		target := c.nearestAfter(loc[1], 2, "")
		if !target.ok() {
			continue
		}
		investor := c.possessiveNear(loc[0], 3, target.name)
		if !investor.ok() {
			investor = c.nearestBefore(loc[0], 8, target.name, true)
		}
		if investor.ok() && investor.name != target.name {
			c.art.mentions = append(c.art.mentions, dealMention{subject: investor.name, object: target.name, sent: c.s.Start})
		}
	}
}

// mentionWhere returns, as a claim of its pair, the deal mentioned nearest
// the sentence at sent that satisfies ok, preferring one before it.
func (a *artState) mentionWhere(sent int, ok func(*Claim) bool) (*Claim, bool) {
	var after *Claim
	for k := len(a.mentions) - 1; k >= 0; k-- {
		m := a.mentions[k]
		p := &Claim{Kind: KindInvestment, Subject: m.subject, Object: m.object}
		if !ok(p) {
			continue
		}
		if m.sent <= sent {
			return p, true
		}
		after = p
	}
	return after, after != nil
}

// nearest returns the claim satisfying ok that stands nearest before claim
// i, else the nearest after it: a reference points back first, and a
// headline or lead points forward to the sentence that names its parties.
func (a *artState) nearest(i int, ok func(*Claim) bool) (*Claim, bool) {
	for k := i - 1; k >= 0; k-- {
		if p := &a.claims[k]; ok(p) {
			return p, true
		}
	}
	for k := i + 1; k < len(a.claims); k++ {
		if p := &a.claims[k]; ok(p) {
			return p, true
		}
	}
	return nil, false
}

// targetOf returns the target of the last deal name invested in, or name
// itself when it has made none.
func (a *artState) targetOf(name string) string {
	for k := len(a.claims) - 1; k >= 0; k-- {
		if p := &a.claims[k]; p.Kind == KindInvestment && p.Subject == name && p.Object != "" {
			return p.Object
		}
	}
	return name
}

// placeReferredDates gives a date that refers to a deal ("the transaction
// is expected to close in May") and that no deal naming both parties
// placed the parties of the nearest deal claim that names one: "Orbital
// agreed to pay $2 billion for the shares it did not own" is Orbital's.
func (a *artState) placeReferredDates() {
	for i := range a.claims {
		c := &a.claims[i]
		if _, referred := a.dealRefs[c.Start]; !referred || c.Kind != KindEventDate || c.Subject != "" || c.Object != "" {
			continue
		}
		if p, ok := a.nearest(i, func(p *Claim) bool {
			return (p.Kind == KindInvestment || p.Kind == KindStake) && (p.Subject != "" || p.Object != "")
		}); ok {
			c.Subject, c.Object = p.Subject, p.Object
		}
	}
}
