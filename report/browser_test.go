package report

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium ($CHROME_PATH first); .ci/run installs
// it. Without it the test skips, unless CLAIMCHECK_REQUIRE_BROWSER=1 says
// it must run.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if r := os.Getenv("CLAIMCHECK_REQUIRE_BROWSER"); r != "" && r != "0" {
		t.Fatal("chromium not installed, and CLAIMCHECK_REQUIRE_BROWSER is set: apt-get install chromium")
	}
	t.Skip("chromium not installed: .ci/run installs it (apt-get install chromium)")
	return ""
}

// browser drives one headless Chromium for a test, every step bounded by
// the test's deadline.
type browser struct {
	t   *testing.T
	ctx context.Context
	dir string // where screenshots go
}

func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) *browser {
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1100, 900))
	opts = append(opts, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	dir := os.Getenv("CLAIMCHECK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, ctx: bctx, dir: dir}
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}

func (b *browser) eval(js string) bool {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
	if err != nil {
		b.t.Fatalf("browser: %s: %v", js, err)
	}
	return v
}

// fits reports whether the page is no wider than the window: nothing to
// scroll sideways on a phone.
func (b *browser) fits() bool {
	return b.eval(`document.documentElement.scrollWidth <= window.innerWidth`)
}

// shot saves a full-page screenshot as name and checks it is a PNG.
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("browser: screenshot: %v", err)
	}
	if len(png) < 1000 || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		b.t.Errorf("%s: not a PNG (%d bytes)", name, len(png))
		return
	}
	if err := os.WriteFile(filepath.Join(b.dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) desktop() { b.do(chromedp.EmulateViewport(1100, 900)) }
func (b *browser) phone() {
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
}

// TestReviewPageInBrowser drives the review page as an editor would:
// load, filter, dismiss a finding with a note, reload, see it kept; then
// open the evidence and the article at the claim, on a desktop and on a
// phone.
func TestReviewPageInBrowser(t *testing.T) {
	b := newBrowser(t)
	src := newFake()
	h, err := NewServer(src, ServerOptions{Who: "browser-test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // 127.0.0.1
	defer srv.Close()

	b.desktop()
	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	heading := b.text("#f-1 .message")
	if !strings.Contains(heading, "$2 billion vs $3 billion") || !strings.Contains(heading, "<script>") {
		t.Errorf("finding message shown as %q (hostile text must show as text)", heading)
	}
	if !b.eval(`document.querySelectorAll('.finding').length === 2`) {
		t.Error("the list does not show both findings")
	}
	if b.eval(`window.__xss === true || document.querySelector('b, a[href^="javascript"]') !== null`) {
		t.Error("article markup became markup")
	}

	// Filter by type: the ticker finding only.
	b.do(chromedp.SetValue(chromedp.CSS(`select[name=type]`), "unverified_ticker"), chromedp.Submit(chromedp.CSS(`form.filters`)),
		chromedp.WaitVisible(chromedp.CSS("#f-2")))
	if !b.eval(`document.getElementById('f-1') === null && location.search.includes('type=unverified_ticker')`) {
		t.Error("the type filter did not leave f-1 out")
	}
	// Filter to dismissed findings: none yet.
	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1")),
		chromedp.SetValue(chromedp.CSS(`select[name=show]`), "dismissed"), chromedp.Submit(chromedp.CSS(`form.filters`)),
		chromedp.WaitVisible(chromedp.CSS(`.empty`)))
	if filtered := b.text(".empty"); !strings.Contains(filtered, "No findings") {
		t.Errorf("filter: %q", filtered)
	}

	// Back to all; dismiss with a note; reload.
	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1")),
		chromedp.SendKeys(chromedp.CSS(`#f-1 input[name=note]`), "same deal, rounded"),
		chromedp.Click(chromedp.CSS(`#f-1 button[value=dismissed]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if flash := b.text(".flash"); !strings.Contains(flash, "f-1") || !strings.Contains(flash, "dismissed") {
		t.Errorf("confirmation: %q", flash)
	}
	b.do(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	state, note := b.text("#f-1 .state"), b.text("#f-1 .note")
	if !strings.Contains(state, "dismissed") || !strings.Contains(note, "same deal, rounded") {
		t.Errorf("after reload: state %q note %q", state, note)
	}
	if src.reviews["f-1"].State != "dismissed" || src.reviews["f-1"].Note != "same deal, rounded" {
		t.Errorf("source: %+v", src.reviews)
	}
	if !b.fits() {
		t.Error("the list is wider than a desktop window")
	}
	b.shot("review-desktop.png")

	// The finding's page, then the article opened at the claim.
	b.do(chromedp.Navigate(srv.URL+"/finding/f-1"), chromedp.WaitVisible(chromedp.CSS("#f-1 .sides")))
	if !b.eval(`document.querySelectorAll('#f-1 .side').length === 2 && document.querySelectorAll('#f-1 mark').length === 2`) {
		t.Error("the finding page does not show both sides with their claims marked")
	}
	if !b.eval(`(function(){ var s = document.querySelectorAll('#f-1 .side'); return s[0].getBoundingClientRect().top === s[1].getBoundingClientRect().top })()`) {
		t.Error("on a desktop the sides are not side by side")
	}
	b.shot("finding-desktop.png")
	b.do(chromedp.Click(chromedp.CSS(`#f-1 footer a[href*="span-113"]`)), chromedp.WaitVisible(chromedp.CSS(`#span-113`)))
	if !b.eval(`location.hash === '#span-113' && document.querySelector('mark:target') !== null && document.querySelector('mark:target').textContent === '$2 billion'`) {
		t.Error("the article page does not target the claim")
	}
	if title := b.text("h1"); !strings.Contains(title, "<script>") {
		t.Errorf("article title shown as %q", title)
	}
	b.shot("article-desktop.png")

	b.phone()
	b.do(chromedp.Navigate(srv.URL+"/finding/f-1"), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	if !b.eval(`(function(){ var s = document.querySelectorAll('#f-1 .side'); return s[1].getBoundingClientRect().top > s[0].getBoundingClientRect().bottom - 1 })()`) {
		t.Error("on a phone the sides do not stack")
	}
	if !b.fits() {
		t.Error("the finding page scrolls sideways on a phone")
	}
	b.shot("finding-phone.png")
	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-2")))
	if !b.fits() {
		t.Error("the list scrolls sideways on a phone")
	}
	b.shot("review-phone.png")
}

// TestReviewPageTrustInBrowser: a name rebound to this machine (DNS
// rebinding, simulated by the browser's resolver) gets no page; on the
// page's own address the reviewer gives a name once, and it is kept.
func TestReviewPageTrustInBrowser(t *testing.T) {
	b := newBrowser(t, chromedp.Flag("host-resolver-rules", "MAP rebound.test 127.0.0.1"))
	src := newFake()
	h, err := NewServer(src, ServerOptions{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]

	b.desktop()
	b.do(chromedp.Navigate("http://rebound.test"+port+"/"), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if msg := b.text(".flash"); !strings.Contains(msg, "does not answer to that name") || b.eval(`document.getElementById('f-1') !== null`) {
		t.Errorf("a rebound name was served: %q", msg)
	}

	b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1 input[name=reviewer]")),
		chromedp.SendKeys(chromedp.CSS(`#f-1 input[name=reviewer]`), "Ann Lee"),
		chromedp.SendKeys(chromedp.CSS(`#f-1 input[name=note]`), "same deal"),
		chromedp.Click(chromedp.CSS(`#f-1 button[value=dismissed]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if rv := src.reviews["f-1"]; rv.State != "dismissed" || rv.By != "Ann Lee" {
		t.Fatalf("the verdict from the browser: %+v", rv)
	}
	if b.eval(`document.querySelector('input[name=reviewer]') !== null`) || !strings.Contains(b.text(".reviewer"), "Reviewing as Ann Lee") {
		t.Error("the page asks for the name again after it was given")
	}
	b.do(chromedp.Click(chromedp.CSS(`#f-2 button[value=confirmed]`)), chromedp.WaitVisible(chromedp.CSS(`#f-2.review-confirmed`)))
	if rv := src.reviews["f-2"]; rv.State != "confirmed" || rv.By != "Ann Lee" {
		t.Errorf("the second verdict: %+v", rv)
	}
	b.shot("review-reviewer.png")
}

// TestHTMLReportInBrowser opens the self-contained report as a browser
// would, under its own Content-Security-Policy: its filter script runs
// (its hash is allowed), and hides cards.
func TestHTMLReportInBrowser(t *testing.T) {
	b := newBrowser(t)
	var page bytes.Buffer
	if err := HTML(&page, sample()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	}))
	defer srv.Close()

	b.desktop()
	b.do(chromedp.Navigate(srv.URL+"/report.html"), chromedp.WaitVisible(chromedp.CSS("#f-conflict")))
	if !b.eval(`document.querySelectorAll('.finding:not([hidden])').length === 2 && document.getElementById('f-stake').hidden`) {
		t.Error("by default the report shows what needs attention: the two open findings, not the dismissed one")
	}
	b.shot("report-desktop.png")
	change := func(sel, value string) {
		b.t.Helper()
		b.eval(`(function(){ var s = document.querySelector('` + sel + `'); s.value = '` + value + `'; s.dispatchEvent(new Event('change')); return true })()`)
	}
	change(`select[data-filter=show]`, "all")
	if !b.eval(`document.querySelectorAll('.finding:not([hidden])').length === 3`) {
		t.Error("show all: not every finding shows")
	}
	change(`select[data-filter=kind]`, "stake")
	if !b.eval(`document.getElementById('f-conflict').hidden && !document.getElementById('f-stake').hidden`) {
		t.Error("the kind filter did not hide cards: is the script blocked by the report's policy?")
	}
	change(`select[data-filter=show]`, "resolved")
	if !b.eval(`!document.getElementById('none-shown').hidden`) {
		t.Error("no message when the filters leave nothing")
	}
	change(`select[data-filter=kind]`, "")
	change(`select[data-filter=show]`, "attention")
	b.phone()
	b.do(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#f-conflict")))
	if !b.fits() {
		t.Error("the report scrolls sideways on a phone")
	}
	b.shot("report-phone.png")
}

// TestHTMLReportOpensArticles: in the self-contained report a quote's link
// opens the embedded article, collapsed until then, at the quoted span.
func TestHTMLReportOpensArticles(t *testing.T) {
	b := newBrowser(t)
	var page bytes.Buffer
	r := hostile()
	if err := HTML(&page, r); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	}))
	defer srv.Close()
	b.phone()
	b.do(chromedp.Navigate(srv.URL+"/report.html"), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	if !b.eval(`!document.getElementById('a1').open && !document.getElementById('a1-span-113').checkVisibility()`) {
		t.Error("the embedded article is not collapsed")
	}
	b.do(chromedp.Click(chromedp.CSS(`#f-1 a.open-article[href="#a1-span-113"]`)), chromedp.WaitVisible(chromedp.CSS(`#a1-span-113`)))
	if !b.eval(`document.getElementById('a1').open && location.hash === '#a1-span-113' && document.querySelector('mark:target').textContent === '$2 billion'`) {
		t.Error("the quote's link does not open its article at the span")
	}
	if !b.eval(`(function(){ var r = document.getElementById('a1-span-113').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight })()`) {
		t.Error("the span is not scrolled into view")
	}
	if !b.fits() {
		t.Error("the opened article scrolls sideways on a phone")
	}
	b.shot("report-article-phone.png")
}

// TestTimelineInBrowser: a finding's timeline and the front page's chart
// of findings per run are drawn, fit a phone's width, and their text stays
// legible there.
func TestTimelineInBrowser(t *testing.T) {
	b := newBrowser(t)
	src := newFake()
	f, arts := spread()
	src.r.Findings = append(src.r.Findings, f)
	for _, a := range arts {
		src.r.Articles = append(src.r.Articles, *a)
	}
	h, err := NewServer(src, ServerOptions{Who: "browser-test", Logger: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	// The smallest text a figure shows, in CSS pixels as drawn.
	const smallest = `(function(sel){ var m = 1e9; document.querySelectorAll(sel + ' text').forEach(function(t){
		var h = t.getBoundingClientRect().height; if (h > 0) m = Math.min(m, h); }); return m; })`
	for _, size := range []string{"desktop", "phone"} {
		if size == "phone" {
			b.phone()
		} else {
			b.desktop()
		}
		b.do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-t .timeline svg")))
		if !b.eval(`document.querySelectorAll('#f-t .tl-dot').length === 5 && document.querySelectorAll('#f-t .tl-dot.tl-outlier').length === 1`) {
			t.Errorf("%s: the timeline does not draw five articles with one outlier", size)
		}
		if !b.eval(`(function(){ var d = document.querySelectorAll('#f-t .tl-dot circle'); var xs = []; d.forEach(function(c){ xs.push(c.getBoundingClientRect().left) });
			var w = document.querySelector('#f-t .timeline svg').getBoundingClientRect(); return xs.every(function(x){ return x >= w.left - 8 && x <= w.right }) })()`) {
			t.Errorf("%s: a dot is drawn outside its figure", size)
		}
		if !b.eval(`document.querySelector('#f-t .tl-dot.tl-outlier title').textContent.indexOf('Outlier Weekly') >= 0`) {
			t.Errorf("%s: the outlier's dot does not name its outlet", size)
		}
		if !b.eval(`document.querySelectorAll('.runs rect.run-new').length === 2 && document.querySelectorAll('.runs rect.run-resolved').length === 1`) {
			t.Errorf("%s: the chart of findings per run does not show runs 1 and 3 new, run 3 resolved", size)
		}
		if !b.eval(smallest + `('#f-t .timeline') >= 9 && ` + smallest + `('.runs') >= 9`) {
			t.Errorf("%s: figure text smaller than 9 px", size)
		}
		if !b.fits() {
			t.Errorf("%s: the page scrolls sideways", size)
		}
		b.shot("timeline-" + size + ".png")
	}
}
