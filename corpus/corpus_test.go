package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func parse(t *testing.T, name string, format Format, data string) *Article {
	t.Helper()
	a, err := Parse(name, format, []byte(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return a
}

func TestPlainMetadata(t *testing.T) {
	est, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		name, in          string
		title, byline     string
		source, published string
		text              []string // must be in Text
		notText           []string // must not be
	}{
		{"glued byline, summer", "Headline Here\n\nMarcus LeeWednesday, Jun 18, 2025 2:28 pm ET\n3min read\n\nBody text starts here.\n",
			"Headline Here", "Marcus Lee", "", time.Date(2025, 6, 18, 14, 28, 0, 0, est).Format(time.RFC3339), []string{"Body text starts here."}, []string{"3min read", "Marcus Lee"}},
		{"glued byline, winter", "Headline\n\nAna RuizMonday, Jan 13, 2025 9:05 am ET\n\nBody.\n",
			"Headline", "Ana Ruiz", "", "2025-01-13T09:05:00-05:00", []string{"Body."}, nil},
		{"by line", "Headline\nBy Jane Doe and Raj Patel\nBody text.\n", "Headline", "Jane Doe and Raj Patel", "", "", []string{"Body text."}, []string{"By Jane"}},
		{"wire dateline", "Headline\n\nCHICAGO, Sept. 12, 2023 (Lakeside Wire) -- The company said more.\n",
			"Headline", "", "Lakeside Wire", "2023-09-12", []string{"The company said more."}, []string{"CHICAGO"}},
		{"outlet line", "Headline\nHarbor Daily, June 18, 2025\nBody.\n", "Headline", "", "Harbor Daily", "2025-06-18", []string{"Body."}, []string{"Harbor Daily"}},
		{"furniture", "Headline\nBody one.\nSign up for free to continue reading\nBy continuing, I agree to the\nMarket Data Terms of Service and Privacy Statement\nComments\nNo comments yet\n",
			"Headline", "", "", "", []string{"Body one."}, []string{"Sign up", "No comments", "Comments"}},
		{"join cut paragraph", "Headline\n\nThe $15 billion\n\ninvestment in Scale AI was announced.\n", "Headline", "", "", "",
			[]string{"The $15 billion investment in Scale AI was announced."}, nil},
		{"restore missing space", "Headline\nIs this a minefield?The deal values it. It rose.The end.\n", "Headline", "", "", "",
			[]string{"minefield? The deal", "rose. The end"}, nil},
		{"keep dotted names", "Headline\nThe U.S. firm C3.ai and salesforce.com sold $14.3B. Node.js was used by J.P. Morgan.\n", "Headline", "", "", "",
			[]string{"The U.S. firm C3.ai and salesforce.com sold $14.3B.", "Node.js", "J.P. Morgan"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parse(t, "a.txt", FormatText, tc.in)
			if a.Title != tc.title || a.Byline != tc.byline || a.Source != tc.source || a.PublishedString() != tc.published {
				t.Errorf("got title %q byline %q source %q published %q", a.Title, a.Byline, a.Source, a.PublishedString())
			}
			for _, s := range tc.text {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a.Text)
				}
			}
			for _, s := range tc.notText {
				if strings.Contains(a.Text, s) {
					t.Errorf("text keeps %q:\n%s", s, a.Text)
				}
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	in := "---\ntitle: Front Title\ndate: 2024-03-28\nauthor: Priya Nair\nsource: The Ledger\n---\n\n# Heading One\n\nSome **bold** and *em* text with a [link](http://x) and ![img](y.png).\nIt wraps here.\n\n- item one\n- item two\n\n```\ncode $5 billion\n```\n<!-- hidden -->\n[ref]: http://example.com\n"
	a := parse(t, "a.md", FormatMarkdown, in)
	if a.Title != "Front Title" || a.Byline != "Priya Nair" || a.Source != "The Ledger" || a.PublishedString() != "2024-03-28" {
		t.Errorf("metadata: %+v", a)
	}
	want := "Heading One\n\nSome bold and em text with a link and . It wraps here.\n\nitem one\n\nitem two"
	if a.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", a.Text, want)
	}
}

func TestHTML(t *testing.T) {
	page := `<!doctype html><html><head><title>Real Title | Site Name</title>
<meta property="article:published_time" content="2024-04-02T09:15:00-04:00">
<meta property="og:site_name" content="Meridian">
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"Jonas Eklund"}]}]}</script>
<script>var x = "$99 billion";</script><style>p{}</style></head>
<body><nav>Home $1 billion</nav><header>Site</header>
<article><h1>Real Title</h1><p>First <b>para</b><br>graph.</p><ul><li><p>Item text.</p></li></ul>
<aside class="related">Related $5 billion</aside><div class="newsletter-signup">Sign up $7</div><figure><figcaption>Caption $3</figcaption></figure>
<form>Form $2</form></article><footer>Footer $4</footer></body></html>`
	a := parse(t, "a.html", FormatHTML, page)
	if a.Title != "Real Title" || a.Source != "Meridian" || a.Byline != "Jonas Eklund" || a.PublishedString() != "2024-04-02T09:15:00-04:00" {
		t.Errorf("metadata: title %q source %q byline %q published %q", a.Title, a.Source, a.Byline, a.PublishedString())
	}
	if want := "Real Title\n\nFirst para graph.\n\nItem text."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
}

func TestDecoding(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Title\nCafé costs $5 billion.\n" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	utf16be := []byte{0xFE, 0xFF}
	for _, r := range "Title\nCafé costs $5 billion.\n" {
		utf16be = append(utf16be, byte(r>>8), byte(r))
	}
	win1252 := []byte("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 said \x93quoted\x94 things.</p></body></html>")
	latin1 := []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Caf\xe9 here.</p></body></html>")
	tests := []struct {
		name    string
		format  Format
		data    []byte
		want    string
		warning string
		err     error
	}{
		{"utf-16 le", FormatText, utf16le, "Café costs $5 billion.", "decoded from UTF-16", nil},
		{"utf-16 be", FormatText, utf16be, "Café costs $5 billion.", "decoded from UTF-16", nil},
		{"utf-8 bom", FormatText, append([]byte{0xEF, 0xBB, 0xBF}, "Title\nBody.\n"...), "Body.", "", nil},
		{"windows-1252", FormatHTML, win1252, "Café said “quoted” things.", "decoded from windows-1252", nil},
		{"iso-8859-1", FormatHTML, latin1, "Café here.", "decoded from", nil},
		{"invalid utf-8", FormatText, []byte("Title\nBad \xff byte.\n"), "Bad \uFFFD byte.", "invalid UTF-8 replaced", nil},
		{"crlf", FormatText, []byte("Title\r\nBody.\r\n"), "Title\n\nBody.", "", nil},
		{"nul bytes", FormatText, []byte("MZ\x00\x00binary"), "", "", ErrBinary},
		{"empty", FormatText, nil, "", "", ErrEmpty},
		{"whitespace", FormatMarkdown, []byte(" \n\t\n"), "", "", ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse("x", tc.format, tc.data)
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), "read x:") {
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
			if tc.warning != "" && !strings.Contains(strings.Join(a.Warnings, ";"), tc.warning) {
				t.Errorf("warnings %q lack %q", a.Warnings, tc.warning)
			}
		})
	}
}

