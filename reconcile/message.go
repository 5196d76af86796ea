package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
)

// conflict builds the finding for a fact whose claims split into sides, the
// best supported first.
func (r *run) conflict(f *fact, period string, ss []side) Finding {
	first := ss[0].claims[0]
	fd := Finding{Type: TypeConflict, Kind: f.key.kind, Subject: first.Subject, Object: first.Object}
	var values []string
	for i, s := range ss {
		ids := make([]string, len(s.claims))
		hedged := true
		for k, c := range s.claims {
			ids[k] = c.ID
			hedged = hedged && c.Hedged
			if i > 0 {
				r.outliers[c.ID] = true
			}
		}
		fd.Claims = append(fd.Claims, ids...)
		fd.Sides = append(fd.Sides, Side{Value: s.display(), Claims: ids, Articles: articles(s.claims), Sources: s.weight(), Hedged: hedged})
		values = append(values, s.display())
	}
	sort.Strings(values)
	fd.Fingerprint = strings.Join([]string{string(TypeConflict), string(f.key.kind), f.key.subject, f.key.object, f.key.scope, period, strings.Join(values, "|")}, "\x00")
	fd.Severity = conflictSeverity(f.key.kind, fd.Sides)
	if undatedAgainstDated(ss) {
		// An undated article was read as of the others' time: less sure.
		fd.Severity = lower(fd.Severity)
	}
	fd.Message = conflictMessage(fd, first, period)
	return fd
}

// undatedAgainstDated says whether a side rests only on claims without a
// time anchor while another side has one.
func undatedAgainstDated(ss []side) bool {
	var undated, dated bool
	for _, s := range ss {
		all := true
		for _, c := range s.claims {
			if claimAnchor(c).ok() {
				all = false
			}
		}
		undated = undated || all
		dated = dated || !all
	}
	return undated && dated
}

func conflictSeverity(kind extract.Kind, sides []Side) Severity {
	sev := SeverityHigh
	if labelKinds[kind] && kind != extract.KindTicker || kind == extract.KindGrowth || kind == extract.KindHeadcountChange {
		sev = SeverityMedium
	}
	minorityHedged := true
	allHedged := true
	for i, s := range sides {
		allHedged = allHedged && s.Hedged
		if i > 0 {
			minorityHedged = minorityHedged && s.Hedged
		}
	}
	switch {
	case allHedged:
		return SeverityLow
	case minorityHedged:
		return lower(sev)
	}
	return sev
}

func lower(s Severity) Severity {
	if s == SeverityHigh {
		return SeverityMedium
	}
	return SeverityLow
}

// conflictMessage reads "$15 billion (1 article) vs $14.3 billion (4
// articles) for Meta's investment in Scale AI": the outliers first, then the
// majority.
func conflictMessage(f Finding, c *extract.Claim, period string) string {
	var parts []string
	for i := len(f.Sides) - 1; i >= 0; i-- {
		s := f.Sides[i]
		n := len(s.Articles)
		count := fmt.Sprintf("%d article", n)
		if n != 1 {
			count += "s"
		}
		if s.Sources < n {
			count += fmt.Sprintf(", %d independent", s.Sources)
		}
		if s.Hedged {
			count += ", hedged"
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", s.Value, count))
	}
	msg := strings.Join(parts, " vs ") + " for " + factPhrase(c)
	if a, ok := keyAnchor(period); ok {
		msg += " (both: " + a.describe() + ")"
	} else if period != "" {
		msg += " (" + period + ")"
	}
	var arts []string
	for _, s := range f.Sides {
		arts = append(arts, s.Articles...)
	}
	if allSame(arts) {
		msg += "; both stated in " + arts[0]
	}
	return msg
}

func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return len(xs) > 0
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// factPhrase names the fact a claim states, for messages.
func factPhrase(c *extract.Claim) string {
	subj, obj := c.Subject, c.Object
	switch c.Kind {
	case extract.KindInvestment:
		p := possessive(subj) + " investment in " + obj
		if c.Aspect != extract.AspectPlain && c.Aspect != extract.AspectBound {
			p = possessive(subj) + " " + string(c.Aspect) + " investment in " + obj
		}
		return p
	case extract.KindStake:
		return possessive(subj) + " stake in " + obj
	case extract.KindValuation:
		if c.Aspect == extract.AspectBefore {
			return possessive(subj) + " valuation before the deal"
		}
		return possessive(subj) + " valuation"
	case extract.KindRevenue:
		return possessive(subj) + " revenue"
	case extract.KindMarketSize:
		return "the size of the " + strings.TrimSuffix(subj, " market") + " market"
	case extract.KindEventDate:
		switch c.Event {
		case "founded", "launched", "listed":
			return "when " + subj + " was " + c.Event
		}
		verb := "was "
		if c.Status == extract.StatusForecast {
			verb = "is expected to be "
		}
		if obj != "" {
			return "when " + possessive(subj) + " deal with " + obj + " " + verb + c.Event
		}
		return "when " + subj + "'s deal " + verb + c.Event
	case extract.KindClientChange:
		return possessive(subj) + " relationship with " + obj
	case extract.KindRole:
		return possessive(subj) + " role at " + obj
	case extract.KindTicker:
		return possessive(subj) + " stock symbol"
	case extract.KindGrowth:
		return possessive(subj) + " " + c.Event + " growth"
	case extract.KindHeadcountChange:
		return possessive(subj) + " headcount change"
	}
	return string(c.Kind) + " of " + subj
}
