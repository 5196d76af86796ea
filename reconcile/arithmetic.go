package reconcile

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// articleArithmetic reports figures of one article that cannot all hold.
// Each test uses the intervals the wording allows, so rounding never
// triggers it.
func (r *run) articleArithmetic(cs []*extract.Claim) []Finding {
	var out []Finding
	out = append(out, r.stakeTimesValuation(cs)...)
	out = append(out, r.preMoneyPlusInvestment(cs)...)
	out = append(out, r.partsVsTotal(cs)...)
	out = append(out, r.perShareTimesShares(cs)...)
	out = append(out, r.percentChanges(cs)...)
	return append(out, r.multiples(cs)...)
}

// mergeSame makes findings with one fingerprint one finding citing every
// claim they rest on: the copies of a syndicated article state one
// inconsistency.
func mergeSame(fs []Finding) []Finding {
	at := map[string]int{}
	var out []Finding
	for _, f := range fs {
		i, seen := at[f.Fingerprint]
		if !seen {
			at[f.Fingerprint] = len(out)
			out = append(out, f)
			continue
		}
		have := map[string]bool{}
		for _, id := range out[i].Claims {
			have[id] = true
		}
		for _, id := range f.Claims {
			if !have[id] {
				out[i].Claims = append(out[i].Claims, id)
			}
		}
	}
	return out
}

// withoutOutliers drops arithmetic findings that rest on a claim already
// shown as the odd one out of a conflict: they would report it again.
func (r *run) withoutOutliers(fs []Finding) []Finding {
	kept := fs[:0]
	for _, f := range fs {
		repeats := false
		for _, id := range f.Claims {
			if r.outliers[id] {
				repeats = true
			}
		}
		if !repeats {
			kept = append(kept, f)
		}
	}
	return kept
}

func (r *run) inconsistent(kind extract.Kind, subject, object, msg string, cs ...*extract.Claim) Finding {
	f := Finding{Type: TypeInconsistent, Kind: kind, Subject: subject, Object: object, Severity: SeverityMedium, Message: msg}
	// The figures, not the article, make the fingerprint: syndicated
	// copies of one inconsistency are one finding (see mergeSame).
	var parts []string
	for _, c := range cs {
		f.Claims = append(f.Claims, c.ID)
		parts = append(parts, string(c.Kind)+"|"+c.Normalized+"|"+c.Period)
	}
	sort.Strings(parts)
	f.Fingerprint = strings.Join(append([]string{string(TypeInconsistent), string(kind), fold(subject), fold(object)}, parts...), "\x00")
	return f
}

func pct(iv Interval) Interval { return iv.Scale(0.01) }

// usable says whether a claim is a plain, actual figure of the deal.
func usable(c *extract.Claim) bool {
	return c.Status == extract.StatusActual && c.Aspect != extract.AspectBound && c.Value.Qualifier != "<" && c.Value.Qualifier != "<="
}

// stakeTimesValuation: a stake bought for an amount at a post-money
// valuation must cost about stake x valuation.
func (r *run) stakeTimesValuation(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, s := range cs {
		if s.Kind != extract.KindStake || !usable(s) || s.Object == "" {
			continue
		}
		inv := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindInvestment && c.Subject == s.Subject && c.Object == s.Object && usable(c) &&
				(c.Aspect == extract.AspectPlain || c.Aspect == extract.AspectTotal) && c.SentStart == s.SentStart
		})
		if inv == nil {
			inv = r.pick(cs, func(c *extract.Claim) bool {
				return c.Kind == extract.KindInvestment && c.Subject == s.Subject && c.Object == s.Object && usable(c) && c.Aspect == extract.AspectPlain
			})
		}
		val := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindValuation && c.Subject == s.Object && usable(c) && c.Aspect != extract.AspectBefore && c.Value.Qualifier == ""
		})
		// The price of a stake is told with it: an investment paragraphs
		// away is as likely a running total as what bought the stake.
		if inv == nil || val == nil || inv.Value.Currency != val.Value.Currency || !sameTime(s, inv, val) || !toldWith(val, s, inv) ||
			!toldWith(inv, s) && !toldWith(s, inv) {
			continue
		}
		implied := pct(r.interval(s)).Mul(r.interval(val))
		if implied.Meets(r.interval(inv)) {
			continue
		}
		msg := fmt.Sprintf("%s x %s is %s, not %s: %s for %s's stake in %s does not fit the valuation",
			DisplayValue(s.Value), DisplayValue(val.Value), DisplayValue(scaled(val.Value, s.Value.Lo/100)),
			DisplayValue(inv.Value), DisplayValue(inv.Value), s.Subject, s.Object)
		out = append(out, r.inconsistent(extract.KindStake, s.Subject, s.Object, msg, s, inv, val))
		break
	}
	return out
}

