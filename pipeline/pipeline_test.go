package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
	"github.com/claimcheck/claimcheck/synth"
)

func open(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func ingestDir(t testing.TB, st *store.Store, dir string) Result {
	x := benchExtractor(&testing.B{})
	res, err := Ingest(context.Background(), Options{Roots: []string{dir}, Extractor: x, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestIncremental(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n")
	write("b.txt", "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n")
	write("c.md", "# Deal\n\nOrbital holds a 20% stake in Helix Robotics.\n")
	st := open(t, filepath.Join(t.TempDir(), "t.db"))
	ctx := context.Background()

	res := ingestDir(t, st, dir)
	if res.Added != 3 || res.Claims == 0 {
		t.Fatalf("first ingest: %+v", res)
	}
	n0, _ := st.ClaimCount(ctx)

	if res = ingestDir(t, st, dir); res.Unchanged != 3 || res.Added+res.Changed+res.Removed != 0 {
		t.Errorf("unchanged corpus: %+v", res)
	}
	// New mtime, same bytes: unchanged, and recorded so the next run skips the hash.
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "a.txt"), later, later)
	if res = ingestDir(t, st, dir); res.Unchanged != 3 || res.Changed != 0 {
		t.Errorf("touched file: %+v", res)
	}
	// Changed bytes: the article and its claims are replaced.
	write("b.txt", "Deal\n\nOrbital invested $4 billion in Helix Robotics.\n")
	if res = ingestDir(t, st, dir); res.Changed != 1 {
		t.Errorf("changed file: %+v", res)
	}
	claims, _ := st.Claims(ctx)
	var amounts []string
	for _, c := range claims {
		if c.Article == "b.txt" && c.Kind == "investment" {
			amounts = append(amounts, c.Normalized)
		}
	}
	if strings.Join(amounts, ",") != "USD 4000000000" {
		t.Errorf("b.txt claims after the change: %v", amounts)
	}
	// A removed file takes its claims with it.
	os.Remove(filepath.Join(dir, "c.md"))
	if res = ingestDir(t, st, dir); res.Removed != 1 {
		t.Errorf("removed file: %+v", res)
	}
	if n, _ := st.ClaimCount(ctx); n >= n0 {
		t.Errorf("claims %d after removing an article, %d before", n, n0)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestKilledIngest kills an ingest of 2,000 articles with SIGKILL midway:
// the database must pass an integrity check, and the next run must end with
// the same articles, claims and findings as a run never interrupted.
func TestKilledIngest(t *testing.T) {
	if dbPath := os.Getenv("CLAIMCHECK_KILL_CHILD"); dbPath != "" {
		st, err := store.Open(context.Background(), dbPath)
		if err != nil {
			os.Exit(3)
		}
		x := benchExtractor(&testing.B{})
		// One worker and small batches: slow enough to be killed midway.
		_, err = Ingest(context.Background(), Options{Roots: []string{os.Getenv("CLAIMCHECK_KILL_CORPUS")}, Extractor: x, Store: st, Workers: 1, BatchSize: 16})
		if err != nil {
			os.Exit(4)
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	corpus := t.TempDir()
	if _, err := synth.Generate(corpus, 2000, 3); err != nil {
		t.Fatal(err)
	}
	killed := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngest$")
	cmd.Env = append(os.Environ(), "CLAIMCHECK_KILL_CHILD="+killed, "CLAIMCHECK_KILL_CORPUS="+corpus)
	var childOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Wait until some but not all articles are stored, then kill. The
	// database is read, never opened for writing, so that this process
	// cannot race the child creating it.
	deadline := time.Now().Add(60 * time.Second)
	stored := 0
	for time.Now().Before(deadline) && stored < 100 {
		select {
		case err := <-exited:
			t.Fatalf("the ingest ended by itself (%v) with %d articles stored:\n%s", err, stored, childOut.String())
		case <-time.After(50 * time.Millisecond):
		}
		stored = countArticles(killed)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	if stored < 100 || stored >= 2000 {
		t.Fatalf("killed with %d articles stored; want it midway:\n%s", stored, childOut.String())
	}
	st := open(t, killed)
	ctx := context.Background()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after SIGKILL: %v", err)
	}
	res := ingestDir(t, st, corpus)
	if res.Added+res.Unchanged != 2000 || res.Added == 0 {
		t.Errorf("resumed run: %+v", res)
	}
	clean := open(t, filepath.Join(t.TempDir(), "clean.db"))
	ingestDir(t, clean, corpus)
	set, _ := rules.Builtin()
	opts := reconcile.Options{Rules: set, Listing: rules.DefaultListing()}
	f1, _, _, err := Reconcile(ctx, st, 1, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	f2, _, _, err := Reconcile(ctx, clean, 1, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := digest(t, st, f1), digest(t, clean, f2); a != b {
		t.Errorf("resumed and clean runs differ:\n%s\n%s", a[:min(300, len(a))], b[:min(300, len(b))])
	}
}

// countArticles reads how many articles the database at path holds,
// read-only; 0 while it is not there yet.
func countArticles(path string) int {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return 0
	}
	defer db.Close()
	n := 0
	_ = db.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	return n
}

// digest summarises a store's articles, claims and findings.
func digest(t *testing.T, st *store.Store, fs []reconcile.Finding) string {
	ctx := context.Background()
	arts, err := st.Articles(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := st.Claims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, a := range arts {
		parts = append(parts, a.Path+"="+a.SHA256)
	}
	for _, c := range claims {
		parts = append(parts, c.ID+"="+c.Normalized)
	}
	for _, f := range fs {
		parts = append(parts, f.ID+"="+f.Message)
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

// TestPaceGCRestores: the relaxed pacing lasts for a run only.
func TestPaceGCRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)
	restore := PaceGC()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GOGC during a run = %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != softMemoryLimit {
		t.Errorf("memory limit during a run = %d, want %d", got, softMemoryLimit)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after the run = %d, want 100 again", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after the run = %d, want %d again", got, limit)
	}
}

// TestUnderUnread: stored articles under a folder that could not be read
// are not taken for removed files.
func TestUnderUnread(t *testing.T) {
	tests := []struct {
		p      string
		unread []string
		want   bool
	}{
		{"locked/a.txt", []string{"locked"}, true},
		{"locked/deep/a.txt", []string{"locked"}, true},
		{"locked", []string{"locked"}, true},
		{"lockedout/a.txt", []string{"locked"}, false},
		{"a.txt", nil, false},
		{"a.txt", []string{"."}, true},
		{"root2/x/a.txt", []string{"root2/x"}, true},
	}
	for _, tt := range tests {
		if got := under(tt.p, tt.unread); got != tt.want {
			t.Errorf("under(%q, %q) = %v, want %v", tt.p, tt.unread, got, tt.want)
		}
	}
}
