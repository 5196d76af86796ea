package reconcile

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// dealSpanDays bounds one deal in time: claims anchored further apart than
// this from the deal's first claim belong to a later deal. Coverage of one
// deal (announced, then closed months later) spans about half a year.
const dealSpanDays = 180

// ceilingReach is how far below a commitment's ceiling its size may be
// stated: "up to $20 billion" names a commitment of $2.5-20 billion, so
// "approximately $50 billion" or "up to $200 billion" for that commitment
// is another size, while "$5 billion" (a first payment, say) is not.
const ceilingReach = 8

// dealConflicts reconciles the amounts of one investor/target pair and
// scope (status, aspect, component). They are first grouped into deals:
// by the round they name ("Series C", "the second tranche"), one deal
// however far apart its articles are, else by their anchors. Two deals
// never conflict. A claim naming no round joins the round whose first
// claim is anchored near it, when only one is; claims neither dated nor
// from a dated article join the deal when the pair has one; else each
// undated article is compared only with itself (see joinUndated).
func (r *run) dealConflicts(f *fact) []Finding {
	f = &fact{key: f.key, claims: r.statedCeilings(f.claims)}
	// Most facts hold one value however they are grouped.
	if r.allMeet(f.claims) {
		return nil
	}
	var out []Finding
	for _, d := range groupDeals(f.claims) {
		out = append(out, r.oneDeal(f, d)...)
	}
	return out
}

// groupDeals groups a pair's amounts into deals: by the round they name,
// else by their anchors, as dealConflicts says.
func groupDeals(cs []*extract.Claim) [][]*extract.Claim {
	type anchored struct {
		c *extract.Claim
		a anchor
	}
	split := splittingRound(cs)
	var dated []anchored
	var byArticle, byRound articleGroups // byRound: one group a round, by its label
	for _, c := range cs {
		if split != "" && roundKind(c.Round) == split {
			byRound.addAs(c.Round, c)
			continue
		}
		if a := claimAnchor(c); a.ok() {
			dated = append(dated, anchored{c, a})
			continue
		}
		byArticle.add(c)
	}
	undated := byArticle.groups
	sort.SliceStable(dated, func(i, j int) bool { return dated[i].a.from < dated[j].a.from })
	// A deal is the claims anchored within dealSpanDays of its first.
	var deals [][]*extract.Claim
	var firsts []int
	end := 0
	for _, x := range dated {
		if len(deals) == 0 || x.a.from > end {
			deals = append(deals, nil)
			firsts = append(firsts, x.a.from)
			end = addDays(x.a.from, dealSpanDays)
		}
		deals[len(deals)-1] = append(deals[len(deals)-1], x.c)
	}
	if len(byRound.groups) > 0 {
		deals = joinRounds(byRound.groups, deals, firsts)
	}
	return joinUndated(deals, undated)
}

// joinRounds returns the deals of the claims that name a round (rounds, one
// group a round) and of those that name none (deals, anchored from firsts):
// a deal naming no round whose first anchor is within dealSpanDays of one
// round's first, and of no other round's, is that round's.
func joinRounds(rounds, deals [][]*extract.Claim, firsts []int) [][]*extract.Claim {
	roundFirst := make([]int, len(rounds))
	for i, g := range rounds {
		for _, c := range g {
			if a := claimAnchor(c); a.ok() && (roundFirst[i] == 0 || a.from < roundFirst[i]) {
				roundFirst[i] = a.from
			}
		}
	}
	out := append([][]*extract.Claim(nil), rounds...)
	for i, d := range deals {
		fit := -1
		for j, first := range roundFirst {
			if first == 0 || firsts[i] > addDays(first, dealSpanDays) || first > addDays(firsts[i], dealSpanDays) {
				continue
			}
			if fit >= 0 {
				fit = -2 // near several rounds: none's
				break
			}
			fit = j
		}
		if fit >= 0 {
			out[fit] = append(append([]*extract.Claim(nil), out[fit]...), d...)
			continue
		}
		out = append(out, d)
	}
	return out
}

// roundKind is the sort of round a label names: "series" (Series C, seed),
// "tranche" (the second tranche) or "year" (the 2019 deal). Rounds of one
// sort are different deals when their labels differ; rounds of different
// sorts may be one deal told two ways.
func roundKind(label string) string {
	switch {
	case label == "":
		return ""
	case len(label) == 4 && label[0] >= '1' && label[0] <= '2' && strings.Trim(label, "0123456789") == "":
		return "year"
	case strings.HasPrefix(label, "tranche "):
		return "tranche"
	}
	return "series"
}

