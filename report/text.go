package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// TextOptions shapes terminal output.
type TextOptions struct {
	Color bool // ANSI colour: only on a terminal
	Width int  // sentence excerpts are cut to about this many characters; 0: 160
}

// Summary is the one-line tally a report opens with.
func Summary(r *Report) string {
	high, medium, low := r.Counts()
	n := len(r.Findings)
	s := fmt.Sprintf("%s, %s, %s", plural(len(r.Articles), "article"), plural(len(r.ReportedClaims()), "claim"), plural(n, "finding"))
	if n > 0 {
		var parts []string
		for _, p := range []struct {
			n    int
			name string
		}{{high, "high"}, {medium, "medium"}, {low, "low"}} {
			if p.n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", p.n, p.name))
			}
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if len(r.Skipped) > 0 {
		s += fmt.Sprintf("; %d skipped", len(r.Skipped))
	}
	if len(r.Errors) > 0 {
		s += fmt.Sprintf("; %s", plural(len(r.Errors), "file error"))
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// evidence is a finding's claims grouped by side, for rendering.
type evidence struct {
	label  string // the side's value; "" for findings without sides
	claims []*extract.Claim
}

func groups(f Entry, claims map[string]*extract.Claim) []evidence {
	var out []evidence
	if len(f.Sides) > 0 {
		for i := len(f.Sides) - 1; i >= 0; i-- { // outliers first, as the message reads
			s := f.Sides[i]
			e := evidence{label: s.Value}
			for _, id := range s.Claims {
				if c := claims[id]; c != nil {
					e.claims = append(e.claims, c)
				}
			}
			out = append(out, e)
		}
		return out
	}
	e := evidence{}
	for _, id := range f.Claims {
		if c := claims[id]; c != nil {
			e.claims = append(e.claims, c)
		}
	}
	return append(out, e)
}

// excerpt returns the claim's sentence cut to about width characters
// around the claim, as before, claim, after.
func excerpt(c *extract.Claim, width int) (before, mark, after string) {
	s := c.Sentence
	st, en := c.Start-c.SentStart, c.End-c.SentStart
	if st < 0 || en > len(s) || st > en || s[st:en] != c.Text {
		i := strings.Index(s, c.Text)
		if i < 0 || c.Text == "" {
			return cut(s, width, true), "", ""
		}
		st, en = i, i+len(c.Text)
	}
	before, mark, after = s[:st], s[st:en], s[en:]
	room := width - utf8.RuneCountInString(mark)
	if room < 20 {
		room = 20
	}
	before = cutLeft(before, room/2)
	after = cut(after, room-utf8.RuneCountInString(before), false)
	return before, mark, after
}

func cut(s string, n int, _ bool) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n]), " ") + "…"
}

func cutLeft(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return "…" + strings.TrimLeft(string(r[len(r)-n:]), " ")
}

const (
	ansiReset = "\033[0m"
	ansiBold  = "\033[1m"
	ansiDim   = "\033[2m"
	ansiRed   = "\033[31m"
	ansiYel   = "\033[33m"
	ansiCyan  = "\033[36m"
)

