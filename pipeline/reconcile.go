package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// Reconcile reconciles every stored claim and records the findings under
// runID. Claims are read in passes (reconcile.Stream), fact by fact and
// article by article, and without their sentences (a hash stands in, which
// is all syndication detection needs), so memory follows the largest fact,
// not the corpus.
//
// Only the facts whose claims changed since the last reconciliation are
// checked again (reconcile.Incremental, with the store's fact memo): after
// a day's articles, or the shards of a sharded run, reconciliation costs
// what changed, and its findings are those a full one gives. salt names
// what findings depend on besides the claims (Salt); "" checks every fact
// and keeps no memo, for a store thrown away after the run.
func Reconcile(ctx context.Context, st *store.Store, runID int64, opts reconcile.Options, salt string) ([]reconcile.Finding, store.Diff, reconcile.MemoStats, error) {
	src, err := newStoreSource(ctx, st)
	if err != nil {
		return nil, store.Diff{}, reconcile.MemoStats{}, err
	}
	var findings []reconcile.Finding
	var prior, next reconcile.Memo
	var stats reconcile.MemoStats
	if salt == "" {
		findings, err = reconcile.Stream(src, opts)
	} else if prior, err = st.FactMemo(ctx); err == nil {
		findings, next, stats, err = reconcile.Incremental(src, opts, salt, prior)
	}
	if err != nil {
		return nil, store.Diff{}, stats, fmt.Errorf("reconcile: %w", err)
	}
	diff, err := st.RecordFindings(ctx, runID, findings)
	if err != nil || salt == "" {
		return findings, diff, stats, err
	}
	// The memo is saved after the findings: were this to fail, the next
	// reconciliation checks more facts, never others.
	return findings, diff, stats, st.SaveFactMemo(ctx, prior, next)
}

// Salt names what a reconciliation's findings depend on besides the
// stored claims: the rules' files and the build.
func Salt(set *rules.Set, buildID string) string {
	h := sha256.New()
	for _, f := range set.Files {
		h.Write([]byte(f))
		h.Write([]byte{0})
		if b, err := os.ReadFile(f); err == nil {
			h.Write(b)
		}
		h.Write([]byte{0})
	}
	h.Write([]byte(buildID))
	return hex.EncodeToString(h.Sum(nil))
}

// storeSource serves the stored claims to reconcile.Stream as
// reconciliation reads them: sentences as hashes, undated claims with
// their article's date.
type storeSource struct {
	ctx       context.Context
	st        *store.Store
	published map[string]string // article path → YYYY-MM-DD, or YYYY-MM for a month-dated article
	versions  map[string]string // article path → the SHA-256 of its file
}

// prepare gives undated claims their article's date and, for the fact
// groups (hashSentences), replaces sentences by the key syndication
// detection compares; checks of one article never compare sentences.
// newStoreSource reads the articles' publication dates: undated figures
// are read as of their article's date.
func newStoreSource(ctx context.Context, st *store.Store) (*storeSource, error) {
	arts, err := st.Articles(ctx, false)
	if err != nil {
		return nil, err
	}
	published := make(map[string]string, len(arts))
	versions := make(map[string]string, len(arts))
	for _, a := range arts {
		versions[a.Path] = a.SHA256
		switch {
		case a.Published.IsZero():
		case a.Precision == corpus.PrecisionDay || a.Precision == corpus.PrecisionMinute:
			published[a.Path] = a.Published.Format("2006-01-02")
		case a.Precision == corpus.PrecisionMonth:
			// A month-dated article anchors its undated figures to the month.
			published[a.Path] = a.Published.Format("2006-01")
		}
	}
	return &storeSource{ctx: ctx, st: st, published: published, versions: versions}, nil
}

func (s *storeSource) prepare(cs []extract.Claim, hashSentences bool) []*extract.Claim {
	out := make([]*extract.Claim, len(cs))
	for i := range cs {
		c := &cs[i]
		if hashSentences {
			c.Sentence = sentenceKey(c.Sentence)
		}
		if c.Published == "" {
			c.Published = s.published[c.Article]
		}
		out[i] = c
	}
	return out
}

func (s *storeSource) Read(key func(*extract.Claim) (string, bool), article func([]*extract.Claim) error, want func(string) bool, group func([]*extract.Claim) error) error {
	return s.st.ReadClaims(s.ctx, key,
		func(cs []extract.Claim) error { return article(s.prepare(cs, false)) }, want,
		func(cs []extract.Claim) error { return group(s.prepare(cs, true)) })
}

// Version names an article's version by its file's hash
// (reconcile.Versioner): the first pass reads claims without their
// sentences, which an unchanged file keeps.
func (s *storeSource) Version(article string) string { return s.versions[article] }

// Names lists the parties the stored claims name (reconcile.Namer).
func (s *storeSource) Names(fn func(string, int) error) error { return s.st.ClaimNames(s.ctx, fn) }

func (s *storeSource) Each(kinds []extract.Kind, fn func(*extract.Claim) error) error {
	return s.st.EachClaimOfKinds(s.ctx, kinds, func(c extract.Claim) error {
		return fn(s.prepare([]extract.Claim{c}, true)[0])
	})
}

// sentenceKey stands for a sentence in reconciliation: equal for copies of
// one sentence however they are spaced or cased.
func sentenceKey(s string) string {
	folded, ok := foldASCII(s)
	if !ok {
		folded = []byte(strings.ToLower(strings.Join(strings.Fields(s), " ")))
	}
	sum := sha256.Sum256(folded)
	return hex.EncodeToString(sum[:12])
}

// foldASCII is strings.ToLower(strings.Join(strings.Fields(s), " ")) for
// an ASCII s, in one pass; false for any other s.
func foldASCII(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	space := false // a space is owed before the next word
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return nil, false
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			space = len(out) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, c)
	}
	return out, true
}
