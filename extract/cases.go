package extract

import (
	"fmt"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/rules"
)

// RunCases runs the test cases every claim rule carries and returns one
// message per failure: an expected claim not found, or a claim found where
// the case wants none of its kind.
func (x *Extractor) RunCases() []string {
	var failures []string
	for _, r := range x.set.Claims {
		for _, tc := range r.Tests {
			where := fmt.Sprintf("%s:%d", r.File, tc.Line)
			var pub time.Time
			if tc.Published != "" {
				var err error
				if pub, err = time.Parse("2006-01-02", tc.Published); err != nil {
					failures = append(failures, fmt.Sprintf("%s: published %q: want YYYY-MM-DD", where, tc.Published))
					continue
				}
			}
			got, err := x.ExtractText("case.txt", tc.Text, pub)
			if err != nil {
				failures = append(failures, fmt.Sprintf("%s: %q: %v", where, tc.Text, err))
				continue
			}
			if len(tc.Claims) == 0 {
				for _, c := range got {
					if string(c.Kind) == r.Kind {
						failures = append(failures, fmt.Sprintf("%s: %q: want no %s claim, got %s", where, tc.Text, r.Kind, Describe(c)))
					}
				}
				continue
			}
			used := map[int]bool{}
			for _, w := range tc.Claims {
				found := false
				for i, c := range got {
					if !used[i] && matchCase(c, w) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					var b strings.Builder
					for _, c := range got {
						b.WriteString("\n    got " + Describe(c))
					}
					failures = append(failures, fmt.Sprintf("%s: %q:\n    want %s%s", where, tc.Text, describeCase(w), b.String()))
				}
			}
		}
	}
	return failures
}

func matchCase(c Claim, w rules.CaseClaim) bool {
	eq := func(want, got string) bool { return want == "" || want == got }
	return eq(w.Kind, string(c.Kind)) && eq(w.Subject, c.Subject) && eq(w.Object, c.Object) &&
		eq(w.Normalized, c.Normalized) && eq(w.Text, c.Text) && eq(w.Period, c.Period) &&
		eq(w.Status, string(c.Status)) && eq(w.Aspect, string(c.Aspect)) && eq(w.Event, c.Event) && eq(w.Component, string(c.Component)) &&
		eq(w.Round, c.Round) && eq(w.Plan, c.Plan) && (w.Hedged == nil || *w.Hedged == c.Hedged)
}

func describeCase(w rules.CaseClaim) string {
	var parts []string
	for _, kv := range [][2]string{{"kind", w.Kind}, {"subject", w.Subject}, {"object", w.Object}, {"normalized", w.Normalized},
		{"text", w.Text}, {"period", w.Period}, {"status", w.Status}, {"aspect", w.Aspect}, {"event", w.Event}, {"component", w.Component},
		{"round", w.Round}, {"plan", w.Plan}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if w.Hedged != nil {
		parts = append(parts, fmt.Sprintf("hedged=%v", *w.Hedged))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// Describe renders a claim on one line, for messages and debugging.
func Describe(c Claim) string {
	return fmt.Sprintf("{%s %q→%q %s text=%q period=%s status=%s aspect=%s component=%s event=%s round=%s plan=%s hedged=%v}",
		c.Kind, c.Subject, c.Object, c.Normalized, c.Text, c.Period, c.Status, c.Aspect, c.Component, c.Event, c.Round, c.Plan, c.Hedged)
}
