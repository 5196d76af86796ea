package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ListingEntry is one security of an imported ticker listing.
type ListingEntry struct {
	Symbol, Exchange, Company string
	Listed, Delisted          string // a listing history's dates, YYYY-MM-DD; empty when open
}

// Listing is an imported listing: its name, the date its publisher gave
// it, and when it was imported.
type Listing struct {
	Name, Date string
	ImportedAt time.Time
}

// ImportListing stores the listing called name, replacing any listing of
// that name, in one transaction.
func (s *Store) ImportListing(ctx context.Context, name, date string, entries []ListingEntry) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		// The entries of the old listing go with it, by cascade.
		if _, err := tx.ExecContext(ctx, "DELETE FROM listings WHERE name = ?", name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO listings (name, date, imported_at) VALUES (?,?,?)", name, date,
			time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, "INSERT INTO listing_entries (listing, symbol, exchange, company, listed, delisted) VALUES (?,?,?,?,?,?)")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, e := range entries {
			if _, err := st.ExecContext(ctx, name, e.Symbol, e.Exchange, e.Company, e.Listed, e.Delisted); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import listing %s: %w", name, err)
	}
	return nil
}

// Listings returns the imported listings, the latest import first.
func (s *Store) Listings(ctx context.Context) ([]Listing, error) {
	// rowid breaks ties between imports within one clock tick: a
	// re-imported listing is a new row, so the latest has the largest.
	rows, err := s.db.QueryContext(ctx, "SELECT name, date, imported_at FROM listings ORDER BY rowid DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Listing
	for rows.Next() {
		var l Listing
		var at string
		if err := rows.Scan(&l.Name, &l.Date, &at); err != nil {
			return nil, err
		}
		l.ImportedAt = parseTime(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

// ListingEntries returns the entries of the listing called name, by
// symbol and exchange; an unknown name is an error wrapping ErrNotFound.
func (s *Store) ListingEntries(ctx context.Context, name string) ([]ListingEntry, error) {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM listings WHERE name = ?", name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("listing %s %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT symbol, exchange, company, listed, delisted FROM listing_entries WHERE listing = ? ORDER BY symbol, exchange, rowid", name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ListingEntry
	for rows.Next() {
		var e ListingEntry
		if err := rows.Scan(&e.Symbol, &e.Exchange, &e.Company, &e.Listed, &e.Delisted); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
