package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
)

// ArticleState is what the store knows of a file, to tell whether it
// changed: a caller skips a file whose size and mtime match, and hashes
// one whose do not.
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

const (
	upsertArticleSQL = `INSERT INTO articles (path, id, sha256, size, mtime_ns, format, title, byline, source, published, precision, text, warnings, run_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(path) DO UPDATE SET id=excluded.id, sha256=excluded.sha256, size=excluded.size, mtime_ns=excluded.mtime_ns,
		format=excluded.format, title=excluded.title, byline=excluded.byline, source=excluded.source, published=excluded.published,
		precision=excluded.precision, text=excluded.text, warnings=excluded.warnings, run_id=excluded.run_id,
		ingested_at=strftime('%Y-%m-%dT%H:%M:%fZ','now')`
	insertClaimSQL = `INSERT INTO claims (id, article, kind, subject, object, normalized, text, sentence, start, "end",
		sent_start, sent_end, hedged, attribution, period, status, aspect, event, value, component, round, plan, refs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
)

// SaveArticles writes a batch in one transaction: each article replaces
// the one stored at its path, and its claims replace that article's
// claims. Either the whole batch is stored or none of it. Claims are
// stored under their article's Path whatever their Article field says.
func (s *Store) SaveArticles(ctx context.Context, runID int64, batch []Ingested) error {
	if len(batch) == 0 {
		return nil
	}
	var run any // NULL outside a run
	if runID > 0 {
		run = runID
	}
	if s.pg != nil {
		return s.saveArticlesPostgres(ctx, run, batch)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		upsert, err := tx.PrepareContext(ctx, upsertArticleSQL)
		if err != nil {
			return err
		}
		defer upsert.Close()
		del, err := tx.PrepareContext(ctx, "DELETE FROM claims WHERE article = ?")
		if err != nil {
			return err
		}
		defer del.Close()
		ins, err := tx.PrepareContext(ctx, insertClaimSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, in := range batch {
			a := in.Article
			if a == nil {
				return errors.New("save articles: nil article in batch")
			}
			// Checked once per article, not per statement: the driver's
			// own per-call cancellation watch costs more than the insert.
			if err := ctx.Err(); err != nil {
				return err
			}
			if _, err := upsert.Exec(a.Path, a.ID, a.SHA256, a.Size, a.ModTime.UnixNano(), string(a.Format), a.Title,
				a.Byline, a.Source, formatTime(a.Published), string(a.Precision), a.Text, encodeWarnings(a.Warnings), run); err != nil {
				return fmt.Errorf("store article %s: %w", a.Path, err)
			}
			if _, err := del.Exec(a.Path); err != nil {
				return fmt.Errorf("store article %s: %w", a.Path, err)
			}
			for i := range in.Claims {
				c := &in.Claims[i]
				v, err := json.Marshal(c.Value)
				if err != nil {
					return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
				}
				refs, err := encodeRefs(c.Refs)
				if err != nil {
					return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
				}
				if _, err := ins.Exec(c.ID, a.Path, string(c.Kind), c.Subject, c.Object, c.Normalized, c.Text, c.Sentence,
					c.Start, c.End, c.SentStart, c.SentEnd, c.Hedged, c.Attribution, c.Period, string(c.Status),
					string(c.Aspect), c.Event, string(v), string(c.Component), c.Round, c.Plan, refs); err != nil {
					return fmt.Errorf("store claim %s of %s: %w", c.ID, a.Path, err)
				}
			}
		}
		return nil
	})
}

// TouchArticles records the new size and mtime of files whose bytes did
// not change (the SHA256 must match the stored one), so that the next run
// skips them without hashing. A state whose hash differs is left alone.
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
				return fmt.Errorf("touch article %s: %w", a.Path, err)
			}
		}
		return nil
	})
}

// RemoveArticles deletes the articles at paths, and by cascade their
// claims, in one transaction. It returns how many were stored.
func (s *Store) RemoveArticles(ctx context.Context, paths []string) (int, error) {
	n := 0
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, "DELETE FROM articles WHERE path = ?")
		if err != nil {
			return err
		}
		defer st.Close()
		for _, p := range paths {
			res, err := st.ExecContext(ctx, p)
			if err != nil {
				return fmt.Errorf("remove article %s: %w", p, err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Times are stored as RFC 3339 text, which keeps the offset the article
// gave; the zero time is the empty string.
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

func encodeWarnings(w []string) string {
	if len(w) == 0 {
		return ""
	}
	b, _ := json.Marshal(w)
	return string(b)
}

func decodeWarnings(s string) []string {
	if s == "" {
		return nil
	}
	var w []string
	if json.Unmarshal([]byte(s), &w) == nil {
		return w
	}
	return strings.Split(s, "\n") // written before warnings were JSON
}

const articleCols = "path, id, sha256, size, mtime_ns, format, title, byline, source, published, precision, warnings"

type scanner interface{ Scan(...any) error }

func scanArticle(sc scanner, a *corpus.Article, extra ...any) error {
	var ns int64
	var format, published, precision, warnings string
	dest := append([]any{&a.Path, &a.ID, &a.SHA256, &a.Size, &ns, &format, &a.Title, &a.Byline, &a.Source, &published, &precision, &warnings}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	a.ModTime, a.Format, a.Published, a.Precision = time.Unix(0, ns), corpus.Format(format), parseTime(published), corpus.Precision(precision)
	a.Warnings = decodeWarnings(warnings)
	return nil
}

// Articles returns every article, ordered by path; with their text only
// when withText is set.
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

// Article returns the article at path with its text; an unknown path is an
// error wrapping ErrNotFound.
func (s *Store) Article(ctx context.Context, path string) (*corpus.Article, error) {
	var a corpus.Article
	err := scanArticle(s.db.QueryRowContext(ctx, "SELECT "+articleCols+", text FROM articles WHERE path = ?", path), &a, &a.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s %w", path, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", path, err)
	}
	return &a, nil
}

const claimCols = `id, article, kind, subject, object, normalized, text, sentence, start, "end", sent_start, sent_end, hedged, attribution, period, status, aspect, event, value, component, round, plan, refs`

func scanClaim(sc scanner) (extract.Claim, error) {
	var c extract.Claim
	var kind, status, aspect, value, component, refs string
	err := sc.Scan(&c.ID, &c.Article, &kind, &c.Subject, &c.Object, &c.Normalized, &c.Text, &c.Sentence, &c.Start, &c.End,
		&c.SentStart, &c.SentEnd, &c.Hedged, &c.Attribution, &c.Period, &status, &aspect, &c.Event, &value, &component, &c.Round, &c.Plan, &refs)
	if err != nil {
		return c, err
	}
	if refs != "" {
		if err := json.Unmarshal([]byte(refs), &c.Refs); err != nil {
			return c, fmt.Errorf("claim %s: stored references are not valid: %w", c.ID, err)
		}
	}
	c.Kind, c.Status, c.Aspect = extract.Kind(kind), extract.Status(status), extract.Aspect(aspect)
	c.Component = extract.Component(component)
	if err := decodeValue(value, &c.Value); err != nil {
		return c, fmt.Errorf("claim %s: stored value is not valid: %w", c.ID, err)
	}
	return c, nil
}

// EachClaim calls fn for every stored claim, ordered by article and
// position, holding one at a time; an error from fn stops it and is
// returned. fn must not call the Store of an in-memory database, which
// has a single connection that EachClaim is using.
func (s *Store) EachClaim(ctx context.Context, fn func(extract.Claim) error) error {
	return s.eachClaimRow(ctx, claimCols, "", nil, func(_ int64, c extract.Claim) error { return fn(c) })
}

// Claims returns every stored claim, in EachClaim's order.
func (s *Store) Claims(ctx context.Context) ([]extract.Claim, error) {
	var out []extract.Claim
	err := s.EachClaim(ctx, func(c extract.Claim) error { out = append(out, c); return nil })
	return out, err
}

// ClaimsByID returns the stored claims among ids, by id; ids the store
// does not hold are absent from the map. Claims are indexed by article,
// not by id, so this reads the claims table once, whatever len(ids).
func (s *Store) ClaimsByID(ctx context.Context, ids []string) (map[string]extract.Claim, error) {
	out := make(map[string]extract.Claim, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > maxParams {
		want := make(map[string]bool, len(ids))
		for _, id := range ids {
			want[id] = true
		}
		err := s.EachClaim(ctx, func(c extract.Claim) error {
			if want[c.ID] {
				out[c.ID] = c
			}
			return nil
		})
		return out, err
	}
	where, args := inList("id", ids)
	rows, err := s.db.QueryContext(ctx, "SELECT "+claimCols+" FROM claims WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, err
		}
		out[c.ID] = c
	}
	return out, rows.Err()
}

// ArticleCount returns how many articles are stored.
func (s *Store) ArticleCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	return n, err
}

// ClaimCount returns how many claims are stored.
func (s *Store) ClaimCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM claims").Scan(&n)
	return n, err
}

// ClaimCountOfKinds returns the number of stored claims of the given kinds.
func (s *Store) ClaimCountOfKinds(ctx context.Context, kinds []extract.Kind) (int, error) {
	if len(kinds) == 0 {
		return 0, nil
	}
	where, args := kindsIn(kinds)
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM claims WHERE "+where, args...).Scan(&n)
	return n, err
}

// ArticleClaims returns the claims of the article at path, in EachClaim's
// order.
func (s *Store) ArticleClaims(ctx context.Context, path string) ([]extract.Claim, error) {
	var out []extract.Claim
	err := s.eachClaimRow(ctx, claimCols, "article = ?", []any{path}, func(_ int64, c extract.Claim) error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// Counts is how much the store holds.
type Counts struct {
	Articles, Claims               int
	OpenFindings, ResolvedFindings int
	Runs                           int
}

// Counts returns how many articles, claims, findings and runs are stored.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM findings WHERE status = 'open'), (SELECT count(*) FROM findings WHERE status = 'resolved'),
		(SELECT count(*) FROM runs)`).Scan(&c.Articles, &c.Claims, &c.OpenFindings, &c.ResolvedFindings, &c.Runs)
	return c, err
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