// splittingRound is the sort of round that splits a pair's claims into
// deals: the first of series, tranche and year its claims name.
func splittingRound(cs []*extract.Claim) string {
	best := ""
	rank := map[string]int{"series": 3, "tranche": 2, "year": 1}
	for _, c := range cs {
		if k := roundKind(c.Round); rank[k] > rank[best] {
			best = k
		}
	}
	return best
}

// roundWords names a round in a message: "the Series C", "the seed
// round", "the second tranche", "the 2019 deal".
func roundWords(label string) string {
	switch roundKind(label) {
	case "year":
		return "the " + label + " deal"
	case "tranche":
		return "the " + strings.TrimPrefix(label, "tranche ") + " tranche"
	}
	if rest, ok := strings.CutPrefix(label, "series "); ok {
		return "the Series " + strings.ToUpper(rest)
	}
	return "the " + label + " round"
}

// commonRound is the round every claim names, or empty.
func commonRound(cs []*extract.Claim) string {
	round := ""
	for i, c := range cs {
		if c.Round == "" || i > 0 && c.Round != round {
			return ""
		}
		round = c.Round
	}
	return round
}

// allMeet says whether every amount, ceilings read as sizes, allows one
// common value: then no grouping can make a conflict.
func (r *run) allMeet(cs []*extract.Claim) bool {
	common := Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}
	for _, c := range cs {
		common = intersect(common, r.dealInterval(c))
		if !below(common.Lo, common.LoOpen, common.Hi, common.HiOpen) {
			return false
		}
	}
	return true
}

// noteStatedCeilings marks the plain amounts of one article that the
// article also states, for the same pair, as a ceiling: a headline drops
// the "up to" its story keeps ("Orbital to invest $25 billion in Helix";
// "Orbital will invest up to $25 billion"), so both name one commitment's
// ceiling, not an amount paid.
func (r *run) noteStatedCeilings(cs []*extract.Claim) {
	type pair struct{ subject, object string }
	var ceilings map[pair][]float64
	for _, c := range cs {
		if c.Kind == extract.KindInvestment && isCeiling(c) && c.Value.Type == extract.ValueMoney {
			if ceilings == nil {
				ceilings = map[pair][]float64{}
			}
			p := pair{r.canon(c.Subject), r.canon(c.Object)}
			ceilings[p] = append(ceilings[p], c.Value.Hi)
		}
	}
	if ceilings == nil {
		return
	}
	for _, c := range cs {
		if c.Kind != extract.KindInvestment || isCeiling(c) || c.Value.Type != extract.ValueMoney || c.Value.Qualifier != "" || c.Value.Lo != c.Value.Hi {
			continue
		}
		for _, x := range ceilings[pair{r.canon(c.Subject), r.canon(c.Object)}] {
			if x == c.Value.Lo {
				r.asCeiling[c.ID] = true
			}
		}
	}
}

// statedCeilings returns the claims with those an article also states as
// a ceiling read as ceilings (copies: the claims are the caller's).
func (r *run) statedCeilings(cs []*extract.Claim) []*extract.Claim {
	if len(r.asCeiling) == 0 {
		return cs
	}
	var out []*extract.Claim
	for i, c := range cs {
		if !r.asCeiling[c.ID] {
			continue
		}
		if out == nil {
			out = append([]*extract.Claim(nil), cs...)
		}
		cp := *c
		cp.Aspect = extract.AspectBound
		out[i] = &cp
	}
	if out == nil {
		return cs
	}
	return out
}

// isCeiling says whether a claim states a commitment's ceiling ("up to").
func isCeiling(c *extract.Claim) bool {
	return c.Aspect == extract.AspectBound || c.Value.Qualifier == "<="
}

// articleForms is what one article says of one deal's amount: its plain
// amounts and its ceilings, and whether each form holds one value.
type articleForms struct {
	plain, ceilings []*extract.Claim
	ambiguous       [2]bool // plain, ceilings: the article gives several values
}

