package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/reconcile"
)

// Review states.
const (
	ReviewOpen      = "open"
	ReviewConfirmed = "confirmed"
	ReviewDismissed = "dismissed"
)

// Finding statuses: a finding whose evidence is gone is resolved, never deleted.
const (
	StatusOpen     = "open"
	StatusResolved = "resolved"
)

// Review is an editor's verdict on a finding.
type Review struct {
	State string
	Note  string
	By    string
	At    time.Time
}

// Entry is a stored finding with its history and review.
type Entry struct {
	reconcile.Finding
	Status       string // open or resolved
	Review       Review
	ReopenReason string // why a resolved or dismissed finding came back
	FirstRun     int64
	LastRun      int64
	ResolvedRun  int64
	ChangedRun   int64 // the run that last reopened it
}

// Diff is what a run changed in the findings.
type Diff struct {
	New       []string // first seen this run
	Reopened  []string // resolved before, back this run; or dismissed, with new evidence
	Unchanged []string
	Resolved  []string // open before, gone this run
}

// RecordFindings stores the findings of a run and resolves the open ones it
// no longer reports, in one transaction.
func (s *Store) RecordFindings(ctx context.Context, runID int64, fs []reconcile.Finding) (Diff, error) {
	var d Diff
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		type prior struct {
			status, review, evidence, reviewedEvidence string
			claims                                     []string
		}
		old := map[string]prior{}
		rows, err := tx.QueryContext(ctx, "SELECT id, status, review, evidence, reviewed_evidence, claims FROM findings")
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, claims string
			var p prior
			if err := rows.Scan(&id, &p.status, &p.review, &p.evidence, &p.reviewedEvidence, &claims); err != nil {
				rows.Close()
				return err
			}
			_ = json.Unmarshal([]byte(claims), &p.claims)
			old[id] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, f := range fs {
			if seen[f.ID] {
				continue
			}
			seen[f.ID] = true
			claims, _ := json.Marshal(f.Claims)
			sides, _ := json.Marshal(f.Sides)
			p, existed := old[f.ID]
			switch {
			case !existed:
				d.New = append(d.New, f.ID)
				_, err = tx.ExecContext(ctx, `INSERT INTO findings (id, fingerprint, type, kind, subject, object, severity, message, claims, sides,
					evidence, checked, status, first_run, last_run, changed_run) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'open',?,?,?)`,
					f.ID, f.Fingerprint, string(f.Type), string(f.Kind), f.Subject, f.Object, string(f.Severity), f.Message,
					string(claims), string(sides), f.Evidence, f.Checked, runID, runID, runID)
			default:
				reason := ""
				review := p.review
				switch {
				case p.status == StatusResolved:
					reason = "its evidence is back"
					d.Reopened = append(d.Reopened, f.ID)
				case p.review == ReviewDismissed && p.reviewedEvidence != "" && p.reviewedEvidence != f.Evidence:
					reason = "new evidence since it was dismissed: " + evidenceChange(p.claims, f.Claims)
					review = ReviewOpen
					d.Reopened = append(d.Reopened, f.ID)
				default:
					d.Unchanged = append(d.Unchanged, f.ID)
				}
				changed := "changed_run"
				if reason != "" {
					changed = "?"
				}
				q := `UPDATE findings SET fingerprint=?, type=?, kind=?, subject=?, object=?, severity=?, message=?, claims=?, sides=?,
					evidence=?, checked=?, status='open', last_run=?, resolved_run=0, review=?, changed_run=` + changed
				args := []any{f.Fingerprint, string(f.Type), string(f.Kind), f.Subject, f.Object, string(f.Severity), f.Message,
					string(claims), string(sides), f.Evidence, f.Checked, runID, review}
				if reason != "" {
					q += ", reopen_reason=?"
					args = append(args, runID, reason)
				}
				_, err = tx.ExecContext(ctx, q+" WHERE id=?", append(args, f.ID)...)
			}
			if err != nil {
				return fmt.Errorf("store finding %s: %w", f.ID, err)
			}
		}
		var gone []string
		for id, p := range old {
			if !seen[id] && p.status == StatusOpen {
				gone = append(gone, id)
			}
		}
		sort.Strings(gone)
		for _, id := range gone {
			if _, err := tx.ExecContext(ctx, "UPDATE findings SET status='resolved', resolved_run=? WHERE id=?", runID, id); err != nil {
				return err
			}
		}
		d.Resolved = gone
		return nil
	})
	return d, err
}

