package reconcile

import (
	"fmt"
	"sort"
	"strings"
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
				if r.outlierLog != nil {
					r.outlierLog = append(r.outlierLog, c.ID)
				}
			}
		}
		fd.Claims = append(fd.Claims, ids...)
		fd.Sides = append(fd.Sides, Side{Value: s.display(), Claims: ids, Articles: articles(s.claims), Sources: s.weight(), Hedged: hedged})
		values = append(values, s.display())
	}
	sort.Strings(values)
	fd.Fingerprint = strings.Join([]string{string(TypeConflict), string(f.key.kind), f.key.subject, f.key.object, f.key.scope, period, strings.Join(values, "|")}, "\x00")
	fd.Severity = conflictSeverity(r.severityOf(f.key.kind), fd.Sides)
	if undatedAgainstDated(ss) {
		// An undated article was read as of the others' time: less sure.
		fd.Severity = lower(fd.Severity)
	}
	fd.Message = conflictMessage(fd, r.factPhrase(first), period)
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

// conflictSeverity lowers a kind's severity, sev, when the sides are
// hedged.
func conflictSeverity(sev Severity, sides []Side) Severity {
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
func conflictMessage(f Finding, fact, period string) string {
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
	msg := strings.Join(parts, " vs ") + " for " + fact
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
