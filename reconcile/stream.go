package reconcile

import (
	"github.com/claimcheck/claimcheck/extract"
)

// Source is a corpus's claims, read in passes so that reconciling a corpus
// too large to hold in memory holds one fact, one article, or the few
// corpus-wide kinds at a time. Claims handed to a callback are its to
// keep pointers into until it returns; findings copy what they cite.
type Source interface {
	// Groups calls fn with the claims that share a key, one group at a
	// time; key is asked once per claim, and claims it rejects are left out.
	Groups(key func(*extract.Claim) (string, bool), fn func([]*extract.Claim) error) error
	// Articles calls fn with each article's claims in turn.
	Articles(fn func([]*extract.Claim) error) error
	// Kinds calls fn once with every claim of the given kinds.
	Kinds(kinds []extract.Kind, fn func([]*extract.Claim) error) error
}

// corpusWideKinds are the kinds the checks that span articles and facts
// read together: tickers with the companies said to be private, stock
// moves, and market sizes with the growth rates that relate them.
var corpusWideKinds = []extract.Kind{extract.KindTicker, extract.KindCompanyStatus, extract.KindGrowth, extract.KindMarketSize}

// Stream checks the claims of src and returns the findings, ordered by
// severity, kind, subject and id: the same as Reconcile over the same
// claims. Memory holds the largest fact or article, and the corpus-wide
// kinds, never every claim.
func Stream(src Source, opts Options) ([]Finding, error) {
	r := newRun(opts)
	var conflicts, arithmetic, tickers []Finding
	// Conflicts first: arithmetic resting on a conflict's outlier repeats
	// it, and the outliers are known only once every fact is checked.
	err := src.Groups(r.groupKey, func(cs []*extract.Claim) error {
		conflicts = append(conflicts, r.factConflicts(cs)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = src.Articles(func(cs []*extract.Claim) error {
		arithmetic = append(arithmetic, r.articleArithmetic(cs)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = src.Kinds(corpusWideKinds, func(cs []*extract.Claim) error {
		r.notePrivate(cs)
		arithmetic = append(arithmetic, r.cagr(cs)...)
		tickers = append(tickers, r.checkTickers(cs)...)
		tickers = append(tickers, r.privateStockMoves(cs)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := append(conflicts, r.withoutOutliers(arithmetic)...)
	return finish(append(out, tickers...)), nil
}

// notePrivate records the companies the corpus or the rules say are private.
func (r *run) notePrivate(cs []*extract.Claim) {
	for _, c := range cs {
		if c.Kind == extract.KindCompanyStatus && c.Value.Label == "private" {
			r.private[c.Subject] = append(r.private[c.Subject], c)
		}
	}
	if r.opts.Rules != nil {
		for _, e := range r.opts.Rules.Entities {
			if e.Private && len(r.private[e.Name]) == 0 {
				r.private[e.Name] = nil // known from the rules, with no article to cite
			}
		}
	}
}

// memorySource serves claims held in memory, in their given order.
type memorySource []extract.Claim

func (m memorySource) Groups(key func(*extract.Claim) (string, bool), fn func([]*extract.Claim) error) error {
	index := map[string]int{}
	var groups [][]*extract.Claim
	for i := range m {
		k, ok := key(&m[i])
		if !ok {
			continue
		}
		g, seen := index[k]
		if !seen {
			g = len(groups)
			index[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], &m[i])
	}
	for _, g := range groups {
		if err := fn(g); err != nil {
			return err
		}
	}
	return nil
}

func (m memorySource) Articles(fn func([]*extract.Claim) error) error {
	index := map[string]int{}
	var articles [][]*extract.Claim
	for i := range m {
		a, seen := index[m[i].Article]
		if !seen {
			a = len(articles)
			index[m[i].Article] = a
			articles = append(articles, nil)
		}
		articles[a] = append(articles[a], &m[i])
	}
	for _, cs := range articles {
		if err := fn(cs); err != nil {
			return err
		}
	}
	return nil
}

func (m memorySource) Kinds(kinds []extract.Kind, fn func([]*extract.Claim) error) error {
	want := map[extract.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var cs []*extract.Claim
	for i := range m {
		if want[m[i].Kind] {
			cs = append(cs, &m[i])
		}
	}
	return fn(cs)
}
