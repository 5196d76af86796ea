package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// Run is what a recorded run did.
type Run struct {
	ID      int64
	Result  Result
	Diff    store.Diff
	Listing *rules.Listing
	// Facts says how many facts reconciliation compared, and how many of
	// them it checked again rather than recalled.
	Facts reconcile.MemoStats
}

// RunOptions are a recorded run's inputs.
type RunOptions struct {
	Roots     []string
	Extractor *extract.Extractor
	Listing   *rules.Listing
	// SkipUnchanged skips reconciliation when nothing it depends on (the
	// stored corpus, the rules, the listing, the build) changed since the
	// last finished run.
	SkipUnchanged bool
	// BuildID names the build: a new build may extract differently, so its
	// first run reconciles again.
	BuildID string
	// Once says the store is gone after this run (check's, in memory):
	// reconciliation keeps no memo of its facts for a next run.
	Once bool
	// Log hears that reconciliation was skipped; nil is slog's default.
	Log *slog.Logger
	// Ingest reads the roots into the store under the run: Ingest with the
	// caller's workers, progress and logging, which are the caller's to
	// choose. Unused by RecordReconcile.
	Ingest func(ctx context.Context, runID int64) (Result, error)
}

// RecordRun is the pipeline on one store: ingest the roots under a
// recorded run, reconcile, record how it ended. Load the rules before
// calling it: it relaxes the collector (PaceGC), and a large entities file
// makes much garbage, best collected at Go's default pace.
func RecordRun(ctx context.Context, st *store.Store, o RunOptions) (Run, error) {
	out := Run{Listing: o.Listing}
	defer PaceGC()()
	var err error
	if out.ID, err = st.BeginRun(ctx, o.Roots); err != nil {
		return out, err
	}
	fail := func(status string, err error) (Run, error) {
		_ = st.EndRun(context.WithoutCancel(ctx), out.ID, RunStats(out.Result, out.Diff), status, "")
		return out, err
	}
	if out.Result, err = o.Ingest(ctx, out.ID); err != nil {
		return fail(store.RunInterrupted, err)
	}
	inputs, err := Inputs(ctx, st, o.Extractor.Rules(), out.Listing, o.BuildID)
	if err != nil {
		return fail(store.RunFailed, err)
	}
	if o.SkipUnchanged {
		last, ok, err := st.LastRun(ctx)
		if err != nil {
			return fail(store.RunFailed, err)
		}
		if ok && last.Inputs == inputs {
			logger(o.Log).Info("nothing changed since the last run: reconciliation skipped", "last_run", last.ID)
			return out, st.EndRun(ctx, out.ID, RunStats(out.Result, out.Diff), store.RunDone, inputs)
		}
	}
	_, out.Diff, out.Facts, err = Reconcile(ctx, st, out.ID, reconcile.Options{Rules: o.Extractor.Rules(), Listing: out.Listing}, o.salt())
	if err != nil {
		return fail(store.RunFailed, err)
	}
	return out, st.EndRun(ctx, out.ID, RunStats(out.Result, out.Diff), store.RunDone, inputs)
}

// RecordReconcile records a run that only reconciles the stored claims:
// after the shards of a sharded ingest, or after new rules. The caller
// holds the run lock alone and paces the collector.
func RecordReconcile(ctx context.Context, st *store.Store, o RunOptions) (Run, error) {
	out := Run{Listing: o.Listing}
	var err error
	if out.ID, err = st.BeginRun(ctx, o.Roots); err != nil {
		return out, err
	}
	inputs, err := Inputs(ctx, st, o.Extractor.Rules(), out.Listing, o.BuildID)
	if err == nil {
		_, out.Diff, out.Facts, err = Reconcile(ctx, st, out.ID, reconcile.Options{Rules: o.Extractor.Rules(), Listing: out.Listing}, o.salt())
	}
	if err != nil {
		status := store.RunFailed
		if errors.Is(err, context.Canceled) {
			status = store.RunInterrupted
		}
		_ = st.EndRun(context.WithoutCancel(ctx), out.ID, RunStats(out.Result, out.Diff), status, "")
		return out, err
	}
	if err := st.EndRun(ctx, out.ID, RunStats(out.Result, out.Diff), store.RunDone, inputs); err != nil {
		return out, err
	}
	return out, nil
}

// salt is the run's Salt, or "" for a run whose store keeps nothing.
func (o RunOptions) salt() string {
	if o.Once {
		return ""
	}
	return Salt(o.Extractor.Rules(), o.BuildID)
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.Default()
	}
	return l
}

// RunStats is what the run record counts of a run's ingest and diff.
func RunStats(res Result, d store.Diff) store.RunStats {
	return store.RunStats{Found: res.Found, Added: res.Added, Changed: res.Changed, Removed: res.Removed, Unchanged: res.Unchanged,
		Claims: res.Claims, FindingsNew: len(d.New) + len(d.Reopened), FindingsUnchanged: len(d.Unchanged),
		FindingsResolved: len(d.Resolved), Errors: len(res.Errors), Skipped: len(res.Skipped)}
}

// Inputs digests what a reconciliation depends on: the stored corpus,
// the rules, the build and the listing.
func Inputs(ctx context.Context, st *store.Store, set *rules.Set, listing *rules.Listing, buildID string) (string, error) {
	corpusSum, err := st.Fingerprint(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(corpusSum))
	h.Write([]byte(Salt(set, buildID)))
	if listing != nil {
		h.Write([]byte(listing.Name + listing.Date + fmt.Sprint(listing.Len())))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// StoredListing returns the newest listing imported into the store; ok is
// false when there is none.
func StoredListing(ctx context.Context, st *store.Store) (l *rules.Listing, ok bool, err error) {
	ls, err := st.Listings(ctx)
	if err != nil || len(ls) == 0 {
		return nil, false, err
	}
	rows, err := st.ListingEntries(ctx, ls[0].Name)
	if err != nil {
		return nil, false, err
	}
	entries := make([]rules.Security, len(rows))
	for i, r := range rows {
		entries[i] = rules.Security{Symbol: r.Symbol, Exchange: r.Exchange, Company: r.Company, Listed: r.Listed, Delisted: r.Delisted}
	}
	return rules.NewListing(ls[0].Name, ls[0].Date, entries), true, nil
}