// evidenceChange says which claims joined or left a finding.
func evidenceChange(before, after []string) string {
	had := map[string]bool{}
	for _, c := range before {
		had[c] = true
	}
	var added []string
	for _, c := range after {
		if !had[c] {
			added = append(added, c)
		}
	}
	if len(added) == 0 {
		return "claims left it"
	}
	return "claims " + strings.Join(added, ", ") + " joined it"
}

// Filter selects findings.
type Filter struct {
	Status   string // open (default), resolved or all
	Review   string // open, confirmed, dismissed; "" for any
	Type     string
	Kind     string
	SinceRun int64 // first seen or reopened after this run
	NewInRun int64 // first seen or reopened in this run
}

// Findings returns the findings a filter selects, the most severe first.
func (s *Store) Findings(ctx context.Context, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	switch f.Status {
	case "", StatusOpen:
		where = append(where, "status = 'open'")
	case StatusResolved:
		where = append(where, "status = 'resolved'")
	case "all":
	default:
		return nil, fmt.Errorf("unknown status %q: want open, resolved or all", f.Status)
	}
	if f.Review != "" {
		where, args = append(where, "review = ?"), append(args, f.Review)
	}
	if f.Type != "" {
		where, args = append(where, "type = ?"), append(args, f.Type)
	}
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, f.Kind)
	}
	if f.SinceRun > 0 {
		where, args = append(where, "(first_run > ? OR changed_run > ?)"), append(args, f.SinceRun, f.SinceRun)
	}
	if f.NewInRun > 0 {
		where, args = append(where, "(first_run = ? OR changed_run = ?)"), append(args, f.NewInRun, f.NewInRun)
	}
	q := `SELECT id, fingerprint, type, kind, subject, object, severity, message, claims, sides, evidence, checked, status,
		first_run, last_run, resolved_run, changed_run, review, review_note, reviewed_by, reviewed_at, reopen_reason FROM findings`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, kind, subject, id"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var typ, kind, sev, claims, sides, at string
		if err := rows.Scan(&e.ID, &e.Fingerprint, &typ, &kind, &e.Subject, &e.Object, &sev, &e.Message, &claims, &sides,
			&e.Evidence, &e.Checked, &e.Status, &e.FirstRun, &e.LastRun, &e.ResolvedRun, &e.ChangedRun, &e.Review.State,
			&e.Review.Note, &e.Review.By, &at, &e.ReopenReason); err != nil {
			return nil, err
		}
		e.Type, e.Kind, e.Severity = reconcile.Type(typ), extractKind(kind), reconcile.Severity(sev)
		e.Review.At = parseTime(at)
		if err := json.Unmarshal([]byte(claims), &e.Claims); err != nil {
			return nil, fmt.Errorf("finding %s: %w", e.ID, err)
		}
		_ = json.Unmarshal([]byte(sides), &e.Sides)
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetReview records an editor's verdict on a finding.
func (s *Store) SetReview(ctx context.Context, id, state, note, who string) error {
	switch state {
	case ReviewOpen, ReviewConfirmed, ReviewDismissed:
	default:
		return fmt.Errorf("unknown review state %q: want open, confirmed or dismissed", state)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE findings SET review=?, review_note=?, reviewed_by=?, reviewed_at=?, reviewed_evidence=evidence,
		reopen_reason='' WHERE id=?`, state, note, who, time.Now().UTC().Format(time.RFC3339), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("finding %s: %w (list them with 'claimcheck report')", id, ErrNotFound)
	}
	return nil
}
