package store

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/store/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// onPostgres makes openTemp open a database on the test server.
var onPostgres bool

func uniqueViolation() string {
	if onPostgres {
		return "ERROR: duplicate key value violates unique constraint"
	}
	return "UNIQUE constraint failed"
}

// engineSuite is the store's API tested on either engine: the tests that
// open their store with openTemp and go through the API alone.
var engineSuite = map[string]func(*testing.T){
	"TestArticleRoundTrip":                        TestArticleRoundTrip,
	"TestClaimRoundTrip":                          TestClaimRoundTrip,
	"TestClaimsByIDManyIDs":                       TestClaimsByIDManyIDs,
	"TestClaimFinder":                             TestClaimFinder,
	"TestOpenCounts":                              TestOpenCounts,
	"TestReingestReplacesClaims":                  TestReingestReplacesClaims,
	"TestRemoveArticlesCascades":                  TestRemoveArticlesCascades,
	"TestSaveArticlesRollsBack":                   TestSaveArticlesRollsBack,
	"TestArticleStatesAndTouch":                   TestArticleStatesAndTouch,
	"TestReadClaims":                              TestReadClaims,
	"TestEachClaimOfKinds":                        TestEachClaimOfKinds,
	"TestClaimNames":                              TestClaimNames,
	"TestArticleClaimsAndCounts":                  TestArticleClaimsAndCounts,
	"TestFindingsLifecycle":                       TestFindingsLifecycle,
	"TestDismissedStaysDismissed":                 TestDismissedStaysDismissed,
	"TestDismissedResolvedReturnsWithNewEvidence": TestDismissedResolvedReturnsWithNewEvidence,
	"TestConfirmedSurvivesNewEvidence":            TestConfirmedSurvivesNewEvidence,
	"TestFindingsFilter":                          TestFindingsFilter,
	"TestSetReviewErrors":                         TestSetReviewErrors,
	"TestRecordFindingsDuplicateID":               TestRecordFindingsDuplicateID,
	"TestRecordFindingsAllOrNothing":              TestRecordFindingsAllOrNothing,
	"TestRuns":                                    TestRuns,
	"TestImportListing":                           TestImportListing,
	"TestReviewHistory":                           TestReviewHistory,
	"TestReviewHistories":                         TestReviewHistories,
	"TestConcurrentReviewsKept":                   TestConcurrentReviewsKept,
	"TestShardRuns":                               TestShardRuns,
	"TestFingerprintWithNUL":                      TestFingerprintWithNUL,
	"TestSharedSecret":                            TestSharedSecret,
	"TestFactMemoRoundTrip":                       TestFactMemoRoundTrip,
	"TestEachClaimStopsMidway":                    TestEachClaimStopsMidway,
}

// sqliteOnly are the tests of what only the SQLite engine has: files,
// pragmas, memory databases, flock. PostgreSQL has its own below.
var sqliteOnly = map[string]bool{
	"TestOpenMigrates": true, "TestOpenMigratesFromVersion1": true, "TestOpenPragmas": true, "TestOpenMemory": true,
	"TestOpenOddFileNames": true, "TestOpenRefuses": true, "TestIntegrityCheck": true, "TestDecodeValue": true,
	"TestLock": true, "TestLockWait": true, "TestLockFreedWhenHolderKilled": true,
}

// TestStoreSuiteOnPostgres runs the engine suite against a throwaway
// PostgreSQL server (it runs on SQLite as the plain tests).
func TestStoreSuiteOnPostgres(t *testing.T) {
	pgtest.DSN(t) // skips when PostgreSQL is absent
	onPostgres = true
	defer func() { onPostgres = false }()
	names := make([]string, 0, len(engineSuite))
	for name := range engineSuite {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, engineSuite[name])
	}
}

