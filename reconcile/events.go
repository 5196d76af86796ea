package reconcile

import (
	"sort"
	"time"

	"github.com/claimcheck/claimcheck/extract"
)

// newsDays is how long before its article's publication an event may lie
// and still be the article's news ("said on Tuesday"); newsGapDays is how
// far apart two articles reporting such news may be published and still
// report the same event.
const (
	newsDays    = 14
	newsGapDays = 30
)

// eventConflicts reconciles the dates of one event of one pair. A deal is
// announced (signed, closed) once, but a pair may make several deals: two
// articles that each report an event as their news, weeks apart, report
// different events. Where the coverage shows several such, dates are
// compared only among the reports of one piece of news, and a date told in
// retrospect is compared with none, since nothing says which deal it dates.
func (r *run) eventConflicts(f *fact) []Finding {
	// An article that dates the event twice, incompatibly, tells of two
	// deals ("announced on July 22, 2019 ... announced on Jan. 23, 2023"):
	// nothing says which one another article's date is about.
	byArticle := map[string][]*extract.Claim{}
	for _, c := range f.claims {
		for _, o := range byArticle[c.Article] {
			if !r.compatible(f.key.kind, c, o) {
				return nil
			}
		}
		byArticle[c.Article] = append(byArticle[c.Article], c)
	}
	var news []*extract.Claim
	for _, c := range f.claims {
		if isNews(c) {
			news = append(news, c)
		}
	}
	groups := newsGroups(news)
	if len(groups) <= 1 {
		cs := f.claims
		if len(groups) == 1 {
			cs = nearNews(cs, groups[0])
		}
		if sides := r.sides(f.key.kind, cs); len(sides) > 1 {
			return []Finding{r.conflict(f, "", sides)}
		}
		return nil
	}
	var out []Finding
	for _, g := range groups {
		if sides := r.sides(f.key.kind, g); len(sides) > 1 {
			out = append(out, r.conflict(f, "", sides))
		}
	}
	return out
}

// nearNews keeps the claims whose dates lie within a year of the news:
// "first announced in early 2023" against news of September 2023 may be
// a misstatement of it; "announced in 2019" tells of an earlier deal.
func nearNews(cs, news []*extract.Claim) []*extract.Claim {
	lo, hi := news[0].Value.From, news[0].Value.To
	for _, c := range news {
		lo, hi = min(lo, c.Value.From), max(hi, c.Value.To)
	}
	var out []*extract.Claim
	for _, c := range cs {
		if c.Value.To >= lo-10000 && c.Value.From <= hi+10000 {
			out = append(out, c)
		}
	}
	return out
}

// isNews says whether a claim reports an event as its article's news: an
// actual event dated within newsDays before the publication.
func isNews(c *extract.Claim) bool {
	pub, ok := day(c.Published)
	if !ok || c.Status != extract.StatusActual || c.Value.Type != extract.ValueDate {
		return false
	}
	from := pub.AddDate(0, 0, -newsDays)
	return c.Value.To >= dayNumber(from) && c.Value.From <= dayNumber(pub)
}

// newsGroups splits claims into runs whose publications lie within
// newsGapDays of the one before.
func newsGroups(cs []*extract.Claim) [][]*extract.Claim {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Published < cs[j].Published })
	var out [][]*extract.Claim
	var last time.Time
	for _, c := range cs {
		pub, _ := day(c.Published)
		if len(out) == 0 || pub.Sub(last) > newsGapDays*24*time.Hour {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], c)
		last = pub
	}
	return out
}