// agreedPrice says whether a figure is a deal's price as agreed: paid, or
// to be paid ("will pay"), not talked of or bounded.
func agreedPrice(c *extract.Claim) bool {
	return (c.Status == extract.StatusActual || c.Status == extract.StatusExpected || c.Status == extract.StatusConditional) &&
		c.Aspect != extract.AspectBound && c.Value.Qualifier != "<" && c.Value.Qualifier != "<="
}

// shareCountSlack widens the shares a price per share is multiplied by:
// articles count shares basic or fully diluted (options and awards add a
// few percent), and a deal's amount may be either.
const shareCountSlack = 0.1

// perShareTimesShares: a price per share times the shares the article
// says the target has is the deal's equity value; the amount the article
// states for the deal must be about that.
func (r *run) perShareTimesShares(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, p := range cs {
		if p.Kind != extract.KindInvestment || p.Value.Rate != "share" || !agreedPrice(p) || p.Subject == "" || p.Object == "" {
			continue
		}
		n := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindShareCount && r.canon(c.Subject) == r.canon(p.Object)
		})
		v := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindInvestment && c.Subject == p.Subject && c.Object == p.Object && agreedPrice(c) &&
				c.Value.Rate == "" && c.Value.Currency == p.Value.Currency && c.Aspect == extract.AspectPlain &&
				(c.Component == extract.ComponentPlain || c.Component == extract.ComponentUpfront || c.Component == extract.ComponentEquityValue) &&
				c.Value.Lo >= perShareBelow
		})
		if n == nil || v == nil || !sameTime(p, v) {
			continue
		}
		shares := r.interval(n)
		shares.Lo, shares.Hi = shares.Lo*(1-shareCountSlack), shares.Hi*(1+shareCountSlack)
		implied := r.interval(p).Mul(shares)
		if implied.Meets(r.interval(v)) {
			continue
		}
		equity := scaled(p.Value, n.Value.Lo)
		equity.Rate = ""
		msg := fmt.Sprintf("%s x %s shares is %s, not %s: %s's price for %s does not fit its share count",
			DisplayValue(p.Value), shareCount(n.Value.Lo), DisplayValue(equity), DisplayValue(v.Value), p.Subject, p.Object)
		out = append(out, r.inconsistent(extract.KindInvestment, p.Subject, p.Object, msg, p, n, v))
		break
	}
	return out
}

