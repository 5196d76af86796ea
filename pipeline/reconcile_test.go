package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
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
// the bundled example; and so does a reconciliation after the corpus
// changed, which checks again only the facts the change touched.
func TestStreamedReconcileMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(dir, 600, 5); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "t.db"))
	x := benchExtractor(&testing.B{})
	roots := []string{dir, filepath.Join("..", "examples", "amazon-anthropic")}
	opts := reconcile.Options{Rules: x.Rules(), Listing: rules.DefaultListing()}
	salt := Salt(x.Rules(), "test build")
	reconcileBoth := func(name string) reconcile.MemoStats {
		t.Helper()
		res, err := Ingest(ctx, Options{Roots: roots, Extractor: x, Store: st})
		if err != nil || len(res.Errors) > 0 {
			t.Fatalf("%s: ingest: %v, %v", name, err, res.Errors)
		}
		streamed, _, stats, err := Reconcile(ctx, st, 1, opts, salt)
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
			t.Fatalf("%s: only %d findings: the corpus should plant many", name, len(held))
		}
		a, _ := json.MarshalIndent(streamed, "", " ")
		b, _ := json.MarshalIndent(held, "", " ")
		if string(a) != string(b) {
			t.Errorf("%s: streamed reconciliation found %d findings, in memory %d; they differ", name, len(streamed), len(held))
		}
		return stats
	}
	if s := reconcileBoth("first run"); s.Checked != s.Facts-s.Agreeing || s.Agreeing == 0 {
		t.Errorf("first run checked %d of %d facts (%d agreeing), want every disagreeing one", s.Checked, s.Facts, s.Agreeing)
	}
	// A day's changes: an article gone, one rewritten, one new.
	if _, _, err := synth.Change(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "late.txt"), []byte("Orbital Systems invested $3 billion in Helix Robotics on March 3, 2025.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := reconcileBoth("after a change"); s.Checked == 0 || s.Checked*10 > s.Facts-s.Agreeing {
		t.Errorf("after a change: checked %d of %d facts, want a few", s.Checked, s.Facts)
	}
	if s := reconcileBoth("unchanged"); s.Checked != 0 {
		t.Errorf("an unchanged corpus: checked %d of %d facts, want none", s.Checked, s.Facts)
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
