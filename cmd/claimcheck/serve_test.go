package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/report"
)

// The review page reads its histories through storeSource.
var _ report.ReviewLog = storeSource{}

// TestServeShowsVerdictHistory: two review servers over one SQLite store,
// as two editors' would be. Both load a finding; ana confirms it, then
// ben dismisses it from his older page. Ben's page says what ana said
// after he loaded it, and the finding's history lists both, escaped.
func TestServeShowsVerdictHistory(t *testing.T) {
	st, id := runWithFindings(t, filepath.Join(t.TempDir(), "cc.db"), 30)
	serve := func(who string) string {
		h, err := report.NewServer(storeSource{st: st, common: &common{}}, report.ServerOptions{Who: who, CSRFToken: "shared-form-token",
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	ana, ben := serve("ana"), serve("ben")
	seen := regexp.MustCompile(`name="seen" value="(\d+)"`)
	form := func(base string) string {
		_, page := get(t, base+"/finding/"+id)
		m := seen.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the finding's form does not count its verdicts:\n%s", page)
		}
		return m[1]
	}
	anaSeen, benSeen := form(ana), form(ben)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(base, state, note, seen string) string {
		resp, err := client.PostForm(base+"/finding/"+id+"/review", url.Values{"csrf": {"shared-form-token"}, "state": {state},
			"note": {note}, "seen": {seen}, "return": {"/finding/" + id}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", state, resp.StatusCode)
		}
		return resp.Header.Get("Location")
	}
	post(ana, "confirmed", "two rounds", anaSeen)
	loc := post(ben, "dismissed", "same deal <b>rounded</b>", benSeen)
	_, page := get(t, ben+loc)
	for _, want := range []string{
		"was given another verdict:",
		`<span class="verdict v-confirmed">confirmed</span> by ana`,
		`<details class="history" open><summary>2 verdicts · last <span class="verdict v-dismissed">dismissed</span> by ben`,
		"<q>same deal &lt;b&gt;rounded&lt;/b&gt;</q>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("ben's page after his verdict lacks %q", want)
		}
	}
	if strings.Contains(page, "<b>rounded") {
		t.Error("a note is not escaped")
	}
}
