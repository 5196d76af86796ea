package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestFilterMatch(t *testing.T) {
	entry := func(status, review string) Entry { return Entry{Status: status, Review: Review{State: review}} }
	unreviewed, confirmed, dismissed := entry("open", "open"), entry("open", "confirmed"), entry("open", "dismissed")
	resolved, blank := entry("resolved", "confirmed"), entry("", "")
	tests := []struct {
		show string
		want []bool // unreviewed, confirmed, dismissed, resolved, blank
	}{
		{"", []bool{true, true, false, false, true}},
		{ShowAttention, []bool{true, true, false, false, true}},
		{ShowUnreviewed, []bool{true, false, false, false, true}},
		{ShowConfirmed, []bool{false, true, false, false, false}},
		{ShowDismissed, []bool{false, false, true, false, false}},
		{ShowResolved, []bool{false, false, false, true, false}},
		{ShowAll, []bool{true, true, true, true, true}},
	}
	for _, tc := range tests {
		for i, e := range []Entry{unreviewed, confirmed, dismissed, resolved, blank} {
			if got := (Filter{Show: tc.show}).Match(e); got != tc.want[i] {
				t.Errorf("show %q, entry %+v: %v, want %v", tc.show, e, got, tc.want[i])
			}
		}
	}
	if CheckShow("open") == nil || CheckShow(ShowAll) != nil {
		t.Error("CheckShow accepts a word outside the vocabulary, or refuses one in it")
	}
}

// options returns the values a page's select named name offers.
func options(t *testing.T, page, name string) []string {
	t.Helper()
	sel := regexp.MustCompile(`(?s)<select name="` + name + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
	if sel == nil {
		t.Fatalf("no select %q", name)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllStringSubmatch(sel[1], -1) {
		out = append(out, m[1])
	}
	return out
}

// TestOneFilterVocabulary: the HTML report and the review page offer the
// same choices, those of --show, and both start from what needs attention.
func TestOneFilterVocabulary(t *testing.T) {
	var page bytes.Buffer
	if err := HTML(&page, sample()); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(Shows, ",")
	if got := strings.Join(options(t, page.String(), "show"), ","); got != want {
		t.Errorf("HTML report offers %s, want %s", got, want)
	}
	if !strings.Contains(page.String(), `<option value="attention" selected>`) {
		t.Error("the HTML report does not start from what needs attention")
	}
	if !strings.Contains(page.String(), `id="f-stake" data-type="conflict" data-kind="stake" data-state="dismissed"`) {
		t.Error("the dismissed finding does not carry its state for the filter")
	}

	src := newFake()
	src.reviews["f-2"] = Review{State: "dismissed"}
	c := newServerClient(t, src)
	_, list := c.get("/")
	if got := strings.Join(options(t, list, "show"), ","); got != want {
		t.Errorf("review page offers %s, want %s", got, want)
	}
	if strings.Contains(list, `id="f-2"`) || !strings.Contains(list, `id="f-1"`) {
		t.Error("the review page's default list is not what needs attention")
	}
	if _, all := c.get("/?show=all"); !strings.Contains(all, `id="f-2"`) {
		t.Error("show=all leaves out a dismissed finding")
	}
	if _, d := c.get("/?show=dismissed"); !strings.Contains(d, `id="f-2"`) || strings.Contains(d, `id="f-1"`) {
		t.Error("show=dismissed does not select the dismissed finding only")
	}
}
