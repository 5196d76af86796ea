package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

const evil = `<script>alert(1)</script>`

// hostile is a report whose every article-borne string tries to inject.
func hostile() *Report {
	sentence := `Orbital paid $2 billion " onmouseover="alert(2)" for <b>Helix</b> <a href="javascript:alert(3)">x</a> ` + evil + `.`
	mark := "$2 billion"
	start := strings.Index(sentence, mark)
	c1 := extract.Claim{ID: "c-1", Article: `evil/<script>x</script>.html`, Kind: extract.KindInvestment, Subject: `Orbital` + evil, Object: "Helix",
		Normalized: "USD 2000000000", Text: mark, Sentence: sentence, Start: 100 + start, End: 100 + start + len(mark), SentStart: 100, SentEnd: 100 + len(sentence)}
	c2 := c1
	c2.ID, c2.Article, c2.Text, c2.Normalized = "c-2", "b.txt", "$3 billion", "USD 3000000000"
	c2.Sentence = "Orbital paid $3 billion for Helix."
	c2.SentStart, c2.Start, c2.End = 0, 13, 23
	f := reconcile.Finding{ID: "f-1", Type: reconcile.TypeConflict, Kind: extract.KindInvestment, Subject: "Orbital" + evil, Object: "Helix",
		Severity: reconcile.SeverityHigh, Claims: []string{"c-1", "c-2"}, Message: "$2 billion vs $3 billion " + evil,
		Sides: []reconcile.Side{{Value: "$3 billion", Claims: []string{"c-2"}, Articles: []string{"b.txt"}, Sources: 1},
			{Value: "$2 billion" + evil, Claims: []string{"c-1"}, Articles: []string{c1.Article}, Sources: 1}}}
	return &Report{
		Articles: []corpus.Article{{Path: c1.Article, Title: "Title " + evil, Source: `Src" onload="x`, Text: strings.Repeat(" ", 100) + sentence},
			{Path: "b.txt", Title: "B", Text: c2.Sentence}},
		Claims:   []extract.Claim{c1, c2},
		Findings: []Entry{{Finding: f, Status: "open", Review: Review{State: "open", Note: evil}}},
		Errors:   []FileError{{Path: evil + ".txt", Message: "binary " + evil}},
	}
}

