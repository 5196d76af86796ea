package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
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
	"list3":  func(a, b, c string) []string { return []string{a, b, c} },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04")
	},
}).ParseFS(templateFS, "templates/*.html"))

// quote is a claim shown in its sentence: escaped pieces around the
// highlighted claim, never raw HTML.
type quote struct {
	ID, Article, Title, Source, Published string
	Before, Mark, After                   string
	Hedged                                bool
	Start                                 int
	Attribution                           string
}

type sideView struct {
	Label  string
	Quotes []quote
	More   string // how many claims are not quoted
}

type findingView struct {
	Entry
	Sides   []sideView
	Classes string
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
	Filter   Filter
	Flash    string
	Single   bool         // one finding's page: no filters, a way back
	Return   string       // where a review form comes back to: this page
	Script   template.JS  // the filter script, ours: never article text
	quotes   *claimLookup // its failure to read a finding's quotes fails the page
	CSP      string       // the static report's policy; the server sends a header instead
	Reviewer string       // who the server records verdicts as; "" when it must ask
	AskName  bool         // the review forms ask for the reviewer's name
}

// filterScript hides the cards the static report's filters rule out. The
// review server filters on its side and leaves it idle. It is a constant
// so that its hash can go in the static report's Content-Security-Policy.
const filterScript = `
(function(){
  if (document.querySelector('.filters[action]')) return; // the server filters itself
  var sel = document.querySelectorAll('[data-filter]');
  function apply(){
    var want = {}, shown = 0;
    sel.forEach(function(s){ want[s.dataset.filter] = s.value; });
    document.querySelectorAll('.finding').forEach(function(f){
      var show = (!want.type || f.dataset.type === want.type) && (!want.kind || f.dataset.kind === want.kind) &&
        (!want.review || f.dataset.review === want.review) && (!want.status || f.dataset.status === want.status);
      f.hidden = !show;
      if (show) shown++;
    });
    var none = document.getElementById('none-shown');
    if (none) none.hidden = shown > 0;
  }
  sel.forEach(function(s){ s.addEventListener('change', apply); });
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
		Script: template.JS(filterScript)}
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
	fv := findingView{Entry: f}
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
	q := quote{ID: c.ID, Article: c.Article, Before: b, Mark: m, After: a, Hedged: c.Hedged, Start: c.Start, Attribution: c.Attribution}
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
	if err := templates.ExecuteTemplate(w, "page.html", p); err != nil {
		return err
	}
	return p.quotes.err
}

// Filter selects findings on the review page.
type Filter struct {
	Status, Review, Type, Kind string
}