// oneDeal reconciles one deal. An article that states several amounts of
// one form that cannot all hold is naming several parts of the deal ("$5
// billion now, $8 billion before, $13 billion in all"), not contradicting
// itself: without components to tell them apart, its amounts only support
// sides that others' amounts make. A ceiling is compared with plain amounts
// only from articles that state the deal in that one form: then it names
// the commitment's size.
func (r *run) oneDeal(f *fact, deal []*extract.Claim) []Finding {
	forms := map[string]*articleForms{}
	var order []string
	for _, c := range deal {
		af := forms[c.Article]
		if af == nil {
			af = &articleForms{}
			forms[c.Article] = af
			order = append(order, c.Article)
		}
		if isCeiling(c) {
			af.ceilings = append(af.ceilings, c)
		} else {
			af.plain = append(af.plain, c)
		}
	}
	for a, af := range forms {
		af.ambiguous[0] = len(r.dealSides(af.plain)) > 1 || r.otherMeasure(f, deal, a, af.plain)
		af.ambiguous[1] = len(r.dealSides(af.ceilings)) > 1
	}
	// Pool one: the deal's size, from plain amounts and from ceilings of
	// articles that give nothing else. Pool two: ceilings against
	// ceilings, where one comes from an article that also gives plain
	// amounts (pool one has the rest).
	var sizes, sizesLoose, ceilings, ceilingsLoose []*extract.Claim
	mixedCeiling := false
	for _, a := range order {
		af := forms[a]
		if af.ambiguous[0] {
			sizesLoose = append(sizesLoose, af.plain...)
		} else {
			sizes = append(sizes, af.plain...)
		}
		if af.ambiguous[1] {
			ceilingsLoose = append(ceilingsLoose, af.ceilings...)
			continue
		}
		ceilings = append(ceilings, af.ceilings...)
		if len(af.plain) == 0 {
			sizes = append(sizes, af.ceilings...)
		} else if len(af.ceilings) > 0 {
			mixedCeiling = true
		}
	}
	var out []Finding
	shown := map[string]bool{}
	if fd, ok := r.dealFinding(f, sizes, sizesLoose); ok {
		out = append(out, fd)
		for _, id := range fd.Claims {
			shown[id] = true
		}
	}
	if mixedCeiling {
		// One finding a fact: ceilings the first finding already weighs
		// are not shown again.
		if fd, ok := r.dealFinding(f, ceilings, ceilingsLoose); ok && !anyShown(fd.Claims, shown) {
			out = append(out, fd)
		}
	}
	return out
}

// otherMeasure says whether the article states, for the pair, another
// plain amount that grouping put in another deal only by its article's
// date, and that plain cannot hold with: "On March 3, Orbital agreed to
// buy Helix for $9.1 billion. Net of the cash on Helix's books, Orbital is
// paying $8.4 billion", in an article of a year later, is one deal told in
// two measures, not two deals. Two amounts each dated on their own are two
// deals, and so are two that differ by half again or more: what cash, debt
// or fees add to a price never makes that.
func (r *run) otherMeasure(f *fact, deal []*extract.Claim, article string, plain []*extract.Claim) bool {
	if len(plain) == 0 {
		return false
	}
	datedHere := false
	for _, c := range plain {
		datedHere = datedHere || c.Period != ""
	}
	for _, o := range f.claims {
		if o.Article != article || isCeiling(o) || slices.Contains(deal, o) || o.Period != "" && datedHere {
			continue
		}
		if !measuresOfOnePrice(plain, o) {
			continue
		}
		if len(r.dealSides(append(plain[:len(plain):len(plain)], o))) > 1 {
			return true
		}
	}
	return false
}

// measuresOfOnePrice says whether o is within half again of every amount
// of cs, in their currency.
func measuresOfOnePrice(cs []*extract.Claim, o *extract.Claim) bool {
	for _, c := range cs {
		if c.Value.Currency != o.Value.Currency || c.Value.Lo <= 0 || o.Value.Lo <= 0 ||
			max(c.Value.Lo, o.Value.Lo) >= 1.5*min(c.Value.Lo, o.Value.Lo) {
			return false
		}
	}
	return true
}

func anyShown(ids []string, shown map[string]bool) bool {
	for _, id := range ids {
		if shown[id] {
			return true
		}
	}
	return false
}

// dealFinding splits a pool of a deal's amounts into sides; the amounts of
// articles that name several parts (loose) join a side they fit, as
// support, but make none.
func (r *run) dealFinding(f *fact, pool, loose []*extract.Claim) (Finding, bool) {
	ss := r.dealSides(pool)
	if len(ss) < 2 {
		return Finding{}, false
	}
	for _, c := range loose {
		iv := r.dealInterval(c)
		fit := -1
		for i, s := range ss {
			if s.iv.Meets(iv) && isCeiling(s.claims[0]) == isCeiling(c) {
				if fit >= 0 {
					fit = -2 // fits several: supports none
					break
				}
				fit = i
			}
		}
		if fit >= 0 {
			ss[fit].claims = append(ss[fit].claims, c)
		}
	}
	for i := range ss {
		ss[i].shown = mixedDisplay(ss[i])
	}
	sortSides(ss)
	fd := r.conflict(f, "", ss)
	fd.Message += "; " + dealWords(f, ss)
	return fd, true
}

