package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/store"
)

// reconcileRun records a run that only reconciles the stored claims: after
// the shards of a sharded ingest. The caller holds the run lock alone.
func reconcileRun(ctx context.Context, e *env, o *common, st *store.Store, roots []string) (pipeline.Run, error) {
	defer pipeline.PaceGC()()
	x, listing, err := o.runRules(ctx, st)
	if err != nil {
		return pipeline.Run{}, err
	}
	start := time.Now()
	out, err := pipeline.RecordReconcile(ctx, st, pipeline.RunOptions{Roots: roots, Extractor: x, Listing: listing, BuildID: buildID()})
	if err != nil {
		return out, err
	}
	e.log.Info("reconciled", "run", out.ID, "new", len(out.Diff.New)+len(out.Diff.Reopened),
		"resolved", len(out.Diff.Resolved), "facts", out.Facts.Facts, "facts_agreeing", out.Facts.Agreeing, "facts_checked", out.Facts.Checked, "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return out, nil
}

type reconcileOptions struct {
	common
	db     string
	wait   bool
	failOn string
}

// runReconcileCmd reconciles a database's stored claims once, as the last
// step of a sharded ingest (or to re-check after new rules).
func runReconcileCmd(ctx context.Context, e *env, args []string) error {
	var o reconcileOptions
	fs := newFlags(e, "reconcile", "reconcile [--db URL|FILE] [--wait]\n\nReconciles every stored claim once and records the findings as a run: after the shards of a\nsharded ingest ('run --shard i/n --no-reconcile'), or after changing the rules.")
	o.common.registerRules(fs)
	o.common.registerTickers(fs)
	o.common.registerLog(fs)
	fs.StringVar(&o.db, "db", "", "database: a postgres:// URL or a file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.BoolVar(&o.wait, "wait", false, "wait for running shards or runs to finish instead of failing")
	fs.StringVar(&o.failOn, "fail-on", "never", "exit 1 when there are findings: new (new or reopened), any (any open and not dismissed), never")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := oneOf("fail-on", o.failOn, "new", "any", "never"); err != nil {
		return err
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	if db := dbPath(o.db); !store.IsPostgres(db) {
		if _, err := os.Stat(db); err != nil {
			return fmt.Errorf("no database at %s: nothing to reconcile", db)
		}
	}
	st, done, err := openLocked(ctx, o.db, o.wait)
	if err != nil {
		return err
	}
	defer done()
	var roots []string
	if runs, err := st.Runs(ctx, 1); err == nil && len(runs) == 1 {
		roots = runs[0].Roots
	}
	out, err := reconcileRun(ctx, e, &o.common, st, roots)
	if err != nil {
		return err
	}
	open, dismissed, err := st.OpenCounts(ctx)
	if err != nil {
		return err
	}
	newCount := len(out.Diff.New) + len(out.Diff.Reopened)
	if !e.quiet && !e.jsonLog {
		fmt.Fprintf(e.stderr, "claimcheck reconcile %d: findings: %d new, %d resolved, %d open, %d dismissed\n", out.ID, newCount, len(out.Diff.Resolved), open, dismissed)
	}
	switch {
	case o.failOn == "new" && newCount > 0, o.failOn == "any" && open > 0:
		return errFindings
	}
	return nil
}