// Text writes the report for a terminal: the summary, then every finding
// with each side's sentences quoted and the claim marked.
func Text(w io.Writer, r *Report, opts TextOptions) error {
	if opts.Width <= 0 {
		opts.Width = 160
	}
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	bw := &errWriter{w: w}
	bw.printf("%s\n", Summary(r))
	if r.Listing != "" {
		bw.printf("%s\n", paint(ansiDim, "tickers checked against "+r.Listing))
	}
	if len(r.Findings) == 0 {
		bw.printf("\nNo contradictions found.\n")
	}
	claims := r.claimIndex()
	for _, f := range r.Findings {
		sev := strings.ToUpper(string(f.Severity))
		color := map[reconcile.Severity]string{reconcile.SeverityHigh: ansiRed, reconcile.SeverityMedium: ansiYel}[f.Severity]
		if color == "" {
			color = ansiCyan
		}
		who := f.Subject
		if f.Object != "" {
			who += " → " + f.Object
		}
		tags := ""
		if f.New {
			tags += " NEW"
		}
		if f.Review.State != "" && f.Review.State != "open" {
			tags += " [" + f.Review.State + "]"
		}
		bw.printf("\n%s %s · %s · %s  %s%s\n", paint(color+ansiBold, fmt.Sprintf("%-6s", sev)), f.Type, f.Kind, who, paint(ansiDim, f.ID), tags)
		bw.printf("  %s\n", f.Message)
		if f.Review.ReopenReason != "" {
			bw.printf("  %s\n", paint(ansiDim, "reopened: "+f.Review.ReopenReason))
		}
		for _, g := range groups(f, claims) {
			if g.label != "" {
				bw.printf("  %s\n", paint(ansiBold, g.label))
			}
			for _, c := range g.claims {
				b, m, a := excerpt(c, opts.Width)
				hedge := ""
				if c.Hedged {
					hedge = paint(ansiDim, " (hedged)")
				}
				bw.printf("    %s: “%s%s%s”%s\n", c.Article, b, paint(ansiBold, "«"+m+"»"), a, hedge)
			}
		}
	}
	writeFileErrors(bw, r, paint)
	return bw.err
}

func writeFileErrors(bw *errWriter, r *Report, paint func(string, string) string) {
	if len(r.Errors) > 0 {
		bw.printf("\n%s\n", paint(ansiBold, "Files that could not be read:"))
		for _, e := range r.Errors {
			bw.printf("  %s: %s\n", e.Path, e.Message)
		}
	}
	if len(r.Skipped) > 0 {
		bw.printf("\n%s\n", paint(ansiBold, "Skipped:"))
		for _, e := range r.Skipped {
			bw.printf("  %s: %s\n", e.Path, e.Message)
		}
	}
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)

func md(s string) string { return mdEscaper.Replace(s) }

// Markdown writes the report as Markdown: a heading per severity, each
// finding's evidence as quotes with the claim in bold, and the articles.
func Markdown(w io.Writer, r *Report) error {
	bw := &errWriter{w: w}
	title := r.Title
	if title == "" {
		title = "claimcheck report"
	}
	bw.printf("# %s\n\n%s\n", md(title), md(Summary(r)))
	if r.Listing != "" {
		bw.printf("\nTickers checked against %s.\n", md(r.Listing))
	}
	claims := r.claimIndex()
	current := reconcile.Severity("")
	for _, f := range r.Findings {
		if f.Severity != current {
			current = f.Severity
			sev := string(f.Severity)
			bw.printf("\n## %s\n", strings.ToUpper(sev[:1])+sev[1:])
		}
		who := f.Subject
		if f.Object != "" {
			who += " → " + f.Object
		}
		bw.printf("\n### %s: %s, %s\n\n%s\n", md(string(f.Type)), md(string(f.Kind)), md(who), md(f.Message))
		for _, g := range groups(f, claims) {
			if g.label != "" {
				bw.printf("\n**%s**\n", md(g.label))
			}
			for _, c := range g.claims {
				b, m, a := excerpt(c, 240)
				bw.printf("\n> %s**%s**%s  \n> — %s\n", md(b), md(m), md(a), md(c.Article))
			}
		}
	}
	if len(r.Articles) > 0 {
		bw.printf("\n## Articles\n\n| path | title | source | published |\n|---|---|---|---|\n")
		for _, a := range r.Articles {
			bw.printf("| %s | %s | %s | %s |\n", md(a.Path), md(a.Title), md(a.Source), md(a.PublishedString()))
		}
	}
	if len(r.Errors)+len(r.Skipped) > 0 {
		bw.printf("\n## Files not read\n\n")
		for _, e := range append(append([]FileError{}, r.Errors...), r.Skipped...) {
			bw.printf("- %s: %s\n", md(e.Path), md(e.Message))
		}
	}
	return bw.err
}
