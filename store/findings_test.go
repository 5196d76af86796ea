package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// testFinding is a conflict over claims; its evidence hash follows them
// the way reconcile's does.
func testFinding(id string, sev reconcile.Severity, kind extract.Kind, subject string, claims ...string) reconcile.Finding {
	return reconcile.Finding{
		ID: id, Type: reconcile.TypeConflict, Kind: kind, Subject: subject, Severity: sev,
		Claims: claims, Message: subject + " disagree", Fingerprint: "fp-" + id, Evidence: "ev:" + strings.Join(claims, ","),
		Sides: []reconcile.Side{{Value: "$15 billion", Claims: claims[:1], Articles: []string{"a.txt"}, Sources: 1}},
	}
}

func record(t *testing.T, s *Store, run int64, fs ...reconcile.Finding) Diff {
	t.Helper()
	d, err := s.RecordFindings(context.Background(), run, fs)
	if err != nil {
		t.Fatalf("run %d: %v", run, err)
	}
	return d
}

func entry(t *testing.T, s *Store, id string) Entry {
	t.Helper()
	e, err := s.Finding(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestFindingsLifecycle(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2")
	b := testFinding("f-b", reconcile.SeverityLow, extract.KindValuation, "Acme", "c-3", "c-4")

	// Run 1: both new.
	if d := record(t, s, 1, a, b); !reflect.DeepEqual(d, Diff{New: []string{"f-a", "f-b"}}) {
		t.Fatalf("run 1 diff = %+v", d)
	}
	// Run 2: both again, one reworded: unchanged, and the new words stored.
	a.Message, a.Severity = "reworded", reconcile.SeverityMedium
	if d := record(t, s, 2, b, a); !reflect.DeepEqual(d, Diff{Unchanged: []string{"f-a", "f-b"}}) {
		t.Fatalf("run 2 diff = %+v", d)
	}
	if e := entry(t, s, "f-a"); e.Message != "reworded" || e.Severity != reconcile.SeverityMedium || e.FirstRun != 1 || e.LastRun != 2 || e.Status != StatusOpen {
		t.Fatalf("after run 2: %+v", e)
	}
	// Run 3: b is gone: resolved, not deleted.
	if d := record(t, s, 3, a); !reflect.DeepEqual(d, Diff{Unchanged: []string{"f-a"}, Resolved: []string{"f-b"}}) {
		t.Fatalf("run 3 diff = %+v", d)
	}
	if e := entry(t, s, "f-b"); e.Status != StatusResolved || e.ResolvedRun != 3 || e.LastRun != 2 {
		t.Fatalf("after run 3: %+v", e)
	}
	if open, _ := s.Findings(ctx, Filter{}); len(open) != 1 || open[0].ID != "f-a" {
		t.Fatalf("open findings after run 3 = %v", open)
	}
	// Run 4: b is back: reopened.
	if d := record(t, s, 4, a, b); !reflect.DeepEqual(d, Diff{Reopened: []string{"f-b"}, Unchanged: []string{"f-a"}}) {
		t.Fatalf("run 4 diff = %+v", d)
	}
	e := entry(t, s, "f-b")
	if e.Status != StatusOpen || e.ReopenReason != ReasonEvidenceReturned || e.ResolvedRun != 0 || e.FirstRun != 1 || e.LastRun != 4 || e.ChangedRun != 4 {
		t.Fatalf("after run 4: %+v", e)
	}
	if !reflect.DeepEqual(e.Finding, b) {
		t.Fatalf("stored finding:\n got %+v\nwant %+v", e.Finding, b)
	}
	// Run 5: nothing: both resolved; run 6: still nothing: no change.
	if d := record(t, s, 5); !reflect.DeepEqual(d, Diff{Resolved: []string{"f-a", "f-b"}}) {
		t.Fatalf("run 5 diff = %+v", d)
	}
	if d := record(t, s, 6); !reflect.DeepEqual(d, Diff{}) {
		t.Fatalf("run 6 diff = %+v", d)
	}
	if e := entry(t, s, "f-a"); e.ResolvedRun != 5 {
		t.Fatalf("resolved findings must keep the run that resolved them: %+v", e)
	}
}

func TestDismissedStaysDismissed(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	f := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2")
	record(t, s, 1, f)
	if err := s.SetReview(ctx, "f-a", ReviewDismissed, "same wire story", "ann"); err != nil {
		t.Fatal(err)
	}
	for run := int64(2); run <= 3; run++ {
		if d := record(t, s, run, f); !reflect.DeepEqual(d, Diff{Unchanged: []string{"f-a"}}) {
			t.Fatalf("run %d diff = %+v", run, d)
		}
		e := entry(t, s, "f-a")
		if e.Review.State != ReviewDismissed || e.Review.Note != "same wire story" || e.Review.By != "ann" || e.Review.At.IsZero() || e.ReopenReason != "" {
			t.Fatalf("run %d: %+v, want it still dismissed", run, e.Review)
		}
	}
	if got, _ := s.Findings(ctx, Filter{Review: ReviewDismissed}); len(got) != 1 {
		t.Fatalf("dismissed filter = %v", got)
	}

	// A new article joins a side: the evidence hash changes.
	f2 := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2", "c-3")
	f2.Sides = append(f2.Sides, reconcile.Side{Value: "$14.3 billion", Claims: []string{"c-2", "c-3"}, Articles: []string{"a.txt", "c.txt"}})
	if d := record(t, s, 4, f2); !reflect.DeepEqual(d, Diff{Reopened: []string{"f-a"}}) {
		t.Fatalf("run 4 diff = %+v", d)
	}
	e := entry(t, s, "f-a")
	want := "new evidence: a.txt, c.txt joined saying $14.3 billion"
	if e.Review.State != ReviewOpen || e.ReopenReason != want || e.ChangedRun != 4 {
		t.Fatalf("after new evidence: review %+v, reason %q; want open, %q", e.Review, e.ReopenReason, want)
	}
	if e.Review.Note != "same wire story" || e.Review.By != "ann" {
		t.Errorf("the earlier verdict's note and reviewer should stay for the editor: %+v", e.Review)
	}
	if got, _ := s.Findings(ctx, Filter{NewInRun: 4}); len(got) != 1 {
		t.Errorf("a finding reopened in run 4 should be new in run 4: %v", got)
	}
	// Reviewed again, it stays so until the next change; a claim leaving counts.
	if err := s.SetReview(ctx, "f-a", ReviewDismissed, "still fine", "bo"); err != nil {
		t.Fatal(err)
	}
	if e := entry(t, s, "f-a"); e.ReopenReason != "" {
		t.Errorf("a new verdict should clear the reopen reason: %q", e.ReopenReason)
	}
	record(t, s, 5, f2)
	if e := entry(t, s, "f-a"); e.Review.State != ReviewDismissed {
		t.Fatalf("run 5: %+v", e.Review)
	}
	f3 := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-3")
	record(t, s, 6, f3)
	if e := entry(t, s, "f-a"); e.Review.State != ReviewOpen || e.ReopenReason != "new evidence: a.txt, c.txt no longer say $14.3 billion" {
		t.Fatalf("run 6: %+v %q", e.Review, e.ReopenReason)
	}
}

func TestDismissedResolvedReturnsWithNewEvidence(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	f := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2")
	record(t, s, 1, f)
	if err := s.SetReview(ctx, "f-a", ReviewDismissed, "", "ann"); err != nil {
		t.Fatal(err)
	}
	record(t, s, 2) // resolved: its article was removed
	// Put back unchanged: open again, still dismissed, and nothing new to
	// tell: a cron job must not mail it, nor exit 1.
	if d := record(t, s, 3, f); !reflect.DeepEqual(d, Diff{Unchanged: []string{"f-a"}}) {
		t.Fatalf("run 3 diff = %+v, want the dismissed finding unchanged", d)
	}
	if e := entry(t, s, "f-a"); e.Status != StatusOpen || e.Review.State != ReviewDismissed || e.ReopenReason != "" || e.ChangedRun != 1 {
		t.Fatalf("run 3: %+v", e)
	}
	if got, _ := s.Findings(ctx, Filter{NewInRun: 3}); len(got) != 0 {
		t.Fatalf("a dismissed finding put back unchanged is new in run 3: %v", got)
	}
	record(t, s, 4)
	// Back with other evidence: open, and the dismissal lifted.
	back := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-9")
	back.Sides = []reconcile.Side{{Value: "$14 billion", Claims: []string{"c-1", "c-9"}, Articles: []string{"b.txt"}, Sources: 1}}
	d := record(t, s, 5, back)
	if !reflect.DeepEqual(d, Diff{Reopened: []string{"f-a"}}) {
		t.Fatalf("run 5 diff = %+v", d)
	}
	e := entry(t, s, "f-a")
	if e.Status != StatusOpen || e.Review.State != ReviewOpen || e.ReopenReason != "evidence returned; new evidence: b.txt joined saying $14 billion; a.txt no longer says $15 billion" {
		t.Fatalf("run 5: %+v", e)
	}
}

func TestConfirmedSurvivesNewEvidence(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2"))
	if err := s.SetReview(ctx, "f-a", ReviewConfirmed, "real", "ann"); err != nil {
		t.Fatal(err)
	}
	record(t, s, 2, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1", "c-2", "c-3"))
	if e := entry(t, s, "f-a"); e.Review.State != ReviewConfirmed {
		t.Fatalf("a confirmed finding with more evidence is still confirmed: %+v", e.Review)
	}
}

func TestFindingsFilter(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	tick := testFinding("f-t", reconcile.SeverityMedium, extract.KindTicker, "Acme", "c-9")
	tick.Type = reconcile.TypeUnverifiedTicker
	record(t, s, 1,
		testFinding("f-low", reconcile.SeverityLow, extract.KindInvestment, "Acme", "c-1"),
		testFinding("f-gone", reconcile.SeverityHigh, extract.KindRevenue, "Zeta", "c-2"),
		testFinding("f-hi2", reconcile.SeverityHigh, extract.KindInvestment, "Beta", "c-3"),
	)
	record(t, s, 2,
		testFinding("f-low", reconcile.SeverityLow, extract.KindInvestment, "Acme", "c-1"),
		testFinding("f-hi2", reconcile.SeverityHigh, extract.KindInvestment, "Beta", "c-3"),
		testFinding("f-hi1", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-4"),
		testFinding("f-val", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-5"),
		tick,
	)
	if err := s.SetReview(ctx, "f-val", ReviewConfirmed, "", ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"default is open, by severity kind subject id", Filter{}, []string{"f-hi1", "f-val", "f-hi2", "f-t", "f-low"}},
		{"resolved", Filter{Status: StatusResolved}, []string{"f-gone"}},
		{"all", Filter{Status: StatusAll}, []string{"f-hi1", "f-val", "f-hi2", "f-gone", "f-t", "f-low"}},
		{"review", Filter{Review: ReviewConfirmed}, []string{"f-val"}},
		{"review open", Filter{Review: ReviewOpen}, []string{"f-hi1", "f-hi2", "f-t", "f-low"}},
		{"type", Filter{Type: string(reconcile.TypeUnverifiedTicker)}, []string{"f-t"}},
		{"kind", Filter{Kind: string(extract.KindRevenue), Status: StatusAll}, []string{"f-gone"}},
		{"since run 1", Filter{SinceRun: 1}, []string{"f-hi1", "f-val", "f-t"}},
		{"new in run 1", Filter{NewInRun: 1}, []string{"f-hi2", "f-low"}},
		{"new in run 2", Filter{NewInRun: 2}, []string{"f-hi1", "f-val", "f-t"}},
		{"combined", Filter{NewInRun: 2, Kind: string(extract.KindInvestment), Review: ReviewOpen}, []string{"f-hi1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es, err := s.Findings(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.ID)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Findings(%+v) = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
	for _, bad := range []Filter{{Status: "closed"}, {Review: "maybe"}} {
		if _, err := s.Findings(ctx, bad); err == nil {
			t.Errorf("Findings(%+v) accepted a bad filter", bad)
		}
	}
}

func TestSetReviewErrors(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1"))
	err := s.SetReview(ctx, "f-123", ReviewDismissed, "", "")
	if !errors.Is(err, ErrNotFound) || err.Error() != "finding f-123 not found: list them with `claimcheck report`" {
		t.Fatalf("SetReview(unknown) = %v", err)
	}
	if _, err := s.Finding(ctx, "f-123"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Finding(unknown) = %v", err)
	}
	if err := s.SetReview(ctx, "f-a", "ignored", "", ""); err == nil || !strings.Contains(err.Error(), "want open, confirmed or dismissed") {
		t.Fatalf("SetReview(bad state) = %v", err)
	}
}

func TestRecordFindingsDuplicateID(t *testing.T) {
	s, _ := openTemp(t)
	a := testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1")
	dup := a
	dup.Message = "second"
	if d := record(t, s, 1, a, dup); !reflect.DeepEqual(d, Diff{New: []string{"f-a"}}) {
		t.Fatalf("diff = %+v", d)
	}
	if e := entry(t, s, "f-a"); e.Message != a.Message {
		t.Fatalf("the first of two findings with one id should stand: %q", e.Message)
	}
}

func TestRecordFindingsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1"))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.RecordFindings(cancelled, 2, []reconcile.Finding{testFinding("f-b", reconcile.SeverityHigh, extract.KindInvestment, "Beta", "c-2")}); err == nil {
		t.Fatal("RecordFindings with a cancelled context succeeded")
	}
	all, err := s.Findings(ctx, Filter{Status: StatusAll})
	if err != nil || len(all) != 1 || all[0].ID != "f-a" || all[0].Status != StatusOpen || all[0].LastRun != 1 {
		t.Fatalf("after a failed run: %+v, %v; want f-a open as run 1 left it", all, err)
	}
}

// TestOpenCounts: the open findings are counted apart as needing an editor
// or dismissed, without reading them; resolved ones are not counted.
func TestOpenCounts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	record(t, s, 1, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1"),
		testFinding("f-b", reconcile.SeverityHigh, extract.KindInvestment, "Bolt", "c-2"),
		testFinding("f-c", reconcile.SeverityHigh, extract.KindInvestment, "Core", "c-3"),
		testFinding("f-d", reconcile.SeverityHigh, extract.KindInvestment, "Dune", "c-4"))
	if err := s.SetReview(ctx, "f-b", ReviewDismissed, "", "ed"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReview(ctx, "f-c", ReviewConfirmed, "", "ed"); err != nil {
		t.Fatal(err)
	}
	record(t, s, 2, testFinding("f-a", reconcile.SeverityHigh, extract.KindInvestment, "Acme", "c-1"),
		testFinding("f-b", reconcile.SeverityHigh, extract.KindInvestment, "Bolt", "c-2"),
		testFinding("f-c", reconcile.SeverityHigh, extract.KindInvestment, "Core", "c-3")) // f-d resolved
	open, dismissed, err := s.OpenCounts(ctx)
	if err != nil || open != 2 || dismissed != 1 {
		t.Errorf("OpenCounts = %d open, %d dismissed, %v; want 2 (f-a, f-c) and 1 (f-b)", open, dismissed, err)
	}
}
