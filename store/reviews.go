package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
)

// recordReview appends a verdict to the finding's history, with the
// evidence it was given on.
func recordReview(ctx context.Context, tx *sql.Tx, id, state, note, who, at string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (finding, state, note, reviewed_by, reviewed_at, evidence)
		SELECT id, ?, ?, ?, ?, evidence FROM findings WHERE id = ?`, state, note, who, at, id); err != nil {
		return fmt.Errorf("record the review of finding %s: %w", id, err)
	}
	return nil
}

// ReviewHistory returns every verdict given on a finding, oldest first;
// the finding's Review is the last of them. An unknown id is an error
// wrapping ErrNotFound.
func (s *Store) ReviewHistory(ctx context.Context, id string) ([]Review, error) {
	if _, err := s.Finding(ctx, id); err != nil {
		return nil, err
	}
	h, err := s.ReviewHistories(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	return h[id], nil
}

// ReviewHistories returns the verdicts given on each of the findings ids,
// oldest first, in one query: a page of thousands of findings reads its
// histories at once. A finding without verdicts, or unknown, has no entry.
// Past maxParams ids it reads every verdict and keeps the wanted ones, as
// ClaimsByID does: the verdicts are far fewer than the claims.
func (s *Store) ReviewHistories(ctx context.Context, ids []string) (map[string][]Review, error) {
	out := map[string][]Review{}
	if len(ids) == 0 {
		return out, nil
	}
	want := make(map[string]bool, len(ids))
	var unique []string
	for _, id := range ids {
		if !want[id] {
			want[id] = true
			unique = append(unique, id)
		}
	}
	q := "SELECT finding, state, note, reviewed_by, reviewed_at FROM reviews"
	var args []any
	if len(unique) <= maxParams {
		var where string
		where, args = inList("finding", unique)
		q += " WHERE " + where
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("review histories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at string
		var r Review
		if err := rows.Scan(&id, &r.State, &r.Note, &r.By, &at); err != nil {
			return nil, fmt.Errorf("review histories: %w", err)
		}
		if want[id] {
			r.At = parseTime(at)
			out[id] = append(out[id], r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review histories: %w", err)
	}
	return out, nil
}

// SharedSecret returns the secret called name, made at random by the
// first process that asks and the same for every process on this
// database: serve processes behind one address accept each other's forms.
func (s *Store) SharedSecret(ctx context.Context, name string) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
		name, base64.RawURLEncoding.EncodeToString(b[:])); err != nil {
		return "", fmt.Errorf("shared secret %s: %w", name, err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = ?", name).Scan(&v); err != nil {
		return "", fmt.Errorf("shared secret %s: %w", name, err)
	}
	return v, nil
}
