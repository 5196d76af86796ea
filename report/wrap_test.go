package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
)

func TestWrapLine(t *testing.T) {
	got := wrapLine("    01-first.txt — a title that runs on · Wire · 2023-09-25", 30)
	want := []string{"    01-first.txt — a title", "      that runs on · Wire ·", "      2023-09-25"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapped as %q, want %q", got, want)
	}
	long := "  " + strings.Repeat("x", 50)
	for _, l := range wrapLine(long, 20) {
		if columns(l) > 20 {
			t.Errorf("a long word overflows: %q", l)
		}
	}
	colored := "\033[1m" + strings.Repeat("ab ", 6) + "\033[0m"
	if got := wrapLine(colored, 18); len(got) != 1 {
		t.Errorf("colour codes counted as columns: %q", got)
	}
	if columns("日本語") != 6 {
		t.Error("wide characters take two columns")
	}
}

// TestTextWraps: on a terminal, no line of the report is wider than the
// terminal; to a file, lines stay whole.
func TestTextWraps(t *testing.T) {
	for _, width := range []int{40, 72} {
		var buf bytes.Buffer
		if err := Text(&buf, sample(), TextOptions{Wrap: width, Color: true}); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimRight(buf.String(), "\n"), "\n") {
			if columns(l) > width {
				t.Errorf("width %d: line of %d columns: %q", width, columns(l), l)
			}
		}
		if !strings.Contains(buf.String(), "up to $4 billion") {
			t.Error("the wrapped report lost its content")
		}
	}
	var buf bytes.Buffer
	if err := Text(&buf, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	longest := 0
	for _, l := range strings.Split(buf.String(), "\n") {
		longest = max(longest, columns(l))
	}
	if longest <= 72 {
		t.Errorf("without Wrap lines were wrapped: the longest has %d columns", longest)
	}
}

// TestTextNamesArticlesAndRefs: each quote names its article's title,
// outlet and date beside its file, and what a reference in it was read as.
func TestTextNamesArticlesAndRefs(t *testing.T) {
	r := sample()
	for i := range r.Claims {
		if r.Claims[i].Article == "sub/03-analysis.md" && r.Claims[i].Text == "$8 billion" {
			r.Claims[i].Refs = []extract.Ref{{Text: "the company", Name: "Amazon"}}
		}
	}
	var buf bytes.Buffer
	if err := Text(&buf, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"01-first.txt — Amazon backs Anthropic · Wire · 2023-09-25",
		"sub/03-analysis.md — What Amazon *really* paid · The Ledger · 2024-03",
		"«$8 billion» into Anthropic",
		"[the company: Amazon]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
