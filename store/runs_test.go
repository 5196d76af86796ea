package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestRuns(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, ok, err := s.LastRun(ctx); ok || err != nil {
		t.Fatalf("LastRun on an empty database = %v, %v", ok, err)
	}
	r1, err := s.BeginRun(ctx, []string{"news", "wire"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddRunError(ctx, r1, "bad.html", "not UTF-8"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRunError(ctx, r1, "big.txt", "too large"); err != nil {
		t.Fatal(err)
	}
	stats := RunStats{Found: 10, Added: 7, Changed: 1, Removed: 1, Unchanged: 1, Claims: 140, FindingsNew: 3, FindingsUnchanged: 2, FindingsResolved: 1, Errors: 2, Skipped: 4}
	if err := s.EndRun(ctx, r1, stats, RunDone, "digest"); err != nil {
		t.Fatal(err)
	}
	errs, err := s.RunErrors(ctx, r1)
	if err != nil || !reflect.DeepEqual(errs, []RunError{{"bad.html", "not UTF-8"}, {"big.txt", "too large"}}) {
		t.Fatalf("RunErrors = %v, %v", errs, err)
	}

	// A process starts run 2 and dies without ending it.
	r2, err := s.BeginRun(ctx, []string{"news"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runs, _ := s.Runs(ctx, 0)
	if len(runs) != 2 || runs[0].ID != r2 || runs[0].Status != RunRunning {
		t.Fatalf("before the next run: %+v", runs)
	}
	r3, err := s.BeginRun(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	runs, err = s.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range runs {
		got = append(got, r.Status)
	}
	if want := []string{RunRunning, RunInterrupted, RunDone}; !reflect.DeepEqual(got, want) || runs[0].ID != r3 || runs[1].ID != r2 {
		t.Fatalf("run statuses newest first = %v, want %v", got, want)
	}
	done := runs[2]
	if done.Stats != stats || done.Inputs != "digest" || !reflect.DeepEqual(done.Roots, []string{"news", "wire"}) ||
		done.Started.IsZero() || done.Ended.Before(done.Started) {
		t.Fatalf("run 1 = %+v", done)
	}
	if !runs[1].Ended.IsZero() {
		t.Errorf("a run whose process died has no end time: %v", runs[1].Ended)
	}
	if last, ok, err := s.LastRun(ctx); !ok || err != nil || last.ID != r1 {
		t.Fatalf("LastRun = %d, %v, %v; want the finished run %d", last.ID, ok, err, r1)
	}
	if runs, _ := s.Runs(ctx, 1); len(runs) != 1 || runs[0].ID != r3 {
		t.Fatalf("Runs(1) = %+v", runs)
	}
	if err := s.EndRun(ctx, r3, RunStats{}, "exploded", ""); err == nil {
		t.Error("EndRun accepted an unknown status")
	}
	if err := s.EndRun(ctx, 999, RunStats{}, RunFailed, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("EndRun(unknown run) = %v", err)
	}
}

func TestImportListing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	nasdaq := []ListingEntry{{Symbol: "MSFT", Exchange: "NASDAQ", Company: "Microsoft Corp"},
		{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc.", Listed: "1980-12-12"}}
	if err := s.ImportListing(ctx, "nasdaq", "2024-11-01", nasdaq); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportListing(ctx, "sec", "2024-10-01", []ListingEntry{{Symbol: "IBM", Exchange: "NYSE", Company: "IBM"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ListingEntries(ctx, "nasdaq")
	if want := []ListingEntry{nasdaq[1], nasdaq[0]}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("ListingEntries = %v, %v; want %v", got, err, want)
	}
	// Importing again replaces the listing, and makes it the latest.
	// A history's dates come back as they went in.
	again := []ListingEntry{{Symbol: "GOOG", Exchange: "NASDAQ", Company: "Alphabet Inc.", Listed: "2004-08-19", Delisted: "2015-10-02"}}
	if err := s.ImportListing(ctx, "nasdaq", "2024-12-01", again); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ListingEntries(ctx, "nasdaq")
	if !reflect.DeepEqual(got, again) {
		t.Fatalf("after re-import: %v, want %v", got, again)
	}
	ls, err := s.Listings(ctx)
	if err != nil || len(ls) != 2 || ls[0].Name != "nasdaq" || ls[0].Date != "2024-12-01" || ls[1].Name != "sec" || ls[0].ImportedAt.IsZero() {
		t.Fatalf("Listings = %+v, %v", ls, err)
	}
	if _, err := s.ListingEntries(ctx, "lse"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ListingEntries(unknown) = %v", err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM listing_entries").Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d listing rows in all, want 2: the old nasdaq rows must go", n)
	}
}
