package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/extract"
)

func extractKind(s string) extract.Kind { return extract.Kind(s) }

// Run is one recorded ingest or scheduled run.
type Run struct {
	ID             int64
	Started, Ended time.Time
	Status         string // running, done, interrupted, failed
	Roots          []string
	Stats          RunStats
	Inputs         string // a digest of the corpus, rules and listing the run reconciled
}

// RunStats counts what a run did.
type RunStats struct {
	Found, Added, Changed, Removed, Unchanged, Claims int
	FindingsNew, FindingsUnchanged, FindingsResolved  int
	Errors                                            int
}

// BeginRun records the start of a run. A run still marked running (its
// process died) is marked interrupted.
func (s *Store) BeginRun(ctx context.Context, roots []string) (int64, error) {
	if _, err := s.db.ExecContext(ctx, "UPDATE runs SET status='interrupted' WHERE status='running'"); err != nil {
		return 0, err
	}
	res, err := s.db.ExecContext(ctx, "INSERT INTO runs (started_at, roots) VALUES (?, ?)",
		time.Now().UTC().Format(time.RFC3339Nano), strings.Join(roots, "\n"))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// EndRun records how a run ended.
func (s *Store) EndRun(ctx context.Context, id int64, st RunStats, status, inputs string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE runs SET ended_at=?, status=?, found=?, added=?, changed=?, removed=?, unchanged=?, claims=?,
		findings_new=?, findings_unchanged=?, findings_resolved=?, errors=?, inputs=? WHERE id=?`,
		time.Now().UTC().Format(time.RFC3339Nano), status, st.Found, st.Added, st.Changed, st.Removed, st.Unchanged, st.Claims,
		st.FindingsNew, st.FindingsUnchanged, st.FindingsResolved, st.Errors, inputs, id)
	return err
}

// AddRunError records a file that failed in a run.
func (s *Store) AddRunError(ctx context.Context, runID int64, path, msg string) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO run_errors (run_id, path, message) VALUES (?,?,?)", runID, path, msg)
	return err
}

// Runs returns the latest runs, newest first.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, started_at, ended_at, status, roots, found, added, changed, removed, unchanged, claims,
		findings_new, findings_unchanged, findings_resolved, errors, inputs FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var started, ended, roots string
		st := &r.Stats
		if err := rows.Scan(&r.ID, &started, &ended, &r.Status, &roots, &st.Found, &st.Added, &st.Changed, &st.Removed, &st.Unchanged,
			&st.Claims, &st.FindingsNew, &st.FindingsUnchanged, &st.FindingsResolved, &st.Errors, &r.Inputs); err != nil {
			return nil, err
		}
		r.Started, r.Ended = parseTime(started), parseTime(ended)
		if roots != "" {
			r.Roots = strings.Split(roots, "\n")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastRun returns the newest finished run, if any.
func (s *Store) LastRun(ctx context.Context) (Run, bool, error) {
	rs, err := s.Runs(ctx, 50)
	if err != nil {
		return Run{}, false, err
	}
	for _, r := range rs {
		if r.Status == "done" {
			return r, true, nil
		}
	}
	return Run{}, false, nil
}

// ListingEntry is one row of an imported listing.
type ListingEntry struct{ Symbol, Exchange, Company string }

// ImportListing replaces the listing called name.
func (s *Store) ImportListing(ctx context.Context, name, date string, entries []ListingEntry) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM listings WHERE name = ?", name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO listings (name, date, imported_at) VALUES (?,?,?)", name, date,
			time.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, "INSERT INTO listing_entries (listing, symbol, exchange, company) VALUES (?,?,?,?)")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, e := range entries {
			if _, err := st.ExecContext(ctx, name, e.Symbol, e.Exchange, e.Company); err != nil {
				return err
			}
		}
		return nil
	})
}

// Listing is an imported listing's name and date.
type Listing struct{ Name, Date string }

// Listings returns the imported listings, the newest import first.
func (s *Store) Listings(ctx context.Context) ([]Listing, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name, date FROM listings ORDER BY imported_at DESC, name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Listing
	for rows.Next() {
		var l Listing
		if err := rows.Scan(&l.Name, &l.Date); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// ListingEntries returns the rows of an imported listing.
func (s *Store) ListingEntries(ctx context.Context, name string) ([]ListingEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT symbol, exchange, company FROM listing_entries WHERE listing = ?", name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ListingEntry
	for rows.Next() {
		var e ListingEntry
		if err := rows.Scan(&e.Symbol, &e.Exchange, &e.Company); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
