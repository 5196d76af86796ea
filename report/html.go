package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"iter"
	"sort"
	"strings"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"lower":  strings.ToLower,
	"plural": plural,
	"dict2":  func(p pageView, f findingView) map[string]any { return map[string]any{"P": p, "F": f} },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04")
	},
	// A verdict's time names its zone: editors at several desks compare them.
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"verdict": verdictWord,
	"last":    func(h []Review) Review { return h[len(h)-1] },
}).ParseFS(templateFS, "templates/*.html"))

// verdictWord is a verdict as the history says it: a verdict of "open"
// reopened the finding.
func verdictWord(state string) string {
	if state == "open" || state == "" {
		return "reopened"
	}
	return state
}

// quote is a claim shown in its sentence: escaped pieces around the
// highlighted claim, never raw HTML.
type quote struct {
	ID, Article, Title, Source, Published string
	Before, Mark, After                   string
	Hedged                                bool
	Start, End                            int
	Kind                                  extract.Kind
	Attribution                           string
	Refs                                  []extract.Ref
	Link                                  string // the static report: "#aN-span-START" in the embedded article
}

// embedded is an article's text in the static report, collapsed until a
// quote opens it at its span.
type embedded struct {
	ID, Path, Title, Source, Published string
	Paras                              [][]segment
}

type sideView struct {
	Label  string
	Quotes []quote
	More   string // how many claims are not quoted
}

type findingView struct {
	Entry
	Sides    []sideView
	Classes  string
	State    string // its word of Shows: unreviewed, confirmed, dismissed or resolved
	Timeline *timelineView
}

type pageView struct {
	Title     string
	Summary   string
	Listing   string
	Generated string
	// Findings is nil, or an iter.Seq[findingView] the page ranges over:
	// each finding's quotes are read and excerpted as the page reaches it,
	// so a page holds one finding's at a time.
	Findings any
	Types    []string
	Kinds    []string
	Errors   []FileError
	Skipped  []FileError
	Articles int
	Server   bool   // the review server: forms and article links
	CSRF     string // the server's form token
	Nonce    string // the server's script nonce
	Filter   Filter // Show always set
	Shows    []string
	Flash    string
	Single   bool         // one finding's page: no filters, a way back
	Return   string       // where a review form comes back to: this page
	Script   template.JS  // the filter script, ours: never article text
	quotes   *claimLookup // its failure to read a finding's quotes fails the page
	CSP      string       // the static report's policy; the server sends a header instead
	Reviewer string       // who the server records verdicts as; "" when it must ask
	Runs     *runChart    // the review page's findings per run
	AskName  bool         // the review forms ask for the reviewer's name
	// Histories says the findings' verdict histories were read: the
	// review forms then say how many verdicts their finding had.
	Histories bool
	// Meanwhile are the verdicts given on the finding MeanwhileID after
	// the reviewer loaded the page and before their own.
	Meanwhile   []Review
	MeanwhileID string
	// embed collects, as the findings are written, the articles the
	// static report quotes; Texts writes them after.
	embed *embedder
}

