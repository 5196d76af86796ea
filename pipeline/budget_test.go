package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// longArticle is an article of one sentence of about size bytes: a table
// scraped without full stops, slow to read.
func longArticle(size int) string {
	clause := "Orbital Systems invested $5 million in Vega Robotics, Harbor Bank bought a 4% stake in Quillon, "
	return "Deals\n\n" + strings.Repeat(clause, size/len(clause)+1) + "and more.\n"
}

// smallAndLong writes n small articles and one long one, named so that the
// long one is read last.
func smallAndLong(t *testing.T, n, size int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		body := "Deal\n\nOrbital invested $" + string(rune('2'+i%7)) + " billion in Helix Robotics.\n"
		if err := os.WriteFile(filepath.Join(dir, "a"+string(rune('a'+i))+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "z-table.txt"), []byte(longArticle(size)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestArticleBudget checks that an article whose extraction outlasts its
// budget is skipped, named with the reason, and that the run goes on.
func TestArticleBudget(t *testing.T) {
	dir := smallAndLong(t, 3, 2<<20)
	st := open(t, filepath.Join(t.TempDir(), "t.db"))
	x := benchExtractor(&testing.B{})
	res, err := Ingest(context.Background(), Options{Roots: []string{dir}, Extractor: x, Store: st, Workers: 1, ArticleBudget: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || len(res.Errors) != 1 {
		t.Fatalf("added %d, errors %v: want the 3 small articles added and the long one an error", res.Added, res.Errors)
	}
	if e := res.Errors[0]; e.Path != "z-table.txt" || !strings.Contains(e.Reason, "took more than 100ms") || !strings.Contains(e.Reason, "--article-budget") {
		t.Errorf("error %+v: want the long article named, with the budget and how to raise it", e)
	}
}

// TestIngestStopsInsideArticle checks that cancelling a run stops it within
// about a second even while one article takes many, and keeps what was
// finished: the articles read before stay stored, and the unfinished one
// is neither stored nor counted as failed.
func TestIngestStopsInsideArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := smallAndLong(t, 5, 8<<20)
	path := filepath.Join(t.TempDir(), "t.db")
	st := open(t, path)
	x := benchExtractor(&testing.B{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	var res Result
	var err error
	go func() {
		defer close(done)
		res, err = Ingest(ctx, Options{Roots: []string{dir}, Extractor: x, Store: st, Workers: 1, BatchSize: 2, ArticleBudget: time.Hour})
	}()
	// The small articles take milliseconds, the long one many seconds.
	time.Sleep(1500 * time.Millisecond)
	select {
	case <-done:
		t.Fatalf("the ingest ended before it was cancelled: %+v, %v", res, err)
	default:
	}
	cancel()
	stopped := time.Now()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the ingest did not stop within 10s of being cancelled")
	}
	// One second is the promise; the bound leaves room for a loaded machine.
	if d := time.Since(stopped); d > 2*time.Second {
		t.Errorf("the ingest took %v to stop", d)
	} else {
		t.Logf("stopped %v after the cancel", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors %v: an unfinished article is not a failed one", res.Errors)
	}
	if n := countArticles(path); n != 5 {
		t.Errorf("%d articles stored, want the 5 finished before the cancel", n)
	}
}
