package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<html><body><p>x</p></body></html>", "<article><p>a<b>b", "<script>", "<<<>>>",
		"<meta charset=\"latin1\">\xe9", "<title>T | S</title><p>a.B</p>", "<div><p>x<li>y<td>z</table></span>",
		`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"a"}}]}</script>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatHTML, data) })
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Title\nBy X\nBody.", "A\n\nb", "\xff\xfe", "CHICAGO, Sept. 12, 2023 (X) -- y",
		"T\nMarcus LeeWednesday, Jun 18, 2025 2:28 pm ET\nx.Y", "\xef\xbb\xbfT\r\nU.S.A.b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatText, data) })
}

func FuzzParseMarkdown(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\n# h\n*a* _b_", "```\n", "[a](b) ![c](d)", "> q\n- l", "T\n===\n<!--", "[x]: y\n__a__"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatMarkdown, data) })
}

// checkParse holds for any input: no panic (Parse would turn one into an
// error, so an error naming a parser failure fails too), valid UTF-8 out,
// paragraphs separated by exactly one blank line, the title first.
func checkParse(t *testing.T, format Format, data []byte) {
	a, err := Parse("f", format, data)
	if err != nil {
		if strings.Contains(err.Error(), "parser failed") {
			t.Fatal(err)
		}
		return
	}
	for _, s := range []string{a.Text, a.Title, a.Byline, a.Source} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 out: %q", s)
		}
	}
	if strings.TrimSpace(a.Text) == "" || strings.Contains(a.Text, "\n\n\n") || strings.HasPrefix(a.Text, "\n") || strings.HasSuffix(a.Text, "\n") {
		t.Fatalf("badly laid out text: %q", a.Text)
	}
	if strings.ContainsAny(strings.ReplaceAll(a.Text, "\n\n", ""), "\r\n") {
		t.Fatalf("line break inside a paragraph: %q", a.Text)
	}
}
