package extract

import (
	"strings"

	"github.com/claimcheck/claimcheck/rules"
)

// roundReach is how many words may stand between a figure and the round
// its clause names ("$200 million in a Series C", "valued at $2 billion in
// its Series C round").
const roundReach = 8

// roundKinds are the kinds of figure a round of a deal scopes.
var roundKinds = map[Kind]bool{KindInvestment: true, KindValuation: true, KindStake: true}

// namedScope is a round or a plan named in a sentence, with its label.
type namedScope struct {
	start, end int
	label      string
}

// markRoundsAndPlans gives the claims a sentence added (cs) the round of a deal and
// the plan of a cut that their clauses name.
func (c *sentCtx) markRoundsAndPlans(cs []Claim) {
	if len(cs) == 0 {
		return
	}
	c.markRounds(cs)
	c.markPlans(cs)
}

// markRounds gives each round the sentence names ("its Series C", "the
// second tranche", "the 2019 deal") to the nearest figure of each kind in
// its clause: "Helix, which raised $50 million in its Series A, has now
// raised $200 million" names the $50 million's round, not the $200
// million's; "a $200 million Series C that valued it at $2 billion" gives
// the round to the amount and to the valuation.
func (c *sentCtx) markRounds(cs []Claim) {
	rounds := c.namedScopes(c.art.x.set.Lexicon.Rounds)
	for _, r := range rounds {
		best := map[Kind]int{}
		bestGap := map[Kind]int{}
		for i := range cs {
			cl := &cs[i]
			if !roundKinds[cl.Kind] || cl.SentStart != c.s.Start {
				continue
			}
			g, ok := c.sameClause(cl.Start-c.s.Start, cl.End-c.s.Start, r.start, r.end, roundReach)
			if !ok {
				continue
			}
			if old, seen := bestGap[cl.Kind]; !seen || g < old {
				best[cl.Kind], bestGap[cl.Kind] = i, g
			}
		}
		for _, i := range best {
			if cs[i].Round == "" {
				cs[i].Round = r.label
			}
		}
	}
}

// planReach is how many words may stand between a cut and the cause that
// names its plan ("cut 400 jobs as it integrates Vega").
const planReach = 8

// markPlans gives a cut the plan its clause names by its cause: the plan's
// label, and the organisation or the date that tells it from another plan
// of that label ("integration: Vega Robotics", "restructuring: 2026-05").
func (c *sentCtx) markPlans(cs []Claim) {
	r := c.art.x.headcount
	if r == nil || len(r.Plans) == 0 {
		return
	}
	plans := c.namedScopes(r.Plans)
	for i := range cs {
		cl := &cs[i]
		if cl.Kind != KindHeadcountChange || cl.SentStart != c.s.Start || cl.Plan != "" {
			continue
		}
		bestGap := planReach + 1
		for _, p := range plans {
			if g, ok := c.causeNear(cl.Start-c.s.Start, cl.End-c.s.Start, p.start, p.end, planReach); ok && g < bestGap {
				cl.Plan, bestGap = p.label+c.planName(p.end), g
			}
		}
	}
}

// planName is what tells a plan from another of its label: an
// organisation named right after its words, else a date within three words
// after them ("announced in May"); with its separator, or empty.
func (c *sentCtx) planName(end int) string {
	if m, ok := c.nameAhead(c.tokenAt(end), 4); ok && m.ref == refName {
		if p := c.resolve(m); p.ok() && !c.art.isPerson(m) {
			return ": " + p.name
		}
	}
	for _, d := range c.dates {
		if d.start >= end && c.wordsBetween(end, d.start) <= 3 && !blocked(c.text[end:d.start]) {
			return ": " + formatDate(d.value)
		}
	}
	return ""
}

// sameClause says whether a figure at [fs, fe) and words at [ws, we) that
// name its round stand in one clause, at most reach words apart, and how
// many words apart. Words after the figure past a comma speak of what
// follows the comma ("$3 billion, more than in its Series B").
func (c *sentCtx) sameClause(fs, fe, ws, we, reach int) (int, bool) {
	g, between := c.gap(fs, fe, ws, we)
	if g > reach || blocked(between) || c.newClause(between) || c.subordinated(between) || ws >= fe && strings.Contains(between, ",") {
		return 0, false
	}
	return g, true
}

// causeNear says whether the cause of a cut at [fs, fe) stands at [ws, we)
// in its sentence part, at most reach words away, and how far: a cause is
// a clause of its own ("cut 400 jobs, as it integrates Vega"), but one in
// a relative clause before the cut is another event's ("Vega, which
// completed its restructuring in May, will cut 300 jobs").
func (c *sentCtx) causeNear(fs, fe, ws, we, reach int) (int, bool) {
	g, between := c.gap(fs, fe, ws, we)
	if g > reach || blocked(between) {
		return 0, false
	}
	if we <= fs && strings.Contains(between, ",") {
		if k := strings.LastIndexByte(c.text[:ws], ','); k >= 0 && relativeClauseRe.MatchString(c.text[k:ws]) {
			return 0, false
		}
	}
	return g, true
}

// namedScopes finds the words of a list in the sentence, with their labels
// (the pattern's groups expanded, lower-cased).
func (c *sentCtx) namedScopes(vs []rules.Verb) []namedScope {
	var out []namedScope
	for i := range vs {
		v := &vs[i]
		for _, loc := range c.find(&v.Pattern) {
			label := v.Label
			if strings.Contains(label, "$") {
				if sub := v.Pattern.Re.FindStringSubmatchIndex(c.text[loc[0]:loc[1]]); sub != nil {
					label = string(v.Pattern.Re.ExpandString(nil, label, c.text[loc[0]:loc[1]], sub))
				}
			}
			out = append(out, namedScope{start: loc[0], end: loc[1], label: strings.ToLower(strings.TrimSpace(label))})
		}
	}
	return out
}
