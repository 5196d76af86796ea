package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver
)

// migrations build the schema; each runs once, in order, in its own
// transaction, and PRAGMA user_version records how many have run.
var migrations = []string{
	// 1: articles, claims, findings, runs, listings.
	`CREATE TABLE articles (
		path TEXT PRIMARY KEY,
		id TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		size INTEGER NOT NULL,
		mtime_ns INTEGER NOT NULL,
		format TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		byline TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT '',
		published TEXT NOT NULL DEFAULT '',
		precision TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL,
		warnings TEXT NOT NULL DEFAULT '',
		run_id INTEGER,
		ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
	);
	CREATE TABLE claims (
		id TEXT PRIMARY KEY,
		article TEXT NOT NULL REFERENCES articles(path) ON DELETE CASCADE,
		kind TEXT NOT NULL,
		subject TEXT NOT NULL DEFAULT '',
		object TEXT NOT NULL DEFAULT '',
		normalized TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL,
		sentence TEXT NOT NULL,
		start INTEGER NOT NULL,
		"end" INTEGER NOT NULL,
		sent_start INTEGER NOT NULL,
		sent_end INTEGER NOT NULL,
		hedged INTEGER NOT NULL DEFAULT 0,
		attribution TEXT NOT NULL DEFAULT '',
		period TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT '',
		aspect TEXT NOT NULL DEFAULT '',
		event TEXT NOT NULL DEFAULT '',
		value TEXT NOT NULL
	);
	CREATE INDEX claims_article ON claims(article);
	CREATE TABLE runs (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		started_at TEXT NOT NULL,
		ended_at TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT 'running',
		roots TEXT NOT NULL DEFAULT '',
		found INTEGER NOT NULL DEFAULT 0,
		added INTEGER NOT NULL DEFAULT 0,
		changed INTEGER NOT NULL DEFAULT 0,
		removed INTEGER NOT NULL DEFAULT 0,
		unchanged INTEGER NOT NULL DEFAULT 0,
		claims INTEGER NOT NULL DEFAULT 0,
		findings_new INTEGER NOT NULL DEFAULT 0,
		findings_unchanged INTEGER NOT NULL DEFAULT 0,
		findings_resolved INTEGER NOT NULL DEFAULT 0,
		errors INTEGER NOT NULL DEFAULT 0,
		inputs TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE run_errors (
		run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
		path TEXT NOT NULL,
		message TEXT NOT NULL
	);
	CREATE TABLE findings (
		id TEXT PRIMARY KEY,
		fingerprint TEXT NOT NULL,
		type TEXT NOT NULL,
		kind TEXT NOT NULL,
		subject TEXT NOT NULL DEFAULT '',
		object TEXT NOT NULL DEFAULT '',
		severity TEXT NOT NULL,
		message TEXT NOT NULL,
		claims TEXT NOT NULL,
		sides TEXT NOT NULL DEFAULT '[]',
		evidence TEXT NOT NULL,
		checked TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT 'open',
		first_run INTEGER NOT NULL,
		last_run INTEGER NOT NULL,
		resolved_run INTEGER NOT NULL DEFAULT 0,
		changed_run INTEGER NOT NULL DEFAULT 0,
		review TEXT NOT NULL DEFAULT 'open',
		review_note TEXT NOT NULL DEFAULT '',
		reviewed_by TEXT NOT NULL DEFAULT '',
		reviewed_at TEXT NOT NULL DEFAULT '',
		reviewed_evidence TEXT NOT NULL DEFAULT '',
		reopen_reason TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE listings (
		name TEXT PRIMARY KEY,
		date TEXT NOT NULL DEFAULT '',
		imported_at TEXT NOT NULL
	);
	CREATE TABLE listing_entries (
		listing TEXT NOT NULL REFERENCES listings(name) ON DELETE CASCADE,
		symbol TEXT NOT NULL,
		exchange TEXT NOT NULL DEFAULT '',
		company TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX listing_entries_listing ON listing_entries(listing);`,
}

// SchemaVersion is the schema this build writes.
var SchemaVersion = len(migrations)

// Store is an open claimcheck database.
type Store struct {
	db   *sql.DB
	path string
}

// ErrNotFound is returned for an id or path the store does not hold.
var ErrNotFound = errors.New("not found")

// Open opens (creating and migrating when needed) the database at path;
// "" or ":memory:" opens a private in-memory database.
func Open(ctx context.Context, path string) (*Store, error) {
	memory := path == "" || path == ":memory:"
	dsn := "file:" + path + "?_busy_timeout=10000&_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL"
	if memory {
		var b [8]byte
		_, _ = rand.Read(b[:])
		dsn = "file:claimcheck-" + hex.EncodeToString(b[:]) + "?mode=memory&cache=shared&_foreign_keys=on"
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if memory {
		// Every connection to a shared in-memory database must stay open,
		// or the database goes with the last one.
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetMaxIdleConns(1)
	} else {
		db.SetMaxOpenConns(4)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Path is where the database lives ("" in memory).
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return fmt.Errorf("not a SQLite database: pass a new path or a claimcheck database with --db")
		}
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("the database has schema version %d, newer than this claimcheck (%d): upgrade claimcheck", v, SchemaVersion)
	}
	for i := v; i < SchemaVersion; i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to schema %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return fmt.Errorf("integrity check: rows refer to missing articles or runs")
	}
	return rows.Err()
}

// withTx runs fn in a transaction, committing only when fn succeeds.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
