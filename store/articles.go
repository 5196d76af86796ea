package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
)

// ArticleState is what the store knows of a file, to tell whether it changed.
type ArticleState struct {
	Path    string
	SHA256  string
	Size    int64
	ModTime time.Time
}

// Ingested is an article with the claims extracted from it.
type Ingested struct {
	Article *corpus.Article
	Claims  []extract.Claim
}

// ArticleStates returns every stored article's state by path.
func (s *Store) ArticleStates(ctx context.Context) (map[string]ArticleState, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT path, sha256, size, mtime_ns FROM articles")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ArticleState{}
	for rows.Next() {
		var st ArticleState
		var ns int64
		if err := rows.Scan(&st.Path, &st.SHA256, &st.Size, &ns); err != nil {
			return nil, err
		}
		st.ModTime = time.Unix(0, ns)
		out[st.Path] = st
	}
	return out, rows.Err()
}

// SaveArticles writes a batch in one transaction: each article replaces the
// one stored at its path, and its claims replace that article's claims.
// Either the whole batch is stored or none of it.
func (s *Store) SaveArticles(ctx context.Context, runID int64, batch []Ingested) error {
	if len(batch) == 0 {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		upsert, err := tx.PrepareContext(ctx, `INSERT INTO articles (path, id, sha256, size, mtime_ns, format, title, byline, source, published, precision, text, warnings, run_id)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(path) DO UPDATE SET id=excluded.id, sha256=excluded.sha256, size=excluded.size, mtime_ns=excluded.mtime_ns,
			format=excluded.format, title=excluded.title, byline=excluded.byline, source=excluded.source, published=excluded.published,
			precision=excluded.precision, text=excluded.text, warnings=excluded.warnings, run_id=excluded.run_id,
			ingested_at=strftime('%Y-%m-%dT%H:%M:%fZ','now')`)
		if err != nil {
			return err
		}
		defer upsert.Close()
		del, err := tx.PrepareContext(ctx, "DELETE FROM claims WHERE article = ?")
		if err != nil {
			return err
		}
		defer del.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO claims (id, article, kind, subject, object, normalized, text, sentence, start, "end",
			sent_start, sent_end, hedged, attribution, period, status, aspect, event, value) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, in := range batch {
			a := in.Article
			var run any
			if runID > 0 {
				run = runID
			}
			if _, err := upsert.ExecContext(ctx, a.Path, a.ID, a.SHA256, a.Size, a.ModTime.UnixNano(), string(a.Format), a.Title,
				a.Byline, a.Source, formatTime(a.Published), string(a.Precision), a.Text, strings.Join(a.Warnings, "\n"), run); err != nil {
				return fmt.Errorf("store article %s: %w", a.Path, err)
			}
			if _, err := del.ExecContext(ctx, a.Path); err != nil {
				return err
			}
			for _, c := range in.Claims {
				v, err := json.Marshal(c.Value)
				if err != nil {
					return err
				}
				if _, err := ins.ExecContext(ctx, c.ID, a.Path, string(c.Kind), c.Subject, c.Object, c.Normalized, c.Text, c.Sentence,
					c.Start, c.End, c.SentStart, c.SentEnd, c.Hedged, c.Attribution, c.Period, string(c.Status), string(c.Aspect), c.Event, string(v)); err != nil {
					return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
				}
			}
		}
		return nil
	})
}

