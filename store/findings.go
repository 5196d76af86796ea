package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// Review states: an editor's verdict on a finding.
const (
	ReviewOpen      = "open"
	ReviewConfirmed = "confirmed"
	ReviewDismissed = "dismissed"
)

// Finding statuses: a finding whose evidence is gone is resolved, never
// deleted, so its review survives if it comes back.
const (
	StatusOpen     = "open"
	StatusResolved = "resolved"
	StatusAll      = "all" // for Filter only
)

// Why a finding came back.
const (
	ReasonEvidenceReturned = "evidence returned"
	reasonNewEvidence      = "new evidence: "
)

// Review is an editor's verdict on a finding.
type Review struct {
	State string // ReviewOpen, ReviewConfirmed or ReviewDismissed
	Note  string
	By    string
	At    time.Time // zero when never reviewed
}

// Entry is a stored finding with its history and review.
type Entry struct {
	reconcile.Finding
	Status       string // StatusOpen or StatusResolved
	Review       Review
	ReopenReason string // why a resolved or dismissed finding came back
	FirstRun     int64  // the run that first reported it
	LastRun      int64  // the last run that reported it
	ResolvedRun  int64  // the run that found it gone; 0 while open
	ChangedRun   int64  // the run that last reopened it (or first reported it)
}

// Diff is what one run changed in the stored findings. Each list is sorted.
type Diff struct {
	New       []string // first reported in this run
	Reopened  []string // resolved before and back, or dismissed and with new evidence
	Unchanged []string // open before and still reported
	Resolved  []string // open before and no longer reported
}

// priorFinding is what RecordFindings needs of a stored finding. While a
// finding is dismissed its evidence hash, and so its claims, are those it
// was dismissed with: any change reopens it.
type priorFinding struct {
	status, review, evidence, reviewedEvidence string
	claims                                     []string
	sides                                      []reconcile.Side
}

