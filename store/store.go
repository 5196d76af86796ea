package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/mattn/go-sqlite3"
)

// driverName is mattn/go-sqlite3 with the settings every connection of
// ours gets.
const driverName = "claimcheck-sqlite3"

var registerDriver sync.Once

// walPages is how large the write-ahead log grows, in 4 KiB pages, before
// a commit copies it into the database. SQLite's default of 1000 makes
// nearly every ingest batch pay for a checkpoint and its fsyncs; 16384
// (64 MiB) lets index pages that many batches touch be written once.
var walPages = 16384

func connect(c *sqlite3.SQLiteConn) error {
	_, err := c.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walPages), nil)
	return err
}

// migrations build the schema. Each runs once, in order, in its own
// transaction, and PRAGMA user_version records how many have run. Append
// only: a migration that has shipped is never edited.
var migrations = []string{
	// 1: articles, claims, runs, findings, listings.
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

	// 2: indexes for the queries reconciliation and reports make, and the
	// claims a finding had when it was reviewed, so that a reopened
	// finding can say which claims joined since.
	`CREATE INDEX claims_kind_subject ON claims(kind, subject);
	CREATE INDEX findings_status ON findings(status, severity);
	CREATE INDEX run_errors_run ON run_errors(run_id);
	ALTER TABLE findings ADD COLUMN reviewed_claims TEXT NOT NULL DEFAULT '';`,

	// 3: claims are found by article, not by id alone. A unique index on
	// claim ids (random hashes) or on (kind, subject) puts every insert at
	// a random place in a large B-tree, which halves ingest speed once the
	// store holds a few hundred thousand claims; (article, id) keeps a
	// batch's inserts together, and serves the cascade from articles.
	`CREATE TABLE claims_v2 (
		id TEXT NOT NULL,
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
	INSERT INTO claims_v2 SELECT id, article, kind, subject, object, normalized, text, sentence, start, "end",
		sent_start, sent_end, hedged, attribution, period, status, aspect, event, value FROM claims ORDER BY article, id;
	DROP TABLE claims;
	ALTER TABLE claims_v2 RENAME TO claims;
	CREATE UNIQUE INDEX claims_article_id ON claims(article, id);
	ALTER TABLE findings DROP COLUMN reviewed_claims; -- a finding's claims are those it was reviewed with until they change`,
	// The part of a deal a figure is (upfront, contingent, per share...).
	`ALTER TABLE claims ADD COLUMN component TEXT NOT NULL DEFAULT ''`,
	// What a run passed over (unreadable folders, link loops, other
	// extensions): counted apart from the files that failed.
	`ALTER TABLE runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0`,
	// The round of a deal a figure names, and the plan a cut belongs to.
	`ALTER TABLE claims ADD COLUMN round TEXT NOT NULL DEFAULT '';
	ALTER TABLE claims ADD COLUMN plan TEXT NOT NULL DEFAULT '';`,
	// Runs say which shard of a sharded ingest they were ("i/n"), and
	// every verdict is kept: two editors reviewing one finding at once
	// both leave theirs, the later standing on the finding. The verdicts
	// given before this version start the history. Secrets are shared by
	// the processes serving one database (the review forms' token).
	`ALTER TABLE runs ADD COLUMN shard TEXT NOT NULL DEFAULT '';
	CREATE TABLE reviews (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		finding TEXT NOT NULL,
		state TEXT NOT NULL,
		note TEXT NOT NULL DEFAULT '',
		reviewed_by TEXT NOT NULL DEFAULT '',
		reviewed_at TEXT NOT NULL,
		evidence TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX reviews_finding ON reviews(finding, id);
	INSERT INTO reviews (finding, state, note, reviewed_by, reviewed_at, evidence)
		SELECT id, review, review_note, reviewed_by, reviewed_at, reviewed_evidence FROM findings WHERE reviewed_at != '' ORDER BY reviewed_at;
	CREATE TABLE secrets (
		name TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`,
	// The references a claim's sentence made to its parties ("its":
	// Mercor), JSON; '' for none.
	`ALTER TABLE claims ADD COLUMN refs TEXT NOT NULL DEFAULT ''`,
	// A listing history's dates: when a company traded under a symbol.
	`ALTER TABLE listing_entries ADD COLUMN listed TEXT NOT NULL DEFAULT '';
	ALTER TABLE listing_entries ADD COLUMN delisted TEXT NOT NULL DEFAULT '';`,
	// What reconciliation learnt of each fact, by a digest of all its
	// check read (reconcile.Memo): the next reconciliation checks again
	// only the facts whose digest is new. result is the fact's findings
	// as JSON, '' for none.
	`CREATE TABLE fact_memo (
		digest TEXT PRIMARY KEY,
		result TEXT NOT NULL DEFAULT ''
	);`,
}