// assertInert parses a page and fails on any script not ours, any event
// handler attribute, and any javascript: URL.
func assertInert(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" && n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "alert") {
				t.Errorf("an injected script runs: %q", n.FirstChild.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("injected event handler %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if strings.Contains(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("javascript: URL in %s of <%s>", a.Key, n.Data)
				}
			}
			if n.Data == "b" || n.Data == "a" && attr(n, "href") == "javascript:alert(3)" {
				t.Errorf("article markup became markup: <%s>", n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile text is not shown escaped")
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	assertInert(t, page)
	for _, external := range []string{`src="http`, `href="http`, `src="//`, "@import"} {
		if strings.Contains(page, external) {
			t.Errorf("the report loads %s: it must be self-contained", external)
		}
	}
	if !strings.Contains(page, "<mark>$2 billion</mark>") {
		t.Error("the claim is not highlighted in its sentence")
	}
	for _, f := range []string{`data-filter="type"`, `data-filter="kind"`, `data-filter="show"`, `data-state="unreviewed"`} {
		if !strings.Contains(page, f) {
			t.Errorf("the report lacks the filter hook %s", f)
		}
	}
}

// TestHTMLSelfContained: the report fetches nothing, and its policy lets
// its own script run and nothing else.
func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	var csp string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if (a.Key == "src" || a.Key == "href" || a.Key == "action") && (strings.Contains(a.Val, "//") || strings.HasPrefix(a.Val, "data:")) {
					t.Errorf("<%s %s=%q>: the report must be self-contained", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "link" || n.Data == "img" || n.Data == "iframe" {
				t.Errorf("a <%s> in the report", n.Data)
			}
			if n.Data == "script" && n.FirstChild != nil {
				scripts = append(scripts, n.FirstChild.Data)
			}
			if n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" {
				csp = attr(n, "content")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if strings.Contains(page, "@import") || strings.Contains(page, "url(") {
		t.Error("the styles fetch something")
	}
	if len(scripts) != 1 {
		t.Fatalf("%d scripts, want 1", len(scripts))
	}
	sum := sha256.Sum256([]byte(scripts[0]))
	if want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, want) || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("policy %q does not allow exactly the report's script (%s)", csp, want)
	}
	for _, want := range []string{"3 articles, 6 claims, 3 findings (2 high, 1 medium)", `<mark>up to $4 billion</mark>`, `<mark>NYSE: COHR</mark>`,
		"What Amazon *really* paid", "The Ledger", "2024-03", "notes/photo.jpg", "broken.html", `class="sides"`, `name="viewport"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Index(page, `id="f-conflict"`) > strings.Index(page, `id="f-ticker"`) || strings.Index(page, `id="f-ticker"`) > strings.Index(page, `id="f-stake"`) {
		t.Error("findings not by severity")
	}
}

// TestHTMLHighlightFallback: offsets that do not fit the sentence find the
// claim by its text, else leave the sentence unmarked; never a wrong mark.
func TestHTMLHighlightFallback(t *testing.T) {
	r := sample()
	for i := range r.Claims {
		if r.Claims[i].Text == "$8 billion" {
			r.Claims[i].Text = "$9 billion" // not in the sentence
		}
	}
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<mark>$8") || !strings.Contains(b.String(), "Amazon had put $8 billion into") {
		t.Error("a claim whose text is not in its sentence is marked, or its sentence is lost")
	}
}

// fakeSource is an in-memory database for the review pages.
type fakeSource struct {
	mu      sync.Mutex
	r       *Report
	reviews map[string]Review
	history map[string][]Review
	reads   int // calls of ReviewHistories
	runs    []RunPoint
}

func (s *fakeSource) Report(ctx context.Context, f Filter) (*Report, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := *s.r
	out.Findings = nil
	for _, e := range s.r.Findings {
		if rv, ok := s.reviews[e.ID]; ok {
			e.Review = rv
		}
		if st := f.Status(); st != "all" && e.Status != st || f.Review() != "" && e.Review.State != f.Review() ||
			f.Type != "" && string(e.Type) != f.Type || f.Kind != "" && string(e.Kind) != f.Kind {
			continue
		}
		out.Findings = append(out.Findings, e)
	}
	return &out, nil
}

func (s *fakeSource) Article(ctx context.Context, path string) (*corpus.Article, []extract.Claim, error) {
	for i := range s.r.Articles {
		if s.r.Articles[i].Path == path {
			var claims []extract.Claim
			for _, c := range s.r.Claims {
				if c.Article == path {
					claims = append(claims, c)
				}
			}
			return &s.r.Articles[i], claims, nil
		}
	}
	return nil, nil, fmt.Errorf("article %s: %w", path, ErrNotFound)
}

func (s *fakeSource) SetReview(ctx context.Context, id, state, note, who string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.r.Findings {
		if e.ID == id {
			rv := Review{State: state, Note: note, By: who, At: time.Now()}
			s.reviews[id] = rv
			s.history[id] = append(s.history[id], rv)
			return nil
		}
	}
	return fmt.Errorf("finding %s: %w", id, ErrNotFound)
}

// newFake serves hostile with a second, quieter finding, so that filters
// have something to leave out.
func newFake() *fakeSource {
	r := hostile()
	c := r.Claims[1]
	c.ID, c.Kind, c.Subject, c.Object, c.Normalized, c.Text = "c-3", extract.KindTicker, "Helix", "", "NYSE:HLX", "Orbital"
	c.Start, c.End = 0, len("Orbital")
	r.Claims = append(r.Claims, c)
	r.Findings = append(r.Findings, Entry{Status: "open", Review: Review{State: "open"}, Finding: reconcile.Finding{ID: "f-2", Type: reconcile.TypeUnverifiedTicker,
		Kind: extract.KindTicker, Subject: "Helix", Severity: reconcile.SeverityMedium, Claims: []string{"c-3"}, Message: "HLX is not listed"}})
	r.Articles[0].Published = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	r.Articles[0].Precision = corpus.PrecisionDay
	r.Articles[1].Published = time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)
	r.Articles[1].Precision = corpus.PrecisionDay
	r.Articles[1].Source = "The Ledger"
	runs := []RunPoint{{ID: 3, New: 1, Resolved: 2}, {ID: 2, New: 0, Resolved: 0}, {ID: 1, New: 4}}
	return &fakeSource{r: r, reviews: map[string]Review{}, history: map[string][]Review{}, runs: runs}
}

// ReviewHistories makes fakeSource a ReviewLog; it counts its calls.
func (s *fakeSource) ReviewHistories(ctx context.Context, ids []string) (map[string][]Review, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	out := map[string][]Review{}
	for _, id := range ids {
		if h := s.history[id]; len(h) > 0 {
			out[id] = append([]Review(nil), h...)
		}
	}
	return out, nil
}

func (s *fakeSource) Runs(ctx context.Context, limit int) ([]RunPoint, error) {
	return s.runs, nil
}

// serverClient serves src and returns helpers that do not follow redirects.
type serverClient struct {
	t      *testing.T
	url    string
	client *http.Client
}

func newServerClient(t *testing.T, src Source) *serverClient {
	h, err := NewServer(src, ServerOptions{Who: "editor", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &serverClient{t: t, url: srv.URL, client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *serverClient) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
		if got := resp.Header.Get(k); got != want {
			c.t.Errorf("%s %s: %s %q, want %q", req.Method, req.URL.Path, k, got, want)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'nonce-", "form-action 'self'", "img-src 'self'", "style-src 'unsafe-inline'"} {
		if !strings.Contains(csp, want) {
			c.t.Errorf("%s %s: CSP %q lacks %s", req.Method, req.URL.Path, csp, want)
		}
	}
	return resp.StatusCode, string(b), resp.Header
}

func (c *serverClient) get(path string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.url+path, nil)
	code, body, _ := c.do(req)
	return code, body
}

func (c *serverClient) post(path string, form url.Values, hdr ...string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	code, _, h := c.do(req)
	return code, h.Get("Location")
}

func formValue(t *testing.T, page, name string) string {
	t.Helper()
	k := `name="` + name + `" value="`
	i := strings.Index(page, k)
	if i < 0 {
		t.Fatalf("no %s field in the page", name)
	}
	v := page[i+len(k):]
	return html.UnescapeString(v[:strings.IndexByte(v, '"')])
}

func TestServerPages(t *testing.T) {
	src := newFake()
	c := newServerClient(t, src)

	code, page := c.get("/")
	if code != 200 || !strings.Contains(page, `id="f-1"`) || !strings.Contains(page, `id="f-2"`) {
		t.Fatalf("list: %d", code)
	}
	assertInert(t, page)
	if !strings.Contains(page, `<meta name="viewport"`) || !strings.Contains(page, `<mark>$2 billion</mark>`) {
		t.Error("list: no viewport or no highlighted claim")
	}

	// Filters ride in the query string; the server filters.
	code, page = c.get("/?type=unverified_ticker")
	if code != 200 || strings.Contains(page, `id="f-1"`) || !strings.Contains(page, `id="f-2"`) {
		t.Errorf("type filter: %d, f-1 shown %v", code, strings.Contains(page, `id="f-1"`))
	}
	if !strings.Contains(page, `<option value="unverified_ticker" selected>`) || !strings.Contains(page, `<option value="conflict">`) {
		t.Error("the filter form does not show the filter, or drops the other choices")
	}
	if _, page = c.get("/?show=dismissed"); !strings.Contains(page, `class="empty"`) {
		t.Error("no findings: no plain message")
	}

	// One finding, side by side, with links into its articles.
	code, page = c.get("/finding/f-1")
	if code != 200 || !strings.Contains(page, "<mark>$2 billion</mark>") || !strings.Contains(page, "<mark>$3 billion</mark>") || strings.Contains(page, `id="f-2"`) {
		t.Errorf("finding page: %d", code)
	}
	assertInert(t, page)
	link := "/article?path=evil%2f%3cscript%3ex%3c%2fscript%3e.html#span-113"
	if !strings.Contains(page, `href="`+link+`"`) {
		t.Errorf("finding page lacks the article link %s", link)
	}

	// The article, every claim highlighted, the target anchored.
	code, page = c.get("/article?path=" + url.QueryEscape(`evil/<script>x</script>.html`))
	if code != 200 || !strings.Contains(page, `<mark id="span-113" title="investment">$2 billion</mark>`) || !strings.Contains(page, "scrollIntoView") {
		t.Errorf("article page: %d\n%s", code, page)
	}
	assertInert(t, page)
	if code, page = c.get("/article?path=nope.txt"); code != 404 || !strings.Contains(page, "nope.txt") {
		t.Errorf("unknown article: %d", code)
	}
	code, page = c.get("/finding/f-404" + url.PathEscape(evil))
	if code != 404 || !strings.Contains(page, "No finding") || !strings.Contains(page, `href="/"`) {
		t.Errorf("unknown finding: %d\n%s", code, page)
	}
	assertInert(t, page)
	if code, _ = c.get("/nowhere"); code != 404 {
		t.Errorf("unknown page: %d", code)
	}
}

func TestServerReview(t *testing.T) {
	src := newFake()
	c := newServerClient(t, src)
	_, page := c.get("/?kind=investment")
	token := formValue(t, page, "csrf")
	back := formValue(t, page, "return")
	if back != "/?kind=investment" {
		t.Errorf("return field %q", back)
	}

	if code, _ := c.get("/finding/f-1/review"); code != 405 {
		t.Errorf("GET on a state change: %d, want 405", code)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}}); code != 403 {
		t.Errorf("POST without token: %d, want 403", code)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {token + "x"}}); code != 403 {
		t.Errorf("POST with a wrong token: %d, want 403", code)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {token}}, "Sec-Fetch-Site", "cross-site"); code != 403 {
		t.Errorf("POST from another site: %d, want 403", code)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"delete"}, "csrf": {token}}); code != 400 {
		t.Errorf("unknown state: %d, want 400", code)
	}
	if len(src.reviews) != 0 {
		t.Fatal("a rejected POST changed state")
	}
	if code, _ := c.post("/finding/f-9/review", url.Values{"state": {"dismiss"}, "csrf": {token}}); code != 404 {
		t.Errorf("review of an unknown finding: %d, want 404", code)
	}

	code, loc := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "note": {"rounded " + evil}, "csrf": {token}, "return": {back}})
	if code != 303 || loc != "/?kind=investment&reviewed=f-1&state=dismissed#f-1" {
		t.Errorf("POST: %d to %q, want 303 back to the filtered list", code, loc)
	}
	if rv := src.reviews["f-1"]; rv.State != "dismissed" || rv.By != "editor" || rv.Note != "rounded "+evil {
		t.Errorf("review not recorded: %+v", rv)
	}
	_, page = c.get(loc)
	if !strings.Contains(page, "Finding f-1 marked dismissed.") || !strings.Contains(page, "rounded &lt;script&gt;") {
		t.Error("after the redirect: no confirmation, or the note is not shown escaped")
	}
	assertInert(t, page)

	// From the finding's own page, back to it; a foreign return is ignored.
	_, page = c.get("/finding/f-1")
	if got := formValue(t, page, "return"); got != "/finding/f-1" {
		t.Errorf("finding page return field %q", got)
	}
	for in, want := range map[string]string{
		"/finding/f-1":          "/finding/f-1?reviewed=f-1&state=confirmed#f-1",
		"https://evil.example/": "/?reviewed=f-1&state=confirmed#f-1",
		"//evil.example/":       "/?reviewed=f-1&state=confirmed#f-1",
		"/\\evil.example":       "/?reviewed=f-1&state=confirmed#f-1",
		"/article?path=x":       "/?reviewed=f-1&state=confirmed#f-1",
		"":                      "/?reviewed=f-1&state=confirmed#f-1",
	} {
		if code, loc := c.post("/finding/f-1/review", url.Values{"state": {"confirm"}, "csrf": {token}, "return": {in}}); code != 303 || loc != want {
			t.Errorf("return %q: %d to %q, want %q", in, code, loc, want)
		}
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"reopen"}, "csrf": {token}}); code != 303 || src.reviews["f-1"].State != "open" {
		t.Errorf("reopen: %d, %+v", code, src.reviews["f-1"])
	}

	// The confirmation line is built, not echoed.
	if _, page = c.get("/?reviewed=" + url.QueryEscape("Your account is locked, call +1 555") + "&state=dismissed"); strings.Contains(page, "account is locked") {
		t.Error("the page repeats words from a link")
	}
}

