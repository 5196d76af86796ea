package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

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
	for _, f := range []string{`data-filter="type"`, `data-filter="kind"`, `data-filter="status"`, `data-filter="review"`, `data-status="open"`} {
		if !strings.Contains(page, f) {
			t.Errorf("the report lacks the filter hook %s", f)
		}
	}
}

func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, &Report{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(b.String()), ""); got != `{"schema":"claimcheck.report/v1","articles":[],"claims":[],"findings":[]}` {
		t.Errorf("empty report: %s", got)
	}
	b.Reset()
	if err := JSON(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	order := []string{`"schema"`, `"articles"`, `"claims"`, `"findings"`}
	last := -1
	for _, k := range order {
		i := strings.Index(b.String(), k)
		if i < last {
			t.Errorf("field %s out of order", k)
		}
		last = i
	}
	f := r["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "type", "kind", "subject", "severity", "claims", "message"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %s", k)
		}
	}
	c := r["claims"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "article", "kind", "subject", "object", "normalized", "text", "sentence", "start", "end", "hedged", "attribution"} {
		if _, ok := c[k]; !ok {
			t.Errorf("claim lacks %s", k)
		}
	}
}

func TestTextAndMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, hostile(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\033[") {
		t.Error("colour without a terminal")
	}
	for _, want := range []string{"2 articles, 2 claims, 1 finding (1 high); 1 file error", "«$2 billion»", "b.txt: “Orbital paid «$3 billion» for Helix.”", "Files that could not be read"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := Markdown(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>") {
		t.Error("markdown passes raw HTML through")
	}
}

// fakeSource is an in-memory database for the review pages.
type fakeSource struct {
	mu      sync.Mutex
	r       *Report
	reviews map[string]Review
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
		if f.Review != "" && e.Review.State != f.Review || f.Type != "" && string(e.Type) != f.Type || f.Kind != "" && string(e.Kind) != f.Kind {
			continue
		}
		out.Findings = append(out.Findings, e)
	}
	return &out, nil
}

func (s *fakeSource) Article(ctx context.Context, path string) (*corpus.Article, error) {
	for i := range s.r.Articles {
		if s.r.Articles[i].Path == path {
			return &s.r.Articles[i], nil
		}
	}
	return nil, fmt.Errorf("article %s: %w", path, ErrNotFound)
}

func (s *fakeSource) SetReview(ctx context.Context, id, state, note, who string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.r.Findings {
		if e.ID == id {
			s.reviews[id] = Review{State: state, Note: note, By: who}
			return nil
		}
	}
	return fmt.Errorf("finding %s: %w", id, ErrNotFound)
}

func newFake() *fakeSource { return &fakeSource{r: hostile(), reviews: map[string]Review{}} }

func TestServer(t *testing.T) {
	src := newFake()
	h, err := NewServer(src, ServerOptions{Who: "editor"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string, http.Header) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String(), resp.Header
	}
	code, page, hdr := get("/")
	if code != 200 || !strings.Contains(page, `id="f-1"`) {
		t.Fatalf("list: %d", code)
	}
	assertInert(t, page)
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'nonce-") || hdr.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers: %v", hdr)
	}
	token := page[strings.Index(page, `name="csrf" value="`)+len(`name="csrf" value="`):]
	token = token[:strings.IndexByte(token, '"')]

	code, page, _ = get("/finding/f-1")
	if code != 200 || !strings.Contains(page, "<mark>$2 billion</mark>") {
		t.Errorf("finding page: %d", code)
	}
	assertInert(t, page)
	code, page, _ = get("/article?path=" + url.QueryEscape(`evil/<script>x</script>.html`))
	if code != 200 || !strings.Contains(page, `<mark id="c-`) {
		t.Errorf("article page: %d\n%s", code, page)
	}
	assertInert(t, page)
	if code, _, _ = get("/finding/f-404"); code != 404 {
		t.Errorf("unknown finding: %d", code)
	}
	if code, _, _ = get("/finding/f-1/review"); code != 405 {
		t.Errorf("GET on a state change: %d, want 405", code)
	}
	post := func(form url.Values) int {
		resp, err := client.PostForm(srv.URL+"/finding/f-1/review", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(url.Values{"state": {"dismissed"}}); code != 403 {
		t.Errorf("POST without token: %d, want 403", code)
	}
	if code := post(url.Values{"state": {"dismissed"}, "csrf": {"forged"}}); code != 403 {
		t.Errorf("POST with a forged token: %d, want 403", code)
	}
	if len(src.reviews) != 0 {
		t.Fatal("a rejected POST changed state")
	}
	if code := post(url.Values{"state": {"dismissed"}, "note": {"rounded " + evil}, "csrf": {token}}); code != 303 {
		t.Errorf("POST: %d, want 303", code)
	}
	if rv := src.reviews["f-1"]; rv.State != "dismissed" || rv.By != "editor" {
		t.Errorf("review not recorded: %+v", rv)
	}
	_, page, _ = get("/?review=dismissed")
	if !strings.Contains(page, "rounded &lt;script&gt;") {
		t.Error("the note is not shown, escaped")
	}
	if errors.Is(nil, ErrNotFound) {
		t.Fatal("unreachable")
	}
}
