package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/store/pgtest"
)

// openTemp opens a new database file in a test's temporary folder; a new
// database on the test server while TestStoreSuiteOnPostgres runs.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claimcheck.db")
	if onPostgres {
		path = pgtest.DSN(t)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// testArticle is an article at path whose text has room for claims.
func testArticle(path string) *corpus.Article {
	text := "Acme raised $15 billion in 2024.\n\nThe round valued Acme at $90 billion, people said."
	return &corpus.Article{
		ID: corpus.ArticleID(path), Path: path, SHA256: fmt.Sprintf("%064x", len(path)), Size: int64(len(text)),
		ModTime: time.Unix(1700000000, 123456789), Format: corpus.FormatText, Title: "Acme " + path, Text: text,
	}
}

// testClaim is a claim of kind k at [start, end) of the article at path.
func testClaim(path string, k extract.Kind, start, end int) extract.Claim {
	return extract.Claim{
		ID: extract.ClaimID(path, k, start, end), Article: path, Kind: k, Subject: "Acme", Normalized: "15e9 USD",
		Text: "x", Sentence: "Acme raised $15 billion in 2024.", Start: start, End: end, SentStart: 0, SentEnd: 32,
		Value: extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: 15e9, Hi: 15e9, Step: 1e9},
	}
}

func TestOpenMigrates(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != SchemaVersion || SchemaVersion != len(migrations) {
		t.Fatalf("version %d after migrating an empty database, want %d", v, SchemaVersion)
	}
	schema := func(s *Store) string {
		t.Helper()
		rows, err := s.db.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var typ, name, sql string
			if err := rows.Scan(&typ, &name, &sql); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s %s\n", typ, name, sql)
		}
		return b.String()
	}
	before := schema(s)
	for _, table := range []string{"articles", "claims", "findings", "runs", "run_errors", "listings", "listing_entries"} {
		if !strings.Contains(before, "table "+table+" ") {
			t.Errorf("no table %s after migrating", table)
		}
	}
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt")}}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for i := 0; i < 2; i++ {
		s2, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if v, _ := s2.Version(ctx); v != SchemaVersion {
			t.Errorf("reopen %d: version %d, want %d", i, v, SchemaVersion)
		}
		if after := schema(s2); after != before {
			t.Errorf("reopen %d changed the schema:\n%s\nwant\n%s", i, after, before)
		}
		if n, _ := s2.ArticleCount(ctx); n != 1 {
			t.Errorf("reopen %d: %d articles, want the 1 stored", i, n)
		}
		s2.Close()
	}
}

func TestOpenMigratesFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	// A database written by a claimcheck that knew only migration 1.
	saved := migrations
	migrations = saved[:1]
	SchemaVersion = 1
	s, err := Open(ctx, path)
	migrations, SchemaVersion = saved, len(saved)
	if err != nil {
		t.Fatal(err)
	}
	c := testClaim("a.txt", extract.KindInvestment, 12, 23)
	c.Hedged, c.Value.Qualifier = true, ">"
	// The article and claim as version 1 stored them, before claims had a component.
	a := testArticle("a.txt")
	if _, err := s.db.ExecContext(ctx, upsertArticleSQL, a.Path, a.ID, a.SHA256, a.Size, a.ModTime.UnixNano(), string(a.Format), a.Title,
		a.Byline, a.Source, formatTime(a.Published), string(a.Precision), a.Text, encodeWarnings(a.Warnings), 1); err != nil {
		t.Fatal(err)
	}
	v, _ := json.Marshal(c.Value)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO claims (id, article, kind, subject, object, normalized, text, sentence, start, "end",
		sent_start, sent_end, hedged, attribution, period, status, aspect, event, value) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.ID, "a.txt", string(c.Kind), c.Subject, c.Object, c.Normalized, c.Text, c.Sentence, c.Start, c.End, c.SentStart, c.SentEnd,
		c.Hedged, c.Attribution, c.Period, string(c.Status), string(c.Aspect), c.Event, string(v)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion {
		t.Fatalf("version %d, want %d", v, SchemaVersion)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'claims_article_id'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("index of migration 3 missing (%d, %v)", n, err)
	}
	claims, err := s.Claims(ctx)
	if err != nil || len(claims) != 1 || !reflect.DeepEqual(claims[0], c) {
		t.Fatalf("claims after migrating = %+v, %v; want %+v", claims, err, c)
	}
	// The cascade from articles survives the rebuilt claims table.
	if n, err := s.RemoveArticles(ctx, []string{"a.txt"}); n != 1 || err != nil {
		t.Fatal(n, err)
	}
	if n, _ := s.ClaimCount(ctx); n != 0 {
		t.Fatalf("%d claims left after removing their article", n)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestOpenPragmas(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	for _, tc := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "1"}, // NORMAL
		{"busy_timeout", "10000"},
	} {
		var got string
		if err := s.db.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
		}
	}
}

func TestOpenMemory(t *testing.T) {
	ctx := context.Background()
	for _, path := range []string{"", ":memory:"} {
		a, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%q): %v", path, err)
		}
		b, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%q): %v", path, err)
		}
		if err := a.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt"), Claims: []extract.Claim{testClaim("a.txt", extract.KindInvestment, 12, 23)}}}); err != nil {
			t.Fatal(err)
		}
		// The pool may open and close connections; the database stays.
		for i := 0; i < 3; i++ {
			if n, err := a.ClaimCount(ctx); err != nil || n != 1 {
				t.Fatalf("Open(%q): %d claims (%v), want 1", path, n, err)
			}
		}
		if n, _ := b.ArticleCount(ctx); n != 0 {
			t.Errorf("Open(%q): two memory stores share %d articles; each should be private", path, n)
		}
		if _, err := os.Stat(path); path != "" && err == nil {
			t.Errorf("Open(%q) created a file", path)
		}
		a.Close()
		b.Close()
	}
}

func TestOpenOddFileNames(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"a?b.db", "a#b.db", "100%.db", "with space.db"} {
		path := filepath.Join(t.TempDir(), name)
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%q): %v", name, err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open(%q) did not create that file: %v", name, err)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string
	}{
		{"not sqlite", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte(strings.Repeat("This is a news article, not a database.\n", 200)), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "not a SQLite database"},
		{"newer schema", func(t *testing.T, path string) {
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, "schema version 99, newer than this claimcheck knows"},
		{"someone else's sqlite", func(t *testing.T, path string) {
			s, err := Open(ctx, ":memory:") // for the driver only
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.db.ExecContext(ctx, "ATTACH DATABASE ? AS other; CREATE TABLE other.photos (id INTEGER); DETACH DATABASE other", path); err != nil {
				t.Fatal(err)
			}
		}, "not a claimcheck one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			tc.setup(t, path)
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.HasPrefix(err.Error(), "open store "+path+": ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to name %s and say %q", err, path, tc.want)
			}
		})
	}
}

func TestIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt"), Claims: []extract.Claim{testClaim("a.txt", extract.KindInvestment, 12, 23)}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("fresh database: %v", err)
	}
	// Break a foreign key behind the store's back.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"PRAGMA foreign_keys = OFF",
		`INSERT INTO claims (id, article, kind, text, sentence, start, "end", sent_start, sent_end, value) VALUES ('c-x', 'gone.txt', 'stake', '', '', 0, 0, 0, 0, '{}')`,
		"PRAGMA foreign_keys = ON",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close()
	err = s.IntegrityCheck(ctx)
	if err == nil || !strings.Contains(err.Error(), "claims row") || !strings.Contains(err.Error(), "missing articles row") {
		t.Fatalf("IntegrityCheck = %v, want a claim without its article", err)
	}
}