// card is the part of a page that shows finding id.
func card(t *testing.T, page, id string) string {
	t.Helper()
	at := strings.Index(page, `" id="`+id+`" data-type=`)
	if at < 0 {
		t.Fatalf("no card for %s", id)
	}
	i := strings.LastIndex(page[:at], "<article ")
	return page[i : at+strings.Index(page[at:], "</article>")]
}

// TestServerReviewHistory: two editors on two servers over one database
// both load the list; ana confirms f-1, then ben, whose page predates it,
// dismisses it. Ben is told what ana said after he loaded the page, and
// both verdicts show in f-1's history, oldest first, notes escaped.
func TestServerReviewHistory(t *testing.T) {
	src := newFake()
	opts := ServerOptions{CSRFToken: "one-token-for-both-servers"}
	opts.Who = "ana"
	ana := accessClient(t, src, opts)
	opts.Who = "ben <i>B</i>"
	ben := accessClient(t, src, opts)

	_, anaPage := ana.get("/")
	_, benPage := ben.get("/")
	if strings.Contains(anaPage, `class="history"`) || formValue(t, anaPage, "seen") != "0" {
		t.Fatal("a finding without verdicts shows a history, or its form does not count none")
	}
	if src.reads != 2 {
		t.Errorf("two page loads read the histories %d times, want once each", src.reads)
	}

	code, loc := ana.post("/finding/f-1/review", url.Values{"state": {"confirm"}, "note": {"two rounds <b>x</b>"}, "csrf": {formValue(t, anaPage, "csrf")},
		"seen": {formValue(t, anaPage, "seen")}, "return": {"/"}})
	if code != 303 || strings.Contains(loc, "since=") {
		t.Errorf("first verdict: %d to %q, want no earlier verdict reported", code, loc)
	}
	code, loc = ben.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "note": {"same deal " + evil}, "csrf": {formValue(t, benPage, "csrf")},
		"seen": {formValue(t, benPage, "seen")}, "return": {"/"}})
	if code != 303 || loc != "/?reviewed=f-1&since=0&state=dismissed&upto=1#f-1" {
		t.Fatalf("second verdict: %d to %q, want ana's verdict pointed to", code, loc)
	}

	_, page := ben.get(loc)
	assertInert(t, page)
	for _, want := range []string{
		`While this page was open, <a href="#f-1">f-1</a> was given another verdict:`,
		`<li><span class="verdict v-confirmed">confirmed</span> by ana, <time datetime="`,
		`<q>two rounds &lt;b&gt;x&lt;/b&gt;</q></li></ul>`,
		"Finding f-1 marked dismissed.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("after ben's verdict the page lacks %q", want)
		}
	}
	f1 := card(t, page, "f-1")
	if !strings.Contains(f1, `<details class="history" open><summary>2 verdicts · last <span class="verdict v-dismissed">dismissed</span> by ben &lt;i&gt;B&lt;/i&gt;, <time`) {
		t.Errorf("f-1's history is not open, or its summary is not ben's dismissal:\n%s", f1)
	}
	list := f1[strings.Index(f1, "<ol>")+1:]
	a, b := strings.Index(list, "confirmed</span> by ana"), strings.Index(list, "dismissed</span> by ben")
	if a < 0 || b < 0 || a > b || !strings.Contains(f1, "<q>same deal &lt;script&gt;alert(1)&lt;/script&gt;</q>") {
		t.Errorf("f-1's history does not list ana's then ben's verdict with their notes escaped:\n%s", f1)
	}
	if strings.Contains(card(t, page, "f-2"), "history") {
		t.Error("f-2, never reviewed, shows a history")
	}

	// Ana's next look: dismissed findings need show=all; the history is
	// there, collapsed, and her form now counts two verdicts.
	_, page = ana.get("/?show=all")
	f1 = card(t, page, "f-1")
	if !strings.Contains(f1, `<details class="history"><summary>2 verdicts`) || strings.Contains(page, "While this page was open") ||
		formValue(t, f1, "seen") != "2" {
		t.Errorf("ana's page: f-1's history missing, open, or miscounted:\n%s", f1)
	}
	if _, page = ana.get("/finding/f-1"); !strings.Contains(page, `<details class="history" open>`) {
		t.Error("the finding's own page does not open its history")
	}
	// The pointers in the query only select stored verdicts.
	for _, q := range []string{"since=0&upto=9", "since=-1&upto=1", "since=1&upto=1", "since=x&upto=1"} {
		if _, page = ana.get("/?reviewed=f-1&state=dismissed&" + q); strings.Contains(page, "While this page was open") {
			t.Errorf("%s: a warning from pointers outside the history", q)
		}
	}
	if _, page = ana.get("/?reviewed=f-1&state=dismissed&since=1&upto=2"); !strings.Contains(page, "was given another verdict:</p>\n<ul><li><span class=\"verdict v-dismissed\">dismissed</span> by ben") {
		t.Error("since=1&upto=2 does not point at ben's verdict")
	}

	// A verdict on a form that predates none is not a warning; a form
	// without the count (an older page) is recorded without one.
	_, page = ana.get("/?show=all")
	if code, loc := ana.post("/finding/f-1/review", url.Values{"state": {"reopen"}, "csrf": {formValue(t, page, "csrf")}, "seen": {"2"}}); code != 303 || strings.Contains(loc, "since=") {
		t.Errorf("up-to-date form: %d to %q", code, loc)
	}
	if code, loc := ana.post("/finding/f-1/review", url.Values{"state": {"confirm"}, "csrf": {formValue(t, page, "csrf")}}); code != 303 || strings.Contains(loc, "since=") {
		t.Errorf("form without a count: %d to %q", code, loc)
	}
	if n := len(src.history["f-1"]); n != 4 {
		t.Errorf("f-1 has %d verdicts, want 4", n)
	}
}

