package report

import (
	"fmt"
	"strings"
)

// Which findings a report shows: one vocabulary for the CLI's --show, the
// HTML report's filter and the review page's. An open finding is exactly
// one of unreviewed, confirmed or dismissed; a resolved one (its evidence
// no longer disagrees) is resolved whatever its verdict.
const (
	ShowAttention  = "attention"  // open and not dismissed: what needs an editor; the default
	ShowUnreviewed = "unreviewed" // open, no verdict yet
	ShowConfirmed  = "confirmed"  // open, confirmed as a real contradiction
	ShowDismissed  = "dismissed"  // open, dismissed by an editor
	ShowResolved   = "resolved"   // no longer found
	ShowAll        = "all"
)

// Shows lists the --show values in the order the filters offer them.
var Shows = []string{ShowAttention, ShowUnreviewed, ShowConfirmed, ShowDismissed, ShowResolved, ShowAll}

// Filter selects findings.
type Filter struct {
	Show       string // one of Shows; "" is ShowAttention
	Type, Kind string // "" for any
}

// CheckShow returns an error naming the choices when s is not one of Shows.
func CheckShow(s string) error {
	for _, v := range Shows {
		if s == v {
			return nil
		}
	}
	return fmt.Errorf("unknown filter %q: want one of %s", s, strings.Join(Shows, ", "))
}

func (f Filter) show() string {
	if f.Show == "" {
		return ShowAttention
	}
	return f.Show
}

// Status is the finding status a store must select for f: open, resolved
// or all. Match narrows what it returns.
func (f Filter) Status() string {
	switch f.show() {
	case ShowResolved:
		return "resolved"
	case ShowAll:
		return "all"
	}
	return "open"
}

// Review is the review state a store may select for f; "" for any.
func (f Filter) Review() string {
	switch f.show() {
	case ShowUnreviewed:
		return "open"
	case ShowConfirmed, ShowDismissed:
		return f.show()
	}
	return ""
}

// stateOf is the one word of Shows (not attention or all) that e is.
func stateOf(e Entry) string {
	if e.Status == "resolved" {
		return ShowResolved
	}
	switch e.Review.State {
	case "confirmed":
		return ShowConfirmed
	case "dismissed":
		return ShowDismissed
	}
	return ShowUnreviewed
}

// Match reports whether f selects e.
func (f Filter) Match(e Entry) bool {
	if f.Type != "" && string(e.Type) != f.Type || f.Kind != "" && string(e.Kind) != f.Kind {
		return false
	}
	switch s, st := f.show(), stateOf(e); s {
	case ShowAll:
		return true
	case ShowAttention:
		return st == ShowUnreviewed || st == ShowConfirmed
	default:
		return s == st
	}
}

// Select keeps the findings f matches, and records f as what the report
// shows.
func (r *Report) Select(f Filter) {
	keep := r.Findings[:0]
	for _, e := range r.Findings {
		if f.Match(e) {
			keep = append(keep, e)
		}
	}
	r.Findings = keep
	r.Filter = f
}
