package report

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium; .ci/run installs it. Without it the
// test skips, unless CLAIMCHECK_REQUIRE_BROWSER says it must run.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CLAIMCHECK_REQUIRE_BROWSER") != "" {
		t.Fatal("chromium not installed, and CLAIMCHECK_REQUIRE_BROWSER is set: apt-get install chromium")
	}
	t.Skip("chromium not installed: .ci/run installs it (apt-get install chromium)")
	return ""
}

// TestReviewPageInBrowser drives the review page as an editor would:
// load, filter, dismiss a finding with a note, reload, see it kept.
func TestReviewPageInBrowser(t *testing.T) {
	exe := chromium(t)
	src := newFake()
	h, err := NewServer(src, ServerOptions{Who: "browser-test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // 127.0.0.1
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1100, 900))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("browser: text of %s: %v", sel, err)
		}
		return s
	}
	shot := func() []byte {
		t.Helper()
		b, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("browser: screenshot: %v", err)
		}
		return b
	}
	do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	heading := text("#f-1 .message")
	// Filter to dismissed findings: none yet.
	do(chromedp.SetValue(chromedp.CSS(`select[name=review]`), "dismissed"), chromedp.Submit(chromedp.CSS(`form.filters`)),
		chromedp.WaitVisible(chromedp.CSS(`.empty`)))
	filtered := text(".empty")
	// Back to all; dismiss with a note; reload.
	do(chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#f-1")),
		chromedp.SendKeys(chromedp.CSS(`#f-1 input[name=note]`), "same deal, rounded"),
		chromedp.Click(chromedp.CSS(`#f-1 button[value=dismissed]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	state, note := text("#f-1 .state"), text("#f-1 .note")
	desktop := shot()
	do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/finding/f-1"), chromedp.WaitVisible(chromedp.CSS("#f-1")))
	phone := shot()
	if !strings.Contains(heading, "$2 billion vs $3 billion") || !strings.Contains(heading, "<script>") {
		t.Errorf("finding message shown as %q (hostile text must show as text)", heading)
	}
	if !strings.Contains(filtered, "No findings") {
		t.Errorf("filter: %q", filtered)
	}
	if !strings.Contains(state, "dismissed") || !strings.Contains(note, "same deal, rounded") {
		t.Errorf("after reload: state %q note %q", state, note)
	}
	if src.reviews["f-1"].State != "dismissed" {
		t.Errorf("source: %+v", src.reviews)
	}
	dir := os.Getenv("CLAIMCHECK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, png := range map[string][]byte{"review-desktop.png": desktop, "review-phone.png": phone} {
		if len(png) < 1000 || string(png[1:4]) != "PNG" {
			t.Errorf("%s: not a PNG (%d bytes)", name, len(png))
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
