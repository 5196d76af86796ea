package reconcile

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// pairAmounts is what the check of a pair's running totals against its
// tranches keeps: copies of the amounts, without their sentences.
type pairAmounts struct {
	tranches, totals []*extract.Claim
}

// amountKey is a pair and the currency its amounts are in.
func (r *run) amountKey(c *extract.Claim) string {
	return r.canon(c.Subject) + "\x00" + r.canon(c.Object) + "\x00" + c.Value.Currency
}

// isRunningTotal says whether a claim states what an investor has put into
// a company in all, as of its anchor.
func isRunningTotal(c *extract.Claim) bool {
	return c.Kind == extract.KindInvestment && c.Subject != "" && c.Object != "" && c.Value.Type == extract.ValueMoney &&
		(c.Aspect == extract.AspectTotal || c.Component == extract.ComponentCumulative) &&
		c.Status == extract.StatusActual && !c.Hedged && !isCeiling(c)
}

// isTrancheAmount says whether a claim may state one payment of a pair: an
// actual amount paid, neither a ceiling, a running total nor a part of a
// deal the article names (a per-share price, a contingent payment).
func (r *run) isTrancheAmount(c *extract.Claim) bool {
	if c.Kind != extract.KindInvestment || c.Subject == "" || c.Object == "" || c.Value.Type != extract.ValueMoney ||
		c.Status != extract.StatusActual || isCeiling(c) || r.asCeiling[c.ID] || component(c) != "" {
		return false
	}
	switch c.Aspect {
	case extract.AspectPlain, extract.AspectTranche, extract.AspectInitial:
		return true
	}
	return false
}

// noteRunningTotal marks the pairs a running total is stated for: only
// their amounts are kept for the check.
func (r *run) noteRunningTotal(c *extract.Claim) {
	if !isRunningTotal(c) {
		return
	}
	if r.amounts == nil {
		r.amounts = map[string]*pairAmounts{}
	}
	if k := r.amountKey(c); r.amounts[k] == nil {
		r.amounts[k] = &pairAmounts{}
	}
}

// keepAmounts keeps copies of the tranches and totals of the pairs marked.
func (r *run) keepAmounts(cs []*extract.Claim) {
	if len(r.amounts) == 0 {
		return
	}
	for _, c := range cs {
		total := isRunningTotal(c)
		if !total && !r.isTrancheAmount(c) {
			continue
		}
		p := r.amounts[r.amountKey(c)]
		if p == nil {
			continue
		}
		cp := *c
		cp.Sentence, cp.Text = "", ""
		if total {
			p.totals = append(p.totals, &cp)
		} else {
			p.tranches = append(p.tranches, &cp)
		}
	}
}

// tranche is one deal of a pair whose amount its articles agree on.
type tranche struct {
	claims   []*extract.Claim
	iv       Interval
	from, to int // the anchors of its claims
}

// totalsVsTranches: the tranches of a pair, stated by articles of their
// own times, cannot sum to more than a running total stated later. It
// fires only when every tranche is sure: each deal's articles agree on its
// amount and date it, no two deals could be one told twice, and none could
// be the running total of those before it told as a plain amount.
func (r *run) totalsVsTranches() []Finding {
	var out []Finding
	for _, k := range sortedKeys(r.amounts) {
		out = append(out, r.pairTotals(r.amounts[k])...)
	}
	return out
}

func (r *run) pairTotals(p *pairAmounts) []Finding {
	if len(p.totals) == 0 || len(p.tranches) < 2 {
		return nil
	}
	ts, ok := r.sureTranches(p.tranches)
	if !ok {
		return nil
	}
	// The totals that the tranches before them exceed, by value: one
	// finding a figure, however many articles state it.
	firing := map[string][]*extract.Claim{}
	counted := map[string][]tranche{}
	var values []string
	for _, t := range p.totals {
		a := claimAnchor(t)
		if !a.ok() {
			continue
		}
		var before []tranche
		sum := Interval{}
		for _, x := range ts {
			if x.to < a.from {
				before = append(before, x)
				sum = sum.Add(x.iv)
			}
		}
		tiv := r.interval(t)
		if len(before) < 2 || below(sum.Lo, sum.LoOpen, tiv.Hi, tiv.HiOpen) {
			continue
		}
		if firing[t.Normalized] == nil {
			values = append(values, t.Normalized)
			counted[t.Normalized] = before
		}
		firing[t.Normalized] = append(firing[t.Normalized], t)
	}
	var out []Finding
	for _, v := range values {
		totals, before := firing[v], counted[v]
		var cs []*extract.Claim
		var parts []string
		sum := Interval{}
		for _, x := range before {
			cs = append(cs, x.claims...)
			parts = append(parts, fmt.Sprintf("%s (%s)", side{claims: x.claims}.display(), monthWords(x.from)))
			sum = sum.Add(x.iv)
		}
		if len(articles(append(cs[:len(cs):len(cs)], totals...))) < 2 {
			continue // one article's parts and total: partsVsTotal's to judge
		}
		t := totals[0]
		at := extract.Value{Type: extract.ValueMoney, Currency: t.Value.Currency, Lo: sum.Lo, Hi: sum.Lo}
		msg := fmt.Sprintf("%s is at least %s, more than the total of %s stated in %s for %s's investment in %s",
			strings.Join(parts, " + "), DisplayValue(at), side{claims: totals}.display(), monthWords(claimAnchor(t).from), t.Subject, t.Object)
		out = append(out, r.inconsistent(extract.KindInvestment, t.Subject, t.Object, msg, append(cs, totals...)...))
	}
	return out
}

// sureTranches groups a pair's amounts into deals and returns them in time
// order, or false when any is unsure (see totalsVsTranches).
func (r *run) sureTranches(cs []*extract.Claim) ([]tranche, bool) {
	for _, c := range cs {
		if !claimAnchor(c).ok() {
			return nil, false // a payment the coverage cannot place in time
		}
	}
	var ts []tranche
	for _, d := range groupDeals(cs) {
		t := tranche{claims: d, iv: Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}, from: math.MaxInt}
		hedged := true
		for _, c := range d {
			t.iv = intersect(t.iv, r.interval(c))
			a := claimAnchor(c)
			t.from, t.to = min(t.from, a.from), max(t.to, a.to)
			hedged = hedged && c.Hedged
		}
		if hedged || !below(t.iv.Lo, t.iv.LoOpen, t.iv.Hi, t.iv.HiOpen) {
			return nil, false // told only as hearsay, or its articles disagree
		}
		ts = append(ts, t)
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].from < ts[j].from })
	sum := Interval{}
	for j, t := range ts {
		for _, e := range ts[:j] {
			if e.iv.Meets(t.iv) {
				return nil, false // one payment told twice, a deal apart?
			}
		}
		if j >= 2 && sum.Meets(t.iv) {
			return nil, false // the running total told as a plain amount?
		}
		sum = sum.Add(t.iv)
	}
	return ts, true
}

// monthWords names the month of a YYYYMMDD day: "August 2019".
func monthWords(d int) string { return monthLong[d/100%100] + " " + itoa(d/10000) }
