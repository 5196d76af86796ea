package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"
)

// Shard is one part of a sharded ingest: the files whose stored path
// hashes to Index modulo Count. The zero Shard is the whole corpus.
type Shard struct{ Index, Count int }

// ParseShard reads "i/n", 0 <= i < n, the form Kubernetes' indexed jobs
// give (JOB_COMPLETION_INDEX counts from 0).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	idx, err1 := strconv.Atoi(i)
	cnt, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || cnt < 1 || idx < 0 || idx >= cnt {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 0 <= i < n, as in 0/4", s)
	}
	return Shard{Index: idx, Count: cnt}, nil
}

func (sh Shard) String() string {
	if sh.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", sh.Index, sh.Count)
}

// Has says whether the article stored at path belongs to the shard. The
// hash is of the stored path (relative to its root), so it is the same on
// every machine and every run.
func (sh Shard) Has(path string) bool {
	if sh.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(path))
	return h.Sum64()%uint64(sh.Count) == uint64(sh.Index)
}

// BeginShardRun records the start of one shard's run. A run of the same
// shard still marked running was left by a worker that died (the caller
// holds LockShard, so no live worker runs that shard): it is marked
// interrupted. The runs of other shards are theirs.
func (s *Store) BeginShardRun(ctx context.Context, roots []string, sh Shard) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE runs SET status = ? WHERE status = ? AND shard = ?", RunInterrupted, RunRunning, sh.String()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO runs (started_at, status, roots, shard) VALUES (?, ?, ?, ?) RETURNING id",
			time.Now().UTC().Format(time.RFC3339Nano), RunRunning, strings.Join(roots, "\n"), sh.String()).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("begin run of shard %s: %w", sh, err)
	}
	return id, nil
}

// ShardsDone says whether every shard of count has finished a run since
// the last reconciliation (the last whole run that finished): then the
// corpus is whole again and it is time to reconcile. The shards' lock
// keeps a reconciliation and a shard's run from overlapping, so run ids
// order them.
func (s *Store) ShardsDone(ctx context.Context, count int) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT shard) FROM runs WHERE status = ? AND shard LIKE ?
		AND id > (SELECT coalesce(max(id), 0) FROM runs WHERE status = ? AND shard = '')`,
		RunDone, "%/"+strconv.Itoa(count), RunDone).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("count finished shards: %w", err)
	}
	return n == count, nil
}

// ShardLock is a sharded run's hold on a PostgreSQL database: the run
// lock shared with the other shards, and its own shard's lock alone. Both
// go with the session when the worker dies.
type ShardLock struct {
	l *pgLock
}

// LockShard takes a shard's locks on the PostgreSQL database at dsn:
// shards run together; a whole run, a reconciliation or a second worker
// on the same shard waits (wait) or is refused with a *LockedError.
func LockShard(ctx context.Context, dsn string, sh Shard, wait bool) (*ShardLock, error) {
	if !IsPostgres(dsn) {
		return nil, fmt.Errorf("sharded runs need a PostgreSQL database, not %s", displayPath(dsn))
	}
	l, err := lockPostgres(ctx, dsn, lockKey("claimcheck shard "+sh.String()), false, wait)
	if err != nil {
		return nil, err
	}
	if err := l.take(ctx, runLockKey, true, wait); err != nil {
		l.release()
		return nil, err
	}
	return &ShardLock{l: l}, nil
}

// Exclusive trades the shared run lock for the run lock alone, waiting
// for the other shards to let go: the last shard to finish reconciles.
func (sl *ShardLock) Exclusive(ctx context.Context) error {
	if _, err := sl.l.conn.Exec(ctx, "SELECT pg_advisory_unlock_shared($1)", runLockKey); err != nil {
		return fmt.Errorf("lock %s: %w", Redact(sl.l.dsn), err)
	}
	return sl.l.take(ctx, runLockKey, false, true)
}

// Release drops the locks.
func (sl *ShardLock) Release() error { return sl.l.release() }