// SchemaVersion is the schema this build reads and writes.
var SchemaVersion = len(migrations)

// Store is an open claimcheck database. Its methods are safe for
// concurrent use; writes are serialised by SQLite.
type Store struct {
	db   *sql.DB
	path string
	pg   *pgxpool.Pool // on PostgreSQL; nil on SQLite
}

// ErrNotFound is wrapped by errors for an id or path the store does not hold.
var ErrNotFound = errors.New("not found")

// Open opens the database at path, creating it and bringing its schema up
// to date when needed; "" or ":memory:" opens a private in-memory database.
// A file that is not a SQLite database, or a database written by a newer
// claimcheck, is refused with an error that says what to do.
//
// A postgres:// or postgresql:// URL opens that PostgreSQL database
// instead (see openPostgres).
func Open(ctx context.Context, path string) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(ctx, path)
	}
	memory := path == "" || path == ":memory:"
	var dsn string
	if memory {
		// A named shared-cache database is private to this Store; the
		// single connection below keeps it alive and is its only user.
		var b [8]byte
		_, _ = rand.Read(b[:])
		dsn = "file:claimcheck-" + hex.EncodeToString(b[:]) + "?mode=memory&cache=shared&_foreign_keys=on&_txlock=immediate"
	} else {
		dsn = "file:" + escapeURIPath(path) +
			"?_busy_timeout=10000&_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
	}
	registerDriver.Do(func() { sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: connect}) })
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", displayPath(path), err)
	}
	if memory {
		// Each connection to a memory database would be a database of its
		// own; one connection, never closed while idle, is the database.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	} else {
		db.SetMaxOpenConns(4)
		db.SetMaxIdleConns(4)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", displayPath(path), err)
	}
	return s, nil
}

func displayPath(path string) string {
	if path == "" {
		return ":memory:"
	}
	return path
}

// escapeURIPath escapes the characters a SQLite URI filename gives meaning
// to, so that any file name opens as itself.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Path is where the database lives ("" in memory).
func (s *Store) Path() string { return s.path }

// InMemory says whether the database is private to this Store and gone
// when it closes.
func (s *Store) InMemory() bool { return s.path == "" || s.path == ":memory:" }

// Close closes the database. SQLite copies the write-ahead log into the
// database when the last connection to it closes.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.pg != nil {
		s.pg.Close()
	}
	return err
}

// Version returns the schema version the database is at.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	q := "PRAGMA user_version"
	if s.pg != nil {
		q = "SELECT version FROM claimcheck_schema"
	}
	err := s.db.QueryRowContext(ctx, q).Scan(&v)
	return v, err
}

func (s *Store) migrate(ctx context.Context) error {
	v, err := s.Version(ctx)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) ||
			strings.Contains(err.Error(), "not a database") {
			return fmt.Errorf("not a SQLite database (%v): give --db a new file name or an existing claimcheck database", err)
		}
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("the database has schema version %d, newer than this claimcheck knows (%d): upgrade claimcheck, or give --db another file", v, SchemaVersion)
	}
	if v == 0 {
		// A SQLite database that already holds tables is someone else's.
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("a SQLite database, but not a claimcheck one (it has %d tables and no schema version): give --db a new file name", n)
		}
	}
	for i := v; i < SchemaVersion; i++ {
		err := s.withTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
		}
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and
// reports every problem they find.
//
// On PostgreSQL the server keeps its own pages and foreign keys whole:
// the check is that it answers.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.pg != nil {
		if err := s.pg.Ping(ctx); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		return nil
	}
	var problems []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return fmt.Errorf("foreign key check: %w", err)
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing %s row", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("database %s is damaged:\n%s", displayPath(s.path), strings.Join(problems, "\n"))
	}
	return nil
}

// withTx runs fn in a transaction, committing only when fn succeeds.
func (s *Store) withTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
