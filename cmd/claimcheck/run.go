package main

import (
	"context"
	"fmt"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/store"
)

type runOptions struct {
	common
	output
	db     string
	wait   bool
	failOn string
	shardFlags
}

// runScheduled is the cron job: ingest what changed, reconcile, record the
// run, print what is new, and exit 1 when something is.
func runScheduled(ctx context.Context, e *env, args []string) error {
	var o runOptions
	fs := newFlags(e, "run", "run [flags] FOLDER...\n\nIngests new and changed articles, reconciles, records the run and reports what changed since the last one.\nMade for cron and systemd timers: see the README.")
	o.common.registerRules(fs)
	o.common.registerTickers(fs)
	o.common.registerRead(fs)
	o.common.registerLog(fs)
	o.output.register(fs, "text, json, markdown, html or csv")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.BoolVar(&o.wait, "wait", false, "wait for another run on the same database to finish instead of failing")
	fs.StringVar(&o.failOn, "fail-on", "new", "exit 1 when there are findings: new (new or reopened this run), any (any open and not dismissed), never")
	o.shardFlags.register(fs)
	roots, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(roots) == 0 {
		return usagef("name at least one folder of articles")
	}
	if err := oneOf("fail-on", o.failOn, "new", "any", "never"); err != nil {
		return err
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	if o.shard != "" {
		return runShard(ctx, e, &o, roots)
	}
	st, done, err := openLocked(ctx, o.db, o.wait)
	if err != nil {
		return err
	}
	defer done()
	run, err := recordedRun(ctx, e, &o.common, st, roots, true)
	if err != nil {
		return err
	}
	runID, res, diff := run.ID, run.Result, run.Diff
	defer pipeline.PaceGC()() // a report holds its findings, not their evidence: it is paced as a run is
	r, err := pipeline.BuildReport(ctx, st, store.Filter{NewInRun: runID}, run.Listing, res)
	if err != nil {
		return err
	}
	open, dismissed, err := st.OpenCounts(ctx)
	if err != nil {
		return err
	}
	claims, err := st.ClaimCountOfKinds(ctx, extract.Kinds)
	if err != nil {
		return err
	}
	newCount := len(r.Findings) // new and reopened in this run: what the report shows
	switch {
	case e.quiet:
		// Cron mails whatever is printed: all being well, nothing is.
	case e.jsonLog:
		e.log.Info("run finished", "run", runID, "files", res.Found, "added", res.Added, "changed", res.Changed,
			"removed", res.Removed, "unchanged", res.Unchanged, "skipped", len(res.Skipped), "errors", len(res.Errors),
			"claims", claims, "new", newCount, "resolved", len(diff.Resolved), "open", open, "dismissed", dismissed,
			"facts", run.Facts.Facts, "facts_agreeing", run.Facts.Agreeing, "facts_checked", run.Facts.Checked)
	default:
		fmt.Fprintf(e.stderr, "claimcheck run %d: %d files (%d added, %d changed, %d removed, %d unchanged, %d skipped, %d errors), %d claims; findings: %d new, %d resolved, %d open, %d dismissed\n",
			runID, res.Found, res.Added, res.Changed, res.Removed, res.Unchanged, len(res.Skipped), len(res.Errors), claims, newCount, len(diff.Resolved), open, dismissed)
	}
	if newCount > 0 || o.format != "text" || o.path != "" {
		r.Title = fmt.Sprintf("claimcheck run %d: new findings", runID)
		if err := o.output.write(e, r); err != nil {
			return err
		}
	}
	switch {
	case o.failOn == "new" && newCount > 0, o.failOn == "any" && open > 0:
		return errFindings
	}
	return nil
}
