package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/synth"
)

// TestStreamedReconcileMatchesInMemory: reading the store fact by fact and
// article by article finds exactly what reconciling every claim held in
// memory finds, on a generated corpus with conflicts of every kind and on
// the bundled example.
func TestStreamedReconcileMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(dir, 600, 5); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "t.db"))
	x := benchExtractor(&testing.B{})
	res, err := Ingest(ctx, Options{Roots: []string{dir, filepath.Join("..", "examples", "amazon-anthropic")}, Extractor: x, Store: st})
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("ingest: %v, %v", err, res.Errors)
	}
	opts := reconcile.Options{Rules: x.Rules(), Listing: rules.DefaultListing()}
	streamed, _, err := Reconcile(ctx, st, 1, opts)
	if err != nil {
		t.Fatal(err)
	}

	all, err := st.Claims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src, err := newStoreSource(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	var claims []extract.Claim
	for _, c := range src.prepare(all, true) {
		claims = append(claims, *c)
	}
	held := reconcile.Reconcile(claims, opts)

	if len(held) < 20 {
		t.Fatalf("only %d findings: the corpus should plant many", len(held))
	}
	a, _ := json.MarshalIndent(streamed, "", " ")
	b, _ := json.MarshalIndent(held, "", " ")
	if string(a) != string(b) {
		t.Errorf("streamed reconciliation found %d findings, in memory %d; they differ", len(streamed), len(held))
	}
}

// TestSentenceKey: the key is the hash of the sentence lower-cased with its
// spaces folded, however the sentence is written.
func TestSentenceKey(t *testing.T) {
	slow := func(s string) string {
		sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(s), " "))))
		return hex.EncodeToString(sum[:12])
	}
	for _, s := range []string{"", " ", "Amazon  invested\t$4 BILLION.", " a b ", "x\r\ny", "Ünïcode  Words", "a\u00a0b", "\xff A"} {
		if got, want := sentenceKey(s), slow(s); got != want {
			t.Errorf("sentenceKey(%q) = %s, want %s", s, got, want)
		}
	}
	if sentenceKey("Amazon invested $4 billion.") != sentenceKey("amazon  invested $4\nbillion.") {
		t.Error("copies spaced and cased differently have different keys")
	}
}