// mixedDisplay reads a side holding both amounts and ceilings as both
// ("$5 billion / up to $20 billion"); empty when it holds one form.
func mixedDisplay(s side) string {
	var plain, ceil []*extract.Claim
	for _, c := range s.claims {
		if isCeiling(c) {
			ceil = append(ceil, c)
		} else {
			plain = append(plain, c)
		}
	}
	if len(plain) == 0 || len(ceil) == 0 {
		return ""
	}
	return side{claims: plain}.display() + " / " + side{claims: ceil}.display()
}

// dealInterval is the interval of an amount as a statement of a deal's
// size: a ceiling names a size within ceilingReach of it.
func (r *run) dealInterval(c *extract.Claim) Interval {
	iv := r.interval(c)
	if isCeiling(c) {
		iv = Interval{Lo: c.Value.Lo / ceilingReach, Hi: iv.Hi, HiOpen: iv.HiOpen}
	}
	return iv
}

// dealSides is sides for a deal's amounts, ceilings read as sizes.
func (r *run) dealSides(cs []*extract.Claim) []side {
	if len(cs) < 2 {
		if len(cs) == 1 {
			return []side{{claims: cs, iv: r.dealInterval(cs[0])}}
		}
		return nil
	}
	return r.sidesBy(cs, r.dealInterval)
}

// dealWords says why the sides are one fact: the part of the deal and when.
func dealWords(f *fact, ss []side) string {
	c := ss[0].claims[0]
	part := "the deal's amount"
	switch c.Aspect {
	case extract.AspectTranche:
		part = "one tranche"
	case extract.AspectTotal:
		part = "the running total"
	case extract.AspectInitial:
		part = "the first investment"
	}
	if k := component(c); k != "" {
		part = "the " + componentWords(k)
	}
	var all []*extract.Claim
	for _, s := range ss {
		all = append(all, s.claims...)
	}
	if round := commonRound(all); round != "" {
		if part == "the deal's amount" {
			part = roundWords(round)
		} else {
			part += " in " + roundWords(round)
		}
	}
	switch c.Status {
	case extract.StatusTalks:
		part += " in talks"
	case extract.StatusProposed:
		part += " proposed"
	}
	return "both: " + part + ", " + whenWords(all)
}

func componentWords(c string) string {
	switch c {
	case "prior_cumulative":
		return "amount invested before"
	case "package_total":
		return "package's total"
	case "per_share":
		return "price per share"
	}
	return lowerUnderscore(c) + " amount"
}

func lowerUnderscore(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}

// whenWords says when claims are anchored: their common stated period
// ("stated for 2019"), else when their articles appeared ("in articles of
// September 2023").
func whenWords(cs []*extract.Claim) string {
	var common anchor
	stated, anyStated := true, false
	lo, hi := math.MaxInt, 0
	for i, c := range cs {
		a := claimAnchor(c)
		if !a.ok() {
			continue
		}
		stated = stated && a.stated
		anyStated = anyStated || a.stated
		if i == 0 || !common.ok() {
			common = a
		} else if common.overlaps(a) {
			common = anchor{from: max(common.from, a.from), to: min(common.to, a.to)}
		} else {
			stated = false
		}
		lo, hi = min(lo, a.from), max(hi, a.to)
	}
	undated := map[string]bool{}
	for _, c := range cs {
		if !claimAnchor(c).ok() {
			undated[c.Article] = true
		}
	}
	note := ""
	switch n := len(undated); {
	case n == 1 && hi > 0:
		note = " (1 undated article read as of then)"
	case n > 1 && hi > 0:
		note = " (" + itoa(n) + " undated articles read as of then)"
	}
	if stated && common.ok() {
		return "stated for " + common.describe() + note
	}
	if hi == 0 {
		return "in undated articles"
	}
	where := "in articles of "
	if anyStated {
		where = "dated "
	}
	month := func(d int) string { return monthLong[d/100%100] + " " + itoa(d/10000) }
	switch {
	case lo/100 == hi/100:
		return where + month(lo) + note
	case lo/10000 == hi/10000:
		return where + monthLong[lo/100%100] + " to " + month(hi) + note
	}
	return where + month(lo) + " to " + month(hi) + note
}
