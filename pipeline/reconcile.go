package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/store"
)

// Reconcile reconciles every stored claim and records the findings under
// runID. Claims are read in passes (reconcile.Stream), fact by fact and
// article by article, and without their sentences (a hash stands in, which
// is all syndication detection needs), so memory follows the largest fact,
// not the corpus.
func Reconcile(ctx context.Context, st *store.Store, runID int64, opts reconcile.Options) ([]reconcile.Finding, store.Diff, error) {
	// Undated figures are read as of their article's date.
	arts, err := st.Articles(ctx, false)
	if err != nil {
		return nil, store.Diff{}, err
	}
	published := make(map[string]string, len(arts))
	for _, a := range arts {
		if !a.Published.IsZero() && (a.Precision == corpus.PrecisionDay || a.Precision == corpus.PrecisionMinute) {
			published[a.Path] = a.Published.Format("2006-01-02")
		}
	}
	arts = nil
	findings, err := reconcile.Stream(&storeSource{ctx: ctx, st: st, published: published}, opts)
	if err != nil {
		return nil, store.Diff{}, fmt.Errorf("reconcile: %w", err)
	}
	diff, err := st.RecordFindings(ctx, runID, findings)
	return findings, diff, err
}

// storeSource serves the stored claims to reconcile.Stream as
// reconciliation reads them: sentences as hashes, undated claims with
// their article's date.
type storeSource struct {
	ctx       context.Context
	st        *store.Store
	published map[string]string // article path → YYYY-MM-DD
}

func (s *storeSource) prepare(cs []extract.Claim) []*extract.Claim {
	out := make([]*extract.Claim, len(cs))
	for i := range cs {
		c := &cs[i]
		c.Sentence = sentenceKey(c.Sentence)
		if c.Published == "" {
			c.Published = s.published[c.Article]
		}
		out[i] = c
	}
	return out
}

func (s *storeSource) Groups(key func(*extract.Claim) (string, bool), fn func([]*extract.Claim) error) error {
	return s.st.GroupClaims(s.ctx, key, func(cs []extract.Claim) error { return fn(s.prepare(cs)) })
}

func (s *storeSource) Articles(fn func([]*extract.Claim) error) error {
	var cur []extract.Claim
	err := s.st.EachClaim(s.ctx, func(c extract.Claim) error {
		if len(cur) > 0 && cur[0].Article != c.Article {
			if err := fn(s.prepare(cur)); err != nil {
				return err
			}
			cur = cur[:0] // the callback is done with the last article
		}
		cur = append(cur, c)
		return nil
	})
	if err != nil || len(cur) == 0 {
		return err
	}
	return fn(s.prepare(cur))
}

func (s *storeSource) Kinds(kinds []extract.Kind, fn func([]*extract.Claim) error) error {
	var cs []extract.Claim
	err := s.st.EachClaimOfKinds(s.ctx, kinds, func(c extract.Claim) error {
		cs = append(cs, c)
		return nil
	})
	if err != nil {
		return err
	}
	return fn(s.prepare(cs))
}

// sentenceKey stands for a sentence in reconciliation: equal for copies of
// one sentence however they are spaced or cased.
func sentenceKey(s string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(s), " "))))
	return hex.EncodeToString(sum[:12])
}
