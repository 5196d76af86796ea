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
	// Wrap, when set, wraps every line to this many columns, continuing
	// under its own indent: a terminal's width. 0 leaves lines whole, for
	// files and pipes.
	Wrap int
}

// Summary is the one-line tally a report opens with.
func Summary(r *Report) string {
	high, medium, low := r.Counts()
	n := len(r.Findings)
	s := fmt.Sprintf("%s, %s, %s", plural(len(r.Articles), "article"), plural(r.claimCount(), "claim"), plural(n, "finding"))
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
	more   int // claims on the side beyond those shown
}

// EvidenceShown is how many claims of a conflict's side a report quotes:
// enough to verify the side, not a wall of copies when a thousand articles
// agree. The claims of a finding without sides (a sum, a ticker and the
// proof its company is private) are all quoted: they say different things.
// The JSON report lists every claim id.
const EvidenceShown = 6

// shownIDs splits a side's claim ids into those quoted and how many more.
func shownIDs(ids []string) ([]string, int) {
	if len(ids) > EvidenceShown {
		return ids[:EvidenceShown], len(ids) - EvidenceShown
	}
	return ids, 0
}

// ShownClaims returns the ids of the claims a report quotes for f: the
// only claims a report needs besides the JSON report's list.
func ShownClaims(f reconcile.Finding) []string {
	if len(f.Sides) == 0 {
		return f.Claims
	}
	var out []string
	for _, s := range f.Sides {
		ids, _ := shownIDs(s.Claims)
		out = append(out, ids...)
	}
	return out
}

func groups(f Entry, lookup *claimLookup) []evidence {
	claims := lookup.of(f.Finding)
	var out []evidence
	side := func(label string, ids []string, more int) evidence {
		e := evidence{label: label, more: more}
		for _, id := range ids {
			if c := claims[id]; c != nil {
				e.claims = append(e.claims, c)
			}
		}
		return e
	}
	if len(f.Sides) > 0 {
		for i := len(f.Sides) - 1; i >= 0; i-- { // outliers first, as the message reads
			ids, more := shownIDs(f.Sides[i].Claims)
			out = append(out, side(f.Sides[i].Value, ids, more))
		}
		return out
	}
	return append(out, side("", f.Claims, 0))
}

// moreLine says how many claims of a side a report does not quote.
func moreLine(n int) string {
	return fmt.Sprintf("… and %s more saying the same", plural(n, "claim"))
}

// excerpt returns the claim's sentence cut to about width characters
// around the claim, as before, claim, after. The claim is found by its
// offsets relative to the sentence; when those do not fit (a claim edited
// by hand, a sentence rebuilt), by its text; failing both, the sentence is
// returned unmarked in before.
func excerpt(c *extract.Claim, width int) (before, mark, after string) {
	s := c.Sentence
	st, en := c.Start-c.SentStart, c.End-c.SentStart
	if st < 0 || en > len(s) || st >= en || s[st:en] != c.Text {
		i := -1
		if c.Text != "" {
			i = strings.Index(s, c.Text)
		}
		if i < 0 {
			return cut(s, width), "", ""
		}
		st, en = i, i+len(c.Text)
	}
	before, mark, after = s[:st], s[st:en], s[en:]
	room := width - utf8.RuneCountInString(mark)
	if room < 20 {
		room = 20
	}
	before = cutLeft(before, room/2)
	after = cut(after, room-utf8.RuneCountInString(before))
	return before, mark, after
}

// cut keeps the first n characters of s, marking a cut with "…". It cuts
// at a space when one is near, so as not to leave half a word.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	for i := len(r) - 1; i >= 0 && i >= len(r)-wordSlack; i-- {
		if r[i] == ' ' {
			r = r[:i]
			break
		}
	}
	return strings.TrimRight(string(r), " ,;:") + "…"
}

// cutLeft keeps the last n characters of s, marking a cut with "…", at a
// space when one is near.
func cutLeft(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	all := []rune(s)
	r := all[len(all)-n:]
	for i := 0; i < len(r) && i < wordSlack; i++ {
		if r[i] == ' ' {
			r = r[i+1:]
			break
		}
	}
	return "…" + strings.TrimLeft(string(r), " ")
}

// wordSlack is how far a cut may move to fall between words.
const wordSlack = 16

// clean makes article text safe to print on one line of a terminal or a
// Markdown file: line breaks and tabs become spaces; other control
// characters (an ANSI escape could rewrite the screen) and bidirectional
// overrides (which can make text read other than it is) become U+FFFD.
func clean(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unsafeRune(r):
			return utf8.RuneError
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029
}