// TestEngineSuiteComplete keeps a new store test from running on SQLite
// alone by oversight: each is in the engine suite or named SQLite-only.
func TestEngineSuiteComplete(t *testing.T) {
	files, _ := filepath.Glob("*_test.go")
	for _, f := range files {
		if f == "postgres_test.go" || f == "bench_test.go" {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for name, obj := range file.Scope.Objects {
			if obj.Kind == 5 /* ast.Fun */ && strings.HasPrefix(name, "Test") && engineSuite[name] == nil && !sqliteOnly[name] {
				t.Errorf("%s (%s) is in neither engineSuite nor sqliteOnly", name, f)
			}
		}
	}
}

func TestReviewHistory(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-1", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2"))
	if err := s.SetReview(ctx, "f-1", ReviewDismissed, "same deal", "ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReview(ctx, "f-1", ReviewConfirmed, "no: two rounds", "ben"); err != nil {
		t.Fatal(err)
	}
	h, err := s.ReviewHistory(ctx, "f-1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range h {
		got = append(got, r.State+" by "+r.By+": "+r.Note)
		if r.At.IsZero() {
			t.Errorf("verdict %+v has no time", r)
		}
	}
	if want := []string{"dismissed by ana: same deal", "confirmed by ben: no: two rounds"}; !reflect.DeepEqual(got, want) {
		t.Errorf("history = %q, want %q", got, want)
	}
	if e := entry(t, s, "f-1"); e.Review.State != ReviewConfirmed || e.Review.By != "ben" {
		t.Errorf("finding's review = %+v, want the last verdict", e.Review)
	}
	if _, err := s.ReviewHistory(ctx, "f-none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of an unknown finding = %v", err)
	}
}

