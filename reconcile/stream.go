package reconcile

import (
	"slices"

	"github.com/claimcheck/claimcheck/extract"
)

// Source is a corpus's claims, read in passes so that reconciling a corpus
// too large to hold in memory holds one fact or one article at a time.
// Claims handed to a callback are its to point into until it returns;
// findings copy what they cite.
type Source interface {
	// Each calls fn for every claim of the given kinds.
	Each(kinds []extract.Kind, fn func(*extract.Claim) error) error
	// Read calls article with each article's claims in turn (their
	// sentences may be left out: checks within an article never compare
	// them), then group with the claims that share a key, one group at a
	// time, groups in the order of their first claim. key is asked once
	// per claim; claims it rejects are in no group. want is asked once per
	// key, after every article was read and before its group is: a group
	// it declines is not read.
	Read(key func(*extract.Claim) (string, bool), article func([]*extract.Claim) error, want func(key string) bool, group func([]*extract.Claim) error) error
}

// Stream checks the claims of src and returns the findings, ordered by
// severity, kind, subject and id: the same as Reconcile over the same
// claims. Memory holds the largest fact or article, each market's first
// and last sizes, and the findings; never every claim.
func Stream(src Source, opts Options) ([]Finding, error) {
	return newRun(opts).stream(src, nil)
}

// stream is Stream, reusing what m remembers of the facts when m is not
// nil.
func (r *run) stream(src Source, m *memo) ([]Finding, error) {
	if err := r.readNames(src); err != nil {
		return nil, err
	}
	// What articles are read against: the companies said to be private,
	// and each market's sizes across the corpus.
	err := src.Each([]extract.Kind{extract.KindCompanyStatus, extract.KindMarketSize, extract.KindRole, extract.KindInvestment, extract.KindStake, extract.KindEventDate}, func(c *extract.Claim) error {
		r.notePrivate(c)
		r.noteAnnouncement(c)
		r.noteMarketSize(c)
		r.noteHolder(c)
		r.noteDeal(c)
		r.noteRunningTotal(c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.notePrivateEntities()
	r.privateCanon = map[string]string{}
	for name := range r.private {
		r.privateCanon[r.canon(name)] = name
	}
	var conflicts, arithmetic, moves []Finding
	var version func(string) string
	if v, ok := src.(Versioner); ok {
		version = v.Version
	}
	agree := agreement{}
	key := func(c *extract.Claim) (string, bool) {
		k, ok := r.groupKey(c)
		if ok {
			// Whether keepAmounts keeps a copy is read before the
			// article's stated ceilings are known: it may say yes where
			// it will not, never no where it will.
			agree.note(k, c, r.keepsAmount(c))
		}
		return k, ok
	}
	want := func(key string) bool {
		if agree.agrees(key) && !r.readAll {
			if m != nil {
				m.agreed(key)
			}
			return false
		}
		if m == nil {
			return true
		}
		res, ok, read := m.reuse(key, agree.mustRead(key))
		if ok && res != nil {
			conflicts = append(conflicts, res.Findings...)
			for _, id := range res.Outliers {
				r.outliers[id] = true
			}
		}
		return read
	}
	err = src.Read(key, func(cs []*extract.Claim) error {
		r.noteStatedCeilings(cs)
		if m != nil {
			r.noteArticle(m, cs, version)
		}
		arithmetic = append(arithmetic, r.articleArithmetic(cs)...)
		arithmetic = append(arithmetic, r.articleCAGR(cs)...)
		for _, c := range cs {
			r.checkTicker(c)
			if f, ok := r.privateStockMove(c); ok {
				moves = append(moves, f)
			}
		}
		return nil
	}, want, func(cs []*extract.Claim) error {
		r.keepAmounts(cs)
		if m == nil {
			conflicts = append(conflicts, r.factConflicts(cs)...)
			return nil
		}
		key, _ := r.groupKey(cs[0])
		if !m.check(key) {
			return nil
		}
		r.outlierLog = []string{}
		fs := r.factConflicts(cs)
		m.keep(key, fs, r.outlierLog)
		r.outlierLog = nil
		conflicts = append(conflicts, fs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Two people given one chief post at once; unless a conflict about
	// one person's titles already shows the mistake.
	inRoleConflict := map[string]bool{}
	for _, f := range conflicts {
		if f.Kind == extract.KindRole {
			for _, id := range f.Claims {
				inRoleConflict[id] = true
			}
		}
	}
	conflicts = append(conflicts, r.holderConflicts(inRoleConflict)...)
	// Tranches against the running totals stated after them, across
	// articles: known once every fact is read.
	arithmetic = append(arithmetic, r.totalsVsTranches()...)
	// Arithmetic resting on a conflict's outlier repeats the conflict; the
	// outliers are known once every fact is checked.
	out := append(conflicts, mergeSame(r.withoutOutliers(arithmetic))...)
	out = append(out, r.tickerFindings()...)
	return finish(append(out, mergeSame(moves)...)), nil
}

// notePrivate records a company the corpus says is private, keeping a copy
// of the claim to cite.
func (r *run) notePrivate(c *extract.Claim) {
	if c.Kind == extract.KindCompanyStatus && c.Value.Label == "private" {
		cp := *c
		r.private[c.Subject] = append(r.private[c.Subject], &cp)
	}
}

// notePrivateEntities records the companies the rules say are private.
func (r *run) notePrivateEntities() {
	if r.opts.Rules == nil {
		return
	}
	for _, e := range r.opts.Rules.Entities {
		if e.Private && len(r.private[e.Name]) == 0 {
			r.private[e.Name] = nil // known from the rules, with no article to cite
		}
	}
}

// memorySource serves claims held in memory, in their given order.
type memorySource []extract.Claim

func (m memorySource) Read(key func(*extract.Claim) (string, bool), article func([]*extract.Claim) error, want func(string) bool, group func([]*extract.Claim) error) error {
	if err := eachGroup(m, func(c *extract.Claim) (string, bool) { return c.Article, true }, nil, article); err != nil {
		return err
	}
	return eachGroup(m, key, want, group)
}

// eachGroup calls fn with the claims sharing a key, groups in the order of
// their first claim, skipping those want (if not nil) declines.
func eachGroup(m memorySource, key func(*extract.Claim) (string, bool), want func(string) bool, fn func([]*extract.Claim) error) error {
	index := map[string]int{}
	var keys []string
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
			keys = append(keys, k)
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], &m[i])
	}
	for i, g := range groups {
		if want != nil && !want(keys[i]) {
			continue
		}
		if err := fn(g); err != nil {
			return err
		}
	}
	return nil
}

func (m memorySource) Each(kinds []extract.Kind, fn func(*extract.Claim) error) error {
	for i := range m {
		if slices.Contains(kinds, m[i].Kind) {
			if err := fn(&m[i]); err != nil {
				return err
			}
		}
	}
	return nil
}
