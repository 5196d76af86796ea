package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/store"
)

// shardFlags are run's flags for sharded ingestion on PostgreSQL.
type shardFlags struct {
	shard       string
	noReconcile bool
}

func (f *shardFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.shard, "shard", "", "ingest only shard i of n (i/n, from 0; e.g. $JOB_COMPLETION_INDEX/4); needs a PostgreSQL --db. The last shard to finish reconciles")
	fs.BoolVar(&f.noReconcile, "no-reconcile", false, "with --shard: never reconcile, leave it to 'claimcheck reconcile'")
}

// runShard is one worker of a sharded ingest: it ingests the files of its
// shard beside the other shards (they share the run lock; each shard is
// taken once), records its run, and, when every shard has finished since
// the last reconciliation, waits for the others to let go and reconciles.
// It exits 0 on success whatever the findings, so that a Job's backoff
// retries failures only; read the findings with report or reconcile.
func runShard(ctx context.Context, e *env, o *runOptions, roots []string) error {
	sh, err := store.ParseShard(o.shard)
	if err != nil {
		return usagef("--shard: %v", err)
	}
	db := dbPath(o.db)
	if !store.IsPostgres(db) {
		return usagef("--shard needs a PostgreSQL --db (postgres://...): a SQLite file takes one writer at a time")
	}
	e.log = e.log.With("shard", sh.String())
	lock, err := store.LockShard(ctx, db, sh, o.wait)
	if err != nil {
		return err
	}
	defer lock.Release()
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	defer pipeline.PaceGC()()
	x, err := o.common.extractor()
	if err != nil {
		return err
	}
	id, err := st.BeginShardRun(ctx, roots, sh)
	if err != nil {
		return err
	}
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			_ = st.EndRun(context.WithoutCancel(ctx), id, store.RunStats{}, store.RunFailed, "")
			return usagef("%s: %v", root, err)
		}
	}
	start := time.Now()
	res, err := pipeline.Ingest(ctx, pipeline.Options{Roots: roots, Extractor: x, Store: st, RunID: id,
		Workers: o.workers, MaxBytes: o.maxBytes, ArticleBudget: o.budget, Shard: sh})
	for _, f := range res.Errors {
		e.log.Warn("skipped a file", "file", f.Path, "reason", f.Reason)
	}
	if err != nil {
		status := store.RunFailed
		if errors.Is(err, context.Canceled) {
			status = store.RunInterrupted
		}
		_ = st.EndRun(context.WithoutCancel(ctx), id, stats(res, store.Diff{}), status, "")
		return err
	}
	if err := st.EndRun(ctx, id, stats(res, store.Diff{}), store.RunDone, ""); err != nil {
		return err
	}
	e.log.Info("ingested", "run", id, "files", res.Found, "added", res.Added, "changed", res.Changed, "unchanged", res.Unchanged,
		"removed", res.Removed, "errors", len(res.Errors), "claims", res.Claims,
		"seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	if o.noReconcile {
		return nil
	}
	if done, err := st.ShardsDone(ctx, sh.Count); err != nil || !done {
		if err == nil {
			e.log.Info("other shards still running: the last to finish reconciles")
		}
		return err
	}
	e.log.Info("all shards done: waiting for the others to let go, then reconciling")
	if err := lock.Exclusive(ctx); err != nil {
		return err
	}
	// Another shard that finished at the same moment may have won the lock.
	if done, err := st.ShardsDone(ctx, sh.Count); err != nil || !done {
		if err == nil {
			e.log.Info("another shard reconciled")
		}
		return err
	}
	_, err = reconcileRun(ctx, e, &o.common, st, roots)
	return err
}

// reconcileRun records a run that only reconciles the stored claims: after
// the shards of a sharded ingest. The caller holds the run lock alone.
func reconcileRun(ctx context.Context, e *env, o *common, st *store.Store, roots []string) (runOutcome, error) {
	var out runOutcome
	defer pipeline.PaceGC()()
	x, err := o.extractor()
	if err != nil {
		return out, err
	}
	if out.listing, err = o.listing(ctx, st); err != nil {
		return out, err
	}
	if out.id, err = st.BeginRun(ctx, roots); err != nil {
		return out, err
	}
	start := time.Now()
	inputs, err := runInputs(ctx, st, x.Rules(), out.listing)
	if err == nil {
		_, out.diff, err = pipeline.Reconcile(ctx, st, out.id, reconcile.Options{Rules: x.Rules(), Listing: out.listing})
	}
	if err != nil {
		status := store.RunFailed
		if errors.Is(err, context.Canceled) {
			status = store.RunInterrupted
		}
		_ = st.EndRun(context.WithoutCancel(ctx), out.id, stats(out.res, out.diff), status, "")
		return out, err
	}
	if err := st.EndRun(ctx, out.id, stats(out.res, out.diff), store.RunDone, inputs); err != nil {
		return out, err
	}
	e.log.Info("reconciled", "run", out.id, "new", len(out.diff.New)+len(out.diff.Reopened),
		"resolved", len(out.diff.Resolved), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
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
	open, dismissed, err := attention(ctx, st)
	if err != nil {
		return err
	}
	newCount := len(out.diff.New) + len(out.diff.Reopened)
	if !e.quiet && !e.jsonLog {
		fmt.Fprintf(e.stderr, "claimcheck reconcile %d: findings: %d new, %d resolved, %d open, %d dismissed\n", out.id, newCount, len(out.diff.Resolved), open, dismissed)
	}
	switch {
	case o.failOn == "new" && newCount > 0, o.failOn == "any" && open > 0:
		return errFindings
	}
	return nil
}