func day(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// dayNumber writes a day as the YYYYMMDD number date values use.
func dayNumber(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

// noteDeal counts the targets of each investor's investment and stake
// claims across the corpus.
func (r *run) noteDeal(c *extract.Claim) {
	if c.Kind != extract.KindInvestment && c.Kind != extract.KindStake || c.Subject == "" || c.Object == "" {
		return
	}
	ts := r.dealTargets[c.Subject]
	if ts == nil {
		ts = map[string]int{}
		r.dealTargets[c.Subject] = ts
	}
	ts[c.Object]++
}

// dealTarget returns the target nearly all of an investor's deal claims
// name across the corpus, or "": a deal's date that an article gives with
// its investor alone ("Orbital said it expected the transaction to close
// in September") is about that deal only when the coverage knows no other.
func (r *run) dealTarget(investor string) string {
	if t, ok := r.dealTargetOf[investor]; ok {
		return t
	}
	t := r.findDealTarget(investor)
	r.dealTargetOf[investor] = t
	return t
}

func (r *run) findDealTarget(investor string) string {
	best, n, total := "", 0, 0
	for t, k := range r.dealTargets[investor] {
		total += k
		if k > n || k == n && t < best {
			best, n = t, k
		}
	}
	if n < 2 || n*5 < total*4 {
		return ""
	}
	return best
}

// noteAnnouncement records the day a deal was announced, from an article
// that reports the announcement as its news: a retrospective date ("first
// announced in early 2023") is the likelier to be wrong.
func (r *run) noteAnnouncement(c *extract.Claim) {
	if c.Kind != extract.KindEventDate || c.Event != "announced" && c.Event != "closed" && c.Event != "signed" || c.Subject == "" || c.Object == "" || !isNews(c) {
		return
	}
	k := [2]string{r.canon(c.Subject), r.canon(c.Object)}
	switch c.Event {
	case "closed":
		r.closed[k] = append(r.closed[k], c.Value.From)
	case "signed":
		// "agreed on Tuesday to buy": the day the deal was struck stands
		// for its announcement where the coverage dates none.
		r.signed[k] = append(r.signed[k], c.Value.From)
	default:
		r.announced[k] = append(r.announced[k], c.Value.From)
	}
}

// byCompletion splits a pair's holdings at the completions of its deals:
// a holding stated after a deal completed ("now owns 100%") is another
// time of the fact than one stated before it, however close the articles.
// Holdings whose time is unknown, or spans a completion, are a group of
// their own.
func (r *run) byCompletion(cs []*extract.Claim) [][]*extract.Claim {
	if len(cs) == 0 {
		return nil
	}
	days := r.closed[[2]string{r.canon(cs[0].Subject), r.canon(cs[0].Object)}]
	if len(days) == 0 {
		return [][]*extract.Claim{cs}
	}
	groups := map[int][]*extract.Claim{}
	var order []int
	for _, c := range cs {
		g := -1 // unknown or spanning
		if a := claimAnchor(c); a.ok() {
			g = 0
			for _, d := range days {
				switch {
				case d <= a.from:
					g++
				case d <= a.to:
					g = -1
				}
				if g < 0 {
					break
				}
			}
		}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], c)
	}
	out := make([][]*extract.Claim, 0, len(order))
	for _, g := range order {
		out = append(out, groups[g])
	}
	return out
}

// announcedBy returns the day the pair's deal reported by an article
// published on pub was announced (struck, when no article dates its
// announcement): the latest announcement on or before
// pub, as most reports of that news date it; without pub, the pair's one
// announcement. False when the coverage dates no such announcement.
func (r *run) announcedBy(subject, object string, pub anchor) (int, bool) {
	k := [2]string{r.canon(subject), r.canon(object)}
	days := r.announced[k]
	if len(days) == 0 {
		days = r.signed[k]
	}
	if len(days) == 0 {
		return 0, false
	}
	latest := 0
	for _, d := range days {
		if (!pub.ok() || d <= pub.to) && d > latest {
			latest = d
		}
	}
	if latest == 0 {
		return 0, false
	}
	count := map[int]int{}
	best := 0
	for _, d := range days {
		if d > latest || d < addDays(latest, -newsGapDays) {
			continue
		}
		count[d]++
		if best == 0 || count[d] > count[best] || count[d] == count[best] && d < best {
			best = d
		}
	}
	if !pub.ok() {
		for _, d := range days {
			if d < addDays(best, -newsGapDays) {
				return 0, false // several deals: nothing says which
			}
		}
	}
	return best, true
}

// holdingsBefore places each holding stated "before the deal" without a
// period of its own at the day its deal was announced, so that it is
// compared with holdings stated then, and never with one stated after the
// deal completed ("now owns 100%"). It returns the claims so placed (the
// others unchanged) and the holdings before a deal it cannot date.
func (r *run) holdingsBefore(cs []*extract.Claim) (placed, unplaced []*extract.Claim) {
	for _, c := range cs {
		if c.Aspect != extract.AspectBefore || c.Period != "" {
			placed = append(placed, c)
			continue
		}
		pub, _ := parseAnchor(c.Published)
		d, ok := r.announcedBy(c.Subject, c.Object, pub)
		if !ok {
			unplaced = append(unplaced, c)
			continue
		}
		cp := *c
		cp.Period = dayString(d)
		placed = append(placed, &cp)
	}
	return placed, unplaced
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func anyBefore(cs []*extract.Claim) bool {
	for _, c := range cs {
		if c.Aspect == extract.AspectBefore {
			return true
		}
	}
	return false
}