// TestServerWithoutReviewLog: a Source that keeps no history serves the
// pages and takes verdicts as before.
func TestServerWithoutReviewLog(t *testing.T) {
	src := newFake()
	c := newServerClient(t, struct{ Source }{src})
	_, page := c.get("/")
	if strings.Contains(page, `name="seen"`) {
		t.Error("forms count verdicts no history was read of")
	}
	if code, loc := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {formValue(t, page, "csrf")}, "seen": {"0"}}); code != 303 || strings.Contains(loc, "since=") {
		t.Errorf("verdict: %d to %q", code, loc)
	}
	if _, page = c.get("/?show=all"); strings.Contains(page, `class="history"`) {
		t.Error("a history shown from a Source without one")
	}
}

// TestServerTokens: each server has its own token, so a form from one
// does not work on another.
func TestServerTokens(t *testing.T) {
	a, b := newServerClient(t, newFake()), newServerClient(t, newFake())
	_, pa := a.get("/")
	_, pb := b.get("/")
	if formValue(t, pa, "csrf") == formValue(t, pb, "csrf") {
		t.Error("two servers share a CSRF token")
	}
	if code, _ := b.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {formValue(t, pa, "csrf")}}); code != 403 {
		t.Errorf("another server's token: %d, want 403", code)
	}
}

