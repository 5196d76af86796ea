package pipeline

import (
	"context"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/report"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// BuildReport reads what a report shows from the store: the findings f
// selects, and what the run res (zero for none) skipped or failed to read.
func BuildReport(ctx context.Context, st *store.Store, f store.Filter, listing *rules.Listing, res Result) (*report.Report, error) {
	arts, err := st.Articles(ctx, false)
	if err != nil {
		return nil, err
	}
	entries, err := st.Findings(ctx, f)
	if err != nil {
		return nil, err
	}
	// A report reads the claims each finding quotes as it writes the
	// finding, and the JSON report every claim as it writes them: it holds
	// the findings, not their evidence.
	var quoted []string
	for _, en := range entries {
		quoted = append(quoted, report.ShownClaims(en.Finding)...)
	}
	finder, err := st.NewClaimFinder(ctx, quoted)
	if err != nil {
		return nil, err
	}
	total, err := st.ClaimCountOfKinds(ctx, extract.Kinds)
	if err != nil {
		return nil, err
	}
	r := &report.Report{Articles: arts, Generated: time.Now().UTC(), ClaimTotal: total,
		EachClaim: func(fn func(extract.Claim) error) error { return st.EachClaim(ctx, fn) },
		ArticleText: func(path string) (string, error) {
			a, err := st.Article(ctx, path)
			if err != nil {
				return "", err
			}
			return a.Text, nil
		},
		Quoted: func(ids []string) ([]extract.Claim, error) { return finder.Claims(ctx, ids) }}
	for _, en := range entries {
		r.Findings = append(r.Findings, toEntry(en, f.NewInRun))
	}
	if listing != nil {
		r.Listing = listing.Label()
	}
	for _, s := range res.Skipped {
		r.Skipped = append(r.Skipped, report.FileError{Path: s.Path, Message: s.Reason})
	}
	for _, s := range res.Errors {
		r.Errors = append(r.Errors, report.FileError{Path: s.Path, Message: s.Reason})
	}
	return r, nil
}

func toEntry(en store.Entry, run int64) report.Entry {
	return report.Entry{Finding: en.Finding, Status: en.Status, New: run > 0 && (en.FirstRun == run || en.ChangedRun == run),
		Review: report.Review{State: en.Review.State, Note: en.Review.Note, By: en.Review.By, At: en.Review.At, ReopenReason: en.ReopenReason}}
}
