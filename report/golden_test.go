package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.* from the current output")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./report -update rewrites it after a deliberate change)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// claimAt builds a claim of text inside sentence, the sentence starting at
// sentStart of its article.
func claimAt(path string, k extract.Kind, subject, object, normalized, sentence, text string, sentStart int) extract.Claim {
	i := strings.Index(sentence, text)
	if i < 0 {
		panic("claimAt: " + text + " not in " + sentence)
	}
	st := sentStart + i
	return extract.Claim{ID: extract.ClaimID(path, k, st, st+len(text)), Article: path, Kind: k, Subject: subject, Object: object,
		Normalized: normalized, Text: text, Sentence: sentence, Start: st, End: st + len(text), SentStart: sentStart, SentEnd: sentStart + len(sentence)}
}

// sample is a small report with what every renderer must handle: a
// conflict with two sides (one syndicated), a ticker finding without
// sides, an arithmetic finding, a long sentence, offsets that do not fit
// their sentence, a reviewed finding, skipped and failed files. Its lists
// are out of order on purpose: renderers sort.
func sample() *Report {
	ny := time.FixedZone("EDT", -4*3600)
	wire := "The agreement, announced on Sept. 25, 2023, gives Amazon a minority stake. Amazon will invest up to $4 billion in Anthropic."
	first := claimAt("01-first.txt", extract.KindInvestment, "Amazon", "Anthropic", "<=USD 4000000000", wire[strings.Index(wire, "Amazon will"):], "up to $4 billion", strings.Index(wire, "Amazon will"))
	copyc := first
	copyc.Article, copyc.ID = "02-wire-copy.txt", extract.ClaimID("02-wire-copy.txt", first.Kind, first.Start, first.End)
	long := "In a filing that ran to more than two hundred pages and that analysts spent most of the week reading line by line, the company said Amazon had put $8 billion into Anthropic across two tranches, a figure that several earlier reports had put lower, and that the total would not rise again this year."
	eight := claimAt("sub/03-analysis.md", extract.KindInvestment, "Amazon", "Anthropic", "USD 8000000000", long, "$8 billion", 40)
	eight.Attribution = "the company"
	tick := claimAt("sub/03-analysis.md", extract.KindTicker, "Cohere", "", "NYSE:COHR", "Cohere (NYSE: COHR) was not part of the deal.", "NYSE: COHR", 400)
	// Offsets that do not fit the sentence: the renderers fall back to
	// finding the text in it.
	tick.SentStart = 0
	stake := claimAt("sub/03-analysis.md", extract.KindStake, "Amazon", "Anthropic", "49%", "Amazon's stake — said to be 49% — stays below half.", "49%", 500)
	stake.Hedged = true
	stake2 := claimAt("01-first.txt", extract.KindStake, "Amazon", "Anthropic", "51%", "Amazon now owns 51% of Anthropic.", "51%", 300)

	conflict := reconcile.Finding{ID: "f-conflict", Type: reconcile.TypeConflict, Kind: extract.KindInvestment, Subject: "Amazon", Object: "Anthropic",
		Severity: reconcile.SeverityHigh, Claims: []string{eight.ID, first.ID, copyc.ID},
		Message: "$8 billion (1 article) vs up to $4 billion (2 articles, 1 independent) for Amazon's investment in Anthropic",
		Sides: []reconcile.Side{{Value: "up to $4 billion", Claims: []string{first.ID, copyc.ID}, Articles: []string{first.Article, copyc.Article}, Sources: 1},
			{Value: "$8 billion", Claims: []string{eight.ID}, Articles: []string{eight.Article}, Sources: 1}}}
	ticker := reconcile.Finding{ID: "f-ticker", Type: reconcile.TypeUnverifiedTicker, Kind: extract.KindTicker, Subject: "Cohere",
		Severity: reconcile.SeverityHigh, Claims: []string{tick.ID},
		Message: "NYSE: COHR is Coherent Corp. (NYSE), not Cohere; Cohere is private", Checked: "bundled US listing, 2026-08-22"}
	stakes := reconcile.Finding{ID: "f-stake", Type: reconcile.TypeConflict, Kind: extract.KindStake, Subject: "Amazon", Object: "Anthropic",
		Severity: reconcile.SeverityMedium, Claims: []string{stake.ID, stake2.ID}, Message: "49% (hedged) vs 51% for Amazon's stake in Anthropic",
		Sides: []reconcile.Side{{Value: "51%", Claims: []string{stake2.ID}, Articles: []string{stake2.Article}, Sources: 1},
			{Value: "49%", Claims: []string{stake.ID}, Articles: []string{stake.Article}, Sources: 1, Hedged: true}}}
	return &Report{
		Articles: []corpus.Article{
			{ID: corpus.ArticleID("sub/03-analysis.md"), Path: "sub/03-analysis.md", SHA256: "cc", Format: corpus.FormatMarkdown, Title: "What Amazon *really* paid",
				Source: "The Ledger", Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Precision: corpus.PrecisionMonth},
			{ID: corpus.ArticleID("01-first.txt"), Path: "01-first.txt", SHA256: "aa", Format: corpus.FormatText, Title: "Amazon backs Anthropic",
				Byline: "Jo Reporter", Source: "Wire", Published: time.Date(2023, 9, 25, 9, 30, 0, 0, ny), Precision: corpus.PrecisionMinute},
			{ID: corpus.ArticleID("02-wire-copy.txt"), Path: "02-wire-copy.txt", SHA256: "bb", Format: corpus.FormatText, Title: "Amazon backs Anthropic"},
		},
		Claims: []extract.Claim{stake, tick, eight, copyc, stake2, first},
		Findings: []Entry{
			{Finding: stakes, Status: "open", Review: Review{State: "dismissed", Note: "hedged figure, same deal", By: "desk",
				At: time.Date(2024, 3, 2, 10, 0, 0, 0, time.UTC)}},
			{Finding: ticker, Status: "open", New: true},
			{Finding: conflict, Status: "open", New: true},
		},
		Skipped:   []FileError{{Path: "notes/photo.jpg", Message: "not an article (.jpg)"}},
		Errors:    []FileError{{Path: "broken.html", Message: "read: permission denied"}},
		Listing:   "bundled US listing, 2026-08-22",
		Generated: time.Date(2024, 3, 3, 12, 0, 0, 0, time.UTC),
	}
}

func TestJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.golden.json", b.Bytes())
}

// keysInOrder returns the keys of each object in a JSON array, in the
// order they are written.
func keysInOrder(t *testing.T, raw json.RawMessage) [][]string {
	t.Helper()
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, it := range items {
		dec := json.NewDecoder(bytes.NewReader(it))
		var keys []string
		depth := 0
		expectKey := false
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch v := tok.(type) {
			case json.Delim:
				if v == '{' || v == '[' {
					depth++
					expectKey = depth == 1
				} else {
					depth--
					expectKey = depth == 1 // a nested value ended
				}
				continue
			case string:
				if depth == 1 && expectKey {
					keys = append(keys, v)
					expectKey = false
					continue
				}
			}
			if depth == 1 {
				expectKey = true
			}
		}
		out = append(out, keys)
	}
	return out
}

// TestJSONContract decodes the report of sample and checks what
// eval/README.md fixes: the top-level order, each record's contract
// fields first and in order, their values, the sort order, and [] for
// empty lists.
func TestJSONContract(t *testing.T) {
	in := sample()
	var b bytes.Buffer
	if err := JSON(&b, in); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "{\n  \"schema\": \"claimcheck.report/v1\",\n  \"articles\": [") {
		t.Errorf("not indented by two spaces, or schema not first:\n%.80s", b.String())
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b.Bytes(), &top); err != nil {
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
	contract := map[string][]string{
		"articles": {"id", "path", "title", "byline", "source", "published", "sha256"},
		"claims":   {"id", "article", "kind", "subject", "object", "normalized", "text", "sentence", "start", "end", "hedged", "attribution"},
		"findings": {"id", "type", "kind", "subject", "object", "severity", "claims", "message"},
	}
	for list, want := range contract {
		for i, keys := range keysInOrder(t, top[list]) {
			if len(keys) < len(want) || strings.Join(keys[:len(want)], ",") != strings.Join(want, ",") {
				t.Errorf("%s[%d] fields %v, want first %v", list, i, keys, want)
			}
		}
	}

	var r struct {
		Schema   string
		Articles []struct{ ID, Path, Title, Byline, Source, Published, SHA256 string }
		Claims   []struct {
			ID, Article, Kind, Subject, Object, Normalized, Text, Sentence string
			Start, End                                                     int
			Hedged                                                         bool
			Attribution                                                    string
		}
		Findings []struct {
			ID, Type, Kind, Subject, Object, Severity string
			Claims                                    []string
			Message                                   string
			Review                                    string
		}
	}
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, a := range r.Articles {
		paths = append(paths, a.Path)
	}
	if got := strings.Join(paths, " "); got != "01-first.txt 02-wire-copy.txt sub/03-analysis.md" {
		t.Errorf("articles not by path: %s", got)
	}
	if a := r.Articles[0]; a.Published != "2023-09-25T09:30:00-04:00" || a.Byline != "Jo Reporter" || a.ID != corpus.ArticleID("01-first.txt") || a.SHA256 != "aa" {
		t.Errorf("article 0: %+v", a)
	}
	if r.Articles[2].Published != "2024-03" {
		t.Errorf("month precision published as %q", r.Articles[2].Published)
	}
	// By article, then by sentence, then by position (a figure held before
	// the one a sentence is about comes after it: see ReportedClaims).
	byID := map[string]extract.Claim{}
	for _, c := range in.Claims {
		byID[c.ID] = c
	}
	for i := 1; i < len(r.Claims); i++ {
		p, c := byID[r.Claims[i-1].ID], byID[r.Claims[i].ID]
		if p.Article > c.Article || p.Article == c.Article && (p.SentStart > c.SentStart || p.SentStart == c.SentStart && p.Start > c.Start) {
			t.Errorf("claims out of order: %s@%d before %s@%d", p.Article, p.Start, c.Article, c.Start)
		}
	}
	for _, c := range r.Claims {
		want := byID[c.ID]
		if c.Article != want.Article || c.Kind != string(want.Kind) || c.Text != want.Text || c.Sentence != want.Sentence ||
			c.Start != want.Start || c.End != want.End || c.Normalized != want.Normalized || c.Hedged != want.Hedged || c.Attribution != want.Attribution {
			t.Errorf("claim %s changed meaning: %+v, want %+v", c.ID, c, want)
		}
	}
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.Severity+":"+f.ID)
	}
	if got := strings.Join(ids, " "); got != "high:f-conflict high:f-ticker medium:f-stake" {
		t.Errorf("findings not by severity, kind, subject, id: %s", got)
	}
	if f := r.Findings[0]; len(f.Claims) != 3 || f.Type != "conflict" || f.Object != "Anthropic" || !strings.HasPrefix(f.Message, "$8 billion") {
		t.Errorf("finding 0: %+v", f)
	}
	if r.Findings[2].Review != "dismissed" {
		t.Errorf("review state not carried: %+v", r.Findings[2])
	}
	if in.Findings[0].ID != "f-stake" || in.Articles[0].Path != "sub/03-analysis.md" {
		t.Error("JSON reordered its input")
	}
}

