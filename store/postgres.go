package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgPoolSize bounds a process's connections to the server: a run writes on
// one and reads on a second; serve answers a few requests at once.
const pgPoolSize = 8

// openPostgres opens the database at a postgres:// URL, bringing its
// schema up to date. The Store's queries are the SQLite ones with their
// placeholders rebound; the few that differ go to the pool directly.
func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	if err := checkRewrites(); err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", Redact(dsn), err)
	}
	if cfg.MaxConns > pgPoolSize || !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = pgPoolSize
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "claimcheck"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", Redact(dsn), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: cannot reach the server: %w", Redact(dsn), err)
	}
	db := sql.OpenDB(pgConnector{stdlib.GetPoolConnector(pool)})
	// Idle connections are the pool's to keep, not database/sql's.
	db.SetMaxIdleConns(0)
	s := &Store{db: db, path: dsn, pg: pool}
	if err := s.migratePostgres(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", Redact(dsn), err)
	}
	return s, nil
}

// Advisory lock keys: one for schema migrations, one for runs, and one
// per shard. Other applications sharing the database are unlikely to pick
// these.
var (
	migrateLockKey = lockKey("claimcheck migrate")
	runLockKey     = lockKey("claimcheck run")
)

func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64() >> 1) // non-negative: pg_locks shows it as two oids
}

// migratePostgres runs the migrations not yet run, in one transaction
// under an advisory lock: shards that start together wait for the first
// to build the schema instead of racing it.
func (s *Store) migratePostgres(ctx context.Context) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", migrateLockKey); err != nil {
			return fmt.Errorf("lock for migration: %w", err)
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, "SELECT to_regclass('claimcheck_schema') IS NOT NULL").Scan(&exists); err != nil {
			return err
		}
		v := 0
		if exists {
			if err := tx.QueryRowContext(ctx, "SELECT version FROM claimcheck_schema").Scan(&v); err != nil {
				return fmt.Errorf("read schema version: %w", err)
			}
		} else {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("a PostgreSQL database, but not a claimcheck one (its schema has %d tables and no claimcheck_schema): give --db an empty database", n)
			}
			if _, err := tx.ExecContext(ctx, "CREATE TABLE claimcheck_schema (version BIGINT NOT NULL); INSERT INTO claimcheck_schema VALUES (0)"); err != nil {
				return err
			}
		}
		if v > SchemaVersion {
			return fmt.Errorf("the database has schema version %d, newer than this claimcheck knows (%d): upgrade claimcheck", v, SchemaVersion)
		}
		for i := v; i < SchemaVersion; i++ {
			if _, err := tx.ExecContext(ctx, postgresMigration(migrations[i])); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
			}
		}
		if v < SchemaVersion {
			if _, err := tx.ExecContext(ctx, "UPDATE claimcheck_schema SET version = ?", SchemaVersion); err != nil {
				return err
			}
		}
		return nil
	})
}

// pgUpsertArticle is upsertArticleSQL for PostgreSQL: the same columns,
// the server's clock.
const pgUpsertArticle = `INSERT INTO articles (path, id, sha256, size, mtime_ns, format, title, byline, source, published, precision, text, warnings, run_id)
	VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
	ON CONFLICT (path) DO UPDATE SET id=excluded.id, sha256=excluded.sha256, size=excluded.size, mtime_ns=excluded.mtime_ns,
	format=excluded.format, title=excluded.title, byline=excluded.byline, source=excluded.source, published=excluded.published,
	precision=excluded.precision, text=excluded.text, warnings=excluded.warnings, run_id=excluded.run_id, ingested_at=DEFAULT`

var pgClaimColumns = []string{"id", "article", "kind", "subject", "object", "normalized", "text", "sentence", "start", "end",
	"sent_start", "sent_end", "hedged", "attribution", "period", "status", "aspect", "event", "value", "component", "round", "plan", "refs"}

// saveArticlesPostgres is SaveArticles in one round trip for the articles
// and one COPY for their claims: on a server, round trips cost more than
// the rows.
func (s *Store) saveArticlesPostgres(ctx context.Context, run any, batch []Ingested) error {
	var claims [][]any
	b := &pgx.Batch{}
	paths := make([]string, 0, len(batch))
	for _, in := range batch {
		a := in.Article
		if a == nil {
			return errors.New("save articles: nil article in batch")
		}
		b.Queue(pgUpsertArticle, a.Path, a.ID, a.SHA256, a.Size, a.ModTime.UnixNano(), string(a.Format), a.Title,
			a.Byline, a.Source, formatTime(a.Published), string(a.Precision), []byte(a.Text), encodeWarnings(a.Warnings), run)
		paths = append(paths, a.Path)
		for i := range in.Claims {
			c := &in.Claims[i]
			v, err := json.Marshal(c.Value)
			if err != nil {
				return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
			}
			hedged := int64(0)
			if c.Hedged {
				hedged = 1
			}
			refs, err := encodeRefs(c.Refs)
			if err != nil {
				return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
			}
			claims = append(claims, []any{c.ID, a.Path, string(c.Kind), c.Subject, c.Object, c.Normalized, c.Text, c.Sentence,
				int64(c.Start), int64(c.End), int64(c.SentStart), int64(c.SentEnd), hedged, c.Attribution, c.Period, string(c.Status),
				string(c.Aspect), c.Event, string(v), string(c.Component), c.Round, c.Plan, refs})
		}
	}
	b.Queue("DELETE FROM claims WHERE article = ANY($1)", paths)
	return pgx.BeginFunc(ctx, s.pg, func(tx pgx.Tx) error {
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("store articles %s...: %w", paths[0], err)
		}
		if len(claims) == 0 {
			return nil
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"claims"}, pgClaimColumns, pgx.CopyFromRows(claims)); err != nil {
			return copyError(err, paths[0])
		}
		return nil
	})
}

