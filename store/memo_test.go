package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/claimcheck/claimcheck/reconcile"
)

func TestFactMemoRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	memo, err := s.FactMemo(ctx)
	if err != nil || len(memo) != 0 {
		t.Fatalf("a new store's memo: %v, %v; want empty", memo, err)
	}
	digest := func(n int) reconcile.Digest {
		var d reconcile.Digest
		copy(d[:], fmt.Sprintf("%016d", n))
		return d
	}
	found := &reconcile.FactResult{
		Findings: []reconcile.Finding{{Type: reconcile.TypeConflict, Kind: "investment", Subject: "Orbital", Object: "Helix",
			Claims: []string{"c-1", "c-2"}, Sides: []reconcile.Side{{Value: "$15 billion", Claims: []string{"c-1"}, Articles: []string{"a.txt"}, Sources: 1}},
			Fingerprint: "conflict\x00investment\x00orbital", Message: "$15 billion vs $14 billion"}},
		Outliers: []string{"c-2"},
	}
	first := reconcile.Memo{digest(1): nil, digest(2): found, digest(3): nil}
	if err := s.SaveFactMemo(ctx, nil, first); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FactMemo(ctx); err != nil || !reflect.DeepEqual(got, first) {
		t.Fatalf("memo read back = %v, %v; want %v", got, err, first)
	}
	// The next reconciliation keeps 2, drops 1 and 3, learns 4.
	second := reconcile.Memo{digest(2): found, digest(4): nil}
	if err := s.SaveFactMemo(ctx, first, second); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FactMemo(ctx); err != nil || !reflect.DeepEqual(got, second) {
		t.Fatalf("memo after an update = %v, %v; want %v", got, err, second)
	}
	// A prior that missed a row written meanwhile: the same digest is the
	// same result, so writing it again is no error.
	if err := s.SaveFactMemo(ctx, reconcile.Memo{}, second); err != nil {
		t.Errorf("saving a row already stored: %v", err)
	}
}