func TestHighlight(t *testing.T) {
	text := "Amazon paid $4 billion.\n\nIt owns 49% now, it said."
	claims := []extract.Claim{
		{Kind: extract.KindStake, Start: 33, End: 36},      // 49%
		{Kind: extract.KindInvestment, Start: 12, End: 22}, // $4 billion
		{Kind: extract.KindInvestment, Start: 13, End: 14}, // 4, inside $4 billion: an anchor in its mark
		{Kind: extract.KindRevenue, Start: 12, End: 22},    // same span, other kind: one mark
		{Kind: extract.KindRole, Start: 40, End: 400},      // outside the text
	}
	paras := highlight(text, claims)
	if len(paras) != 2 {
		t.Fatalf("%d paragraphs, want 2: %+v", len(paras), paras)
	}
	var got []string
	for _, p := range paras {
		var b strings.Builder
		for _, s := range p {
			if s.Claim {
				fmt.Fprintf(&b, "[%s%v:%s]", s.Anchor, s.Also, s.Text)
			} else {
				b.WriteString(s.Text)
			}
		}
		got = append(got, b.String())
	}
	if want := []string{"Amazon paid [span-12[span-13]:$4 billion].", "It owns [span-33[]:49%] now, it said."}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if claims[0].Start != 33 {
		t.Error("highlight reordered its input")
	}
}
