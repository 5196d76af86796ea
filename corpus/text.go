package corpus

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// furniture is page chrome that scraping leaves in the text: whole lines
// (paragraphs) that are no part of the article. Each pattern matches the
// entire line; furnitureShape catches the rest by its words.
var furniture = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright\b)`),                                                                    // "© 2025 Outlet Ltd."
	regexp.MustCompile(`(?i)^(?:additional |writing and )?(?:reporting|writing|editing|produced|compiled) by\b.{0,120}$`), // wire credits
	regexp.MustCompile(`(?i)^(?:read more|see also|related)(?:\s*:.*)?$`),
	regexp.MustCompile(`(?i)^(?:topics?|tags?|tagged|filed under|categories|category)\s*:`), // a page's index terms
	regexp.MustCompile(`(?i)^loading(?:\.*|…)$`),
	regexp.MustCompile(`(?i)^skip to (?:main )?content$`),
	regexp.MustCompile(`(?i)^follow us on `),
}

// furnitureWords are the words page chrome is made of: sharing, signing
// in, reading time, comments, legal links, navigation. A short line made
// mostly of them is chrome, whatever its wording; one word of a sentence
// is not. Those marked true are chrome even alone on a line ("Comments");
// the others only with another ("Terms" is a heading, "Terms of Use" a
// link).
var furnitureWords = map[string]bool{"share": true, "tweet": true, "email": true, "print": true, "comment": true,
	"comments": true, "subscribe": true, "newsletter": true, "newsletters": true, "advertisement": true,
	"sponsored": true, "menu": true, "related": true, "recommended": true, "trending": true, "login": true,
	"subscribers": false, "sign": false, "signing": false, "log": false, "register": false, "account": false,
	"cookie": false, "cookies": false, "privacy": false, "policy": false, "terms": false, "service": false,
	"statement": false, "conditions": false, "rights": false, "reserved": false, "read": false, "reading": false,
	"continue": false, "continuing": false, "agree": false, "accept": false, "free": false, "home": false,
	"skip": false, "content": false, "listen": false, "audio": false, "min": false, "mins": false, "minute": false,
	"minutes": false, "follow": false, "facebook": false, "twitter": false, "linkedin": false, "whatsapp": false,
	"reddit": false, "instagram": false, "article": false, "story": false, "stories": false, "click": false,
	"here": false, "download": false, "app": false, "first": false, "use": false, "up": false, "more": false}

// furnitureGlue are words that carry no content either way.
var furnitureGlue = map[string]bool{"a": true, "an": true, "the": true, "to": true, "for": true, "of": true, "and": true,
	"or": true, "on": true, "in": true, "by": true, "with": true, "this": true, "our": true, "your": true, "you": true,
	"i": true, "we": true, "us": true, "be": true, "is": true, "no": true, "yet": true, "now": true, "all": true, "keep": true}

func isFurniture(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > 160 {
		return false
	}
	for _, re := range furniture {
		if re.MatchString(line) {
			return true
		}
	}
	return navLine(line) || furnitureShape(line)
}

// navLine reports a row of links: three or more short items between bars
// or dots ("Home | Markets | Tech").
func navLine(line string) bool {
	for _, sep := range []string{" | ", " · ", " • "} {
		parts := strings.Split(line, sep)
		if len(parts) < 3 {
			continue
		}
		short := true
		for _, p := range parts {
			if strings.Count(strings.TrimSpace(p), " ") > 2 {
				short = false
				break
			}
		}
		if short {
			return true
		}
	}
	return false
}

// furnitureShape reports a short line whose words are mostly chrome's:
// "Create a free account to keep reading", "Terms of Use and Cookie
// Policy", "4 min read", "Be the first to comment".
func furnitureShape(line string) bool {
	if strings.Count(line, " ") > 16 {
		return false // a body paragraph: no need to read its words
	}
	content, chrome, alone := 0, 0, false
	for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		a, ok := furnitureWords[w]
		switch {
		case ok:
			chrome++
			content++
			alone = alone || a
		case !furnitureGlue[w]:
			content++
		}
		if content > 8 {
			return false
		}
	}
	return (chrome >= 2 || alone) && chrome*3 >= content*2 && !strings.ContainsAny(line, "$€£%")
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
	a.Text = strings.Join(joinUnits(paras), "\n\n")
}

// blockKind says what a paragraph is, as far as its markup or shape tells:
// only prose paragraphs can be halves of one sentence.
type blockKind uint8

const (
	blockProse   blockKind = iota
	blockHeading           // a title or a heading
	blockItem              // a list item or a table row
)

// block is one paragraph and what it is.
type block struct {
	text string
	kind blockKind
}

var plainBulletRe = regexp.MustCompile(`^(?:[-*+•▪‣◦]|\d{1,3}[.)])\s+\S`)

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
// together until a blank line, a heading, a list item or a table.
func paragraphs(s string, markdown bool) []block {
	var out []block
	var cur []string
	var table []string
	inFence := false
	wrap, prevWrapped := 0, false
	if !markdown {
		wrap = wrapWidth(s)
	}
	flush := func(kind blockKind) {
		if len(cur) > 0 {
			out = append(out, block{strings.Join(cur, " "), kind})
			cur = cur[:0]
		}
	}
	flushTable := func() {
		if len(table) > 0 {
			out = append(out, tableRows(table)...)
			table = table[:0]
		}
	}
	for _, line := range strings.Split(s, "\n") {
		// Pipe tables are read alike in Markdown and in plain text, where
		// they are pasted from Markdown.
		if trimmed := strings.TrimSpace(line); !inFence && strings.HasPrefix(trimmed, "|") && strings.Count(trimmed, "|") >= 2 {
			flush(blockProse)
			table = append(table, trimmed)
			continue
		}
		flushTable()
		if markdown {
			trimmed := strings.TrimSpace(line)
			if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
				inFence = !inFence
				flush(blockProse)
				continue
			}
			// Block markup starts a line with one of these; a prose line
			// runs none of the block patterns.
			marked := trimmed != "" && strings.IndexByte("-*_[=#+0123456789", trimmed[0]) >= 0
			if inFence || marked && (mdRuleRe.MatchString(line) || mdRefDefRe.MatchString(line)) {
				flush(blockProse)
				continue
			}
			if marked && mdUnderlineRe.MatchString(line) && len(cur) > 0 {
				flush(blockHeading) // a setext heading's underline
				continue
			}
			kind := blockProse
			if marked && mdHeadingRe.MatchString(line) {
				kind = blockHeading
			} else if marked && mdBulletRe.MatchString(line) {
				kind = blockItem
			}
			line = stripMarkdown(line)
			if strings.TrimSpace(line) == "" {
				flush(blockProse)
				continue
			}
			if kind != blockProse {
				flush(blockProse)
				out = append(out, block{collapse(line), kind})
				continue
			}
			cur = append(cur, collapse(line))
			continue
		}
		t := collapse(line)
		if t == "" {
			prevWrapped = false
			continue
		}
		kind := blockProse
		if plainBulletRe.MatchString(t) {
			kind = blockItem
		}
		if n := len(out); prevWrapped && kind == blockProse && n > 1 && out[n-1].kind == blockProse {
			out[n-1].text += " " + t
		} else {
			out = append(out, block{t, kind})
		}
		// A line as long as the file's lines get, cut without a sentence's
		// end, goes on in the next line of its block.
		last, _ := utf8.DecodeLastRuneInString(t)
		prevWrapped = wrap > 0 && utf8.RuneCountInString(line) >= wrap-20 && !strings.ContainsRune(".!?:;\"”’)…", last)
	}
	flushTable()
	flush(blockProse)
	return out
}

// wrapWidth is the width plain text is hard-wrapped at, or 0 when its lines
// are paragraphs (as scraped text keeps them): most lines that another
// line follows reach within 20 characters of the longest, which is at most
// 100 wide.
func wrapWidth(s string) int {
	lines := strings.Split(s, "\n")
	longest, followed, near := 0, 0, 0
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimRight(l, " \t")); n > longest {
			longest = n
		}
	}
	if longest > 100 || longest < 50 {
		return 0
	}
	for i := 0; i+1 < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" || strings.TrimSpace(lines[i+1]) == "" {
			continue
		}
		followed++
		if utf8.RuneCountInString(strings.TrimRight(lines[i], " \t")) >= longest-20 {
			near++
		}
	}
	if followed < 4 || near*10 < followed*6 {
		return 0
	}
	return longest
}

var mdTableRuleRe = regexp.MustCompile(`^:?-+:?$`)

// tableRows reads the lines of a Markdown table into one paragraph a row,
// each cell under its column's header (see rowText).
func tableRows(lines []string) []block {
	var header []string
	var out []block
	for i, line := range lines {
		cells := tableCells(line)
		rule := len(cells) > 0
		for _, c := range cells {
			if !mdTableRuleRe.MatchString(c) {
				rule = false
				break
			}
		}
		if rule {
			continue
		}
		if i == 0 && len(lines) > 1 && isTableRule(lines[1]) {
			header = cells
			continue
		}
		if t := rowText(header, cells); t != "" {
			out = append(out, block{t, blockItem})
		}
	}
	return out
}

func isTableRule(line string) bool {
	cells := tableCells(line)
	for _, c := range cells {
		if !mdTableRuleRe.MatchString(c) {
			return false
		}
	}
	return len(cells) > 0
}

// tableCells splits a Markdown table row at its unescaped pipes.
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, "\\|") {
		line = line[:len(line)-1]
	}
	var cells []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, line[start:i])
			start = i + 1
		}
	}
	cells = append(cells, line[start:])
	for i, c := range cells {
		cells[i] = collapse(stripMarkdown(strings.ReplaceAll(c, "\\|", "|")))
	}
	return cells
}

// rowText writes a table row as a line a reader (and the extractor) reads
// as a statement: "Purchase price: $3.1bn" for a label and its value,
// "Orbital — Stake: 20%; Price: $3bn" with the headers of further columns,
// "2023 — Revenue: $410m" when the label is a number the header explains.
func rowText(header, cells []string) string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return ""
	}
	label := cells[0]
	if len(cells) == 1 {
		return label
	}
	labelled := strings.IndexFunc(label, unicode.IsLetter) >= 0
	if len(cells) == 2 && (len(header) < 2 || labelled) && label != "" {
		return label + ": " + cells[1]
	}
	var parts []string
	for j, v := range cells[1:] {
		if v == "" {
			continue
		}
		if h := headerAt(header, j+1); h != "" {
			v = h + ": " + v
		}
		parts = append(parts, v)
	}
	switch {
	case label == "":
		return strings.Join(parts, "; ")
	case len(header) == 0:
		return label + ": " + strings.Join(parts, "; ")
	}
	return label + " — " + strings.Join(parts, "; ")
}

func headerAt(header []string, j int) string {
	if j < len(header) {
		return header[j]
	}
	return ""
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
	if collapsed(s) {
		return s // most lines are: no need to split and join them
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed says whether s is already its words joined by single spaces.
func collapsed(s string) bool {
	space := true // s may not open with a space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\t', '\n', '\v', '\f', '\r':
				return false
			case ' ':
				if space {
					return false
				}
				space = true
			default:
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += n
	}
	return !space || s == ""
}

// readMetadata takes the title from the first paragraph and bylines,
// datelines and outlet lines from the first few, and drops page furniture.
func readMetadata(a *Article, paras []block) []block {
	out := make([]block, 0, len(paras))
	for i, p := range paras {
		// Metadata first: a date line may carry chrome ("March 4, 2024 ·
		// 5 min read") or look like a row of links ("By Jane Doe | Outlet |
		// March 4, 2024").
		if len(out) > 0 && i <= 6 && len(out) <= 3 && p.kind != blockItem {
			if rest, ok := metadataLine(a, p.text); ok {
				if rest != "" {
					out = append(out, block{rest, blockProse})
				}
				continue
			}
		}
		if isFurniture(p.text) {
			continue
		}
		if len(out) == 0 {
			if a.Title == "" {
				a.Title = p.text
			}
			out = append(out, block{p.text, blockHeading})
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 && out[0].text != a.Title && len(out) > 1 && out[1].text == a.Title {
		out = out[1:]
		out[0].kind = blockHeading
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
	if m := wireCreditRe.FindStringSubmatchIndex(p); m != nil && m[1] < len(p) {
		if a.Source == "" {
			a.Source = strings.TrimSpace(p[m[2]:m[3]])
		}
		rest := strings.TrimSpace(p[m[1]:])
		// "(Lakeside Wire) -- November 4, 2025": the credit dates the story.
		if t, prec, ok := wholeDate(rest); ok && dateOnly(rest) {
			a.setPublished(t, prec)
			return "", true
		}
		return rest, true
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
	if metaSegments(a, p) {
		return "", true
	}
	if len(p) >= 60 || strings.ContainsAny(p, ".!?") {
		return "", false
	}
	if t, prec, ok := parseDate(p); ok {
		a.setPublished(t, prec) // a date alone on its line
		return "", true
	}
	return "", false
}

// metaSegments reads a line of metadata fields between separators, in any
// order: "Sept. 12, 2023 — Harbor Daily", "March 4, 2024 · 5 min read",
// "By Jane Doe | Harbor Daily | March 4, 2024". Every field must be a
// date, a byline, an outlet's name or page chrome, and one a date.
func metaSegments(a *Article, p string) bool {
	if len(p) > 160 {
		return false
	}
	var parts []string
	for _, sep := range []string{" | ", " · ", " • ", " — ", " – ", " - "} {
		if strings.Contains(p, sep) {
			parts = strings.Split(p, sep)
			break
		}
	}
	if len(parts) < 2 {
		return false
	}
	var pub time.Time
	var prec Precision
	var byline, source string
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if t, pr, ok := wholeDate(part); ok && pub.IsZero() {
			pub, prec = t, pr
			continue
		}
		if m := bylineRe.FindStringSubmatch(part); m != nil && m[2] == "" && byline == "" {
			byline = strings.TrimRight(strings.TrimSpace(m[1]), ",")
			continue
		}
		if isFurniture(part) {
			continue
		}
		if source == "" && outletName(part) {
			source = part
			continue
		}
		return false
	}
	if pub.IsZero() {
		return false
	}
	a.setPublished(pub, prec)
	if byline != "" {
		a.Byline = byline
	}
	if source != "" && a.Source == "" {
		a.Source = source
	}
	return true
}

// outletName reports whether a field reads as an outlet's name: a few
// words, the first capitalised, no sentence in it.
func outletName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && strings.Count(s, " ") < 5 && (unicode.IsUpper(r) || unicode.IsDigit(r)) &&
		!strings.ContainsAny(s, ".!?,;:") || strings.HasSuffix(s, ".com") && !strings.Contains(s, " ")
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

// joinUnits mends what scraping breaks: a prose paragraph cut
// mid-sentence is joined to the prose paragraph that continues it, and a
// missing space after a sentence's end is restored. Titles, headings, list
// items and table rows stay apart.
func joinUnits(paras []block) []string {
	out := make([]string, 0, len(paras))
	prevKind := blockHeading
	for _, p := range paras {
		t := restoreSpace(repairApostrophes(p.text))
		if n := len(out); n > 0 && prevKind == blockProse && p.kind == blockProse && continuesSentence(out[n-1], t) {
			out[n-1] += " " + t
			continue
		}
		out = append(out, t)
		prevKind = p.kind
	}
	return out
}

// repairApostrophes puts back the apostrophes a wrong decoding turned into
// question marks ("Vega?s board", "don?t", "they?re"): a question mark
// never stands inside a word, and left there it makes "Vega?s" a name of
// its own.
func repairApostrophes(p string) string {
	if !strings.Contains(p, "?") {
		return p
	}
	var b strings.Builder
	last := 0
	for i := 1; i < len(p); i++ {
		if p[i] != '?' || !isLetter(p[i-1]) {
			continue
		}
		if !contractionEnds(p[i+1:]) {
			continue
		}
		b.WriteString(p[last:i])
		b.WriteString("’")
		last = i + 1
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// contractionEnds says whether s begins with a possessive or contraction
// ending ("s", "t", "re", "ll", "ve", "d", "m") at which a word ends.
func contractionEnds(s string) bool {
	for _, end := range []string{"s", "t", "re", "ll", "ve", "d", "m"} {
		if strings.HasPrefix(s, end) && (len(s) == len(end) || !isLetter(s[len(end)]) && !isDigit(s[len(end)])) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

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
// cut in. prev must end without closing punctuation: a line ending on a
// word no heading ends on ("by", "whose") was cut whatever follows; one
// capitalised throughout is a heading; otherwise a next line starting in
// lower case, or with a figure after a line too long for a heading,
// continues it.
func continuesSentence(prev, next string) bool {
	if prev == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?:;\"”’)…", last) {
		return false
	}
	if endsWithJoiner(prev) {
		return true
	}
	if headingLike(prev) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	// A capital after a whole clause ("... that changes the market" then
	// "The deal ...") is as often a heading and its text as a cut: only a
	// figure or a symbol carries a clause on ("whose revenue reached" then
	// "€460 million in 2023, ...").
	return !unicode.IsLetter(first) && !shortLine(prev) && !strings.ContainsRune("\"“‘'(", first)
}

// shortLine reports whether a line is short enough to be a heading in
// sentence case ("What the deal means"): a few words and no comma.
func shortLine(s string) bool {
	return strings.Count(s, " ") < 8 && !strings.Contains(s, ",")
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
// (an article, a preposition, a conjunction, an auxiliary, a relative
// pronoun): it was cut mid-sentence.
func endsWithJoiner(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	return joiners[strings.ToLower(s[i+1:])]
}

var joiners = map[string]bool{"a": true, "an": true, "the": true, "by": true, "of": true, "in": true, "into": true,
	"to": true, "for": true, "from": true, "with": true, "at": true, "on": true, "and": true, "or": true, "but": true,
	"as": true, "than": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "will": true, "would": true, "could": true, "that": true, "which": true, "who": true,
	"whose": true, "its": true, "their": true, "his": true, "her": true, "about": true, "over": true, "under": true,
	"between": true, "per": true, "via": true, "some": true, "nearly": true, "roughly": true, "around": true}
