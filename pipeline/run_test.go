package pipeline

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// TestRecordRunSkipsUnchanged: a run whose inputs match the last finished
// run's records itself without reconciling; a new build reconciles again.
func TestRecordRunSkipsUnchanged(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt": "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n",
		"b.txt": "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := open(t, filepath.Join(t.TempDir(), "t.db"))
	ctx := context.Background()
	x := benchExtractor(&testing.B{})
	var logged bytes.Buffer
	record := func(build string) Run {
		t.Helper()
		run, err := RecordRun(ctx, st, RunOptions{Roots: []string{dir}, Extractor: x, Listing: rules.DefaultListing(),
			SkipUnchanged: true, BuildID: build, Log: slog.New(slog.NewTextHandler(&logged, nil)),
			Ingest: func(ctx context.Context, runID int64) (Result, error) {
				return Ingest(ctx, Options{Roots: []string{dir}, Extractor: x, Store: st, RunID: runID})
			}})
		if err != nil {
			t.Fatal(err)
		}
		last, ok, err := st.LastRun(ctx)
		if err != nil || !ok || last.ID != run.ID || last.Inputs == "" {
			t.Fatalf("run %d not recorded as the last finished one: %+v %v %v", run.ID, last, ok, err)
		}
		return run
	}
	first := record("build-1")
	if len(first.Diff.New) == 0 {
		t.Fatalf("first run found nothing new: %+v", first.Diff)
	}
	second := record("build-1")
	if n := len(second.Diff.New) + len(second.Diff.Unchanged); n != 0 || !strings.Contains(logged.String(), "reconciliation skipped") {
		t.Errorf("unchanged inputs reconciled (%d findings), log: %s", n, logged.String())
	}
	third := record("build-2")
	if len(third.Diff.Unchanged) != len(first.Diff.New) {
		t.Errorf("a new build did not reconcile again: %+v", third.Diff)
	}

	// A run's report marks what that run found new; one without a run
	// marks nothing.
	for _, c := range []struct {
		filter  store.Filter
		wantNew bool
	}{{store.Filter{NewInRun: first.ID}, true}, {store.Filter{}, false}} {
		r, err := BuildReport(ctx, st, c.filter, first.Listing, Result{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Findings) != len(first.Diff.New) || r.Listing == "" {
			t.Fatalf("report %+v: %d findings, want %d; listing %q", c.filter, len(r.Findings), len(first.Diff.New), r.Listing)
		}
		for _, f := range r.Findings {
			if f.New != c.wantNew {
				t.Errorf("report %+v: finding %s new=%v, want %v", c.filter, f.Finding.ID, f.New, c.wantNew)
			}
		}
	}
}
