package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/claimcheck/claimcheck/pipeline"
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
		_ = st.EndRun(context.WithoutCancel(ctx), id, pipeline.RunStats(res, store.Diff{}), status, "")
		return err
	}
	if err := st.EndRun(ctx, id, pipeline.RunStats(res, store.Diff{}), store.RunDone, ""); err != nil {
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
