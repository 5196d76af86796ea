package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// parse parses data or fails the test.
func parse(t *testing.T, name string, format Format, data string) *Article {
	t.Helper()
	a, err := Parse(name, format, []byte(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return a
}

func utf16Of(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, r := range s { // the test text is all in the Basic Multilingual Plane
		if bigEndian {
			out = append(out, byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8))
		}
	}
	return out
}

func TestDecoding(t *testing.T) {
	win1252 := []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 said \x93quoted\x94 things.</p></body></html>")
	latin1 := []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Caf\xe9 here.</p></body></html>")
	tests := []struct {
		name    string
		format  Format
		data    []byte
		want    string // in Text
		warning string // in Warnings
		err     error
	}{
		{"utf-16 le", FormatText, utf16Of("Title\nCafé costs $5 billion.\n", false), "Title\n\nCafé costs $5 billion.", "decoded from UTF-16", nil},
		{"utf-16 be", FormatText, utf16Of("Title\r\nCafé costs $5 billion.\r\n", true), "Title\n\nCafé costs $5 billion.", "decoded from UTF-16", nil},
		{"utf-8 bom", FormatText, append([]byte{0xEF, 0xBB, 0xBF}, "Title\nBody.\n"...), "Title\n\nBody.", "", nil},
		{"windows-1252", FormatHTML, win1252, "Café said “quoted” things.", "decoded from windows-1252", nil},
		{"iso-8859-1", FormatHTML, latin1, "Café here.", "decoded from windows-1252", nil}, // WHATWG: latin1 is windows-1252
		{"declared but valid utf-8", FormatHTML, []byte("<meta charset=\"windows-1252\"><p>Café ok.</p>"), "Café ok.", "", nil},
		{"invalid utf-8", FormatText, []byte("Title\nBad \xff byte.\n"), "Bad \uFFFD byte.", "invalid UTF-8 replaced", nil},
		{"crlf", FormatText, []byte("Title\r\nBody.\r\n"), "Title\n\nBody.", "", nil},
		{"bare cr", FormatText, []byte("Title\rBody.\r"), "Title\n\nBody.", "", nil},
		{"non-breaking spaces", FormatText, []byte("Title\n$5\u00a0billion\u00a0deal.\n"), "$5 billion deal.", "", nil},
		{"nul bytes", FormatText, []byte("MZ\x00\x00binary"), "", "", ErrBinary},
		{"nul after utf-8 bom", FormatText, []byte("\xEF\xBB\xBFtext\x00more"), "", "", ErrBinary},
		{"nul inside utf-16", FormatText, utf16Of("a\x00b", false), "", "", ErrBinary},
		{"png", FormatHTML, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", ErrBinary},
		{"empty", FormatText, nil, "", "", ErrEmpty},
		{"whitespace", FormatMarkdown, []byte(" \n\t\n\u00a0\n"), "", "", ErrEmpty},
		{"only a bom", FormatText, []byte{0xEF, 0xBB, 0xBF}, "", "", ErrEmpty},
		{"only markup", FormatHTML, []byte("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>"), "", "", ErrEmpty},
		{"only furniture", FormatText, []byte("Advertisement\n3 min read\n"), "", "", ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse("sub/x", tc.format, tc.data)
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), "read sub/x: ") {
					t.Fatalf("err = %v, want %v naming the file", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tc.want) || !utf8.ValidString(a.Text) {
				t.Errorf("text %q lacks %q", a.Text, tc.want)
			}
			warnings := strings.Join(a.Warnings, "; ")
			if tc.warning != "" && !strings.Contains(warnings, tc.warning) || tc.warning == "" && warnings != "" {
				t.Errorf("warnings %q, want %q", warnings, tc.warning)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	data := []byte("Title\nBody.\n")
	a := parse(t, "dir/a.txt", FormatText, string(data))
	sum := sha256.Sum256(data)
	if a.ID != ArticleID("dir/a.txt") || a.Path != "dir/a.txt" || a.Format != FormatText || a.Size != int64(len(data)) ||
		a.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("article %+v", a)
	}
	b := parse(t, "dir/a.txt", FormatText, string(data))
	if a.SHA256 != b.SHA256 || a.Text != b.Text {
		t.Error("Parse is not deterministic")
	}
	c := parse(t, "dir/a.txt", FormatText, "Title\nBody!\n")
	if c.SHA256 == a.SHA256 {
		t.Error("different bytes, same hash")
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := func(rel string, data []byte) File {
		t.Helper()
		p := writeFile(t, dir, rel, string(data))
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		format, _ := FormatOf(rel)
		return File{Root: dir, Path: rel, Abs: p, Size: fi.Size(), ModTime: fi.ModTime(), Format: format}
	}
	t.Run("reads", func(t *testing.T) {
		f := file("sub/ok.txt", []byte("Title\nBody text here.\n"))
		a, err := Read(f, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Path != "sub/ok.txt" || a.Size != 22 || !a.ModTime.Equal(f.ModTime) || len(a.SHA256) != 64 || a.Text != "Title\n\nBody text here." {
			t.Errorf("article %+v", a)
		}
	})
	t.Run("binary", func(t *testing.T) {
		_, err := Read(file("sub/x.txt", []byte("ab\x00cd")), ReadOptions{})
		if !errors.Is(err, ErrBinary) || err.Error() != "read sub/x.txt: binary file (NUL bytes)" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("over MaxBytes", func(t *testing.T) {
		_, err := Read(file("small.txt", []byte("Title\nBody text here.\n")), ReadOptions{MaxBytes: 10})
		if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "read small.txt: file too large (22 bytes, limit 10") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("grew after Walk", func(t *testing.T) {
		f := file("grew.txt", []byte("Title\nBody text here.\n"))
		f.Size = 5 // what Walk saw; the file has grown since
		_, err := Read(f, ReadOptions{MaxBytes: 10})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "grew.txt") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := Read(File{Path: "gone.txt", Abs: filepath.Join(dir, "gone.txt"), Format: FormatText}, ReadOptions{})
		if !errors.Is(err, os.ErrNotExist) || err.Error() != "read gone.txt: no such file or directory" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("200 MB sparse file, default limit", func(t *testing.T) {
		big := filepath.Join(dir, "big.txt")
		fh, err := os.Create(big)
		if err != nil {
			t.Fatal(err)
		}
		if err := fh.Truncate(200 << 20); err != nil { // 200 MB without writing it
			t.Fatal(err)
		}
		fh.Close()
		fi, _ := os.Stat(big)
		start := time.Now()
		_, err = Read(File{Path: "big.txt", Abs: big, Size: fi.Size(), Format: FormatText}, ReadOptions{})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "read big.txt:") || !strings.Contains(err.Error(), "--max-bytes") {
			t.Errorf("err = %v", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v: the size must be checked before reading", d)
		}
	})
}

func TestHostileInput(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "<html><head><title>Deep Page</title></head><body>" + strings.Repeat(open, n) + "<p>Deep text.</p>" + strings.Repeat(close, n) + "<p>After.</p></body></html>"
	}
	tests := []struct {
		name    string
		page    string
		want    []string
		warning string
	}{
		{"100,000 divs", deep("<div>", "</div>", 100000), []string{"Deep Page", "Deep text.", "After."}, "nested deeper than 256"},
		{"100,000 spans", deep("<span>", "</span>", 100000), []string{"Deep text.", "After."}, "nested deeper than 256"},
		{"100,000 unclosed divs", deep("<div>", "", 100000), []string{"Deep text.", "After."}, "nested deeper than 256"},
		{"stray end tags", deep("<div></span>", "", 100000), []string{"Deep text.", "After."}, "nested deeper than 256"},
		{"tables in cells", deep("<table><tr><td>", "", 30000), []string{"Deep text."}, "nested deeper than 256"},
		{"lists in items", deep("<li><ul>", "", 50000), []string{"Deep text."}, "nested deeper than 256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			a := parse(t, "deep.html", FormatHTML, tc.page)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q: %.300q", w, a.Text)
				}
			}
			if !strings.Contains(strings.Join(a.Warnings, "; "), tc.warning) {
				t.Errorf("warnings %q, want %q", a.Warnings, tc.warning)
			}
		})
	}
	t.Run("tree refused: flat fallback", func(t *testing.T) {
		build := buildTree
		t.Cleanup(func() { buildTree = build })
		buildTree = func(string) (*goquery.Document, error) {
			return nil, errors.New("html: open stack of elements exceeds 512 nodes")
		}
		a := parse(t, "f.html", FormatHTML, `<html><head><title>Flat Page | Site</title><meta name="author" content="Jane Doe"><meta property="og:site_name" content="Site">`+
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-06-18"}</script></head><body><nav>x</nav><p>One.<div>Two<br>three.</div></body></html>`)
		if a.Title != "Flat Page" || a.Byline != "Jane Doe" || a.Source != "Site" || a.PublishedString() != "2025-06-18" ||
			a.Text != "Flat Page\n\nOne.\n\nTwo three." || !strings.Contains(strings.Join(a.Warnings, ";"), "HTML too malformed for a tree (html: open stack") {
			t.Errorf("article %+v", a)
		}
	})
	t.Run("a dependency's panic", func(t *testing.T) {
		build := buildTree
		t.Cleanup(func() { buildTree = build })
		buildTree = func(string) (*goquery.Document, error) { panic("index out of range") }
		_, err := Parse("sub/p.html", FormatHTML, []byte("<p>x</p>"))
		if err == nil || err.Error() != "read sub/p.html: the html parser failed on this file: index out of range" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("formatting reopened in every paragraph", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("<html><body>")
		for i := range 250 {
			fmt.Fprintf(&b, "<b class=c%d>", i)
		}
		for i := range 50000 {
			fmt.Fprintf(&b, "<p>P%d.</p>", i)
		}
		start := time.Now()
		a := parse(t, "fmt.html", FormatHTML, b.String())
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("took %v", d)
		}
		if !strings.HasPrefix(a.Text, "P0.\n\nP1.\n\n") || !strings.HasSuffix(a.Text, "\n\nP49999.") {
			t.Errorf("text %.100q ... %q", a.Text, a.Text[max(0, len(a.Text)-100):])
		}
	})
	t.Run("sloppy but shallow", func(t *testing.T) {
		// Unclosed <p>, <li> and <td> are closed by the next one: 2,000 of
		// each is not deep and keeps its paragraphs.
		var b strings.Builder
		b.WriteString("<html><body><article><h1>Sloppy</h1>")
		for i := range 2000 {
			fmt.Fprintf(&b, "<p>Para %d.", i)
		}
		b.WriteString("<ul>")
		for i := range 2000 {
			fmt.Fprintf(&b, "<li>Item %d", i)
		}
		b.WriteString("</ul><table>")
		for i := range 2000 {
			fmt.Fprintf(&b, "<tr><td>Cell %d<td>x", i)
		}
		a := parse(t, "sloppy.html", FormatHTML, b.String())
		if len(a.Warnings) != 0 {
			t.Errorf("warnings %q", a.Warnings)
		}
		for _, w := range []string{"\n\nPara 0.\n\nPara 1.\n\n", "\n\nPara 1999.\n\nItem 0\n\nItem 1\n\n", "\n\nCell 1999: x"} {
			if !strings.Contains(a.Text, w) {
				t.Errorf("text lacks %q", w)
			}
		}
	})
	t.Run("50 MB inline script", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("<html><head><script>")
		chunk := strings.Repeat("var a = '<p>not text</p><div>';\n", 1000)
		for b.Len() < 50<<20 {
			b.WriteString(chunk)
		}
		b.WriteString("</script></head><body><p>Real paragraph.</p></body></html>")
		a := parse(t, "script.html", FormatHTML, b.String())
		if a.Text != "Real paragraph." {
			t.Errorf("text %.200q", a.Text)
		}
	})
	t.Run("single 10 MB line", func(t *testing.T) {
		line := strings.Repeat("word ", 2<<20)
		a := parse(t, "line.txt", FormatText, "Title\n"+line+"\n")
		if len(a.Text) != len("Title\n\n")+len(line)-1 {
			t.Errorf("text has %d bytes", len(a.Text))
		}
	})
	t.Run("broken html", func(t *testing.T) {
		a := parse(t, "b.html", FormatHTML, "<html><body><article><p>Unclosed <b>bold<div><p>Second")
		if a.Text != "Unclosed bold\n\nSecond" {
			t.Errorf("text %q", a.Text)
		}
	})
	t.Run("unclosed script", func(t *testing.T) {
		a := parse(t, "s.html", FormatHTML, "<p>Before.</p><script>var x = '<p>never</p>'")
		if a.Text != "Before." {
			t.Errorf("text %q", a.Text)
		}
	})
}