// RecordFindings stores the findings a run reported, in one transaction.
// A finding with a new ID is inserted open. One already open is updated
// and counted unchanged. One resolved earlier is reopened ("evidence
// returned"), unless it was dismissed and returns with the evidence it was
// dismissed with: then it is open again, still dismissed, and unchanged. A
// dismissed finding stays dismissed while its evidence hash is the one it
// was dismissed with; when it changes, the review goes back to open with a
// reason naming the articles and values that joined or left. Open
// findings missing from fs are marked resolved by runID. Of two findings
// with one ID, the first is stored.
func (s *Store) RecordFindings(ctx context.Context, runID int64, fs []reconcile.Finding) (Diff, error) {
	var d Diff
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := priorFindings(ctx, tx, s.pg != nil)
		if err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO findings (id, fingerprint, type, kind, subject, object, severity, message,
			claims, sides, evidence, checked, status, first_run, last_run, changed_run) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'open',?,?,?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE findings SET fingerprint=?, type=?, kind=?, subject=?, object=?, severity=?,
			message=?, claims=?, sides=?, evidence=?, checked=?, status='open', last_run=?, resolved_run=0, review=?,
			changed_run=CASE WHEN ? THEN ? ELSE changed_run END,
			reopen_reason=CASE WHEN ? THEN ? ELSE reopen_reason END
			WHERE id=?`)
		if err != nil {
			return err
		}
		defer update.Close()
		seen := map[string]bool{}
		for _, f := range fs {
			if seen[f.ID] {
				continue // the same fact reported twice: the first (most severe) stands
			}
			seen[f.ID] = true
			claims, err := json.Marshal(nonNil(f.Claims))
			if err != nil {
				return err
			}
			sides, err := json.Marshal(f.Sides)
			if err != nil {
				return err
			}
			p, existed := old[f.ID]
			if !existed {
				d.New = append(d.New, f.ID)
				if _, err := insert.ExecContext(ctx, f.ID, f.Fingerprint, string(f.Type), string(f.Kind), f.Subject, f.Object,
					string(f.Severity), f.Message, string(claims), string(sides), f.Evidence, f.Checked, runID, runID, runID); err != nil {
					return fmt.Errorf("store finding %s: %w", f.ID, err)
				}
				continue
			}
			var reasons []string
			review := p.review
			// A dismissal covers the evidence it was given: the same evidence
			// coming back (an article removed and put back unchanged) is
			// nothing an editor has not already judged.
			stillDismissed := p.review == ReviewDismissed && (p.reviewedEvidence == "" || p.reviewedEvidence == f.Evidence)
			if p.status == StatusResolved && !stillDismissed {
				reasons = append(reasons, ReasonEvidenceReturned)
			}
			if p.review == ReviewDismissed && !stillDismissed {
				reasons = append(reasons, reasonNewEvidence+evidenceChange(p.claims, f.Claims, p.sides, f.Sides))
				review = ReviewOpen
			}
			reopened := len(reasons) > 0
			if reopened {
				d.Reopened = append(d.Reopened, f.ID)
			} else {
				d.Unchanged = append(d.Unchanged, f.ID)
			}
			if _, err := update.ExecContext(ctx, f.Fingerprint, string(f.Type), string(f.Kind), f.Subject, f.Object,
				string(f.Severity), f.Message, string(claims), string(sides), f.Evidence, f.Checked, runID, review,
				reopened, runID, reopened, strings.Join(reasons, "; "), f.ID); err != nil {
				return fmt.Errorf("store finding %s: %w", f.ID, err)
			}
		}
		for id, p := range old {
			if !seen[id] && p.status == StatusOpen {
				d.Resolved = append(d.Resolved, id)
			}
		}
		for _, id := range d.Resolved {
			if _, err := tx.ExecContext(ctx, "UPDATE findings SET status='resolved', resolved_run=? WHERE id=?", runID, id); err != nil {
				return fmt.Errorf("resolve finding %s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return Diff{}, err
	}
	sort.Strings(d.New)
	sort.Strings(d.Reopened)
	sort.Strings(d.Unchanged)
	sort.Strings(d.Resolved)
	return d, nil
}

func priorFindings(ctx context.Context, tx *sql.Tx, postgres bool) (map[string]priorFinding, error) {
	q := "SELECT id, status, review, evidence, reviewed_evidence, claims, sides FROM findings"
	if postgres {
		// A verdict given while this transaction runs waits for it, so
		// that the review written back below is never an older one.
		q += " FOR UPDATE"
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	old := map[string]priorFinding{}
	for rows.Next() {
		var id, claims, sides string
		var p priorFinding
		if err := rows.Scan(&id, &p.status, &p.review, &p.evidence, &p.reviewedEvidence, &claims, &sides); err != nil {
			return nil, err
		}
		// Only a reopen reason is built from these: unreadable ones
		// make it vaguer, not wrong.
		_ = json.Unmarshal([]byte(claims), &p.claims)
		_ = json.Unmarshal([]byte(sides), &p.sides)
		old[id] = p
	}
	return old, rows.Err()
}

// evidenceChange says, for an editor, which articles joined a finding and
// with which value, and which left it. Claim ids mean nothing to an
// editor; they are counted only when the articles stay the same.
func evidenceChange(before, after []string, beforeSides, afterSides []reconcile.Side) string {
	var parts []string
	byValue := func(sides []reconcile.Side) map[string]reconcile.Side {
		m := map[string]reconcile.Side{}
		for _, s := range sides {
			m[s.Value] = s
		}
		return m
	}
	was, now := byValue(beforeSides), byValue(afterSides)
	for _, s := range afterSides {
		if arts := difference(sorted(s.Articles), sorted(was[s.Value].Articles)); len(arts) > 0 {
			parts = append(parts, strings.Join(arts, ", ")+" joined saying "+s.Value)
		} else if n := len(difference(s.Claims, before)); n > 0 {
			parts = append(parts, fmt.Sprintf("%d more %s saying %s", n, plural(n, "claim", "claims"), s.Value))
		}
	}
	for _, s := range beforeSides {
		if arts := difference(sorted(s.Articles), sorted(now[s.Value].Articles)); len(arts) > 0 {
			parts = append(parts, strings.Join(arts, ", ")+plural(len(arts), " no longer says ", " no longer say ")+s.Value)
		} else if n := len(difference(s.Claims, after)); n > 0 {
			parts = append(parts, fmt.Sprintf("%d fewer %s saying %s", n, plural(n, "claim", "claims"), s.Value))
		}
	}
	if len(parts) == 0 {
		// Findings without sides (tickers, arithmetic): say how many.
		joined, left := len(difference(after, before)), len(difference(before, after))
		if joined > 0 {
			parts = append(parts, fmt.Sprintf("%d %s joined", joined, plural(joined, "claim", "claims")))
		}
		if left > 0 {
			parts = append(parts, fmt.Sprintf("%d %s left", left, plural(left, "claim", "claims")))
		}
	}
	if len(parts) == 0 {
		return "its evidence changed"
	}
	return strings.Join(parts, "; ")
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// difference is the strings of a not in b, in a's order, once each.
func difference(a, b []string) []string {
	skip := map[string]bool{}
	for _, s := range b {
		skip[s] = true
	}
	var out []string
	for _, s := range a {
		if !skip[s] {
			skip[s] = true
			out = append(out, s)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Filter selects findings. The zero Filter selects every open finding.
type Filter struct {
	Status   string // StatusOpen (also ""), StatusResolved or StatusAll
	Review   string // a review state; "" for any
	Type     string // a reconcile.Type; "" for any
	Kind     string // an extract.Kind; "" for any
	SinceRun int64  // first reported, or reopened, after this run
	NewInRun int64  // first reported, or reopened, in this run
}

const findingCols = `id, fingerprint, type, kind, subject, object, severity, message, claims, sides, evidence, checked, status,
	first_run, last_run, resolved_run, changed_run, review, review_note, reviewed_by, reviewed_at, reopen_reason`

// Findings returns the findings f selects, ordered by severity (high
// first), then kind, subject and id.
func (s *Store) Findings(ctx context.Context, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	switch f.Status {
	case "", StatusOpen:
		where = append(where, "status = 'open'")
	case StatusResolved:
		where = append(where, "status = 'resolved'")
	case StatusAll:
	default:
		return nil, fmt.Errorf("unknown finding status %q: want open, resolved or all", f.Status)
	}
	switch f.Review {
	case "":
	case ReviewOpen, ReviewConfirmed, ReviewDismissed:
		where, args = append(where, "review = ?"), append(args, f.Review)
	default:
		return nil, fmt.Errorf("unknown review state %q: want open, confirmed or dismissed", f.Review)
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
	q := "SELECT " + findingCols + " FROM findings"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, kind, subject, id"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Finding returns one stored finding; an unknown id is an error wrapping
// ErrNotFound.
func (s *Store) Finding(ctx context.Context, id string) (Entry, error) {
	e, err := scanEntry(s.db.QueryRowContext(ctx, "SELECT "+findingCols+" FROM findings WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, notFound(id)
	}
	return e, err
}

func scanEntry(sc scanner) (Entry, error) {
	var e Entry
	var typ, kind, sev, claims, sides, at string
	if err := sc.Scan(&e.ID, &e.Fingerprint, &typ, &kind, &e.Subject, &e.Object, &sev, &e.Message, &claims, &sides,
		&e.Evidence, &e.Checked, &e.Status, &e.FirstRun, &e.LastRun, &e.ResolvedRun, &e.ChangedRun, &e.Review.State,
		&e.Review.Note, &e.Review.By, &at, &e.ReopenReason); err != nil {
		return e, err
	}
	e.Type, e.Kind, e.Severity = reconcile.Type(typ), extract.Kind(kind), reconcile.Severity(sev)
	e.Review.At = parseTime(at)
	if err := json.Unmarshal([]byte(claims), &e.Claims); err != nil {
		return e, fmt.Errorf("finding %s: stored claims are not valid: %w", e.ID, err)
	}
	if err := json.Unmarshal([]byte(sides), &e.Sides); err != nil {
		return e, fmt.Errorf("finding %s: stored sides are not valid: %w", e.ID, err)
	}
	return e, nil
}

func notFound(id string) error {
	return fmt.Errorf("finding %s %w: list them with `claimcheck report`", id, ErrNotFound)
}

// SetReview records an editor's verdict on a finding: state is
// ReviewConfirmed, ReviewDismissed or ReviewOpen. The finding's current
// evidence is remembered with it, so that a dismissal lasts until the
// evidence changes. An unknown id is an error wrapping ErrNotFound.
func (s *Store) SetReview(ctx context.Context, id, state, note, who string) error {
	switch state {
	case ReviewOpen, ReviewConfirmed, ReviewDismissed:
	default:
		return fmt.Errorf("unknown review state %q: want open, confirmed or dismissed", state)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		at := time.Now().UTC().Format(time.RFC3339Nano)
		res, err := tx.ExecContext(ctx, `UPDATE findings SET review=?, review_note=?, reviewed_by=?, reviewed_at=?,
			reviewed_evidence=evidence, reopen_reason='' WHERE id=?`, state, note, who, at, id)
		if err != nil {
			return fmt.Errorf("review finding %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound(id)
		}
		return recordReview(ctx, tx, id, state, note, who, at)
	})
}

// OpenCounts counts the open findings: those that need an editor (not
// dismissed) and those dismissed. It reads no finding.
func (s *Store) OpenCounts(ctx context.Context) (open, dismissed int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN review = 'dismissed' THEN 0 ELSE 1 END), 0),
		COALESCE(SUM(CASE WHEN review = 'dismissed' THEN 1 ELSE 0 END), 0)
		FROM findings WHERE status = 'open'`).Scan(&open, &dismissed)
	if err != nil {
		return 0, 0, fmt.Errorf("count findings: %w", err)
	}
	return open, dismissed, nil
}