// shareCount writes a count of shares: "150 million", "1.2 billion".
func shareCount(n float64) string {
	switch {
	case n >= 1e9:
		return strconv.FormatFloat(n/1e9, 'f', -1, 64) + " billion"
	case n >= 1e6:
		return strconv.FormatFloat(n/1e6, 'f', -1, 64) + " million"
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// sentenceGap is how many bytes may separate two sentences told one after
// the other: a space, or the blank line between paragraphs.
const sentenceGap = 2

// toldWith says whether a figure is stated with the others: in the
// sentence of one of them or in the sentence right after one. A valuation
// told paragraphs away from a stake and its price is as likely another
// deal's ("the investment was made at its last valuation of ...") as the
// one that priced the stake.
func toldWith(c *extract.Claim, others ...*extract.Claim) bool {
	for _, o := range others {
		if c.SentStart == o.SentStart || c.SentStart >= o.SentEnd && c.SentStart-o.SentEnd <= sentenceGap {
			return true
		}
	}
	return false
}

// sameTime says whether figures may be of one moment: none dates itself,
// or all do and their periods overlap. A 2021 investment says nothing of
// a stake and valuation stated undated, as of the article.
func sameTime(cs ...*extract.Claim) bool {
	var stated []anchor
	for _, c := range cs {
		if a, ok := parseAnchor(c.Period); ok {
			stated = append(stated, a)
		}
	}
	if len(stated) == 0 {
		return true
	}
	if len(stated) < len(cs) {
		return false
	}
	for _, a := range stated[1:] {
		if !a.overlaps(stated[0]) {
			return false
		}
	}
	return true
}

func scaled(v extract.Value, f float64) extract.Value {
	v.Lo, v.Hi, v.Step, v.Qualifier = v.Lo*f, v.Hi*f, v.Step*f, "~"
	return v
}

// pick returns the first claim satisfying ok, preferring unhedged ones.
func (r *run) pick(cs []*extract.Claim, ok func(*extract.Claim) bool) *extract.Claim {
	var hedged *extract.Claim
	for _, c := range cs {
		if !ok(c) {
			continue
		}
		if !c.Hedged {
			return c
		}
		if hedged == nil {
			hedged = c
		}
	}
	return hedged
}

// preMoneyPlusInvestment: a valuation before the deal plus the money put in
// must reach the valuation after it.
func (r *run) preMoneyPlusInvestment(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, before := range cs {
		if before.Kind != extract.KindValuation || before.Aspect != extract.AspectBefore || !usable(before) {
			continue
		}
		after := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindValuation && c.Subject == before.Subject && c.SentStart == before.SentStart &&
				c.Aspect == extract.AspectAfter && usable(c)
		})
		// Pre-money plus new money is post-money for one round: the three
		// figures must be stated together.
		inv := r.pick(cs, func(c *extract.Claim) bool {
			return c.Kind == extract.KindInvestment && c.Object == before.Subject && usable(c) && c.Aspect == extract.AspectPlain &&
				c.SentStart == before.SentStart
		})
		if after == nil || inv == nil || inv.Value.Currency != before.Value.Currency {
			continue
		}
		sum := r.interval(before).Add(r.interval(inv))
		// Buying existing shares moves no money into the company, so only
		// a post-money above pre-money plus the new money is impossible.
		if sum.Meets(r.interval(after)) || r.interval(after).Hi < sum.Lo {
			continue
		}
		msg := fmt.Sprintf("%s before the deal plus %s invested is at most %s, short of the %s valuation after it",
			DisplayValue(before.Value), DisplayValue(inv.Value), DisplayValue(extract.Value{Type: extract.ValueMoney, Currency: inv.Value.Currency, Lo: sum.Hi, Hi: sum.Hi, Step: 1e6}), DisplayValue(after.Value))
		out = append(out, r.inconsistent(extract.KindValuation, before.Subject, "", msg, before, inv, after))
	}
	return out
}

// partsVsTotal: "a further $2.75 billion, bringing its total to $4 billion"
// must agree with the amounts the article gave before.
func (r *run) partsVsTotal(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, total := range cs {
		if total.Kind != extract.KindInvestment || total.Aspect != extract.AspectTotal || !usable(total) {
			continue
		}
		var tranche *extract.Claim
		var earlier []*extract.Claim
		for _, c := range cs {
			if c.Kind != extract.KindInvestment || c.Subject != total.Subject || c.Object != total.Object || !usable(c) {
				continue
			}
			switch {
			case c.SentStart == total.SentStart && c.Aspect == extract.AspectTranche:
				tranche = c
			case c.SentStart < total.SentStart && (c.Aspect == extract.AspectInitial || c.Aspect == extract.AspectTranche):
				earlier = append(earlier, c)
			}
		}
		if tranche == nil || len(earlier) == 0 {
			continue
		}
		before := Interval{}
		for _, e := range earlier {
			before = before.Add(r.interval(e))
		}
		if before.Meets(r.interval(total).Sub(r.interval(tranche))) {
			continue
		}
		msg := fmt.Sprintf("%s plus %s does not make the stated total of %s for %s's investment in %s",
			DisplayValue(earlier[0].Value), DisplayValue(tranche.Value), DisplayValue(total.Value), total.Subject, total.Object)
		if len(earlier) > 1 {
			msg = fmt.Sprintf("the earlier amounts plus %s do not make the stated total of %s for %s's investment in %s",
				DisplayValue(tranche.Value), DisplayValue(total.Value), total.Subject, total.Object)
		}
		out = append(out, r.inconsistent(extract.KindInvestment, total.Subject, total.Object, msg, append(earlier, tranche, total)...))
	}
	return out
}

