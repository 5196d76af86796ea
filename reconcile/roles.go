package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// holderWindowDays is how close in time two articles must be for two
// people they each call an organisation's chief executive (or finance,
// operating, technology chief) to contradict each other: a successor
// is usually named within weeks of the news that the post changes hands.
const holderWindowDays = 30

// posts is the role rule's vocabulary of posts, as its synonyms give them.
type posts struct {
	exclusive map[string]string // title → the post an organisation gives one person at a time
	separate  map[string]bool   // one person holds one of at a time
}

// postsOf reads the posts of a rule set's role rule; without one, no post
// is exclusive or separate.
func postsOf(set *rules.Set) posts {
	p := posts{exclusive: map[string]string{}, separate: map[string]bool{}}
	if set == nil {
		return p
	}
	if rule, ok := set.ClaimRule(string(extract.KindRole)); ok {
		for post, titles := range rule.Exclusive {
			for _, t := range titles {
				p.exclusive[t] = post
			}
		}
		for _, t := range rule.Separate {
			p.separate[t] = true
		}
	}
	return p
}

// noteHolder keeps a copy of a claim that a person holds an exclusive post
// at an organisation, by organisation and post.
func (r *run) noteHolder(c *extract.Claim) {
	if c.Kind != extract.KindRole || c.Subject == "" || c.Object == "" || c.Aspect == extract.AspectBefore ||
		c.Status != extract.StatusActual || c.Hedged {
		return
	}
	for _, t := range titleParts(r.labelOf(c)) {
		post := r.posts.exclusive[t]
		if post == "" || strings.HasPrefix(c.Value.Label, "interim ") || strings.HasPrefix(c.Value.Label, "acting ") {
			continue
		}
		if r.holders == nil {
			r.holders = map[string][]*extract.Claim{}
		}
		k := r.canon(c.Object) + "\x00" + post
		cp := *c
		r.holders[k] = append(r.holders[k], &cp)
	}
}

// holderConflicts reports two people each called an organisation's holder
// of one exclusive post by different articles about the same time,
// where no article names both (that is a handover, told once). A claim
// already in a conflict about its person's title is not reported again.
func (r *run) holderConflicts(inRoleConflict map[string]bool) []Finding {
	var out []Finding
	for _, k := range sortedKeys(r.holders) {
		title := k[strings.IndexByte(k, 0)+1:]
		for _, w := range publicationWindows(r.holders[k], holderWindowDays) {
			if f, ok := r.holderConflict(w, title, inRoleConflict); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

func (r *run) holderConflict(cs []*extract.Claim, title string, inRoleConflict map[string]bool) (Finding, bool) {
	byPerson := map[string][]*extract.Claim{}
	var people []string
	personsOf := map[string]map[string]bool{} // article → people it names as holder
	for _, c := range cs {
		p := r.canon(c.Subject)
		if byPerson[p] == nil {
			people = append(people, p)
		}
		byPerson[p] = append(byPerson[p], c)
		if personsOf[c.Article] == nil {
			personsOf[c.Article] = map[string]bool{}
		}
		personsOf[c.Article][p] = true
	}
	if len(people) < 2 {
		return Finding{}, false
	}
	for _, ps := range personsOf {
		if len(ps) > 1 {
			return Finding{}, false // a handover, or a mistake the article makes alone
		}
	}
	for _, c := range cs {
		if inRoleConflict[c.ID] {
			return Finding{}, false
		}
	}
	var ss []side
	for _, p := range people {
		ss = append(ss, side{claims: byPerson[p], label: byPerson[p][0].Subject})
	}
	sortSides(ss)
	org := ss[0].claims[0].Object
	f := Finding{Type: TypeConflict, Kind: extract.KindRole, Subject: ss[0].claims[0].Subject, Object: org, Severity: SeverityMedium}
	var parts, names []string
	for i := len(ss) - 1; i >= 0; i-- {
		s := ss[i]
		ids := make([]string, len(s.claims))
		for j, c := range s.claims {
			ids[j] = c.ID
		}
		arts := articles(s.claims)
		f.Claims = append(f.Claims, ids...)
		f.Sides = append([]Side{{Value: s.label, Claims: ids, Articles: arts, Sources: s.weight()}}, f.Sides...)
		n := fmt.Sprintf("%d article", len(arts))
		if len(arts) != 1 {
			n += "s"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", s.label, n))
		names = append(names, fold(s.label))
	}
	sort.Strings(names)
	f.Message = strings.Join(parts, " vs ") + " as " + rules.Possessive(org) + " " + title + ", a post one person holds at a time; both: " + whenWords(cs)
	f.Fingerprint = strings.Join([]string{string(TypeConflict), string(extract.KindRole), r.canon(org), title, strings.Join(names, "|")}, "\x00")
	return f, true
}