// TestReviewHistories reads the verdicts of several findings at once, by
// an IN list and, past maxParams ids, by one scan: the same either way.
func TestReviewHistories(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-1", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2"),
		testFinding("f-2", reconcile.SeverityLow, extract.KindInvestment, "Beta", "c-3", "c-4"),
		testFinding("f-3", reconcile.SeverityLow, extract.KindInvestment, "Gamma", "c-5", "c-6"))
	for _, v := range []struct{ id, state, note, who string }{
		{"f-1", ReviewConfirmed, "two rounds", "ana"},
		{"f-2", ReviewDismissed, "", "ana"},
		{"f-1", ReviewDismissed, "same deal", "ben"},
	} {
		if err := s.SetReview(ctx, v.id, v.state, v.note, v.who); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]string{
		"f-1": {"confirmed by ana: two rounds", "dismissed by ben: same deal"},
		"f-2": {"dismissed by ana: "},
	}
	few := []string{"f-3", "f-1", "f-none", "f-2", "f-1"}
	many := append([]string(nil), few...)
	for i := 0; len(many) <= maxParams; i++ {
		many = append(many, fmt.Sprintf("f-unknown-%d", i))
	}
	for name, ids := range map[string][]string{"few": few, "many": many} {
		h, err := s.ReviewHistories(ctx, ids)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := map[string][]string{}
		for id, rs := range h {
			for _, r := range rs {
				got[id] = append(got[id], r.State+" by "+r.By+": "+r.Note)
				if r.At.IsZero() {
					t.Errorf("%s: verdict on %s has no time", name, id)
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: histories = %q, want %q", name, got, want)
		}
	}
	if h, err := s.ReviewHistories(ctx, nil); err != nil || len(h) != 0 {
		t.Errorf("no ids: %v, %v", h, err)
	}
}

// TestConcurrentReviewsKept has two editors (two Stores, as two serve
// processes would be) give verdicts on one finding at once, while a run
// records findings: every verdict is in the history, the finding carries
// one of them, and the run does not write an older review back.
func TestConcurrentReviewsKept(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	f := testFinding("f-1", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2")
	record(t, s, 1, f)
	editors := []*Store{s}
	if path != "" {
		other, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		editors = append(editors, other)
	}
	const rounds = 10
	var wg sync.WaitGroup
	errs := make(chan error, 3*rounds)
	for i, who := range []string{"ana", "ben"} {
		st, state := editors[i%len(editors)], []string{ReviewDismissed, ReviewConfirmed}[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				errs <- st.SetReview(ctx, "f-1", state, fmt.Sprintf("round %d", r), who)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for r := 0; r < rounds; r++ {
			_, err := s.RecordFindings(ctx, int64(2+r), []reconcile.Finding{f})
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.ReviewHistory(ctx, "f-1")
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range h {
		count[r.By]++
	}
	if count["ana"] != rounds || count["ben"] != rounds || len(h) != 2*rounds {
		t.Fatalf("history has %v (%d verdicts), want %d of each editor's", count, len(h), rounds)
	}
	last := h[len(h)-1]
	if e := entry(t, s, "f-1"); e.Review.State != last.State || e.Review.By != last.By || e.Review.Note != last.Note {
		t.Errorf("finding's review = %+v, want the last verdict of the history %+v", e.Review, last)
	}
}

func TestShardRuns(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	whole, err := s.BeginRun(ctx, []string{"news"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EndRun(ctx, whole, RunStats{}, RunDone, ""); err != nil {
		t.Fatal(err)
	}
	shards := []Shard{{0, 2}, {1, 2}}
	dead, err := s.BeginShardRun(ctx, []string{"news"}, shards[0])
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.BeginShardRun(ctx, []string{"news"}, shards[1])
	if err != nil {
		t.Fatal(err)
	}
	// Shard 0's worker died; its rerun marks that run interrupted, not
	// shard 1's, which is still going.
	rerun, err := s.BeginShardRun(ctx, []string{"news"}, shards[0])
	if err != nil {
		t.Fatal(err)
	}
	status := func() map[int64]string {
		runs, err := s.Runs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := map[int64]string{}
		for _, r := range runs {
			m[r.ID] = r.Status + " " + r.Shard
		}
		return m
	}
	if got, want := status(), map[int64]string{whole: "done ", dead: "interrupted 0/2", other: "running 1/2", rerun: "running 0/2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("runs = %v, want %v", got, want)
	}
	done := func() bool {
		ok, err := s.ShardsDone(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if err := s.EndRun(ctx, rerun, RunStats{}, RunDone, ""); err != nil {
		t.Fatal(err)
	}
	if done() {
		t.Fatal("ShardsDone with shard 1 still running")
	}
	if err := s.EndRun(ctx, other, RunStats{}, RunDone, ""); err != nil {
		t.Fatal(err)
	}
	if !done() {
		t.Fatal("not ShardsDone with both shards done")
	}
	rec, err := s.BeginRun(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EndRun(ctx, rec, RunStats{}, RunDone, ""); err != nil {
		t.Fatal(err)
	}
	if done() {
		t.Fatal("ShardsDone again after the reconciliation")
	}
}

func TestShardHas(t *testing.T) {
	if _, err := ParseShard("4/4"); err == nil {
		t.Error("ParseShard(4/4) accepted")
	}
	sh, err := ParseShard("1/3")
	if err != nil || sh != (Shard{1, 3}) || sh.String() != "1/3" {
		t.Fatalf("ParseShard(1/3) = %v, %v", sh, err)
	}
	counts := make([]int, 3)
	for i := 0; i < 3000; i++ {
		p := fmt.Sprintf("wire/2024/%04d.txt", i)
		n := 0
		for k := 0; k < 3; k++ {
			if (Shard{k, 3}).Has(p) {
				counts[k]++
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%s is in %d shards", p, n)
		}
	}
	for k, c := range counts {
		if c < 800 || c > 1200 {
			t.Errorf("shard %d/3 has %d of 3000 paths", k, c)
		}
	}
	// Stable across runs and machines: a fixed hash, not Go's map seed.
	if !(Shard{0, 4}).Has("a.txt") && !(Shard{1, 4}).Has("a.txt") && !(Shard{2, 4}).Has("a.txt") && !(Shard{3, 4}).Has("a.txt") {
		t.Error("a.txt in no shard")
	}
}

func pgSchema(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT table_name, column_name, data_type, coalesce(collation_name, '')
		FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var table, col, typ, coll string
		if err := rows.Scan(&table, &col, &typ, &coll); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s.%s %s %s\n", table, col, typ, coll)
	}
	return b.String()
}

// TestPostgresMigrates opens one new database from several processes'
// worth of Stores at once (shards starting together): one migrates, the
// others wait and find the schema done.
func TestPostgresMigrates(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, 4)
	for i := range stores {
		wg.Add(1)
		go func() { defer wg.Done(); stores[i], errs[i] = Open(ctx, dsn) }()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	s := stores[0]
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion {
		t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion)
	}
	schema := pgSchema(t, s)
	for _, want := range []string{"claims.rowid bigint", "articles.mtime_ns bigint", `articles.path text C`, "runs.shard text C", "reviews.finding text C"} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema lacks %q:\n%s", want, schema)
		}
	}
	s2, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if again := pgSchema(t, s2); again != schema {
		t.Errorf("reopening changed the schema:\n%s\nwant\n%s", again, schema)
	}
}

func TestPostgresRefuses(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE claimcheck_schema SET version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "upgrade claimcheck") {
		t.Errorf("Open of a newer schema = %v", err)
	}
	foreign := pgtest.DSN(t)
	s, err = Open(ctx, foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "DROP TABLE claimcheck_schema"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, foreign); err == nil || !strings.Contains(err.Error(), "not a claimcheck one") {
		t.Errorf("Open of someone else's database = %v", err)
	}
	if _, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil || !strings.Contains(err.Error(), "cannot reach the server") {
		t.Errorf("Open of an unreachable server = %v", err)
	}
	if got := Redact("postgres://ana:secret@db.example:5432/news"); got != "postgres://ana:xxxxx@db.example:5432/news" {
		t.Errorf("Redact = %q", got)
	}
}

// TestPostgresLocks: a whole run excludes everything; shards run
// together but each shard once; the last shard can take the lock alone
// once the others are gone.
func TestPostgresLocks(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	release, err := Lock(ctx, dsn, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(ctx, dsn, false)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.PID != os.Getpid() {
		t.Fatalf("second Lock = %v, want a LockedError naming pid %d", err, os.Getpid())
	}
	if _, err := LockShard(ctx, dsn, Shard{0, 2}, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("LockShard during a whole run = %v", err)
	}
	release()
	s0, err := LockShard(ctx, dsn, Shard{0, 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	s1, err := LockShard(ctx, dsn, Shard{1, 2}, false)
	if err != nil {
		t.Fatalf("a second shard alongside the first: %v", err)
	}
	if _, err := LockShard(ctx, dsn, Shard{1, 2}, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second worker on shard 1 = %v", err)
	}
	if _, err := Lock(ctx, dsn, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("a whole run during shards = %v", err)
	}
	got := make(chan error, 1)
	go func() { got <- s1.Exclusive(ctx) }()
	select {
	case err := <-got:
		t.Fatalf("Exclusive while shard 0 runs = %v, want it to wait", err)
	case <-time.After(3 * lockPoll):
	}
	s0.Release()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if _, err := LockShard(ctx, dsn, Shard{0, 2}, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("a shard while the last one reconciles = %v", err)
	}
	s1.Release()
	release, err = Lock(ctx, dsn, false)
	if err != nil {
		t.Fatalf("Lock after all let go: %v", err)
	}
	release()
	if _, err := LockShard(ctx, filepath.Join(t.TempDir(), "x.db"), Shard{0, 2}, false); err == nil {
		t.Error("LockShard on a SQLite file accepted")
	}
}

const pgLockChildEnv = "CLAIMCHECK_STORE_TEST_PG_LOCK_CHILD"

// TestPostgresLockFreedWhenHolderKilled: the server drops a killed
// holder's advisory lock with its session.
func TestPostgresLockFreedWhenHolderKilled(t *testing.T) {
	if dsn := os.Getenv(pgLockChildEnv); dsn != "" {
		if _, err := Lock(context.Background(), dsn, false); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	dsn := pgtest.DSN(t)
	killLockHolder(t, "TestPostgresLockFreedWhenHolderKilled", pgLockChildEnv, dsn)
	// The server notices the closed connection at once, but give it a moment.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	release, err := Lock(ctx, dsn, true)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	release()
}

// TestFingerprintWithNUL: reconciliation joins a fingerprint's parts with
// NUL, which PostgreSQL's text cannot hold.
func TestFingerprintWithNUL(t *testing.T) {
	s, _ := openTemp(t)
	f := testFinding("f-1", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2")
	f.Fingerprint = "conflict\x00investment\x00acme\x00"
	record(t, s, 1, f)
	if got := entry(t, s, "f-1").Fingerprint; got != f.Fingerprint {
		t.Errorf("fingerprint = %q, want %q", got, f.Fingerprint)
	}
}

func TestSharedSecret(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	a, err := s.SharedSecret(ctx, "csrf")
	if err != nil || len(a) < 40 {
		t.Fatalf("SharedSecret = %q, %v", a, err)
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if b, err := s2.SharedSecret(ctx, "csrf"); err != nil || b != a {
		t.Errorf("a second process got %q, %v; want the first's %q", b, err, a)
	}
	if c, _ := s2.SharedSecret(ctx, "other"); c == a || c == "" {
		t.Errorf("another secret = %q", c)
	}
}