const (
	ansiReset = "\033[0m"
	ansiBold  = "\033[1m"
	ansiDim   = "\033[2m"
	ansiRed   = "\033[31m"
	ansiYel   = "\033[33m"
	ansiCyan  = "\033[36m"
)

// Text writes the report for a terminal: the summary, then every finding,
// most severe first, with each side's sentences quoted and the claim
// marked «like this» (and in bold with colour). Colour only when asked:
// callers turn it on for a terminal. Article text is printed with its
// control characters defused.
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
	if opts.Wrap > 0 {
		ww := &wrapWriter{w: w, width: opts.Wrap}
		defer ww.Flush()
		w = ww
	}
	bw := &errWriter{w: w}
	bw.printf("%s\n", Summary(r))
	if r.Listing != "" {
		bw.printf("%s\n", paint(ansiDim, "tickers checked against "+clean(r.Listing)))
	}
	if len(r.Findings) == 0 {
		bw.printf("\nNo contradictions found.\n")
	}
	claims := r.claimIndex()
	arts := r.articleIndex()
	for _, f := range r.sortedFindings() {
		sev := strings.ToUpper(string(f.Severity))
		color := map[reconcile.Severity]string{reconcile.SeverityHigh: ansiRed, reconcile.SeverityMedium: ansiYel}[f.Severity]
		if color == "" {
			color = ansiCyan
		}
		tags := ""
		if f.New {
			tags += " NEW"
		}
		if f.Review.State != "" && f.Review.State != "open" {
			tags += " [" + clean(f.Review.State) + "]"
		}
		if f.Status == "resolved" {
			tags += " (resolved)"
		}
		bw.printf("\n%s %s · %s · %s  %s%s\n", paint(color+ansiBold, fmt.Sprintf("%-6s", sev)), clean(string(f.Type)), clean(string(f.Kind)),
			clean(who(f)), paint(ansiDim, clean(f.ID)), tags)
		bw.printf("  %s\n", clean(f.Message))
		if f.Review.ReopenReason != "" {
			bw.printf("  %s\n", paint(ansiDim, "reopened: "+clean(f.Review.ReopenReason)))
		}
		if f.Review.Note != "" {
			by := ""
			if f.Review.By != "" {
				by = " (" + clean(f.Review.By) + ")"
			}
			bw.printf("  %s\n", paint(ansiDim, "note"+by+": "+clean(f.Review.Note)))
		}
		for _, g := range groups(f, claims) {
			if g.label != "" {
				bw.printf("  %s\n", paint(ansiBold, clean(g.label)))
			}
			for _, c := range g.claims {
				b, m, a := excerpt(c, opts.Width)
				hedge := ""
				if c.Hedged {
					hedge = paint(ansiDim, " (hedged)")
				}
				marked := ""
				if m != "" {
					marked = paint(ansiBold, "«"+clean(m)+"»")
				}
				bw.printf("    %s\n", articleLine(c.Article, arts, paint))
				bw.printf("      “%s%s%s”%s%s\n", clean(b), marked, clean(a), hedge, paint(ansiDim, refsNote(c)))
			}
			if g.more > 0 {
				bw.printf("    %s\n", paint(ansiDim, moreLine(g.more)))
			}
		}
	}
	writeFileErrors(bw, r, paint)
	if claims.err != nil {
		return claims.err
	}
	return bw.err
}

// articleLine names an article by its file, then its title, outlet and
// date when known.
func articleLine(path string, arts map[string]*corpusArticle, paint func(string, string) string) string {
	line := clean(ShowPath(path))
	a := arts[path]
	if a == nil {
		return line
	}
	var about []string
	if a.Title != "" {
		about = append(about, clean(a.Title))
	}
	if a.Source != "" {
		about = append(about, clean(a.Source))
	}
	if d := shortDate(a); d != "" {
		about = append(about, d)
	}
	if len(about) == 0 {
		return line
	}
	return line + paint(ansiDim, " — "+strings.Join(about, " · "))
}

// shortDate is an article's publication date to the day at most.
func shortDate(a *corpusArticle) string {
	d := a.PublishedString()
	if len(d) > len("2006-01-02") {
		d = a.Published.Format("2006-01-02")
	}
	return d
}

// refsNote says what the references in a claim's sentence were read as:
// " [its: Mercor] [the startup: Vega]".
func refsNote(c *extract.Claim) string {
	var b strings.Builder
	for _, r := range c.Refs {
		fmt.Fprintf(&b, " [%s: %s]", clean(r.Text), clean(r.Name))
	}
	return b.String()
}

// who is a finding's subject and, when it has one, its object.
func who(f Entry) string {
	if f.Object != "" {
		return f.Subject + " → " + f.Object
	}
	return f.Subject
}

