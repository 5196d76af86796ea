package reconcile

import (
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// factKey says which claims are about the same fact: they may conflict.
type factKey struct {
	kind    extract.Kind
	subject string
	object  string
	scope   string // status, aspect, event, metric or market: what else must match
}

// fact is the claims about one fact, with what reconciling them needs.
type fact struct {
	key    factKey
	claims []*extract.Claim
}

// perShareBelow is the amount under which a deal's figure is a price per
// share: nobody reports a company bought for $95.
const perShareBelow = 10000

// component is the part of a deal an amount is: as the article says, else
// a price per share when the amount is too small to be anything else. A
// plain price is read as the upfront payment, the usual sense of "agreed
// to buy X for $8.7 billion": an article that says "upfront" states the
// same fact as one that does not.
func component(c *extract.Claim) string {
	switch {
	case c.Component == extract.ComponentUpfront:
		return ""
	case c.Component == extract.ComponentPlain && c.Value.Type == extract.ValueMoney && c.Value.Hi < perShareBelow && c.Value.Lo < perShareBelow:
		return string(extract.ComponentPerShare)
	}
	return string(c.Component)
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (r *run) marketKey(name string) string {
	if k, ok := r.marketKeys[name]; ok {
		return k
	}
	if r.marketDrop == nil {
		r.marketDrop = map[string]bool{}
		if r.opts.Rules != nil {
			for _, w := range r.opts.Rules.Lexicon.MarketDrop {
				r.marketDrop[strings.ToLower(w)] = true
			}
		}
	}
	drop := r.marketDrop
	var keep []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !drop[w] {
			keep = append(keep, w)
		}
	}
	k := strings.Join(keep, " ")
	r.marketKeys[name] = k
	return k
}

// groupKey says which fact a claim is about, as a string a Source can
// group by; false for a claim compared with none.
func (r *run) groupKey(c *extract.Claim) (string, bool) {
	k, ok := r.keyOf(c)
	if !ok {
		return "", false
	}
	return string(k.kind) + "\x00" + k.subject + "\x00" + k.object + "\x00" + k.scope, true
}

// factConflicts reports the claims about one fact whose values cannot all
// hold; cs are every claim with the fact's groupKey.
func (r *run) factConflicts(cs []*extract.Claim) []Finding {
	if len(cs) < 2 {
		return nil
	}
	key, _ := r.keyOf(cs[0])
	f := &fact{key: key, claims: cs}
	group := r.groupOf(f.key.kind)
	switch {
	case group == "deals":
		return r.dealConflicts(f)
	case group == "holdings" || group == "periods" || group == "plans" || group == "rounds":
		return r.scopedConflicts(f)
	case group == "events" && f.claims[0].Status != extract.StatusActual:
		// Expectations are compared with those stated about the same
		// time: a date expected in 2022 and another in 2023 is a delay.
		// The period of a date claim is its value, so only publication
		// dates place it.
		var out []Finding
		for _, w := range publicationWindows(f.claims, r.windowOf(f.key.kind)) {
			if sides := r.sides(f.key.kind, w); len(sides) > 1 {
				fd := r.conflict(f, "", sides)
				fd.Message += "; both: expected, " + whenWords(undatedCopies(w))
				out = append(out, fd)
			}
		}
		return out
	case group == "events":
		return r.eventConflicts(f)
	}
	// A date of one event is one fact however its articles are dated.
	if sides := r.sides(f.key.kind, f.claims); len(sides) > 1 {
		return []Finding{r.conflict(f, "", sides)}
	}
	return nil
}

// knowable says whether the articles of the sides were written while a
// period ran, or within days after it ended, so that their undated figures
// could speak of it: a figure written before the period began cannot, and
// one written long after it ended is a figure of its own day ("is now
// valued at", "now owns"), another time of a fact that changes. A figure
// from an undated article could speak of any period: it is read against
// one only when the fact has just that one (only).
func knowable(ss []side, period string, only bool, days int) bool {
	p, ok := keyAnchor(period)
	if !ok {
		if p, ok = parseAnchor(period); !ok {
			return true
		}
	}
	for _, s := range ss {
		for _, c := range s.claims {
			pub, ok := parseAnchor(c.Published)
			if !ok && only || ok && pub.to >= p.from && pub.from <= addDays(p.to, days) {
				return true
			}
		}
	}
	return false
}

// scopedConflicts reconciles a fact that changes over time: claims with the
// same period must agree; an undated claim must agree with some dated one,
// or with the other undated claims.
func (r *run) scopedConflicts(f *fact) []Finding {
	if r.groupOf(f.key.kind) == "holdings" {
		placed, unplaced := r.holdingsBefore(f.claims)
		var out []Finding
		if len(unplaced) > 0 {
			// Holdings before a deal the coverage does not date are
			// compared only with each other.
			out = r.periodConflicts(&fact{key: f.key, claims: unplaced})
		}
		for _, g := range r.byCompletion(placed) {
			out = append(out, r.periodConflicts(&fact{key: f.key, claims: g})...)
		}
		return out
	}
	if r.groupOf(f.key.kind) == "plans" {
		return r.planConflicts(f)
	}
	if r.groupOf(f.key.kind) == "rounds" {
		return r.roundConflicts(f)
	}
	return r.periodConflicts(f)
}

// periodConflicts is scopedConflicts once holdings before a deal are placed.
func (r *run) periodConflicts(f *fact) []Finding {
	byPeriod := map[string][]*extract.Claim{}
	var periods []string
	var undated []*extract.Claim
	for _, c := range f.claims {
		p := c.Period
		if a, ok := parseAnchor(p); ok {
			p = a.key() // "2024" and "2024-01/2024-12" are one period
		}
		if p == "" {
			undated = append(undated, c)
			continue
		}
		if byPeriod[p] == nil {
			periods = append(periods, p)
		}
		byPeriod[p] = append(byPeriod[p], c)
	}
	sort.Strings(periods)
	var out []Finding
	var dated []datedSides
	for _, p := range periods {
		sides := r.sides(f.key.kind, byPeriod[p])
		if len(sides) > 1 {
			fd := r.conflict(f, p, sides)
			if anyBefore(byPeriod[p]) {
				fd.Message += "; both: the holding before the deal announced then"
			}
			out = append(out, fd)
		}
		dated = append(dated, datedSides{p, sides})
	}
	// An undated figure is read as of its article's date: undated figures
	// are compared only with those published about the same time.
	seen := map[string]bool{}
	for _, w := range publicationWindows(undated, r.windowOf(f.key.kind)) {
		for _, fd := range r.undatedConflicts(f, w, dated) {
			if !seen[fd.Fingerprint] {
				seen[fd.Fingerprint] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// publicationWindows groups undated claims by when their articles were
// published, windows of days apart at most; the claims of an article
// without a date join the one window there is, else form their own
// (joinUndated).
func publicationWindows(cs []*extract.Claim, days int) [][]*extract.Claim {
	type dated struct {
		c   *extract.Claim
		day int
	}
	var ds []dated
	var unknown articleGroups
	for _, c := range cs {
		if a, ok := parseAnchor(c.Published); ok {
			ds = append(ds, dated{c, a.from})
			continue
		}
		unknown.add(c)
	}
	out := unknown.groups
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].day < ds[j].day })
	var windows [][]*extract.Claim
	var cur []*extract.Claim
	start := 0
	for _, d := range ds {
		if len(cur) > 0 && d.day > addDays(start, days) {
			windows = append(windows, cur)
			cur = nil
		}
		if len(cur) == 0 {
			start = d.day
		}
		cur = append(cur, d.c)
	}
	if len(cur) > 0 {
		windows = append(windows, cur)
	}
	return joinUndated(windows, out)
}

// joinUndated places the claims of undated articles (one group an
// article): when the dated claims fall in one window, or there are none,
// the corpus knows of one time the undated articles could speak of, and
// they join it; when there are several, each undated article is compared
// only with itself.
func joinUndated(windows, undated [][]*extract.Claim) [][]*extract.Claim {
	if len(windows) > 1 {
		return append(windows, undated...)
	}
	var one []*extract.Claim
	if len(windows) == 1 {
		one = windows[0]
	}
	for _, u := range undated {
		one = append(one, u...)
	}
	if len(one) == 0 {
		return nil
	}
	return [][]*extract.Claim{one}
}

type datedSides struct {
	period string
	sides  []side
}

// undatedConflicts reconciles undated claims published about the same
// time: a figure may match any value of any dated period; one that matches
// none, and disagrees with the others, is a conflict.
func (r *run) undatedConflicts(f *fact, undated []*extract.Claim, dated []datedSides) []Finding {
	var out []Finding
	sides := r.sides(f.key.kind, undated)
	var unexplained, explained, against []side
	for _, s := range sides {
		fits := false
		for _, d := range dated {
			for _, ds := range d.sides {
				if r.sidesMeet(f.key.kind, s, ds) {
					fits = true
				}
			}
		}
		if fits {
			explained = append(explained, s)
		} else {
			unexplained = append(unexplained, s)
		}
	}
	for _, d := range dated {
		if knowable(unexplained, d.period, len(dated) == 1, r.windowOf(f.key.kind)) {
			against = append(against, d.sides[0])
		}
	}
	if len(unexplained) == 0 || len(unexplained)+len(explained)+len(against) < 2 {
		return out
	}
	all := append(append([]side{}, unexplained...), explained...)
	all = append(all, against...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].weight() > all[j].weight() })
	fd := r.conflict(f, "", all)
	var cs []*extract.Claim
	for _, s := range all {
		cs = append(cs, s.claims...)
	}
	fd.Message += "; both: " + whenWords(cs)
	return append(out, fd)
}

// undatedCopies returns copies of claims without their periods, so that
// their anchors are their articles' dates: a date claim's period is its
// value, not when it was stated.
func undatedCopies(cs []*extract.Claim) []*extract.Claim {
	out := make([]*extract.Claim, len(cs))
	for i, c := range cs {
		cp := *c
		cp.Period = ""
		out[i] = &cp
	}
	return out
}

// articleGroups collects claims by article, articles in the order first seen.
type articleGroups struct {
	index  map[string]int
	groups [][]*extract.Claim
}

func (g *articleGroups) add(c *extract.Claim) { g.addAs(c.Article, c) }

// addAs adds a claim to the group of key.
func (g *articleGroups) addAs(key string, c *extract.Claim) {
	if g.index == nil {
		g.index = map[string]int{}
	}
	i, ok := g.index[key]
	if !ok {
		i = len(g.groups)
		g.index[key] = i
		g.groups = append(g.groups, nil)
	}
	g.groups[i] = append(g.groups[i], c)
}
