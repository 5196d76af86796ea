package report

import (
	"fmt"
	"sort"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// Review is an editor's verdict on a finding.
type Review struct {
	State        string // open, confirmed, dismissed
	Note, By     string
	At           time.Time
	ReopenReason string
}

// Entry is a finding with its review and history.
type Entry struct {
	reconcile.Finding
	Status string // open or resolved
	Review Review
	New    bool // new or reopened in the run being reported
	// History is every verdict given on the finding, oldest first, the
	// last being Review; the review pages fill it from a ReviewLog.
	History []Review
}

// FileError is a file that was skipped or failed, and why.
type FileError struct {
	Path, Message string
}

// Report is everything a renderer shows.
type Report struct {
	Articles []corpus.Article // Text may be empty
	// ArticleText, when set, reads the text of an article whose Text is
	// empty: the HTML report embeds the articles it quotes.
	ArticleText func(path string) (string, error)
	// Claims are the claims shown: every claim of the corpus, or, when
	// EachClaim is set, at least those the findings quote (ShownClaims)
	// unless Quoted reads them.
	Claims []extract.Claim
	// Quoted, when set, reads the claims with the given ids: the claims a
	// finding quotes (ShownClaims), asked for as a renderer reaches the
	// finding, so that a report over a large store holds one finding's
	// quotes at a time rather than every finding's.
	Quoted func(ids []string) ([]extract.Claim, error)
	// EachClaim, when set, reads every claim, article by article in path
	// order, for the JSON report's claim list, and ClaimTotal counts the
	// reported ones: a report over a large store then holds one article's
	// claims at a time besides those its findings cite.
	EachClaim  func(fn func(extract.Claim) error) error
	ClaimTotal int
	Findings   []Entry
	Skipped    []FileError
	Errors     []FileError
	Listing    string // what tickers were checked against
	Generated  time.Time
	Title      string // "" gives "claimcheck report"
	// Filter is what the findings were selected by (Select); the HTML
	// report's filter starts there.
	Filter Filter
}

// contractKinds are the claim kinds of the report contract; other claims
// (internal evidence) are not reported.
var contractKinds = func() map[extract.Kind]bool {
	m := map[extract.Kind]bool{}
	for _, k := range extract.Kinds {
		m[k] = true
	}
	return m
}()

// ReportedClaims returns the claims a report lists, in order.
func (r *Report) ReportedClaims() []extract.Claim {
	return reported(r.Claims)
}

// claimCount is how many claims the corpus holds that a report lists.
func (r *Report) claimCount() int {
	if r.EachClaim != nil {
		return r.ClaimTotal
	}
	return len(r.ReportedClaims())
}

// reported keeps the claims of the contract's kinds, in report order.
func reported(claims []extract.Claim) []extract.Claim {
	out := make([]extract.Claim, 0, len(claims))
	for _, c := range claims {
		if contractKinds[c.Kind] {
			out = append(out, c)
		}
	}
	// By article and sentence; within a sentence, a figure held before the
	// one the sentence is about ("from $14 billion to $29 billion",
	// "previously CFO") comes last, as extraction orders them.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.SentStart != b.SentStart {
			return a.SentStart < b.SentStart
		}
		if ab, bb := a.Aspect == extract.AspectBefore, b.Aspect == extract.AspectBefore; ab != bb {
			return bb
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.ID < b.ID
	})
	return out
}

// sortedArticles returns the articles by path, leaving r as it is.
func (r *Report) sortedArticles() []corpus.Article {
	out := append([]corpus.Article(nil), r.Articles...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// sortedFindings returns the findings in the order every renderer shows
// them (reconcile.Before), leaving r as it is.
func (r *Report) sortedFindings() []Entry {
	out := append([]Entry(nil), r.Findings...)
	sort.SliceStable(out, func(i, j int) bool { return reconcile.Before(&out[i].Finding, &out[j].Finding) })
	return out
}

// claimLookup gives renderers the claims a finding quotes: from the
// report's Claims, or read finding by finding through Quoted. A failed
// read is kept in err, for the renderer to return, and quotes nothing.
type claimLookup struct {
	index  map[string]*extract.Claim
	quoted func(ids []string) ([]extract.Claim, error)
	err    error
}

func (r *Report) claimIndex() *claimLookup {
	if r.Quoted != nil {
		return &claimLookup{quoted: r.Quoted}
	}
	m := make(map[string]*extract.Claim, len(r.Claims))
	for i := range r.Claims {
		m[r.Claims[i].ID] = &r.Claims[i]
	}
	return &claimLookup{index: m}
}

// of returns the claims f quotes, by id.
func (l *claimLookup) of(f reconcile.Finding) map[string]*extract.Claim {
	if l.quoted == nil || l.err != nil {
		return l.index
	}
	cs, err := l.quoted(ShownClaims(f))
	if err != nil {
		l.err = fmt.Errorf("read the claims of finding %s: %w", f.ID, err)
		return nil
	}
	m := make(map[string]*extract.Claim, len(cs))
	for i := range cs {
		m[cs[i].ID] = &cs[i]
	}
	return m
}

func (r *Report) articleIndex() map[string]*corpusArticle {
	m := make(map[string]*corpusArticle, len(r.Articles))
	for i := range r.Articles {
		m[r.Articles[i].Path] = &r.Articles[i]
	}
	return m
}

// Counts tallies findings by severity.
func (r *Report) Counts() (high, medium, low int) {
	for _, f := range r.Findings {
		switch f.Severity {
		case reconcile.SeverityHigh:
			high++
		case reconcile.SeverityMedium:
			medium++
		default:
			low++
		}
	}
	return
}

type corpusArticle = corpus.Article