func TestHostileSizes(t *testing.T) {
	t.Run("100000 levels deep", func(t *testing.T) {
		page := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>Deep text.</p>" + strings.Repeat("</div>", 100000) + "</body></html>"
		start := time.Now()
		a := parse(t, "deep.html", FormatHTML, page)
		if !strings.Contains(a.Text, "Deep text.") || len(a.Warnings) == 0 {
			t.Errorf("text %q warnings %q", a.Text, a.Warnings)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d) // a guard against quadratic blow-up, not a speed target
		}
	})
	t.Run("50 MB inline script", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("<html><head><script>")
		chunk := strings.Repeat("var a = '<p>not text</p>';\n", 1000)
		for b.Len() < 50<<20 {
			b.WriteString(chunk)
		}
		b.WriteString("</script></head><body><p>Real paragraph.</p></body></html>")
		a := parse(t, "script.html", FormatHTML, b.String())
		if a.Text != "Real paragraph." {
			t.Errorf("text %q", a.Text[:min(200, len(a.Text))])
		}
	})
	t.Run("single 10 MB line", func(t *testing.T) {
		line := strings.Repeat("word ", 2<<20)
		a := parse(t, "line.txt", FormatText, "Title\n"+line+"\n")
		if len(a.Text) < 10<<20-100 {
			t.Errorf("text has %d bytes", len(a.Text))
		}
	})
	t.Run("broken html", func(t *testing.T) {
		a := parse(t, "b.html", FormatHTML, "<html><body><article><p>Unclosed <b>bold<div><p>Second")
		if !strings.Contains(a.Text, "Unclosed bold") || !strings.Contains(a.Text, "Second") {
			t.Errorf("text %q", a.Text)
		}
	})
}

func TestReadLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// 200 MB without writing it: the size is checked before reading.
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(big)
	_, err = Read(File{Path: "big.txt", Abs: big, Size: fi.Size(), Format: FormatText}, ReadOptions{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.txt") || !strings.Contains(err.Error(), "--max-bytes") {
		t.Errorf("err = %v", err)
	}
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("Title\nBody text here.\n"), 0o644)
	if _, err := Read(File{Path: "small.txt", Abs: small, Size: 22, Format: FormatText}, ReadOptions{MaxBytes: 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes: err = %v", err)
	}
	a, err := Read(File{Path: "small.txt", Abs: small, Size: 22, Format: FormatText}, ReadOptions{})
	if err != nil || a.SHA256 == "" || a.Size != 22 {
		t.Errorf("read: %v %+v", err, a)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, body string) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("b.txt", "x")
	mk("a dir/with space.md", "x")
	mk("a dir/new\nline.html", "x")
	mk("ünïcødé/é.txt", "x")
	mk("skip.pdf", "x")
	mk(".git/config.txt", "x")
	mk("deep/er/c.HTM", "x")
	if err := os.Symlink(dir, filepath.Join(dir, "deep", "loop")); err != nil {
		t.Fatal(err)
	}
	var got []string
	var skipped []string
	err := Walk(context.Background(), dir, func(f File) error { got = append(got, f.Path); return nil },
		func(s Skipped) { skipped = append(skipped, s.Path+": "+s.Reason) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a dir/new\nline.html", "a dir/with space.md", "b.txt", "deep/er/c.HTM", "ünïcødé/é.txt"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("visited %q, want %q", got, want)
	}
	joined := strings.Join(skipped, "\n")
	if !strings.Contains(joined, "skip.pdf: not .txt, .md or .html") || !strings.Contains(joined, "deep/loop: symbolic link loop") {
		t.Errorf("skipped:\n%s", joined)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, dir, func(File) error { return nil }, func(Skipped) {}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled walk: %v", err)
	}
}

func TestWalkManyFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 100000 // the folder of 100,000 files
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%06d.txt", i)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	count := 0
	last := ""
	err := Walk(context.Background(), dir, func(f File) error {
		if f.Path < last {
			t.Fatalf("out of order: %s after %s", f.Path, last)
		}
		last = f.Path
		count++
		return nil
	}, func(Skipped) {})
	if err != nil || count != n {
		t.Errorf("walked %d of %d: %v", count, n, err)
	}
}

// TestSeeds reads the five real articles when ../shared is at hand.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/seeds not present")
	}
	read := map[string]*Article{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := parse(t, filepath.Base(f), FormatText, string(b))
		read[filepath.Base(f)] = a
		for _, furniture := range []string{"3min read", "Sign up for free", "No comments yet"} {
			if strings.Contains(a.Text, furniture) {
				t.Errorf("%s keeps %q", a.Path, furniture)
			}
		}
	}
	first := read["000_e5b7037b5f042b5c.txt"]
	if first.Byline != "Marcus Lee" || first.PublishedString() != "2025-06-18T14:28:00-04:00" || !strings.Contains(first.Text, "The $15 billion investment in Scale AI") {
		t.Errorf("first seed: byline %q published %q", first.Byline, first.PublishedString())
	}
	if second := read["001_9c40ee1f6de1d715.txt"]; !strings.Contains(second.Text, "minefield? The deal") {
		t.Error("second seed: missing space not restored")
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<html><body><p>x</p></body></html>", "<article><p>a<b>b", "<script>", "<<<>>>", "<meta charset=\"latin1\">\xe9"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatHTML, data) })
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Title\nBy X\nBody.", "A\n\nb", "\xff\xfe", "CHICAGO, Sept. 12, 2023 (X) -- y"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatText, data) })
}

func FuzzParseMarkdown(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\n# h\n*a* _b_", "```\n", "[a](b) ![c](d)", "> q\n- l"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, FormatMarkdown, data) })
}

func checkParse(t *testing.T, format Format, data []byte) {
	a, err := Parse("f", format, data)
	if err != nil {
		return
	}
	for _, s := range []string{a.Text, a.Title, a.Byline, a.Source} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 out: %q", s)
		}
	}
}
