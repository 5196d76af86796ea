package reconcile

import (
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// planConflicts reconciles the headcount changes of one organisation by
// plan: cuts of different plans ("as it integrates Vega", "the
// restructuring announced in May") are different facts; cuts of one plan
// compare within their window. A cut naming no plan is one of the plan's
// when the organisation has one plan, else it is compared only with the
// others naming none: it could be any plan's.
func (r *run) planConflicts(f *fact) []Finding {
	groups, keys := planGroups(f.claims)
	if len(keys) == 0 {
		return r.periodConflicts(f)
	}
	var out []Finding
	for _, k := range keys {
		fs := r.periodConflicts(&fact{key: f.key, claims: groups[k]})
		for i := range fs {
			if k != "" {
				fs[i].Message = withPlan(fs[i].Message, planWords(k))
			}
			if len(keys) > 1 {
				// Two plans' cuts may disagree alike: each is its own finding.
				fs[i].Fingerprint += "\x00" + k
			}
		}
		out = append(out, fs...)
	}
	return out
}

// planGroups splits cuts by plan, keys in order ("" for the cuts naming no
// plan, when they stand alone). A plan named without what tells it from
// another of its sort ("the integration") is the one named plan of that
// sort, when there is one.
func planGroups(cs []*extract.Claim) (map[string][]*extract.Claim, []string) {
	named := map[string]map[string]bool{} // sort → the plans of it that name something
	for _, c := range cs {
		if sort, name := splitPlan(c.Plan); name != "" {
			if named[sort] == nil {
				named[sort] = map[string]bool{}
			}
			named[sort][c.Plan] = true
		}
	}
	keyOf := func(plan string) string {
		sort, name := splitPlan(plan)
		if name == "" && len(named[sort]) == 1 {
			for p := range named[sort] {
				return p
			}
		}
		return plan
	}
	groups := map[string][]*extract.Claim{}
	var unplanned []*extract.Claim
	for _, c := range cs {
		if c.Plan == "" {
			unplanned = append(unplanned, c)
			continue
		}
		k := keyOf(c.Plan)
		groups[k] = append(groups[k], c)
	}
	if len(groups) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(groups)+1)
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 1 {
		groups[keys[0]] = append(groups[keys[0]], unplanned...)
		return groups, keys
	}
	if len(unplanned) > 0 {
		groups[""] = unplanned
		keys = append(keys, "")
	}
	return groups, keys
}

// splitPlan reads a plan as its sort and what tells it from another of
// that sort: "integration: Vega Systems" is integration and Vega Systems.
func splitPlan(plan string) (string, string) {
	sort, name, _ := strings.Cut(plan, ": ")
	return sort, name
}

// planWords names a plan in a message: "the integration of Vega Systems",
// "the restructuring of May 2024".
func planWords(plan string) string {
	sort, name := splitPlan(plan)
	if name == "" {
		return "the " + sort
	}
	if a, ok := parseAnchor(name); ok {
		name = a.describe()
	}
	return "the " + sort + " of " + name
}

// withPlan says in a message which plan its sides are of.
func withPlan(msg, plan string) string {
	if i := strings.Index(msg, "; both: "); i >= 0 {
		return msg[:i] + "; both: " + plan + ", " + msg[i+len("; both: "):]
	}
	return msg + "; both: " + plan
}

// roundConflicts reconciles a figure a round strikes (a valuation): one
// round's figure is one fact however far apart its articles are, two
// rounds' are two. A figure naming no round, told within the window of
// the one round the coverage names, is that round's ("raised $300 million
// in a Series C, valuing the company at $3 billion" names the round in
// another clause); the others are compared by period.
func (r *run) roundConflicts(f *fact) []Finding {
	byRound := map[string][]*extract.Claim{}
	var rounds []string
	var none []*extract.Claim
	for _, c := range f.claims {
		if c.Round == "" {
			none = append(none, c)
			continue
		}
		if byRound[c.Round] == nil {
			rounds = append(rounds, c.Round)
		}
		byRound[c.Round] = append(byRound[c.Round], c)
	}
	sort.Strings(rounds)
	if len(rounds) == 1 {
		days := r.windowOf(f.key.kind)
		var rest []*extract.Claim
		for _, c := range none {
			if toldNear(c, byRound[rounds[0]], days) {
				byRound[rounds[0]] = append(byRound[rounds[0]], c)
			} else {
				rest = append(rest, c)
			}
		}
		none = rest
	}
	var out []Finding
	for _, k := range rounds {
		cs := byRound[k]
		if sides := r.sides(f.key.kind, cs); len(sides) > 1 {
			fd := r.conflict(&fact{key: factKey{kind: f.key.kind, subject: f.key.subject, object: f.key.object, scope: f.key.scope + "|" + k}, claims: cs}, "", sides)
			fd.Message += "; both: " + roundWords(k) + ", " + whenWords(cs)
			out = append(out, fd)
		}
	}
	if len(none) > 1 {
		out = append(out, r.periodConflicts(&fact{key: f.key, claims: none})...)
	}
	return out
}

// toldNear says whether a claim is anchored within days of one of cs.
func toldNear(c *extract.Claim, cs []*extract.Claim, days int) bool {
	a := claimAnchor(c)
	if !a.ok() {
		return false
	}
	for _, o := range cs {
		b := claimAnchor(o)
		if b.ok() && a.from <= addDays(b.to, days) && b.from <= addDays(a.to, days) {
			return true
		}
	}
	return false
}