// multiples: "doubled its valuation from $14 billion to $29 billion" must
// relate the two values by about the stated factor.
func (r *run) multiples(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, g := range cs {
		if g.Kind != extract.KindGrowth || g.Value.Type != extract.ValueMultiple {
			continue
		}
		var from, to *extract.Claim
		for _, c := range cs {
			if c.SentStart != g.SentStart || c.Value.Type != extract.ValueMoney {
				continue
			}
			switch c.Aspect {
			case extract.AspectBefore:
				from = c
			case extract.AspectAfter:
				to = c
			}
		}
		if from == nil || to == nil || from.Value.Currency != to.Value.Currency {
			continue
		}
		f, t := r.interval(from), r.interval(to)
		ratio := Interval{Lo: t.Lo / f.Hi, Hi: t.Hi / f.Lo}
		// "doubled" is rounded speech: allow the factor ±10%.
		stated := Interval{Lo: g.Value.Lo * 0.9, Hi: g.Value.Lo * 1.1}
		if ratio.Meets(stated) {
			continue
		}
		msg := fmt.Sprintf("%s to %s is %.1fx, not the stated %s", DisplayValue(from.Value), DisplayValue(to.Value), to.Value.Lo/from.Value.Lo, DisplayValue(g.Value))
		out = append(out, r.inconsistent(extract.KindGrowth, g.Subject, "", msg, g, from, to))
	}
	return out
}

// percentChanges: "revenue grew from $410 million in 2023 to $520 million
// in 2024, a 38% increase" must relate the two figures by about the stated
// percentage. The sentence binds the three: the figures are of one kind
// and currency, dated two different periods.
func (r *run) percentChanges(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, g := range cs {
		if g.Kind != extract.KindGrowth || g.Value.Type != extract.ValuePercent || g.Event == "cagr" {
			continue
		}
		var figs []*extract.Claim
		for _, c := range cs {
			if c.SentStart != g.SentStart || c.Value.Type != extract.ValueMoney || c.Period == "" || c.Value.Qualifier != "" {
				continue
			}
			switch c.Kind {
			case extract.KindRevenue, extract.KindValuation, extract.KindMarketSize:
				figs = append(figs, c)
			}
		}
		if len(figs) != 2 || figs[0].Kind != figs[1].Kind || figs[0].Value.Currency != figs[1].Value.Currency {
			continue
		}
		a, b := claimAnchor(figs[0]), claimAnchor(figs[1])
		if !a.ok() || !b.ok() || a.overlaps(b) {
			continue
		}
		from, to := figs[0], figs[1]
		if b.to < a.from {
			from, to = to, from
		}
		f, t := r.interval(from), r.interval(to)
		if f.Lo <= 0 {
			continue
		}
		ratio := Interval{Lo: t.Lo / f.Hi, Hi: t.Hi / f.Lo}
		change := Interval{Lo: ratio.Lo - 1, Hi: ratio.Hi - 1}
		word := "an increase"
		if to.Value.Lo < from.Value.Lo {
			change = Interval{Lo: 1 - ratio.Hi, Hi: 1 - ratio.Lo}
			word = "a fall"
		}
		if pct(r.interval(g)).Meets(change) {
			continue
		}
		exact := math.Abs(to.Value.Lo/from.Value.Lo-1) * 100
		msg := fmt.Sprintf("%s in %s to %s in %s is %s of %.0f%%, not the stated %s", DisplayValue(from.Value), from.Period,
			DisplayValue(to.Value), to.Period, word, exact, DisplayValue(g.Value))
		out = append(out, r.inconsistent(extract.KindGrowth, g.Subject, "", msg, g, from, to))
	}
	return out
}

