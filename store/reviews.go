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
	rows, err := s.db.QueryContext(ctx, "SELECT state, note, reviewed_by, reviewed_at FROM reviews WHERE finding = ? ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("review history of %s: %w", id, err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var at string
		if err := rows.Scan(&r.State, &r.Note, &r.By, &at); err != nil {
			return nil, fmt.Errorf("review history of %s: %w", id, err)
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
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
