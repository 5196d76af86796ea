package reconcile

import (
	"sort"
	"strings"
	"time"

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

// keyOf returns a claim's fact, or false when the claim is not compared
// with others (a ceiling "up to", a claim missing its parties).
func (r *run) keyOf(c *extract.Claim) (factKey, bool) {
	k := factKey{kind: c.Kind, subject: fold(c.Subject), object: fold(c.Object)}
	if c.Subject == "" {
		return k, false
	}
	// Amounts in different currencies are never compared: no rate is given.
	status := string(c.Status) + "|" + c.Value.Currency
	switch c.Kind {
	case extract.KindInvestment, extract.KindStake:
		if c.Object == "" || c.Aspect == extract.AspectBound {
			return k, false
		}
		k.scope = status + "|" + string(c.Aspect)
	case extract.KindValuation:
		// Before and after a deal are different facts from a plain
		// valuation, and from each other.
		aspect := ""
		if c.Aspect == extract.AspectBefore || c.Aspect == extract.AspectAfter {
			aspect = string(c.Aspect)
		}
		k.scope = status + "|" + aspect
	case extract.KindRevenue:
		k.scope = status + "|" + c.Value.Rate
	case extract.KindMarketSize:
		k.subject = r.marketKey(c.Subject)
		k.scope = c.Value.Rate
	case extract.KindEventDate:
		if c.Object == "" && c.Event != "founded" && c.Event != "launched" && c.Event != "listed" {
			k.object = fold(r.dealTarget(c.Subject))
		}
		if c.Event == "" || (k.object == "" && c.Event != "founded" && c.Event != "launched" && c.Event != "listed") {
			return k, false
		}
		// An expected date is a different fact from the date it happened
		// (an actual one keeps the scope, and so the finding ids, it had).
		k.scope = c.Event
		if c.Status != extract.StatusActual {
			k.scope += "|" + string(c.Status)
		}
	case extract.KindGrowth:
		if c.Event == "" || c.Event == "cagr" && c.Period == "" {
			return k, false
		}
		k.scope = c.Event
	case extract.KindHeadcountChange:
		if c.Period == "" {
			return k, false
		}
	case extract.KindClientChange:
		if c.Object == "" {
			return k, false
		}
	case extract.KindRole:
		if c.Object == "" || c.Aspect == extract.AspectBefore {
			return k, false
		}
	case extract.KindTicker:
	default:
		return k, false
	}
	return k, true
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

// timeScoped kinds are facts that change over time: claims dated
// differently are different facts.
var timeScoped = map[extract.Kind]bool{extract.KindValuation: true, extract.KindRevenue: true,
	extract.KindMarketSize: true, extract.KindHeadcountChange: true, extract.KindGrowth: true, extract.KindStake: true}

// factConflicts reports the claims about one fact whose values cannot all
// hold; cs are every claim with the fact's groupKey.
func (r *run) factConflicts(cs []*extract.Claim) []Finding {
	if len(cs) < 2 {
		return nil
	}
	key, _ := r.keyOf(cs[0])
	f := &fact{key: key, claims: cs}
	// A holding and a valuation change over time; a deal's amount is
	// one fact however its date is given, unless an article shows
	// several deals.
	if f.key.kind == extract.KindEventDate {
		return r.eventConflicts(f)
	}
	scoped := timeScoped[f.key.kind] || f.key.kind == extract.KindInvestment && r.multiDeal(f)
	if !scoped {
		if sides := r.sides(f.key.kind, f.claims); len(sides) > 1 {
			return []Finding{r.conflict(f, "", sides)}
		}
		return nil
	}
	return r.scopedConflicts(f)
}

// knowable says whether the articles of the sides were written after a
// period began, so that their undated figures could speak of it. Articles
// without a date could.
func knowable(ss []side, period string) bool {
	start := strings.ReplaceAll(strings.SplitN(period, "/", 2)[0], "-", "")
	for _, s := range ss {
		for _, c := range s.claims {
			pub := strings.ReplaceAll(c.Published, "-", "")
			if pub == "" || pub >= start[:min(len(start), len(pub))] {
				return true
			}
		}
	}
	return false
}

// multiDeal says whether a pair's claims describe several deals: one article
// gives two amounts that cannot both hold, dated differently ("$1 billion in
// 2019 ... $10 billion in 2023"), or speaks of tranches.
func (r *run) multiDeal(f *fact) bool {
	for _, c := range f.claims {
		if c.Aspect == extract.AspectTranche || c.Aspect == extract.AspectInitial || c.Aspect == extract.AspectTotal {
			return true
		}
	}
	for i, a := range f.claims {
		for _, b := range f.claims[i+1:] {
			if a.Article == b.Article && a.Period != "" && b.Period != "" && a.Period != b.Period &&
				!r.compatible(f.key.kind, a, b) {
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
	byPeriod := map[string][]*extract.Claim{}
	var periods []string
	var undated []*extract.Claim
	for _, c := range f.claims {
		if c.Period == "" {
			undated = append(undated, c)
			continue
		}
		if byPeriod[c.Period] == nil {
			periods = append(periods, c.Period)
		}
		byPeriod[c.Period] = append(byPeriod[c.Period], c)
	}
	sort.Strings(periods)
	var out []Finding
	var dated []datedSides
	for _, p := range periods {
		sides := r.sides(f.key.kind, byPeriod[p])
		if len(sides) > 1 {
			out = append(out, r.conflict(f, p, sides))
		}
		dated = append(dated, datedSides{p, sides})
	}
	// An undated figure is read as of its article's date: undated figures
	// are compared only with those published about the same time.
	seen := map[string]bool{}
	for _, w := range publicationWindows(undated) {
		for _, fd := range r.undatedConflicts(f, w, dated) {
			if !seen[fd.Fingerprint] {
				seen[fd.Fingerprint] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// windowDays is how far apart two articles may be published for their
// undated figures of a changing fact to be compared.
const windowDays = 60

// publicationWindows groups undated claims by when their articles were
// published; claims from undated articles join every window.
func publicationWindows(cs []*extract.Claim) [][]*extract.Claim {
	var dated, unknown []*extract.Claim
	for _, c := range cs {
		if c.Published == "" {
			unknown = append(unknown, c)
		} else {
			dated = append(dated, c)
		}
	}
	if len(dated) == 0 {
		return [][]*extract.Claim{unknown}
	}
	sort.SliceStable(dated, func(i, j int) bool { return dated[i].Published < dated[j].Published })
	var out [][]*extract.Claim
	var cur []*extract.Claim
	var start time.Time
	for _, c := range dated {
		t, _ := time.Parse("2006-01-02", c.Published)
		if len(cur) > 0 && t.Sub(start) > windowDays*24*time.Hour {
			out = append(out, append(cur, unknown...))
			cur = nil
		}
		if len(cur) == 0 {
			start = t
		}
		cur = append(cur, c)
	}
	return append(out, append(cur, unknown...))
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
		if knowable(unexplained, d.period) {
			against = append(against, d.sides[0])
		}
	}
	if len(unexplained) == 0 || len(unexplained)+len(explained)+len(against) < 2 {
		return out
	}
	all := append(append([]side{}, unexplained...), explained...)
	all = append(all, against...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].weight() > all[j].weight() })
	return append(out, r.conflict(f, "", all))
}
