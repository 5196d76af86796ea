package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furniture is page chrome that scraping leaves in the text: whole lines
// that are no part of the article.
var furniture = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^\d+\s*min(?:ute)?s?\.?\s+read$`),
	regexp.MustCompile(`(?i)^sign up (?:for free )?to (?:continue|keep) reading`),
	regexp.MustCompile(`(?i)^by continuing, i agree to the`),
	regexp.MustCompile(`(?i)^market data terms of service`),
	regexp.MustCompile(`(?i)^(?:\d+\s+)?comments?$`),
	regexp.MustCompile(`(?i)^no comments yet\.?$`),
	regexp.MustCompile(`(?i)^(?:share|share this|share this article|share on \w+|tweet|email|print)$`),
	regexp.MustCompile(`(?i)^advertisement$`),
	regexp.MustCompile(`(?i)^read more:?$`),
	regexp.MustCompile(`(?i)^(?:subscribe|subscribe now|sign in|log in|sign up)$`),
	regexp.MustCompile(`(?i)^loading\.*$`),
	regexp.MustCompile(`(?i)^(?:related|recommended|more from \w+|related stories|related articles|you may also like):?$`),
	regexp.MustCompile(`(?i)^skip to (?:main )?content$`),
	regexp.MustCompile(`(?i)^follow us on `),
	regexp.MustCompile(`(?i)^(?:listen to this article|audio)(?: \d+:\d+)?$`),
}

func isFurniture(line string) bool {
	line = strings.TrimSpace(line)
	for _, re := range furniture {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

var (
	frontMatterKeyRe = regexp.MustCompile(`^([A-Za-z_]+)\s*:\s*(.*)$`)
	mdImageRe        = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe         = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLinkRe      = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdStrongRe       = regexp.MustCompile(`(\*\*|__)([^*_]+?)(\*\*|__)`)
	mdEmRe           = regexp.MustCompile(`(^|[\s(])\*([^*\s][^*]*?)\*`)
	mdEmUnderRe      = regexp.MustCompile(`(^|[\s(])_([^_\s][^_]*?)_([\s).,;:!?]|$)`)
	mdCodeRe         = regexp.MustCompile("`([^`]*)`")
	mdHeadingRe      = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdHeadingTailRe  = regexp.MustCompile(`\s+#+\s*$`)
	mdQuoteRe        = regexp.MustCompile(`^\s{0,3}(?:>\s?)+`)
	mdBulletRe       = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdRuleRe         = regexp.MustCompile(`^\s{0,3}(?:[-*_]\s*){3,}$`)
	mdRefDefRe       = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+`)
	htmlCommentRe    = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdUnderlineRe    = regexp.MustCompile(`^\s*(?:=+|-+)\s*$`)
	// "minefield?The deal": a sentence end that scraping glued to the next.
	gluedSentenceRe = regexp.MustCompile(`([A-Za-z]*[a-z]{2}[)”"’]?)([.?!])([A-Z][a-z])`)
)

// parsePlain reads a plain-text or Markdown article: its title, metadata
// lines and body paragraphs.
func parsePlain(a *Article, s string, markdown bool) {
	if markdown {
		s = frontMatter(a, s)
		s = htmlCommentRe.ReplaceAllString(s, "")
	}
	paras := paragraphs(s, markdown)
	paras = readMetadata(a, paras)
	if markdown {
		a.Text = strings.Join(restoreSpaces(paras), "\n\n") // Markdown's paragraphs are its own
	} else {
		a.Text = strings.Join(repair(paras), "\n\n")
	}
}

// frontMatter reads and removes a YAML front matter block.
func frontMatter(a *Article, s string) string {
	if !strings.HasPrefix(s, "---\n") {
		return s
	}
	end := strings.Index(s[4:], "\n---")
	if end < 0 {
		return s
	}
	block := s[4 : 4+end]
	rest := s[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	for _, line := range strings.Split(block, "\n") {
		m := frontMatterKeyRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v := strings.Trim(strings.TrimSpace(m[2]), `"'`)
		switch strings.ToLower(m[1]) {
		case "title":
			a.Title = v
		case "date", "published", "published_at", "pubdate":
			if t, p, ok := parseDate(v); ok {
				a.setPublished(t, p)
			}
		case "author", "byline", "authors":
			a.Byline = strings.Trim(v, "[]")
		case "source", "publisher", "outlet", "site":
			a.Source = v
		}
	}
	return rest
}

// paragraphs splits text into paragraphs. In plain text every line is one
// (scraped text keeps a paragraph per line); in Markdown, lines run
// together until a blank line, a heading or a list item.
func paragraphs(s string, markdown bool) []string {
	var out []string
	var cur []string
	inFence := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(s, "\n") {
		if markdown {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
				inFence = !inFence
				flush()
				continue
			}
			if inFence || mdRuleRe.MatchString(line) || mdRefDefRe.MatchString(line) {
				flush()
				continue
			}
			if mdUnderlineRe.MatchString(line) && len(cur) > 0 {
				flush() // a setext heading's underline
				continue
			}
			block := mdHeadingRe.MatchString(line) || mdBulletRe.MatchString(line)
			line = stripMarkdown(line)
			if strings.TrimSpace(line) == "" {
				flush()
				continue
			}
			if block {
				flush()
				out = append(out, collapse(line))
				continue
			}
			cur = append(cur, collapse(line))
			continue
		}
		if t := collapse(line); t != "" {
			out = append(out, t)
		}
	}
	flush()
	return out
}

func stripMarkdown(line string) string {
	if !strings.ContainsAny(line, "#>-*+_[]!`0123456789") {
		return line
	}
	line = mdHeadingRe.ReplaceAllString(line, "")
	line = mdHeadingTailRe.ReplaceAllString(line, "")
	line = mdQuoteRe.ReplaceAllString(line, "")
	line = mdBulletRe.ReplaceAllString(line, "")
	line = mdImageRe.ReplaceAllString(line, "")
	line = mdLinkRe.ReplaceAllString(line, "$1")
	line = mdRefLinkRe.ReplaceAllString(line, "$1")
	line = mdStrongRe.ReplaceAllString(line, "$2")
	line = mdEmRe.ReplaceAllString(line, "$1$2")
	line = mdEmUnderRe.ReplaceAllString(line, "$1$2$3")
	line = mdCodeRe.ReplaceAllString(line, "$1")
	return line
}

// collapse folds runs of white space to one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// readMetadata takes the title from the first paragraph and bylines,
// datelines and outlet lines from the first few, and drops page furniture.
func readMetadata(a *Article, paras []string) []string {
	out := make([]string, 0, len(paras))
	for i, p := range paras {
		if isFurniture(p) {
			continue
		}
		if len(out) == 0 {
			if a.Title == "" {
				a.Title = p
			}
			out = append(out, p)
			continue
		}
		if i <= 6 && len(out) <= 3 {
			if rest, ok := metadataLine(a, p); ok {
				if rest != "" {
					out = append(out, rest)
				}
				continue
			}
		}
		out = append(out, p)
	}
	if len(out) > 0 && out[0] != a.Title && len(out) > 1 && out[1] == a.Title {
		out = out[1:]
	}
	return out
}

// metadataLine reads a byline, dateline or outlet line. It returns what of
// the paragraph is body text (a dateline starts the first paragraph).
func metadataLine(a *Article, p string) (string, bool) {
	if len(p) > 240 && !datelineStart(p) {
		return "", false // a body paragraph, not a byline or dateline
	}
	if m := gluedBylineRe.FindStringSubmatch(p); m != nil {
		if t, prec, ok := parseDate(m[2]); ok && len(p) < 120 {
			a.Byline = strings.TrimSpace(m[1])
			a.setPublished(t, prec)
			return "", true
		}
	}
	if m := bylineRe.FindStringSubmatch(p); m != nil && len(p) < 160 {
		a.Byline = strings.TrimRight(strings.TrimSpace(m[1]), ",")
		if m[2] != "" {
			if t, prec, ok := parseDate(m[2]); ok {
				a.setPublished(t, prec)
			} else if a.Source == "" && !strings.ContainsAny(m[2], "0123456789") {
				a.Source = strings.TrimSpace(m[2])
			}
		}
		return "", true
	}
	if m := datelineRe.FindStringSubmatchIndex(p); m != nil {
		if t, prec, ok := parseDate(p[m[4]:m[5]]); ok {
			a.setPublished(t, prec)
			switch {
			case m[6] >= 0:
				a.Source = strings.TrimSpace(p[m[6]:m[7]])
			case m[8] >= 0:
				a.Source = strings.TrimSpace(p[m[8]:m[9]])
			}
			return strings.TrimSpace(p[m[1]:]), true
		}
	}
	if m := publishedRe.FindStringSubmatch(p); m != nil && len(p) < 80 {
		if t, prec, ok := parseDate(m[2]); ok {
			a.setPublished(t, prec)
			return "", true
		}
	}
	if m := outletDateRe.FindStringSubmatch(p); m != nil && len(p) < 80 {
		if t, prec, ok := parseDate(m[2]); ok {
			if a.Source == "" {
				a.Source = strings.TrimSpace(m[1])
			}
			a.setPublished(t, prec)
			return "", true
		}
	}
	if t, prec, ok := parseDate(p); ok && len(p) < 60 && !strings.ContainsAny(p, ".!?") {
		a.setPublished(t, prec) // a date alone on its line
		return "", true
	}
	return "", false
}

// datelineStart says whether a long paragraph may open with a wire dateline
// ("CHICAGO, Sept. 12, 2023 (Outlet) --").
func datelineStart(p string) bool {
	head := p
	if len(head) > 80 {
		head = head[:80]
	}
	return strings.Contains(head, "--") || strings.Contains(head, "—") || strings.Contains(head, "–") || strings.Contains(head, " - ")
}

// repair mends what scraping breaks: a paragraph cut mid-sentence whose
// continuation starts the next paragraph in lower case is joined to it, and
// a missing space after a sentence's end is restored.
func repair(paras []string) []string {
	out := make([]string, 0, len(paras))
	for _, p := range paras {
		p = gluedSentenceRe.ReplaceAllString(p, "$1$2 $3")
		if n := len(out); n > 0 && continuesSentence(out[n-1], p) {
			out[n-1] += " " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// restoreSpaces mends only glued sentence ends.
func restoreSpaces(paras []string) []string {
	for i, p := range paras {
		paras[i] = gluedSentenceRe.ReplaceAllString(p, "$1$2 $3")
	}
	return paras
}

func continuesSentence(prev, next string) bool {
	if n := len(prev); n == 0 || n > 0 && strings.ContainsRune(".!?:;\"”’)", rune(prev[n-1])) {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(prev); last == '”' || last == '"' || last == '…' {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first)
}
