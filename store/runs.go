package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Run statuses.
const (
	RunRunning     = "running"
	RunDone        = "done"
	RunInterrupted = "interrupted" // stopped by a signal, or its process died
	RunFailed      = "failed"
)

// Run is one recorded ingest or scheduled run.
type Run struct {
	ID             int64
	Started, Ended time.Time // Ended is zero while running, or when the process died
	Status         string    // RunRunning, RunDone, RunInterrupted or RunFailed
	Roots          []string
	Stats          RunStats
	Inputs         string // a digest of the corpus, rules and listing the run reconciled
	Shard          string // "i/n" for one shard of a sharded ingest; "" for a whole run
}

// RunStats counts what a run did.
type RunStats struct {
	Found, Added, Changed, Removed, Unchanged, Claims int
	FindingsNew, FindingsUnchanged, FindingsResolved  int
	Errors                                            int // files that could not be read as articles
	Skipped                                           int // passed over: other extensions, hidden files, unreadable folders, link loops
}

// RunError is a file that failed in a run.
type RunError struct {
	Path, Message string
}

// BeginRun records the start of a run and returns its id. A run still
// marked running was left by a process that died (the caller holds Lock,
// so no other process is running): it is marked interrupted.
func (s *Store) BeginRun(ctx context.Context, roots []string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE runs SET status = ? WHERE status = ?", RunInterrupted, RunRunning); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO runs (started_at, status, roots) VALUES (?, ?, ?) RETURNING id",
			time.Now().UTC().Format(time.RFC3339Nano), RunRunning, strings.Join(roots, "\n")).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// EndRun records how run id ended: its counts, its status (RunDone,
// RunInterrupted or RunFailed) and a digest of its inputs.
func (s *Store) EndRun(ctx context.Context, id int64, st RunStats, status, inputs string) error {
	switch status {
	case RunDone, RunInterrupted, RunFailed:
	default:
		return fmt.Errorf("end run %d: unknown status %q", id, status)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE runs SET ended_at=?, status=?, found=?, added=?, changed=?, removed=?, unchanged=?,
		claims=?, findings_new=?, findings_unchanged=?, findings_resolved=?, errors=?, skipped=?, inputs=? WHERE id=?`,
		time.Now().UTC().Format(time.RFC3339Nano), status, st.Found, st.Added, st.Changed, st.Removed, st.Unchanged, st.Claims,
		st.FindingsNew, st.FindingsUnchanged, st.FindingsResolved, st.Errors, st.Skipped, inputs, id)
	if err != nil {
		return fmt.Errorf("end run %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("end run %d: run %w", id, ErrNotFound)
	}
	return nil
}

// AddRunError records a file that failed in a run.
func (s *Store) AddRunError(ctx context.Context, runID int64, path, msg string) error {
	if _, err := s.db.ExecContext(ctx, "INSERT INTO run_errors (run_id, path, message) VALUES (?,?,?)", runID, path, msg); err != nil {
		return fmt.Errorf("record error of run %d for %s: %w", runID, path, err)
	}
	return nil
}

// RunErrors returns the files that failed in a run, in the order recorded.
func (s *Store) RunErrors(ctx context.Context, runID int64) ([]RunError, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT path, message FROM run_errors WHERE run_id = ? ORDER BY rowid", runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RunError
	for rows.Next() {
		var e RunError
		if err := rows.Scan(&e.Path, &e.Message); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const runCols = `id, started_at, ended_at, status, roots, found, added, changed, removed, unchanged, claims,
	findings_new, findings_unchanged, findings_resolved, errors, skipped, inputs, shard`

func scanRun(sc scanner) (Run, error) {
	var r Run
	var started, ended, roots string
	st := &r.Stats
	if err := sc.Scan(&r.ID, &started, &ended, &r.Status, &roots, &st.Found, &st.Added, &st.Changed, &st.Removed, &st.Unchanged,
		&st.Claims, &st.FindingsNew, &st.FindingsUnchanged, &st.FindingsResolved, &st.Errors, &st.Skipped, &r.Inputs, &r.Shard); err != nil {
		return r, err
	}
	r.Started, r.Ended = parseTime(started), parseTime(ended)
	if roots != "" {
		r.Roots = strings.Split(roots, "\n")
	}
	return r, nil
}

// Runs returns the latest limit runs, newest first; every run when limit
// is 0 or less.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	q, args := "SELECT "+runCols+" FROM runs ORDER BY id DESC", []any{}
	if limit > 0 {
		q, args = q+" LIMIT ?", append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastRun returns the newest run that finished (RunDone); ok is false when
// none has.
func (s *Store) LastRun(ctx context.Context) (r Run, ok bool, err error) {
	r, err = scanRun(s.db.QueryRowContext(ctx, "SELECT "+runCols+" FROM runs WHERE status = ? ORDER BY id DESC LIMIT 1", RunDone))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, false, nil
	}
	if err != nil {
		return Run{}, false, err
	}
	return r, true, nil
}
