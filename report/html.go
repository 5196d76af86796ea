package report

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
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
}).ParseFS(templateFS, "templates/*.html"))

// quote is a claim shown in its sentence: escaped pieces around the
// highlighted claim, never raw HTML.
type quote struct {
	ID, Article, Title, Source, Published string
	Before, Mark, After                   string
	Hedged                                bool
	Start                                 int
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
	Findings  []findingView
	Types     []string
	Kinds     []string
	Errors    []FileError
	Skipped   []FileError
	Articles  int
	Server    bool   // the review server: forms and article links
	CSRF      string // the server's form token
	Nonce     string // the server's script nonce
	Filter    Filter // Show always set
	Shows     []string
	Flash     string
	Single    bool        // one finding's page: no filters, a way back
	Return    string      // where a review form comes back to: this page
	Script    template.JS // the filter script, ours: never article text
	CSP       string      // the static report's policy; the server sends a header instead
	Reviewer  string      // who the server records verdicts as; "" when it must ask
	Texts     []embedded  // the static report's quoted articles
	Runs      *runChart   // the review page's findings per run
	AskName   bool        // the review forms ask for the reviewer's name
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
	types, kinds := map[string]bool{}, map[string]bool{}
	for _, f := range r.sortedFindings() {
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
		types[string(f.Type)], kinds[string(f.Kind)] = true, true
		p.Findings = append(p.Findings, fv)
	}
	p.Types, p.Kinds = keys(types), keys(kinds)
	return p
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
	q := quote{ID: c.ID, Article: c.Article, Before: b, Mark: m, After: a, Hedged: c.Hedged, Start: c.Start, Attribution: c.Attribution, Refs: c.Refs}
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
	if err := embedArticles(r, &p); err != nil {
		return err
	}
	return templates.ExecuteTemplate(w, "page.html", p)
}

// embedArticles puts the text of every article the page quotes in it,
// with the quoted claims marked and anchored, and links each quote to its
// span: the static report opens an article at a claim as the review pages
// do, with nothing to fetch. An article whose text is unknown keeps an
// unlinked name.
func embedArticles(r *Report, p *pageView) error {
	arts := r.articleIndex()
	byArticle := map[string][]extract.Claim{}
	for _, c := range r.Claims {
		byArticle[c.Article] = append(byArticle[c.Article], c)
	}
	ids := map[string]string{}
	for fi := range p.Findings {
		for si := range p.Findings[fi].Sides {
			for qi := range p.Findings[fi].Sides[si].Quotes {
				q := &p.Findings[fi].Sides[si].Quotes[qi]
				id, seen := ids[q.Article]
				if !seen {
					a := arts[q.Article]
					text := ""
					if a != nil {
						text = a.Text
					}
					if text == "" && r.ArticleText != nil {
						t, err := r.ArticleText(q.Article)
						if err != nil {
							return fmt.Errorf("html report: text of %s: %w", ShowPath(q.Article), err)
						}
						text = t
					}
					if text != "" {
						id = "a" + itoa(len(p.Texts)+1)
						e := embedded{ID: id, Path: ShowPath(q.Article), Paras: highlightAs(text, byArticle[q.Article], id+"-")}
						if a != nil {
							e.Title, e.Source, e.Published = a.Title, a.Source, a.PublishedString()
						}
						p.Texts = append(p.Texts, e)
					}
					ids[q.Article] = id
				}
				if id != "" {
					q.Link = "#" + id + "-span-" + itoa(q.Start)
				}
			}
		}
	}
	return nil
}
