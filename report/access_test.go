package report

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// accessClient serves src with opts and keeps cookies, as a browser does.
func accessClient(t *testing.T, src Source, opts ServerOptions) *serverClient {
	t.Helper()
	opts.Logger = quietLog()
	h, err := NewServer(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &serverClient{t: t, url: srv.URL, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// withHost sends a request naming host in its Host header, as a browser
// does for a page whose name was rebound to this machine.
func (c *serverClient) withHost(method, path, host string, form url.Values) int {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.url+path, body)
	req.Host = host
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	code, _, _ := c.do(req)
	return code
}

// TestServerRefusesOtherHosts: DNS rebinding. A page on evil.example that
// rebinds its name to 127.0.0.1 reaches the server with Host evil.example:
// refused, for reading and for writing.
func TestServerRefusesOtherHosts(t *testing.T) {
	src := newFake()
	c := accessClient(t, src, ServerOptions{Who: "ed"})
	port := c.url[strings.LastIndexByte(c.url, ':'):]
	_, page := c.get("/")
	token := formValue(t, page, "csrf")
	for _, host := range []string{"evil.example" + port, "evil.example", "127.0.0.1.evil.example" + port, "localhost.evil.example" + port, "10.0.0.8" + port} {
		if code := c.withHost("GET", "/", host, nil); code != http.StatusMisdirectedRequest {
			t.Errorf("GET / with Host %s: %d, want 421", host, code)
		}
		if code := c.withHost("GET", "/article?path="+url.QueryEscape("evil/<script>x</script>.html"), host, nil); code != http.StatusMisdirectedRequest {
			t.Errorf("GET /article with Host %s: %d, want 421", host, code)
		}
		if code := c.withHost("POST", "/finding/f-1/review", host, url.Values{"state": {"dismiss"}, "csrf": {token}}); code != http.StatusMisdirectedRequest {
			t.Errorf("POST with Host %s: %d, want 421", host, code)
		}
	}
	if len(src.reviews) != 0 {
		t.Fatalf("a request for another host changed a verdict: %+v", src.reviews)
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "LOCALHOST" + port, "[::1]" + port, "app.localhost" + port} {
		if code := c.withHost("GET", "/", host, nil); code != 200 {
			t.Errorf("GET / with loopback Host %s: %d, want 200", host, code)
		}
	}
	// A name the server was told, and any address on a server bound to
	// every interface (an address cannot be rebound).
	named := accessClient(t, newFake(), ServerOptions{Who: "ed", Hosts: []string{"reviews.newsroom.internal"}})
	if code := named.withHost("GET", "/", "reviews.newsroom.internal:8080", nil); code != 200 {
		t.Errorf("a name given in Hosts: %d", code)
	}
	if code := named.withHost("GET", "/", "10.0.0.8:8080", nil); code != http.StatusMisdirectedRequest {
		t.Errorf("an address not bound: %d", code)
	}
	anyIP := accessClient(t, newFake(), ServerOptions{Who: "ed", AnyIP: true})
	if code := anyIP.withHost("GET", "/", "10.0.0.8:8080", nil); code != 200 {
		t.Errorf("an address on a server bound to every interface: %d", code)
	}
	if code := anyIP.withHost("GET", "/", "evil.example:8080", nil); code != http.StatusMisdirectedRequest {
		t.Errorf("a name on a server bound to every interface: %d", code)
	}
}

// TestServerChecksOrigin: every POST must come from the pages themselves.
func TestServerChecksOrigin(t *testing.T) {
	src := newFake()
	c := accessClient(t, src, ServerOptions{Who: "ed"})
	_, page := c.get("/")
	token := formValue(t, page, "csrf")
	form := url.Values{"state": {"dismiss"}, "csrf": {token}}
	for _, hdr := range [][]string{
		{"Origin", "http://evil.example"},
		{"Origin", "null"},
		{"Origin", "http://localhost:1"},
		{"Origin", "file://"},
		{"Referer", "http://evil.example/page"},
	} {
		if code, _ := c.post("/finding/f-1/review", form, hdr...); code != 403 {
			t.Errorf("POST with %s %s: %d, want 403", hdr[0], hdr[1], code)
		}
	}
	if len(src.reviews) != 0 {
		t.Fatalf("a cross-origin POST changed a verdict: %+v", src.reviews)
	}
	if code, _ := c.post("/finding/f-1/review", form, "Origin", c.url); code != 303 || src.reviews["f-1"].State != "dismissed" {
		t.Errorf("POST from the page's own origin: %d %+v", code, src.reviews)
	}
}

// TestServerAccessToken: a server others can reach shows nothing before
// the access token is given; once given, a cookie stands for it.
func TestServerAccessToken(t *testing.T) {
	loginFailDelay = 0
	const secret = "correct-horse-battery-staple"
	src := newFake()
	c := accessClient(t, src, ServerOptions{Who: "ed", Token: secret})
	for _, path := range []string{"/", "/finding/f-1", "/article?path=x"} {
		if code, _ := c.get(path); code != 303 {
			t.Errorf("GET %s before signing in: %d, want a redirect to /login", path, code)
		}
	}
	code, page := c.get("/login")
	if code != 200 || !strings.Contains(page, `type="password"`) || strings.Contains(page, "f-1") {
		t.Fatalf("login page: %d\n%s", code, page)
	}
	csrf := formValue(t, page, "csrf")
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {csrf}}); code != 401 || len(src.reviews) != 0 {
		t.Errorf("POST before signing in: %d %+v", code, src.reviews)
	}
	for _, wrong := range []string{"", "correct-horse", secret + "x", strings.ToUpper(secret)} {
		if code, _ := c.post("/login", url.Values{"token": {wrong}, "csrf": {csrf}}); code != 401 {
			t.Errorf("login with %q: %d, want 401", wrong, code)
		}
	}
	if code, _ := c.get("/"); code != 303 {
		t.Errorf("a wrong token let the browser in: %d", code)
	}
	if code, loc := c.post("/login", url.Values{"token": {secret}, "csrf": {csrf}}); code != 303 || loc != "/" {
		t.Fatalf("login: %d to %q", code, loc)
	}
	code, page = c.get("/")
	if code != 200 || !strings.Contains(page, `id="f-1"`) {
		t.Fatalf("after signing in: %d", code)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {formValue(t, page, "csrf")}}); code != 303 || src.reviews["f-1"].State != "dismissed" {
		t.Errorf("review after signing in: %d %+v", code, src.reviews)
	}
	// Another browser, or a forged cookie, is not signed in.
	other := accessClient(t, src, ServerOptions{Who: "ed", Token: secret})
	req, _ := http.NewRequest("GET", other.url+"/", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: secret})
	if code, _, _ := other.do(req); code != 303 {
		t.Errorf("the token itself as a cookie: %d, want a redirect", code)
	}
}