// filterScript hides the cards the static report's filters rule out. The
// review server filters on its side and leaves it idle. It is a constant
// so that its hash can go in the static report's Content-Security-Policy.
const filterScript = `
(function(){
  // The static report opens an embedded article at the span a quote links to.
  function open(hash){
    if (!hash || hash.length < 2) return;
    var t = document.getElementById(hash.slice(1));
    if (!t) return;
    var d = t.closest('details');
    if (d && !d.open) d.open = true;
    t.scrollIntoView({block: 'center'});
  }
  window.addEventListener('hashchange', function(){ open(location.hash); });
  document.addEventListener('click', function(e){
    var a = e.target.closest && e.target.closest('a.open-article');
    if (a) setTimeout(function(){ open(a.getAttribute('href')); }, 0);
  });
  open(location.hash);
})();
(function(){
  if (document.querySelector('.filters[action]')) return; // the server filters itself
  var sel = document.querySelectorAll('[data-filter]');
  // The vocabulary of report.Filter.Match: a card's state is one of
  // unreviewed, confirmed, dismissed or resolved.
  function matches(want, state){
    if (!want || want === 'all') return true;
    if (want === 'attention') return state === 'unreviewed' || state === 'confirmed';
    return want === state;
  }
  function apply(){
    var want = {}, shown = 0;
    sel.forEach(function(s){ want[s.dataset.filter] = s.value; });
    document.querySelectorAll('.finding').forEach(function(f){
      var show = (!want.type || f.dataset.type === want.type) && (!want.kind || f.dataset.kind === want.kind) &&
        matches(want.show, f.dataset.state);
      f.hidden = !show;
      if (show) shown++;
    });
    var none = document.getElementById('none-shown');
    if (none) none.hidden = shown > 0;
  }
  sel.forEach(function(s){ s.addEventListener('change', apply); });
  apply();
  var form = document.querySelector('.filters');
  if (form) form.addEventListener('submit', function(e){ e.preventDefault(); apply(); });
})();
`

// staticCSP is the static report's policy: its own styles and script, and
// nothing else, so that even a failure to escape could not run or fetch
// anything.
var staticCSP = func() string {
	sum := sha256.Sum256([]byte(filterScript))
	return "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src data:; form-action 'none'; base-uri 'none'"
}()

// allTypes and allKinds are the filter choices of the review pages, where
// the list shown is already filtered.
var allTypes = []string{string(reconcile.TypeConflict), string(reconcile.TypeInconsistent), string(reconcile.TypeUnverifiedTicker)}