// encodeRefs is a claim's refs as stored: JSON, or ” for none.
func encodeRefs(refs []extract.Ref) (string, error) {
	if len(refs) == 0 {
		return "", nil
	}
	b, err := json.Marshal(refs)
	return string(b), err
}

// ClaimFinder reads, by id, claims named in advance: the claims a report
// quotes, read finding by finding as it is written rather than all held
// at once. Claims are not indexed by id (see migration 3), so one scan of
// the ids maps those named to rowids; each read then fetches only the
// claims asked for.
type ClaimFinder struct {
	s      *Store
	rowids map[string]int64
}

// NewClaimFinder scans the stored claims' ids once for those among ids.
func (s *Store) NewClaimFinder(ctx context.Context, ids []string) (*ClaimFinder, error) {
	f := &ClaimFinder{s: s, rowids: make(map[string]int64, len(ids))}
	if len(ids) == 0 {
		return f, nil
	}
	const unseen = -1
	for _, id := range ids {
		f.rowids[id] = unseen
	}
	rows, err := s.db.QueryContext(ctx, "SELECT rowid, id FROM claims")
	if err != nil {
		return nil, fmt.Errorf("find claims: %w", err)
	}
	defer rows.Close()
	var rowid int64
	var id sql.RawBytes // compared, not kept: no string per claim of the store
	for rows.Next() {
		if err := rows.Scan(&rowid, &id); err != nil {
			return nil, fmt.Errorf("find claims: %w", err)
		}
		if _, ok := f.rowids[string(id)]; ok {
			f.rowids[string(id)] = rowid
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find claims: %w", err)
	}
	for id, r := range f.rowids {
		if r == unseen {
			delete(f.rowids, id)
		}
	}
	return f, nil
}

// Claims reads the claims among ids that were named to NewClaimFinder and
// are stored, in the order of ids.
func (f *ClaimFinder) Claims(ctx context.Context, ids []string) ([]extract.Claim, error) {
	rowids := make([]int64, 0, len(ids))
	for _, id := range ids {
		if r, ok := f.rowids[id]; ok {
			rowids = append(rowids, r)
		}
	}
	claims, err := f.s.claimsByRowid(ctx, rowids)
	if err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	out := claims[:0]
	for _, c := range claims {
		if c.ID != "" { // deleted since the scan
			out = append(out, c)
		}
	}
	return out, nil
}