// span is a market's earliest and latest stated sizes. It keeps copies:
// the claims it was given may be gone when it is read.
type span struct{ first, last *extract.Claim }

func (s *span) add(c *extract.Claim) {
	if s.first == nil || c.Period < s.first.Period {
		cp := *c
		s.first = &cp
	}
	if s.last == nil || c.Period > s.last.Period {
		cp := *c
		s.last = &cp
	}
}

func (s span) ok() bool { return s.first != nil && s.last != nil && s.first.Period != s.last.Period }

// sizedForCAGR says whether a market size is a plain figure for a year, one
// end of a span a growth rate can be checked against.
func sizedForCAGR(c *extract.Claim) bool {
	return c.Kind == extract.KindMarketSize && len(c.Period) == 4 && c.Value.Qualifier == ""
}

// revenueSpan is the span of a company's yearly revenue the sentence of
// its growth rate g states: the figures the rate is said of.
func revenueSpan(cs []*extract.Claim, g *extract.Claim) span {
	var s span
	for _, c := range cs {
		if c.Kind == extract.KindRevenue && c.SentStart == g.SentStart && c.Subject == g.Subject && len(c.Period) == 4 &&
			c.Value.Qualifier == "" && c.Status == extract.StatusActual && c.Value.Rate == "" {
			s.add(c)
		}
	}
	return s
}

// noteMarketSize widens the market's span across the corpus.
func (r *run) noteMarketSize(c *extract.Claim) {
	if !sizedForCAGR(c) {
		return
	}
	addSpan(r.marketSpans, r.marketKey(c.Subject), c)
}

// addSpan widens market k's span in spans with c.
func addSpan(spans map[string]*span, k string, c *extract.Claim) {
	if spans[k] == nil {
		spans[k] = &span{}
	}
	spans[k].add(c)
}

// articleCAGR: a compound annual growth rate must match a market's sizes
// in two years, preferring those its own article states (cs), else any
// article's (noted beforehand by noteMarketSize).
func (r *run) articleCAGR(cs []*extract.Claim) []Finding {
	var out []Finding
	var inArticle map[string]*span
	for _, c := range cs {
		if !sizedForCAGR(c) {
			continue
		}
		if inArticle == nil {
			inArticle = map[string]*span{}
		}
		addSpan(inArticle, r.marketKey(c.Subject), c)
	}
	for _, g := range cs {
		if g.Kind != extract.KindGrowth || g.Event != "cagr" || g.Value.Type != extract.ValuePercent || g.Subject == "" {
			continue
		}
		k := r.marketKey(g.Subject)
		var sp span
		if s := inArticle[k]; s != nil && s.ok() {
			sp = *s
		} else if s := r.marketSpans[k]; s != nil && s.ok() {
			sp = *s
		} else if s := revenueSpan(cs, g); s.ok() {
			sp = s // "sales grew from $80 million in 2021 to $180 million in 2024, a CAGR of 45%"
		} else {
			continue
		}
		start, end := sp.first, sp.last
		y1, _ := strconv.Atoi(start.Period)
		y2, _ := strconv.Atoi(end.Period)
		n := float64(y2 - y1)
		a, b := r.interval(start), r.interval(end)
		implied := Interval{Lo: math.Pow(b.Lo/a.Hi, 1/n) - 1, Hi: math.Pow(b.Hi/a.Lo, 1/n) - 1}
		if pct(r.interval(g)).Meets(implied) {
			continue
		}
		exact := (math.Pow(end.Value.Lo/start.Value.Lo, 1/n) - 1) * 100
		msg := fmt.Sprintf("%s in %d to %s in %d is a %.0f%% CAGR, not the stated %s", DisplayValue(start.Value), y1,
			DisplayValue(end.Value), y2, exact, DisplayValue(g.Value))
		out = append(out, r.inconsistent(extract.KindGrowth, g.Subject, "", msg, g, start, end))
	}
	return out
}