// duplicateKey reads the key PostgreSQL names in a unique violation:
// "Key (article, id)=(b.txt, c-1) already exists."
var duplicateKey = regexp.MustCompile(`^Key \(article, id\)=\((.*), ([^,]*)\) already exists`)

// copyError names the claim a failed COPY stopped at, as SaveArticles
// does on SQLite, where claims are written one at a time.
func copyError(err error, first string) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		if m := duplicateKey.FindStringSubmatch(pe.Detail); m != nil {
			return fmt.Errorf("store claim %s of %s: %w", m[2], m[1], err)
		}
	}
	return fmt.Errorf("store the claims of %s and the rest of its batch: %w", first, err)
}

// pgConnector hands database/sql connections from the pool that speak
// the store's SQLite-style placeholders.
type pgConnector struct{ inner driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{dc.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection whose queries are rebound on their way in;
// everything else (transactions, pings, session resets) is pgx's own.
type pgConn struct{ *stdlib.Conn }

// CheckNamedValue sends strings as bytes: pgx writes bytes to text and
// bytea columns alike, and strings to text only, while the store's
// queries bind Go strings to both (bytea where a value may hold NUL).
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if s, ok := nv.Value.(string); ok {
		nv.Value = []byte(s)
	}
	return nil
}

func (c *pgConn) Prepare(q string) (driver.Stmt, error) { return c.Conn.Prepare(rebind(q)) }

func (c *pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(q))
}

func (c *pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(q), args)
}

func (c *pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(q), args)
}

// pgLock is a held advisory lock: a connection of its own, so that the
// lock lives exactly as long as the session, and a crashed holder's lock
// goes with its connection.
type pgLock struct {
	conn *pgx.Conn
	dsn  string
}

// lockPostgres takes the advisory lock key on a new session, shared or
// exclusive; with wait, it tries again until the lock is free or ctx ends.
func lockPostgres(ctx context.Context, dsn string, key int64, shared, wait bool) (*pgLock, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", Redact(dsn), err)
	}
	// Others read who holds the lock from the session's name.
	cfg.RuntimeParams["application_name"] = holderName()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("lock %s: cannot reach the server: %w", Redact(dsn), err)
	}
	l := &pgLock{conn: conn, dsn: dsn}
	if err := l.take(ctx, key, shared, wait); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return l, nil
}

func holderName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("claimcheck pid %d on %s", os.Getpid(), host)
}

func (l *pgLock) take(ctx context.Context, key int64, shared, wait bool) error {
	try := "SELECT pg_try_advisory_lock($1)"
	if shared {
		try = "SELECT pg_try_advisory_lock_shared($1)"
	}
	for {
		var got bool
		if err := l.conn.QueryRow(ctx, try, key).Scan(&got); err != nil {
			return fmt.Errorf("lock %s: %w", Redact(l.dsn), err)
		}
		if got {
			return nil
		}
		if !wait {
			return l.holder(ctx, key)
		}
		t := time.NewTimer(lockPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("lock %s: %w", Redact(l.dsn), ctx.Err())
		case <-t.C:
		}
	}
}

// holder describes who holds key, as a *LockedError.
func (l *pgLock) holder(ctx context.Context, key int64) error {
	le := &LockedError{File: "the advisory lock of " + Redact(l.dsn)}
	var name string
	var since time.Time
	err := l.conn.QueryRow(ctx, `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ($1::bigint >> 32)::oid
		AND l.objid = ($1::bigint & 4294967295)::oid AND l.objsubid = 1 LIMIT 1`, key).Scan(&name, &since)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("lock %s: %w (and reading who holds it: %v)", Redact(l.dsn), le, err)
	}
	if err == nil {
		if f := strings.Fields(name); len(f) >= 3 && f[0] == "claimcheck" && f[1] == "pid" {
			le.PID, _ = strconv.Atoi(f[2])
			le.Since = since
		}
	}
	return le
}

func (l *pgLock) release() error {
	if l.conn == nil {
		return nil
	}
	err := l.conn.Close(context.Background())
	l.conn = nil
	if err != nil {
		return fmt.Errorf("unlock %s: %w", Redact(l.dsn), err)
	}
	return nil
}
