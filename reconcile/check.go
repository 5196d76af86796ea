package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
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
}

// checks lists the checks and what each reports; Stream runs them, each in
// the pass that gives it the claims it needs.
var checks = []Check{
	{Name: "conflicts", Doc: "claims about the same fact (parties, part of a deal, time anchor) whose values cannot all be true; two people given one chief post at once"},
	{Name: "arithmetic", Doc: "stated figures that cannot all hold: stake x valuation vs amount, pre-money + new money vs post-money, CAGR vs start and end, a % change vs its two figures, parts vs total in an article, the tranches of a pair's deals vs a running total stated after them, a price per share times the target's shares vs the deal's amount, multiples vs the values they relate"},
	{Name: "tickers", Doc: "symbols not listed (in a listing no newer than the article), listed to another company or exchange, or given to a private company"},
}

// Checks lists the registered checks.
func Checks() []Check { return append([]Check(nil), checks...) }

// run is one reconciliation: options and what is derived from the claims.
type run struct {
	opts    Options
	private map[string][]*extract.Claim // company → the claims saying it is private
	// privateCanon maps a private company's canonical name to its name in
	// private, so that "Calder" being private makes "Calder Robotics" so.
	privateCanon map[string]string
	aliases      aliases
	// holders are claims that a person holds an exclusive post (the role rule's), by
	// organisation and post.
	holders    map[string][]*extract.Claim
	posts      posts
	marketKeys map[string]string
	marketDrop map[string]bool
	// each market's earliest and latest sizes across the corpus
	marketSpans map[string]*span
	tickers     tickers
	// claims on the losing side of a conflict: an arithmetic finding that
	// rests on one of them repeats the conflict and is not reported.
	outliers map[string]bool
	// while not nil, the outliers the fact being checked adds, in order
	outlierLog []string
	// readAll checks facts whose claims all agree too (tests compare)
	readAll bool
	// each investor's deal claims across the corpus, by target, and the
	// target nearly all of them name
	dealTargets  map[string]map[string]int
	dealTargetOf map[string]string
	// plain amounts whose article states the same amount for the same
	// pair as a ceiling, by claim id: they are read as that ceiling
	asCeiling map[string]bool
	// each pair's deal announcements that articles report as their news,
	// by canonical investor and target
	announced map[[2]string][]int
	// each pair's deal completions that articles report as their news:
	// a completed deal changes the holdings
	closed map[[2]string][]int
	// and the days they were struck ("agreed on Tuesday"), for the pairs
	// whose announcement no article dates
	signed map[[2]string][]int
	// facts declares, per kind, which claims state one fact and how
	// their values compare (the rules' fact declarations)
	facts map[extract.Kind]*rules.Fact
	// the tranches and running totals of the pairs a running total is
	// stated for, by amountKey
	amounts map[string]*pairAmounts
}

func newRun(opts Options) *run {
	if opts.Tolerance == 0 {
		opts.Tolerance = DefaultTolerance
	}
	return &run{opts: opts, private: map[string][]*extract.Claim{}, outliers: map[string]bool{}, marketKeys: map[string]string{},
		marketSpans: map[string]*span{}, dealTargets: map[string]map[string]int{}, dealTargetOf: map[string]string{},
		asCeiling: map[string]bool{}, announced: map[[2]string][]int{}, posts: postsOf(opts.Rules),
		closed: map[[2]string][]int{}, signed: map[[2]string][]int{}, facts: factsOf(opts.Rules)}
}

// Reconcile checks claims held in memory and returns the findings, ordered
// by severity, kind, subject and id. It is a pure function of its inputs,
// and returns what Stream returns for a Source holding the same claims.
func Reconcile(claims []extract.Claim, opts Options) []Finding {
	out, err := Stream(memorySource(claims), opts)
	if err != nil {
		panic("reconcile: in-memory source failed: " + err.Error()) // it returns no errors
	}
	return out
}

// finish gives the findings their ids and the report's order.
func finish(out []Finding) []Finding {
	for i := range out {
		f := &out[i]
		sort.Strings(f.Claims)
		f.Evidence = hashOf(strings.Join(f.Claims, ","))
		f.ID = "f-" + hashOf(f.Fingerprint)[:12]
	}
	sort.SliceStable(out, func(i, j int) bool { return Before(&out[i], &out[j]) })
	return out
}

// Before says whether a comes before b in a report: by severity, most
// urgent first (unknown ones last), then kind, subject and id.
func Before(a, b *Finding) bool {
	if ra, rb := severityRank(a.Severity), severityRank(b.Severity); ra != rb {
		return ra < rb
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Subject != b.Subject {
		return a.Subject < b.Subject
	}
	return a.ID < b.ID
}

func severityRank(s Severity) int {
	switch s {
	case SeverityHigh:
		return 0
	case SeverityMedium:
		return 1
	case SeverityLow:
		return 2
	}
	return 3
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// isPrivate says whether the corpus or the rules say a company is private.
func (r *run) isPrivate(name string) ([]*extract.Claim, bool) {
	if cs, ok := r.private[name]; ok {
		return cs, ok
	}
	if n, ok := r.privateCanon[r.canon(name)]; ok {
		return r.private[n], true
	}
	return nil, false
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