// TouchArticles records new modification times for files whose bytes did
// not change, so the next run skips them without hashing.
func (s *Store) TouchArticles(ctx context.Context, states []ArticleState) error {
	if len(states) == 0 {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, "UPDATE articles SET mtime_ns = ?, size = ? WHERE path = ? AND sha256 = ?")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, a := range states {
			if _, err := st.ExecContext(ctx, a.ModTime.UnixNano(), a.Size, a.Path, a.SHA256); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveArticles deletes articles (and, by cascade, their claims).
func (s *Store) RemoveArticles(ctx context.Context, paths []string) (int, error) {
	n := 0
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		for _, p := range paths {
			res, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE path = ?", p)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

const articleCols = "path, id, sha256, size, mtime_ns, format, title, byline, source, published, precision, warnings"

func scanArticle(sc interface{ Scan(...any) error }, a *corpus.Article, extra ...any) error {
	var ns int64
	var format, published, precision, warnings string
	dest := append([]any{&a.Path, &a.ID, &a.SHA256, &a.Size, &ns, &format, &a.Title, &a.Byline, &a.Source, &published, &precision, &warnings}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	a.ModTime, a.Format, a.Published, a.Precision = time.Unix(0, ns), corpus.Format(format), parseTime(published), corpus.Precision(precision)
	if warnings != "" {
		a.Warnings = strings.Split(warnings, "\n")
	}
	return nil
}

// Articles returns every article, ordered by path; their text only when
// withText is set.
func (s *Store) Articles(ctx context.Context, withText bool) ([]corpus.Article, error) {
	q := "SELECT " + articleCols + ", ''"
	if withText {
		q = "SELECT " + articleCols + ", text"
	}
	rows, err := s.db.QueryContext(ctx, q+" FROM articles ORDER BY path")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []corpus.Article
	for rows.Next() {
		var a corpus.Article
		if err := scanArticle(rows, &a, &a.Text); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Article returns one article with its text.
func (s *Store) Article(ctx context.Context, path string) (*corpus.Article, error) {
	var a corpus.Article
	err := scanArticle(s.db.QueryRowContext(ctx, "SELECT "+articleCols+", text FROM articles WHERE path = ?", path), &a, &a.Text)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("article %s: %w", path, ErrNotFound)
	}
	return &a, err
}

// ArticleCount returns how many articles are stored.
func (s *Store) ArticleCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	return n, err
}

const claimCols = `id, article, kind, subject, object, normalized, text, sentence, start, "end", sent_start, sent_end, hedged, attribution, period, status, aspect, event, value`

func scanClaim(sc interface{ Scan(...any) error }) (extract.Claim, error) {
	var c extract.Claim
	var kind, status, aspect, value string
	err := sc.Scan(&c.ID, &c.Article, &kind, &c.Subject, &c.Object, &c.Normalized, &c.Text, &c.Sentence, &c.Start, &c.End,
		&c.SentStart, &c.SentEnd, &c.Hedged, &c.Attribution, &c.Period, &status, &aspect, &c.Event, &value)
	if err != nil {
		return c, err
	}
	c.Kind, c.Status, c.Aspect = extract.Kind(kind), extract.Status(status), extract.Aspect(aspect)
	if err := json.Unmarshal([]byte(value), &c.Value); err != nil {
		return c, fmt.Errorf("claim %s: bad value: %w", c.ID, err)
	}
	return c, nil
}

// EachClaim calls fn for every stored claim, ordered by article and
// position, without holding them all.
func (s *Store) EachClaim(ctx context.Context, fn func(extract.Claim) error) error {
	rows, err := s.db.QueryContext(ctx, "SELECT "+claimCols+" FROM claims ORDER BY article, sent_start, aspect = 'before', start")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Claims returns every stored claim.
func (s *Store) Claims(ctx context.Context) ([]extract.Claim, error) {
	var out []extract.Claim
	err := s.EachClaim(ctx, func(c extract.Claim) error { out = append(out, c); return nil })
	return out, err
}

// ClaimCount returns how many claims are stored.
func (s *Store) ClaimCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM claims").Scan(&n)
	return n, err
}

// Fingerprint summarises the stored corpus: it changes whenever an article
// is added, changed or removed.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT path, sha256 FROM articles ORDER BY path")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		var p, sum string
		if err := rows.Scan(&p, &sum); err != nil {
			return "", err
		}
		h.Write([]byte(p + "\x00" + sum + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)), rows.Err()
}
