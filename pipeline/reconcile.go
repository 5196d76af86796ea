package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/store"
)

// Reconcile reconciles every stored claim and records the findings under
// runID. Claims are loaded without their sentences (a hash stands in, which
// is all syndication detection needs), so memory follows the number of
// claims, not the size of the corpus.
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
	n, err := st.ClaimCount(ctx)
	if err != nil {
		return nil, store.Diff{}, err
	}
	claims := make([]extract.Claim, 0, n)
	err = st.EachClaim(ctx, func(c extract.Claim) error {
		c.Sentence = sentenceKey(c.Sentence)
		if c.Published == "" {
			c.Published = published[c.Article]
		}
		claims = append(claims, c)
		return nil
	})
	if err != nil {
		return nil, store.Diff{}, err
	}
	findings := reconcile.Reconcile(claims, opts)
	diff, err := st.RecordFindings(ctx, runID, findings)
	return findings, diff, err
}

// sentenceKey stands for a sentence in reconciliation: equal for copies of
// one sentence however they are spaced or cased.
func sentenceKey(s string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(s), " "))))
	return hex.EncodeToString(sum[:12])
}