func TestJSONEmpty(t *testing.T) {
	for _, r := range []*Report{{}, {Findings: []Entry{{Finding: reconcile.Finding{ID: "f-x"}}}}} {
		var b bytes.Buffer
		if err := JSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "null") {
			t.Errorf("a list written as null:\n%s", b.String())
		}
	}
	var b bytes.Buffer
	if err := JSON(&b, &Report{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(strings.Fields(b.String()), ""); got != `{"schema":"claimcheck.report/v1","articles":[],"claims":[],"findings":[]}` {
		t.Errorf("empty report: %s", got)
	}
}

func TestTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sample(), TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "\033[") {
		t.Error("colour when not asked for")
	}
	for _, want := range []string{
		"3 articles, 6 claims, 3 findings (2 high, 1 medium); 1 skipped; 1 file error\n",
		"    02-wire-copy.txt — Amazon backs Anthropic\n      “Amazon will invest «up to $4 billion» in Anthropic.”",
		"«$8 billion»",
		"«NYSE: COHR»", // offsets off: found by its text
		"note (desk): hedged figure, same deal",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if !strings.Contains(out, "…") {
		t.Error("the long sentence is not trimmed around its claim")
	}
	if strings.Index(out, "f-conflict") > strings.Index(out, "f-ticker") || strings.Index(out, "f-ticker") > strings.Index(out, "f-stake") {
		t.Error("findings not grouped by severity in order")
	}
	golden(t, "report.golden.txt", b.Bytes())
}

