package store

import (
	"context"
	"database/sql"
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