func writeFileErrors(bw *errWriter, r *Report, paint func(string, string) string) {
	if len(r.Errors) > 0 {
		bw.printf("\n%s\n", paint(ansiBold, "Files that could not be read:"))
		for _, e := range r.Errors {
			bw.printf("  %s: %s\n", clean(ShowPath(e.Path)), clean(e.Message))
		}
	}
	if len(r.Skipped) > 0 {
		bw.printf("\n%s\n", paint(ansiBold, "Skipped:"))
		for _, e := range r.Skipped {
			bw.printf("  %s: %s\n", clean(ShowPath(e.Path)), clean(e.Message))
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

// mdEscaper neutralises what Markdown (CommonMark and GitHub's tables,
// strikethrough and autolinks) would read as markup. & becomes &amp; so
// that an entity in an article shows as written; < and > become entities
// so that no raw HTML passes.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "|", `\|`, "~", `\~`)

// md escapes article text for the start of a Markdown line: on one line,
// every special character escaped, and a leading list, heading or rule
// marker ("- ", "+ ", "1. ", "2) ", "===") defused.
func md(s string) string {
	s = strings.TrimLeft(mdInline(s), " ")
	if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		return `\` + s
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// Markdown writes the report as Markdown: a heading per severity, each
// finding's evidence as quotes with the claim in bold, and a table of the
// articles. Everything from an article is escaped.
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
	if len(r.Findings) == 0 {
		bw.printf("\nNo contradictions found.\n")
	}
	claims := r.claimIndex()
	current := reconcile.Severity("-")
	for _, f := range r.sortedFindings() {
		if f.Severity != current {
			current = f.Severity
			sev := string(f.Severity)
			if sev == "" {
				sev = "unrated"
			}
			bw.printf("\n## %s\n", md(strings.ToUpper(sev[:1])+sev[1:]))
		}
		bw.printf("\n### %s: %s, %s\n\n", md(string(f.Type)), md(string(f.Kind)), md(who(f)))
		var tags []string
		if f.New {
			tags = append(tags, "new")
		}
		if f.Review.State != "" && f.Review.State != "open" {
			tags = append(tags, md(f.Review.State))
		}
		if f.Status == "resolved" {
			tags = append(tags, "resolved")
		}
		tags = append(tags, "`"+strings.ReplaceAll(clean(f.ID), "`", "'")+"`")
		bw.printf("%s\n\n%s\n", strings.Join(tags, " · "), md(f.Message))
		if f.Review.Note != "" {
			bw.printf("\n*Note%s:* %s\n", byOf(f.Review.By), md(f.Review.Note))
		}
		if f.Review.ReopenReason != "" {
			bw.printf("\n*Reopened:* %s\n", md(f.Review.ReopenReason))
		}
		for _, g := range groups(f, claims) {
			if g.label != "" {
				bw.printf("\n**%s**\n", md(g.label))
			}
			for _, c := range g.claims {
				b, m, a := excerpt(c, 240)
				marked := ""
				if m = strings.TrimSpace(m); m != "" {
					marked = "**" + mdInline(m) + "**"
				}
				hedge := ""
				if c.Hedged {
					hedge = " (hedged)"
				}
				bw.printf("\n> %s%s%s%s  \n> — %s%s\n", md(b), marked, mdInline(a), mdInline(refsNote(c)), md(ShowPath(c.Article)), hedge)
			}
			if g.more > 0 {
				bw.printf("\n*%s*\n", moreLine(g.more))
			}
		}
	}
	if len(r.Articles) > 0 {
		bw.printf("\n## Articles\n\n| path | title | source | published |\n|---|---|---|---|\n")
		for _, a := range r.sortedArticles() {
			bw.printf("| %s | %s | %s | %s |\n", md(ShowPath(a.Path)), md(a.Title), md(a.Source), md(a.PublishedString()))
		}
	}
	if len(r.Errors) > 0 {
		bw.printf("\n## Errors\n\n")
		for _, e := range r.Errors {
			bw.printf("- %s: %s\n", md(ShowPath(e.Path)), md(e.Message))
		}
	}
	if len(r.Skipped) > 0 {
		bw.printf("\n## Skipped\n\n")
		for _, e := range r.Skipped {
			bw.printf("- %s: %s\n", md(ShowPath(e.Path)), md(e.Message))
		}
	}
	if claims.err != nil {
		return claims.err
	}
	return bw.err
}

// mdInline escapes a piece of a line that does not start it.
func mdInline(s string) string { return mdEscaper.Replace(clean(s)) }

func byOf(by string) string {
	if by == "" {
		return ""
	}
	return " by " + md(by)
}
