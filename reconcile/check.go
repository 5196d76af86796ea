package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// Options configures a check.
type Options struct {
	Rules     *rules.Set     // entities (aliases, private companies) and market words
	Listing   *rules.Listing // the reference listing tickers are checked against; nil skips the ticker check
	Tolerance float64        // how far "about" widens a figure; 0 means DefaultTolerance
}

// A Check reads the claims of a corpus and reports what does not hold.
type Check struct {
	Name string
	Doc  string
	run  func(r *run) []Finding
}

// checks is the registry of checks, in the order their findings are reported.
var checks = []Check{
	{Name: "conflicts", Doc: "claims about the same fact whose values cannot all be true", run: checkConflicts},
	{Name: "arithmetic", Doc: "stated figures that cannot all hold: stake x valuation vs amount, pre-money + new money vs post-money, CAGR vs start and end, parts vs total, multiples vs the values they relate", run: checkArithmetic},
	{Name: "tickers", Doc: "symbols not listed, listed to another company or exchange, or given to a private company", run: checkTickers},
}

// Checks lists the registered checks.
func Checks() []Check { return append([]Check(nil), checks...) }

func init() {
	seen := map[string]bool{}
	for _, c := range checks {
		if c.Name == "" || strings.TrimSpace(c.Doc) == "" || c.run == nil || seen[c.Name] {
			panic(fmt.Sprintf("reconcile: check %q must have a unique name, a doc and a run function", c.Name))
		}
		seen[c.Name] = true
	}
}

// run is one reconciliation: the claims and what is derived from them.
type run struct {
	opts       Options
	claims     []extract.Claim
	byID       map[string]*extract.Claim
	private    map[string][]*extract.Claim // company → the claims saying it is private
	marketKeys map[string]string
	marketDrop map[string]bool
	// claims on the losing side of a conflict: an arithmetic finding that
	// rests on one of them repeats the conflict and is not reported.
	outliers map[string]bool
}

// Reconcile checks claims and returns the findings, ordered by severity,
// kind, subject and id. It is a pure function of its inputs.
func Reconcile(claims []extract.Claim, opts Options) []Finding {
	if opts.Tolerance == 0 {
		opts.Tolerance = DefaultTolerance
	}
	r := &run{opts: opts, claims: claims, byID: make(map[string]*extract.Claim, len(claims)),
		private: map[string][]*extract.Claim{}, outliers: map[string]bool{}, marketKeys: map[string]string{}}
	for i := range claims {
		c := &claims[i]
		r.byID[c.ID] = c
		if c.Kind == extract.KindCompanyStatus && c.Value.Label == "private" {
			r.private[c.Subject] = append(r.private[c.Subject], c)
		}
	}
	if opts.Rules != nil {
		for _, e := range opts.Rules.Entities {
			if e.Private && len(r.private[e.Name]) == 0 {
				r.private[e.Name] = nil // known from the rules, with no article to cite
			}
		}
	}
	var out []Finding
	for _, c := range checks {
		out = append(out, c.run(r)...)
	}
	for i := range out {
		f := &out[i]
		sort.Strings(f.Claims)
		f.Evidence = hashOf(strings.Join(f.Claims, ","))
		f.ID = "f-" + hashOf(f.Fingerprint)[:12]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if sa, sb := severityRank[a.Severity], severityRank[b.Severity]; sa != sb {
			return sa < sb
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.ID < b.ID
	})
	return out
}

var severityRank = map[Severity]int{SeverityHigh: 0, SeverityMedium: 1, SeverityLow: 2}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// isPrivate says whether the corpus or the rules say a company is private.
func (r *run) isPrivate(name string) ([]*extract.Claim, bool) {
	cs, ok := r.private[name]
	return cs, ok
}

// names returns a company's canonical name and its aliases.
func (r *run) names(name string) []string {
	out := []string{name}
	if r.opts.Rules == nil {
		return out
	}
	for _, e := range r.opts.Rules.Entities {
		if e.Name == name {
			return append(out, e.Aliases...)
		}
	}
	return out
}
