package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furniture is page chrome that scraping leaves in the text: whole lines
// (paragraphs) that are no part of the article. Each pattern matches the
// entire line.
var furniture = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^\d+\s*min(?:ute)?s?\.?\s+read$`),                     // "3min read", "5 min read"
	regexp.MustCompile(`(?i)^sign up (?:for free )?to (?:continue|keep) reading`), // paywall prompts
	regexp.MustCompile(`(?i)^by continuing, i agree to the`),
	regexp.MustCompile(`(?i)^market data terms of service`),
	regexp.MustCompile(`(?i)^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$`),
	regexp.MustCompile(`(?i)^no comments yet\.?$`),
	regexp.MustCompile(`(?i)^(?:share|share this|share this (?:article|story)|share on \w+|tweet|email|print)$`),
	regexp.MustCompile(`(?i)^advertisement$`),
	regexp.MustCompile(`(?i)^(?:read more|see also|related)(?:\s*:.*)?$`),
	regexp.MustCompile(`(?i)^(?:subscribe(?: now| today| to (?:our|the) \w+(?: \w+)?)?|sign in|log in|sign up)[.!]?$`),
	regexp.MustCompile(`(?i)^loading(?:\.*|…)$`),
	regexp.MustCompile(`(?i)^(?:recommended|more from \w+|related (?:stories|articles|coverage)|you may also like):?$`),
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
			// Block markup starts a line with one of these; a prose line
			// runs none of the block patterns.
			marked := trimmed != "" && strings.IndexByte("-*_[=#+0123456789", trimmed[0]) >= 0
			if inFence || marked && (mdRuleRe.MatchString(line) || mdRefDefRe.MatchString(line)) {
				flush()
				continue
			}
			if marked && mdUnderlineRe.MatchString(line) && len(cur) > 0 {
				flush() // a setext heading's underline
				continue
			}
			block := marked && (mdHeadingRe.MatchString(line) || mdBulletRe.MatchString(line))
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
	// Each rewrite needs its marker character: most prose lines with a
	// figure in them hold none of them, and skip every pattern.
	if strings.Contains(line, "#") {
		line = mdHeadingRe.ReplaceAllString(line, "")
		line = mdHeadingTailRe.ReplaceAllString(line, "")
	}
	const space = " \t\n\f\r" // what \s matches
	if strings.HasPrefix(strings.TrimLeft(line, space), ">") {
		line = mdQuoteRe.ReplaceAllString(line, "")
	}
	if lead := strings.TrimLeft(line, space); lead != "" && (strings.ContainsRune("-*+", rune(lead[0])) || lead[0] >= '0' && lead[0] <= '9') {
		line = mdBulletRe.ReplaceAllString(line, "")
	}
	if strings.Contains(line, "](") {
		line = mdImageRe.ReplaceAllString(line, "")
		line = mdLinkRe.ReplaceAllString(line, "$1")
	}
	if strings.Contains(line, "][") {
		line = mdRefLinkRe.ReplaceAllString(line, "$1")
	}
	if strings.ContainsAny(line, "*_") {
		line = mdStrongRe.ReplaceAllString(line, "$2")
		line = mdEmRe.ReplaceAllString(line, "$1$2")
		line = mdEmUnderRe.ReplaceAllString(line, "$1$2$3")
	}
	if strings.Contains(line, "`") {
		line = mdCodeRe.ReplaceAllString(line, "$1")
	}
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
		if t, prec, ok := parseDate(m[2] + m[3]); ok && len(p) < 120 {
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
	// A dateline alone on its line names its outlet; without one it is an
	// outlet line ("CNBC, June 18, 2025"), read below.
	if m := datelineRe.FindStringSubmatchIndex(p); m != nil && (m[1] < len(p) || m[6] >= 0 || m[8] >= 0) {
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
			switch strings.ToLower(m[1]) {
			case "updated", "last updated":
				if a.Published.IsZero() { // an update stands in only for a missing publication date
					a.setPublished(t, prec)
				}
			default:
				a.Published, a.Precision = t, prec // stated outright: it wins
			}
			return "", true
		}
	}
	if m := outletDateRe.FindStringSubmatch(p); m != nil && len(p) < 160 {
		if t, prec, ok := wholeDate(m[2]); ok {
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
		p = restoreSpace(p)
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
		paras[i] = restoreSpace(p)
	}
	return paras
}

// restoreSpace puts back the space scraping lost after a sentence's end:
// "minefield?The deal", "ended.The company", "said.”The". It splits only
// where a word of two or more lower-case letters (or a number, a percent
// sign or a closing bracket) ends a sentence and a capitalised word of
// lower-case letters follows, so "U.S.", "e.g.", "C3.ai", "$14.3B",
// "Node.js", "J.P. Morgan", "salesforce.com" and URLs stay whole.
func restoreSpace(p string) string {
	if !strings.ContainsAny(p, ".?!") {
		return p
	}
	var b strings.Builder
	last := 0
	for i := 1; i+2 < len(p); i++ {
		c := p[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1 // the capital, after any closing quotes
		for _, q := range []string{"”", "\"", "’", ")"} {
			if strings.HasPrefix(p[j:], q) {
				j += len(q)
				break
			}
		}
		if j+1 >= len(p) || !isUpper(p[j]) || !isLower(p[j+1]) || !sentenceEnd(p, i) {
			continue
		}
		b.WriteString(p[last:j])
		b.WriteByte(' ')
		last = j
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// sentenceEnd reports whether the punctuation at p[i] can end a sentence
// glued to the next: what precedes it must be a real word or a number, in
// a token that is no URL, address or file name.
func sentenceEnd(p string, i int) bool {
	start := strings.LastIndexAny(p[:i], " \t\n") + 1
	end := strings.IndexAny(p[i:], " \t\n")
	if end < 0 {
		end = len(p)
	} else {
		end += i
	}
	word, token := p[start:i], strings.ToLower(p[start:end])
	if strings.Contains(token, "://") || strings.HasPrefix(token, "www.") || strings.ContainsAny(token, "@/\\") {
		return false
	}
	if p[i] == '.' && strings.Contains(word, ".") {
		return false // "U.S", "e.g", "J.P", "example.co": dotted tokens keep their dots
	}
	prev := p[i-1]
	switch {
	case prev == '%' || prev == ')' || prev >= '0' && prev <= '9':
		return p[i] != '.' || !isDigit(p[i+1])
	case isLower(prev):
		return i >= 2 && isLower(p[i-2]) // "ended", not "B.c"
	}
	return p[i] != '.' && (isUpper(prev) || prev == '"' || prev >= 0x80) // "AI?The", "minefield”?The"
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// continuesSentence reports whether next continues the sentence prev was
// cut in: prev has no closing punctuation and is no heading, and next
// starts in lower case.
func continuesSentence(prev, next string) bool {
	if prev == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?:;\"”’)…", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(first) {
		return false
	}
	return !headingLike(prev) || endsWithJoiner(prev)
}

// headingLike reports whether a line reads as a heading: short, every
// longer word capitalised.
func headingLike(s string) bool {
	words := strings.Fields(s)
	if len(words) > 10 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if len(w) > 3 && unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// endsWithJoiner reports whether a line ends on a word no heading ends on
// ("by", "of", "the"): it was cut mid-sentence.
func endsWithJoiner(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	switch strings.ToLower(s[i+1:]) {
	case "a", "an", "the", "by", "of", "in", "into", "to", "for", "from", "with", "at", "on", "and", "or", "as", "than":
		return true
	}
	return false
}