// TestSessionsAcrossReplicas: a session is the token's, not the process's:
// a replica sharing the token honours it, one with another token does not,
// and a session that expired or was altered is no session.
func TestSessionsAcrossReplicas(t *testing.T) {
	src := newFake()
	a := newSessions("shared-token-for-the-desk")
	id, err := a.start()
	if err != nil {
		t.Fatal(err)
	}
	replica := accessClient(t, src, ServerOptions{Who: "ed", Token: "shared-token-for-the-desk"})
	other := accessClient(t, src, ServerOptions{Who: "ed", Token: "another-token-entirely"})
	expired := strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10) + ".x"
	expired += "." + a.sign(expired)
	for _, tc := range []struct {
		c      *serverClient
		cookie string
		want   int
	}{
		{replica, id, 200},
		{other, id, 303},
		{replica, id[:len(id)-2] + "AA", 303},
		{replica, expired, 303},
		{replica, "9999999999.x." + a.sign("1.x"), 303},
	} {
		req, _ := http.NewRequest("GET", tc.c.url+"/", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tc.cookie})
		if code, _, _ := tc.c.do(req); code != tc.want {
			t.Errorf("cookie %q: %d, want %d", tc.cookie, code, tc.want)
		}
	}
}

// TestServerAsksReviewerName: without serve --user, a verdict needs the
// reviewer's name, given once and kept in a cookie.
func TestServerAsksReviewerName(t *testing.T) {
	src := newFake()
	c := accessClient(t, src, ServerOptions{})
	_, page := c.get("/")
	if !strings.Contains(page, `name="reviewer"`) {
		t.Fatal("the review form does not ask for a name")
	}
	token := formValue(t, page, "csrf")
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {token}}); code != 400 || len(src.reviews) != 0 {
		t.Errorf("a verdict without a name: %d %+v", code, src.reviews)
	}
	if code, _ := c.post("/finding/f-1/review", url.Values{"state": {"dismiss"}, "csrf": {token}, "reviewer": {"  Ann \x07 Lee  "}}); code != 303 || src.reviews["f-1"].By != "Ann Lee" {
		t.Fatalf("a verdict with a name: %d %+v", code, src.reviews)
	}
	_, page = c.get("/")
	if strings.Contains(page, `name="reviewer"`) || !strings.Contains(page, "Reviewing as Ann Lee") {
		t.Error("the name is asked again after it was given")
	}
	if code, _ := c.post("/finding/f-2/review", url.Values{"state": {"confirm"}, "csrf": {token}}); code != 303 || src.reviews["f-2"].By != "Ann Lee" {
		t.Errorf("the second verdict: %d %+v", code, src.reviews["f-2"])
	}
	// serve --user: every verdict is that reviewer's; nothing is asked.
	fixed := accessClient(t, src, ServerOptions{Who: "desk"})
	_, page = fixed.get("/")
	if strings.Contains(page, `name="reviewer"`) {
		t.Error("serve --user still asks for a name")
	}
	if code, _ := fixed.post("/finding/f-1/review", url.Values{"state": {"confirm"}, "csrf": {formValue(t, page, "csrf")}, "reviewer": {"someone else"}}); code != 303 || src.reviews["f-1"].By != "desk" {
		t.Errorf("serve --user: %d %+v", code, src.reviews["f-1"])
	}
	if got := cleanName(strings.Repeat("é", 200)); len([]rune(got)) != maxNameRunes {
		t.Errorf("a long name kept %d runes", len([]rune(got)))
	}
}