var allKinds = func() []string {
	var out []string
	for _, k := range extract.Kinds {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}()

func view(r *Report) pageView {
	title := r.Title
	if title == "" {
		title = "claimcheck report"
	}
	p := pageView{Title: title, Summary: Summary(r), Listing: r.Listing, Errors: r.Errors, Skipped: r.Skipped, Articles: len(r.Articles),
		Script: template.JS(filterScript), Shows: Shows, Filter: r.Filter}
	p.Filter.Show = r.Filter.show()
	if !r.Generated.IsZero() {
		p.Generated = r.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	claims := r.claimIndex()
	arts := r.articleIndex()
	p.quotes = claims
	types, kinds := map[string]bool{}, map[string]bool{}
	findings := r.sortedFindings()
	for _, f := range findings {
		types[string(f.Type)], kinds[string(f.Kind)] = true, true
	}
	p.Types, p.Kinds = keys(types), keys(kinds)
	if len(findings) == 0 {
		return p
	}
	p.Findings = iter.Seq[findingView](func(yield func(findingView) bool) {
		for _, f := range findings {
			if !yield(findingViewOf(f, claims, arts)) {
				return
			}
		}
	})
	return p
}

func findingViewOf(f Entry, claims *claimLookup, arts map[string]*corpusArticle) findingView {
	fv := findingView{Entry: f, State: stateOf(f), Timeline: timeline(f, arts)}
	for _, g := range groups(f, claims) {
		sv := sideView{Label: g.label}
		if g.more > 0 {
			sv.More = moreLine(g.more)
		}
		for _, c := range g.claims {
			sv.Quotes = append(sv.Quotes, quoteOf(c, arts))
		}
		fv.Sides = append(fv.Sides, sv)
	}
	state := f.Review.State
	if state == "" {
		state = "open"
	}
	status := f.Status
	if status == "" {
		status = "open"
	}
	fv.Classes = strings.Join([]string{"type-" + string(f.Type), "kind-" + string(f.Kind), "review-" + state, "status-" + status, "sev-" + string(f.Severity)}, " ")
	return fv
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quoteOf(c *extract.Claim, arts map[string]*corpusArticle) quote {
	b, m, a := excerpt(c, 400)
	q := quote{ID: c.ID, Article: c.Article, Before: b, Mark: m, After: a, Hedged: c.Hedged, Start: c.Start, End: c.End, Kind: c.Kind, Attribution: c.Attribution, Refs: c.Refs}
	if art := arts[c.Article]; art != nil {
		q.Title, q.Source, q.Published = art.Title, art.Source, art.PublishedString()
	}
	return q
}

// HTML writes the report as one self-contained page: styles and the filter
// script inline, nothing fetched from elsewhere, everything from articles
// escaped by html/template.
func HTML(w io.Writer, r *Report) error {
	p := view(r)
	p.CSP = staticCSP
	if seq, ok := p.Findings.(iter.Seq[findingView]); ok {
		e := &embedder{r: r, arts: r.articleIndex(), ids: map[string]string{}, claims: map[string][]extract.Claim{}}
		p.embed = e
		p.Findings = iter.Seq[findingView](func(yield func(findingView) bool) {
			for fv := range seq {
				e.link(&fv)
				if !yield(fv) {
					return
				}
			}
		})
	}
	if err := templates.ExecuteTemplate(w, "page.html", p); err != nil {
		return err
	}
	if p.embed != nil && p.embed.err != nil {
		return p.embed.err
	}
	return p.quotes.err
}

// embedder gives the static report the text of every article it quotes,
// with the quoted claims marked and anchored, and links each quote to its
// span: the report opens an article at a claim as the review pages do,
// with nothing to fetch. It learns the articles as the findings are
// written and writes their texts after them, one at a time, so the page
// never holds every article at once. An article whose text is unknown
// keeps an unlinked name.
type embedder struct {
	r      *Report
	arts   map[string]*corpusArticle
	ids    map[string]string          // article → its anchor id, "" when its text is unknown
	order  []string                   // articles in the order first quoted
	claims map[string][]extract.Claim // each article's quoted claims: where to anchor
	err    error
}

// link gives a finding's quotes their anchors in the article texts.
func (e *embedder) link(fv *findingView) {
	for si := range fv.Sides {
		for qi := range fv.Sides[si].Quotes {
			q := &fv.Sides[si].Quotes[qi]
			id, seen := e.ids[q.Article]
			if !seen {
				id = "a" + itoa(len(e.order)+1)
				if e.text(q.Article) == "" && e.r.ArticleText == nil {
					id = ""
				}
				e.ids[q.Article] = id
				e.order = append(e.order, q.Article)
			}
			if id != "" {
				q.Link = "#" + id + "-span-" + itoa(q.Start)
				e.claims[q.Article] = append(e.claims[q.Article], extract.Claim{ID: q.ID, Article: q.Article, Kind: q.Kind, Start: q.Start, End: q.End})
			}
		}
	}
}

// text is an article's text as the report holds it, "" when it does not.
func (e *embedder) text(path string) string {
	if a := e.arts[path]; a != nil {
		return a.Text
	}
	return ""
}

// HasTexts says whether the page quotes an article whose text it embeds.
func (p pageView) HasTexts() bool {
	if p.embed == nil {
		return false
	}
	for _, id := range p.embed.ids {
		if id != "" {
			return true
		}
	}
	return false
}

// Texts are the quoted articles, each read as it is written.
func (p pageView) Texts() iter.Seq[embedded] {
	return func(yield func(embedded) bool) {
		e := p.embed
		if e == nil {
			return
		}
		for _, path := range e.order {
			id := e.ids[path]
			if id == "" {
				continue
			}
			text := e.text(path)
			if text == "" {
				t, err := e.r.ArticleText(path)
				if err != nil {
					e.err = fmt.Errorf("html report: text of %s: %w", ShowPath(path), err)
					return
				}
				text = t
			}
			em := embedded{ID: id, Path: ShowPath(path), Paras: highlightAs(text, e.claims[path], id+"-")}
			if a := e.arts[path]; a != nil {
				em.Title, em.Source, em.Published = a.Title, a.Source, a.PublishedString()
			}
			if !yield(em) {
				return
			}
		}
	}
}