func TestTextColour(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sample(), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ansiBold+"«up to $4 billion»"+ansiReset) || !strings.Contains(b.String(), ansiRed) {
		t.Errorf("no colour when asked for:\n%s", b.String())
	}
}

func TestTextNoFindings(t *testing.T) {
	var b bytes.Buffer
	r := sample()
	r.Findings, r.Skipped, r.Errors = nil, nil, nil
	if err := Text(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "3 articles, 6 claims, 0 findings\ntickers checked against bundled US listing, 2026-08-22\n\nNo contradictions found.\n"; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestTextDefusesControls: an article cannot send escape sequences to the
// editor's terminal or break the layout with line breaks.
func TestTextDefusesControls(t *testing.T) {
	r := sample()
	r.Claims[2].Sentence = strings.Replace(r.Claims[2].Sentence, "In a filing", "In a\n\x1b[2J\x1b]0;pwned\x07 filing\u202e", 1)
	r.Claims[2].Start, r.Claims[2].End = -1, -1 // found by text
	r.Errors[0].Path = "bad\x1b[31m.txt"
	var b bytes.Buffer
	if err := Text(&b, r, TextOptions{Width: 400}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07\u202e") {
		t.Errorf("control characters reach the terminal: %q", b.String())
	}
	if !strings.Contains(b.String(), "In a �[2J�]0;pwned� filing�") {
		t.Errorf("controls not shown as U+FFFD:\n%s", b.String())
	}
}

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"\n## High\n", "\n## Medium\n", "> Amazon will invest **up to $4 billion** in Anthropic.",
		"| 01-first.txt | Amazon backs Anthropic | Wire | 2023-09-25T09:30:00-04:00 |", "What Amazon \\*really\\* paid", "\n## Skipped\n", "\n## Errors\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	golden(t, "report.golden.md", b.Bytes())
}

func TestMarkdownEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*bold* _it_ `code` [link](x) <b> & |", `\*bold\* \_it\_ \` + "`" + `code\` + "`" + ` \[link\](x) &lt;b&gt; &amp; \|`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"1. not a list", `1\. not a list`},
		{"2024) no", `2024\) no`},
		{"$2 billion", "$2 billion"},
		{"two\nlines", "two lines"},
		{"~~struck~~", `\~\~struck\~\~`},
		{`<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
	} {
		if got := md(tc.in); got != tc.want {
			t.Errorf("md(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	s := "Amazon will invest up to $4 billion in Anthropic."
	long := strings.Repeat("word ", 40) + "$8 billion" + strings.Repeat(" more", 40)
	for _, tc := range []struct {
		name                string
		c                   extract.Claim
		width               int
		before, mark, after string
		beforeCut, afterCut bool
	}{
		{name: "offsets", c: extract.Claim{Sentence: s, Text: "up to $4 billion", SentStart: 100, Start: 119, End: 135}, width: 160,
			before: "Amazon will invest ", mark: "up to $4 billion", after: " in Anthropic."},
		{name: "offsets off, text found", c: extract.Claim{Sentence: s, Text: "$4 billion", SentStart: 0, Start: 500, End: 510}, width: 160,
			before: "Amazon will invest up to ", mark: "$4 billion", after: " in Anthropic."},
		{name: "offsets inside a rune", c: extract.Claim{Sentence: "Ça coûte €5.", Text: "€5", SentStart: 0, Start: 9, End: 12}, width: 160,
			before: "Ça coûte ", mark: "€5", after: "."},
		{name: "nothing fits", c: extract.Claim{Sentence: s, Text: "$9 billion", Start: -3, End: 2}, width: 160, before: s},
		{name: "empty text", c: extract.Claim{Sentence: s}, width: 160, before: s},
		{name: "long", c: extract.Claim{Sentence: long, Text: "$8 billion", Start: 200, End: 210}, width: 60, mark: "$8 billion", beforeCut: true, afterCut: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, m, a := excerpt(&tc.c, tc.width)
			if m != tc.mark {
				t.Errorf("mark %q, want %q", m, tc.mark)
			}
			if tc.beforeCut || tc.afterCut {
				if !strings.HasPrefix(b, "…") || !strings.HasSuffix(a, "…") {
					t.Errorf("not trimmed around the claim: %q [%q] %q", b, m, a)
				}
				if n := len([]rune(b + m + a)); n > tc.width+4 {
					t.Errorf("excerpt of %d characters for width %d", n, tc.width)
				}
				return
			}
			if b != tc.before || a != tc.after {
				t.Errorf("got %q [%q] %q", b, m, a)
			}
		})
	}
}

// streamed is r with its claims read through EachClaim, in the store's
// order (by article path, then position), only the cited ones held.
func streamed(r *Report, held []extract.Claim) *Report {
	all := append([]extract.Claim(nil), r.Claims...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Article != all[j].Article {
			return all[i].Article < all[j].Article
		}
		return all[i].Start < all[j].Start
	})
	s := *r
	s.Claims = held
	s.ClaimTotal = len(r.ReportedClaims())
	s.EachClaim = func(fn func(extract.Claim) error) error {
		for _, c := range all {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
	return &s
}

// TestJSONStreamedClaims: a report reading its claims as it writes them
// gives the same bytes as one holding them all, and the same summary.
func TestJSONStreamedClaims(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sample(), "no claims": {}, "no findings": {Claims: sample().Claims}} {
		var want, got bytes.Buffer
		if err := JSON(&want, r); err != nil {
			t.Fatal(err)
		}
		s := streamed(r, nil)
		if err := JSON(&got, s); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs:\n%s\nwant:\n%s", name, got.String(), want.String())
		}
		if Summary(s) != Summary(r) {
			t.Errorf("%s: summary %q, want %q", name, Summary(s), Summary(r))
		}
	}
	failing := streamed(sample(), nil)
	failing.EachClaim = func(func(extract.Claim) error) error { return errors.New("disk gone") }
	if err := JSON(io.Discard, failing); err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("a failing claim reader gave %v", err)
	}
}

// TestEvidenceCapped: a side a thousand articles agree on is quoted a few
// times and counted, in every renderer; ShownClaims names the quoted ones.
func TestEvidenceCapped(t *testing.T) {
	r := &Report{}
	var ids []string
	for i := 0; i < 20; i++ {
		path := fmt.Sprintf("a%02d.txt", i)
		c := claimAt(path, extract.KindInvestment, "Orbital", "Helix", "USD 2000000000", "Orbital put $2 billion into Helix.", "$2 billion", 0)
		r.Articles = append(r.Articles, corpus.Article{ID: corpus.ArticleID(path), Path: path})
		r.Claims = append(r.Claims, c)
		ids = append(ids, c.ID)
	}
	odd := claimAt("odd.txt", extract.KindInvestment, "Orbital", "Helix", "USD 3000000000", "Orbital put $3 billion into Helix.", "$3 billion", 0)
	r.Claims = append(r.Claims, odd)
	f := reconcile.Finding{ID: "f-1", Type: reconcile.TypeConflict, Kind: extract.KindInvestment, Subject: "Orbital", Object: "Helix",
		Severity: reconcile.SeverityHigh, Claims: append(append([]string{}, ids...), odd.ID), Message: "$2 billion vs $3 billion",
		Sides: []reconcile.Side{{Value: "$2 billion", Claims: ids}, {Value: "$3 billion", Claims: []string{odd.ID}}}}
	r.Findings = []Entry{{Finding: f, Status: "open"}}
	if got := ShownClaims(f); len(got) != EvidenceShown+1 || got[EvidenceShown] != odd.ID {
		t.Errorf("ShownClaims = %v", got)
	}
	// Without sides, the claims say different things: all are quoted.
	sum := reconcile.Finding{Type: reconcile.TypeInconsistent, Claims: ids}
	if got := ShownClaims(sum); len(got) != len(ids) {
		t.Errorf("ShownClaims of a finding without sides = %d claims, want all %d", len(got), len(ids))
	}
	more := "… and 14 claims more saying the same"
	var text, mdown, page bytes.Buffer
	if err := Text(&text, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&mdown, r); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&page, r); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": mdown.String(), "html": page.String()} {
		if !strings.Contains(out, more) {
			t.Errorf("%s: no %q", name, more)
		}
		if !strings.Contains(out, "odd.txt") || !strings.Contains(out, "a05.txt") {
			t.Errorf("%s: the first %d claims of each side are not quoted", name, EvidenceShown)
		}
	}
	// Only the text report has no list of articles to name the rest.
	if strings.Contains(text.String(), "a06.txt") || strings.Contains(text.String(), "a19.txt") {
		t.Errorf("text quotes claims beyond the first %d:\n%s", EvidenceShown, text.String())
	}
}

// quotedLazily is r with no claims held: every renderer reads the claims a
// finding quotes through Quoted as it reaches the finding, and the JSON
// report its claim list through EachClaim. asked records each read.
func quotedLazily(r *Report, asked *[][]string) *Report {
	s := streamed(r, nil)
	byID := map[string]extract.Claim{}
	for _, c := range r.Claims {
		byID[c.ID] = c
	}
	s.Quoted = func(ids []string) ([]extract.Claim, error) {
		*asked = append(*asked, ids)
		var out []extract.Claim
		for _, id := range ids {
			if c, ok := byID[id]; ok {
				out = append(out, c)
			}
		}
		return out, nil
	}
	return s
}

// TestQuotedPerFinding: a report that reads each finding's quoted claims
// as it writes the finding gives the same bytes, in every format, as one
// holding every claim; it asks once per finding for that finding's claims
// only; and a failed read fails the report.
func TestQuotedPerFinding(t *testing.T) {
	renderers := map[string]func(io.Writer, *Report) error{
		"text":     func(w io.Writer, r *Report) error { return Text(w, r, TextOptions{}) },
		"markdown": Markdown,
		"html":     HTML,
		"json":     JSON,
	}
	for name, render := range renderers {
		var want, got bytes.Buffer
		if err := render(&want, sample()); err != nil {
			t.Fatal(err)
		}
		var asked [][]string
		lazy := quotedLazily(sample(), &asked)
		if err := render(&got, lazy); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: a report reading its quotes per finding differs:\n%s\nwant:\n%s", name, got.String(), want.String())
		}
		if name == "json" {
			if len(asked) != 0 {
				t.Errorf("json: quotes were read (%v); the claim list holds every claim", asked)
			}
			continue
		}
		if len(asked) != len(lazy.Findings) {
			t.Errorf("%s: %d reads for %d findings", name, len(asked), len(lazy.Findings))
		}
		for _, ids := range asked {
			found := false
			for _, f := range lazy.Findings {
				found = found || fmt.Sprint(ShownClaims(f.Finding)) == fmt.Sprint(ids)
			}
			if !found {
				t.Errorf("%s: read %v, the claims of no one finding", name, ids)
			}
		}
		failing := quotedLazily(sample(), &asked)
		failing.Quoted = func([]string) ([]extract.Claim, error) { return nil, errors.New("disk gone") }
		if err := render(io.Discard, failing); err == nil || !strings.Contains(err.Error(), "disk gone") {
			t.Errorf("%s: a failing quote reader gave %v", name, err)
		}
	}
}
