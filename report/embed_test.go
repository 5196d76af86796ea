package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestHTMLEmbedsArticles: the static report holds each quoted article,
// collapsed, with the quoted spans anchored, and every quote links to its
// span.
func TestHTMLEmbedsArticles(t *testing.T) {
	r := hostile()
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	c1 := r.Claims[0]
	for _, want := range []string{
		`<details class="article" id="a1">`,
		`<a class="open-article" href="#a1-span-` + itoa(c1.Start) + `">`,
		`<mark id="a1-span-` + itoa(c1.Start) + `" title="investment">$2 billion</mark>`,
		`<a class="open-article" href="#a2-span-13">b.txt</a>`,
		`<mark id="a2-span-13"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if strings.Contains(page, `<details class="article" id="a1" open`) {
		t.Error("an embedded article is open before a quote opens it")
	}
	assertInert(t, page)

	// Texts read on demand, when the report holds none.
	r = hostile()
	read := 0
	for i := range r.Articles {
		r.Articles[i].Text = ""
	}
	texts := map[string]string{}
	for _, a := range hostile().Articles {
		texts[a.Path] = a.Text
	}
	r.ArticleText = func(p string) (string, error) { read++; return texts[p], nil }
	b.Reset()
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	if read != 2 || !strings.Contains(b.String(), `id="a2-span-13"`) {
		t.Errorf("read %d texts on demand, want 2 (each once)", read)
	}
	r.ArticleText = func(string) (string, error) { return "", errors.New("disk gone") }
	if err := HTML(&b, r); err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("a failed read: %v", err)
	}
}
