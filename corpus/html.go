package corpus

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// flattenDepth is the deepest element nesting kept as a tree. Tags nested
// deeper are dropped and their text kept, so a hostile page (100,000 levels)
// reads in linear time. golang.org/x/net/html itself refuses more than 512
// open elements; the margin covers formatting elements its tree builder
// reopens, which the pre-pass does not model.
const flattenDepth = 256

// maxJSONLD bounds one structured-data block kept for metadata.
const maxJSONLD = 1 << 20

// maxFormatting bounds the formatting elements (<b>, <font>, ...) left open:
// the tree builder reopens every one of them in each new paragraph, so a
// page of thousands of distinct unclosed <b class=...> would otherwise grow
// a node per element per paragraph (and past the parser's nesting limit).
// Beyond it formatting tags are dropped; they carry no text.
const maxFormatting = 16

// maxHeadTags bounds the meta, title and time tags kept for the fallback.
const maxHeadTags = 256

// bylineLabelRe finds the date's label in a byline box: "Jane Doe
// Published: 6:00am, 24 Jan, 2023".
var bylineLabelRe = regexp.MustCompile(`(?i)\s(?:published|updated|posted|last updated)\b`)

var titleSuffixRe = regexp.MustCompile(`\s+[|–—-]\s+[^|–—-]{2,60}$`)

// parseHTML reads a page: metadata from its head and structured data, the
// article's paragraphs from its body.
func parseHTML(a *Article, page string) error {
	r := reduceHTML(page)
	if r.flattened {
		a.Warnings = append(a.Warnings, fmt.Sprintf("HTML nested deeper than %d levels: deeper markup read as flat text", flattenDepth))
	}
	doc, err := buildTree(r.page)
	if err != nil {
		// The tree builder refused the page (nesting the pre-pass did not
		// foresee): read its text without a tree, its metadata from the
		// head tags the pre-pass kept.
		a.Warnings = append(a.Warnings, "HTML too malformed for a tree ("+err.Error()+"): read as flat text")
		head, herr := goquery.NewDocumentFromReader(strings.NewReader("<html><head>" + r.head + "</head><body></body></html>"))
		if herr == nil {
			readHead(a, head, r.jsonld)
		}
		a.Text = strings.Join(joinUnits(withTitle(a, flatText(r.page))), "\n\n")
		return nil
	}
	readHead(a, doc, r.jsonld)
	a.Text = strings.Join(joinUnits(withTitle(a, bodyText(doc))), "\n\n")
	return nil
}

// buildTree parses a reduced page; tests replace it to exercise the fallback,
// which no page the pre-pass lets through is known to reach.
var buildTree = func(page string) (*goquery.Document, error) {
	return goquery.NewDocumentFromReader(strings.NewReader(page))
}

// withTitle drops page furniture and lines that are only a date and puts the title first, once: a body
// paragraph repeating it (the h1) is dropped. With no title the first
// paragraph becomes it.
func withTitle(a *Article, body []block) []block {
	paras := make([]block, 0, len(body)+1)
	if a.Title != "" {
		paras = append(paras, block{a.Title, blockHeading})
	}
	dup := false
	for i, p := range body {
		// The page's own date, byline or outlet line near the top is
		// metadata, as in a text file; the head's date stays unless the
		// line states more of the time.
		if i <= 6 && len(paras) <= 3 && p.kind != blockItem {
			pub, prec := a.Published, a.Precision
			if rest, ok := metadataLine(a, p.text); ok {
				if !pub.IsZero() && precisionRank[prec] >= precisionRank[a.Precision] {
					a.Published, a.Precision = pub, prec
				}
				if rest != "" {
					paras = append(paras, block{rest, blockProse})
				}
				continue
			}
		}
		if isFurniture(p.text) || dateOnly(p.text) {
			continue
		}
		if !dup && len(paras) > 0 && strings.EqualFold(p.text, paras[0].text) {
			dup = true
			continue
		}
		paras = append(paras, p)
	}
	if len(paras) > 0 && a.Title == "" {
		a.Title = paras[0].text
		paras[0].kind = blockHeading
	}
	return paras
}

// reduced is a page after the streaming pre-pass.
type reduced struct {
	page      string   // markup without script, style and the like, nested at most flattenDepth deep
	jsonld    []string // the contents of application/ld+json scripts
	head      string   // meta, title and time tags, for metadata if the tree cannot be built
	flattened bool     // some markup was nested too deep and was dropped
}

// Elements dropped with everything inside them by the pre-pass.
var droppedElements = map[string]bool{"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "canvas": true, "video": true, "audio": true}

var formattingElements = map[string]bool{"a": true, "b": true, "big": true, "code": true, "em": true, "font": true,
	"i": true, "nobr": true, "s": true, "small": true, "strike": true, "strong": true, "tt": true, "u": true}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// Elements that close an open <p> (HTML's "close a p element in button scope").
var closesP = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true, "center": true,
	"details": true, "dialog": true, "dir": true, "div": true, "dl": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "ul": true, "li": true, "dd": true, "dt": true, "listing": true, "xmp": true}

// Scope boundaries: an open <p> (or <li>) outside one is not closed by a
// tag inside it.
var pScope = map[string]bool{"applet": true, "caption": true, "html": true, "table": true, "td": true, "th": true,
	"marquee": true, "object": true, "template": true, "button": true}

var tableScope = map[string]bool{"html": true, "table": true, "template": true}

// openElem is one element on the pre-pass's model of the parser's stack,
// with how many <p>, <li>, <td>/<th> and <tr> elements are open inside the
// nearest boundary that would stop an implied end tag.
type openElem struct {
	name             string
	p, li, cell, row int32
}

// reduceHTML streams a page once. It drops the contents of scripts, styles
// and other non-text elements (a 50 MB inline script costs no tree), keeps
// JSON-LD blocks and head tags for metadata, and drops tags nested deeper
// than flattenDepth, keeping their text. Its model of nesting follows the
// implied end tags real pages rely on (<p>, <li>, <td>, <tr> left open) so
// that ordinary sloppy pages keep their structure.
func reduceHTML(page string) reduced {
	var r reduced
	z := html.NewTokenizer(strings.NewReader(page))
	var b, head strings.Builder
	b.Grow(len(page) / 2)
	headTags := 0
	inTitle := false
	keepHead := func(s string) {
		if headTags < maxHeadTags && head.Len()+len(s) < 1<<16 {
			head.WriteString(s)
			headTags++
		}
	}
	stack := make([]openElem, 0, 64)
	open := map[string]int{}
	formatting, formattingOpen := map[string]int{}, 0
	top := func() openElem {
		if len(stack) == 0 {
			return openElem{}
		}
		return stack[len(stack)-1]
	}
	popTo := func(match func(string) bool) {
		for len(stack) > 0 {
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			open[e.name]--
			if match(e.name) {
				return
			}
		}
	}
	is := func(names ...string) func(string) bool {
		return func(n string) bool {
			for _, m := range names {
				if n == m {
					return true
				}
			}
			return false
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			r.page, r.head = b.String(), head.String()
			return r
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			raw := string(z.Raw())
			if droppedElements[tag] {
				isLD := tag == "script" && strings.Contains(strings.ToLower(raw), "ld+json")
				text := skipElement(z, tag)
				if isLD && len(text) <= maxJSONLD {
					r.jsonld = append(r.jsonld, text)
				}
				continue
			}
			switch tag {
			case "meta", "link":
				keepHead(raw)
			case "time":
				keepHead(raw + "</time>")
			case "title":
				keepHead(raw)
				inTitle = true
			}
			if voidElements[tag] {
				b.WriteString(raw)
				continue
			}
			if formattingElements[tag] {
				if formattingOpen >= maxFormatting {
					continue
				}
				formattingOpen++
				formatting[tag]++
			}
			// Implied end tags.
			t := top()
			switch {
			case closesP[tag] && t.p > 0:
				popTo(is("p"))
			}
			t = top()
			switch tag {
			case "li":
				if t.li > 0 {
					popTo(is("li"))
				}
			case "td", "th":
				if t.cell > 0 {
					popTo(is("td", "th"))
				}
			case "tr":
				if t.row > 0 {
					popTo(is("tr"))
				}
			}
			if len(stack) >= flattenDepth {
				r.flattened = true
				b.WriteByte(' ')
				continue
			}
			b.WriteString(raw)
			t = top()
			e := openElem{name: tag, p: t.p, li: t.li, cell: t.cell, row: t.row}
			if pScope[tag] {
				e.p, e.li = 0, 0
			}
			if tag == "ul" || tag == "ol" {
				e.li = 0
			}
			if tableScope[tag] {
				e.cell, e.row = 0, 0
			}
			switch tag {
			case "p":
				e.p++
			case "li":
				e.li++
			case "td", "th":
				e.cell++
			case "tr":
				e.row++
			}
			stack = append(stack, e)
			open[tag]++
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if formattingElements[tag] {
				if formatting[tag] == 0 {
					continue // its start tag was dropped
				}
				formatting[tag]--
				formattingOpen--
			}
			if open[tag] == 0 {
				continue // stray, or its start tag was dropped as too deep
			}
			popTo(is(tag))
			b.Write(z.Raw())
			if tag == "title" && inTitle {
				keepHead("</title>")
				inTitle = false
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if string(name) == "meta" || string(name) == "link" {
				keepHead(string(z.Raw()))
			}
			b.Write(z.Raw())
		case html.TextToken:
			if inTitle {
				keepHead(string(z.Raw()))
			}
			b.Write(z.Raw())
		default:
			b.Write(z.Raw())
		}
	}
}

// skipElement consumes tokens up to the end of the element and returns the
// text it held (for JSON-LD).
func skipElement(z *html.Tokenizer, tag string) string {
	var text strings.Builder
	depth := 1
	for {
		switch z.Next() {
		case html.ErrorToken:
			return text.String()
		case html.TextToken:
			if text.Len() <= maxJSONLD {
				text.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == tag {
				depth++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == tag {
				if depth--; depth == 0 {
					return text.String()
				}
			}
		}
	}
}

// flatText reads the text of a page without building a tree: block-level
// tags end paragraphs; the head, navigation, asides and the like are left
// out.
func flatText(page string) []block {
	z := html.NewTokenizer(strings.NewReader(page))
	var paras []block
	var cur strings.Builder
	kind := blockProse
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			paras = append(paras, block{t, kind})
		}
		cur.Reset()
	}
	skipping := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return paras
		case html.TextToken:
			if skipping == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case tag == "head" || tag == "title" || skippedElements[tag] && !voidElements[tag]:
				if z.Token().Type == html.StartTagToken {
					skipping++
				} else if skipping > 0 {
					skipping--
				}
			case tag == "br":
				cur.WriteByte(' ')
			case blockElements[tag]:
				flush()
				// Without a tree a paragraph is what its opening tag says.
				if kind = blockProse; z.Token().Type == html.StartTagToken {
					kind = kindOf(tag, blockProse)
				}
			}
		}
	}
}

// kindOf is what an element's paragraphs are; inside makes a paragraph in
// a list item or a heading one of those.
func kindOf(tag string, inside blockKind) blockKind {
	switch tag {
	case "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary":
		return blockHeading
	case "li", "dt", "dd", "tr", "td", "th":
		return blockItem
	}
	return inside
}

// Elements whose start and end end a paragraph.
var blockElements = map[string]bool{"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "li": true, "ul": true, "ol": true,
	"dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "table": true, "tr": true, "caption": true, "header": true, "hgroup": true, "address": true, "center": true, "details": true,
	"summary": true, "fieldset": true, "hr": true, "body": true, "html": true, "tbody": true, "thead": true, "tfoot": true}

// Elements never part of an article's text.
var skippedElements = map[string]bool{"head": true, "nav": true, "aside": true, "footer": true, "form": true,
	"button": true, "figure": true, "figcaption": true, "select": true, "input": true, "textarea": true,
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true, "svg": true, "math": true,
	"object": true, "embed": true, "canvas": true, "video": true, "audio": true, "dialog": true, "menu": true}

// noiseWords mark, in a class or id, a box that is no part of the article.
var noiseWords = map[string]bool{"related": true, "newsletter": true, "newsletters": true, "share": true,
	"sharing": true, "sharebar": true, "social": true, "comment": true, "comments": true, "advert": true,
	"advertisement": true, "ad": true, "ads": true, "adslot": true, "promo": true, "promos": true, "subscribe": true,
	"subscription": true, "cookie": true, "cookies": true, "consent": true, "sidebar": true, "breadcrumb": true,
	"breadcrumbs": true, "byline": true, "author": true, "recommended": true, "recommendations": true,
	"popular": true, "trending": true, "signup": true, "paywall": true, "outbrain": true, "taboola": true,
	"sponsored": true, "disqus": true, "tags": true, "tag": true, "topics": true, "latest": true, "rail": true,
	"stories": true, "headlines": true, "teaser": true, "teasers": true, "widget": true, "nav": true,
	"navigation": true, "menu": true, "masthead": true, "pagination": true, "toolbar": true}

// noiseLabels mark, in an aria-label, a box of other stories or chrome
// ("More on this story").
var noiseLabels = map[string]bool{"more": true, "related": true, "also": true, "latest": true, "trending": true,
	"popular": true, "recommended": true, "navigation": true, "menu": true, "footer": true, "share": true,
	"comments": true, "newsletter": true, "breadcrumb": true, "breadcrumbs": true}

// noiseRoles are ARIA landmarks that hold no article text.
var noiseRoles = map[string]bool{"complementary": true, "navigation": true, "banner": true, "contentinfo": true,
	"search": true, "menu": true, "menubar": true}

// classWords splits a class or id into lower-case words: "relatedStories
// share-bar" → related, stories, share, bar.
func classWords(s string) []string {
	var words []string
	start := -1
	var prev rune
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !alnum:
			if start >= 0 {
				words = append(words, strings.ToLower(s[start:i]))
				start = -1
			}
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			words = append(words, strings.ToLower(s[start:i]))
			start = i
		}
		prev = r
	}
	if start >= 0 {
		words = append(words, strings.ToLower(s[start:]))
	}
	return words
}

func attrOf(n *html.Node, key string) string {
	for _, at := range n.Attr {
		if at.Key == key {
			return at.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, at := range n.Attr {
		if at.Key == key {
			return true
		}
	}
	return false
}

func looksLikeNoise(n *html.Node) bool {
	if hasAttr(n, "hidden") || attrOf(n, "aria-hidden") == "true" || noiseRoles[strings.ToLower(attrOf(n, "role"))] {
		return true
	}
	for _, w := range classWords(attrOf(n, "aria-label")) {
		if noiseLabels[w] {
			return true
		}
	}
	for _, key := range []string{"class", "id"} {
		for _, w := range classWords(attrOf(n, key)) {
			if noiseWords[w] {
				return true
			}
		}
	}
	return false
}

// bodyText returns the article's paragraphs: the text of its paragraphs,
// headings, list items and quotes, in document order.
func bodyText(doc *goquery.Document) []block {
	root := articleRoot(doc)
	if root == nil {
		return nil
	}
	c := &collector{boxes: map[*html.Node]box{}}
	total := c.measure(root)
	c.limit = total / 2
	c.walk(root, true)
	c.flush()
	return c.paras
}

// articleRoot picks the element holding the article: the <article> (or
// articleBody) with the most text outside navigation, else main, else body.
func articleRoot(doc *goquery.Document) *html.Node {
	var best *html.Node
	bestLen := 0
	doc.Find("article, [itemprop=articleBody]").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("nav, aside, footer").Length() > 0 {
			return
		}
		if n := len(strings.TrimSpace(s.Text())); n > bestLen {
			best, bestLen = s.Get(0), n
		}
	})
	if best != nil {
		return best
	}
	for _, sel := range []string{"main", "[role=main]", "body"} {
		if s := doc.Find(sel).First(); s.Length() > 0 {
			return s.Get(0)
		}
	}
	if len(doc.Nodes) > 0 {
		return doc.Nodes[0]
	}
	return nil
}

// box is what the collector knows of an element it may drop.
type box struct {
	text  int  // bytes of text inside
	hasH1 bool // holds a top heading
}

type collector struct {
	boxes map[*html.Node]box // noise-looking elements and headers
	limit int                // a noise-looking box holding more text than this is the article itself
	paras []block
	kinds []blockKind // of the block elements open around the walk
	cur   strings.Builder
}

// measure counts the text under n once, recording it for the elements the
// walk may drop, so deciding about each costs nothing more.
func (c *collector) measure(n *html.Node) int {
	switch n.Type {
	case html.TextNode:
		return len(strings.TrimSpace(n.Data))
	case html.ElementNode, html.DocumentNode:
	default:
		return 0
	}
	if n.Type == html.ElementNode && skippedElements[n.Data] {
		return 0
	}
	total := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		total += c.measure(ch)
	}
	if n.Type == html.ElementNode && (n.Data == "header" || looksLikeNoise(n)) {
		c.boxes[n] = box{text: total, hasH1: n.Data == "header" && findH1(n)}
	}
	return total
}

// findH1 reports whether a header holds an h1, looking no deeper than a
// header plausibly nests.
func findH1(n *html.Node) bool {
	var find func(n *html.Node, depth int) bool
	find = func(n *html.Node, depth int) bool {
		if depth > 16 {
			return false
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && (ch.Data == "h1" || find(ch, depth+1)) {
				return true
			}
		}
		return false
	}
	return find(n, 0)
}

func (c *collector) flush() {
	if t := collapse(c.cur.String()); t != "" {
		kind := blockProse
		if n := len(c.kinds); n > 0 {
			kind = c.kinds[n-1]
		}
		c.paras = append(c.paras, block{t, kind})
	}
	c.cur.Reset()
}

// table reads a table a row a paragraph, each cell under its column's
// header (rowText): "Purchase price: $3.1bn".
func (c *collector) table(n *html.Node) {
	c.flush()
	var header []string
	data := false
	var rows func(n *html.Node, depth int)
	rows = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || skippedElements[ch.Data] {
				continue
			}
			switch ch.Data {
			case "thead", "tbody", "tfoot":
				if depth < 2 {
					rows(ch, depth+1)
				}
			case "caption":
				c.kinds = append(c.kinds, blockHeading)
				c.walk(ch, false)
				c.flush()
				c.kinds = c.kinds[:len(c.kinds)-1]
			case "tr":
				var cells []string
				allTH := true
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.Type != html.ElementNode || td.Data != "td" && td.Data != "th" {
						continue
					}
					allTH = allTH && td.Data == "th"
					cells = append(cells, c.cellText(td))
				}
				if !data && header == nil && len(cells) > 1 && (allTH || n.Data == "thead") {
					header = cells
					continue
				}
				data = true
				if t := rowText(header, cells); t != "" {
					c.paras = append(c.paras, block{t, blockItem})
				}
			}
		}
	}
	rows(n, 0)
}

// definitions reads a definition list a term a paragraph, its
// descriptions after it as a table row's cells: "Purchase price: $3.1bn".
func (c *collector) definitions(n *html.Node) {
	c.flush()
	var row []string
	emit := func() {
		if t := rowText(nil, row); t != "" {
			c.paras = append(c.paras, block{t, blockItem})
		}
		row = row[:0]
	}
	var items func(n *html.Node, depth int)
	items = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || skippedElements[ch.Data] {
				continue
			}
			switch ch.Data {
			case "dt":
				if len(row) > 1 { // the last term has its descriptions
					emit()
				}
				row = append(row, c.cellText(ch))
			case "dd":
				if len(row) == 0 {
					row = append(row, "")
				}
				row = append(row, c.cellText(ch))
			case "div":
				if depth < 2 { // HTML allows a div around each term and its descriptions
					items(ch, depth+1)
				}
			}
		}
	}
	items(n, 0)
	emit()
}

// cellText is the text of a table cell, its paragraphs run together.
func (c *collector) cellText(td *html.Node) string {
	sub := &collector{boxes: c.boxes, limit: c.limit}
	sub.walk(td, true)
	sub.flush()
	texts := make([]string, len(sub.paras))
	for i, p := range sub.paras {
		texts[i] = p.text
	}
	return strings.Join(texts, " ")
}

func (c *collector) walk(n *html.Node, isRoot bool) {
	switch n.Type {
	case html.TextNode:
		c.cur.WriteString(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	if n.Type == html.ElementNode && !isRoot {
		if skippedElements[n.Data] || attrOf(n, "rel") == "author" || attrOf(n, "itemprop") == "author" {
			return // bylines are metadata, read by readHead
		}
		if b, ok := c.boxes[n]; ok {
			if n.Data == "header" && !b.hasH1 {
				return
			}
			if n.Data != "header" && b.text <= c.limit {
				return
			}
		}
		switch n.Data {
		case "br":
			c.cur.WriteByte(' ')
			return
		case "img", "hr", "wbr":
			return
		case "table":
			c.table(n)
			return
		case "dl":
			c.definitions(n)
			return
		}
	}
	isBlock := n.Type == html.ElementNode && blockElements[n.Data]
	if isBlock {
		c.flush()
		inside := blockProse
		if k := len(c.kinds); k > 0 {
			inside = c.kinds[k-1]
		}
		c.kinds = append(c.kinds, kindOf(n.Data, inside))
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, false)
	}
	if isBlock {
		c.flush()
		c.kinds = c.kinds[:len(c.kinds)-1]
	} else if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th") {
		c.cur.WriteByte(' ')
	}
}

func readHead(a *Article, doc *goquery.Document, jsonld []string) {
	meta := func(attr, name string) string {
		v, _ := doc.Find("meta[" + attr + "='" + name + "']").First().Attr("content")
		return collapse(v)
	}
	ld := parseJSONLD(jsonld)
	a.Source = firstNonEmpty(meta("property", "og:site_name"), meta("name", "og:site_name"), ld.publisher,
		meta("name", "application-name"))
	a.Title = firstNonEmpty(stripSource(meta("property", "og:title"), a.Source), stripSource(meta("name", "og:title"), a.Source),
		stripSource(meta("name", "twitter:title"), a.Source), collapse(doc.Find("h1").First().Text()),
		ld.headline, stripSiteSuffix(collapse(doc.Find("title").First().Text())))
	for _, v := range []string{meta("property", "article:published_time"), meta("name", "article:published_time"),
		ld.published, attr(doc.Find("article time[datetime]").First(), "datetime"), meta("name", "pubdate"),
		meta("name", "publishdate"), meta("name", "date"), meta("itemprop", "datePublished"), meta("name", "DC.date.issued"),
		meta("name", "dcterms.date"), meta("name", "DC.date"), meta("name", "dc.date"), meta("name", "parsely-pub-date"),
		meta("property", "og:published_time"), meta("name", "sailthru.date"), meta("name", "citation_publication_date"),
		ld.created, attr(doc.Find("time[datetime]").First(), "datetime"),
		attr(doc.Find("[itemprop=datePublished]").First(), "datetime")} {
		if t, p, ok := parseDate(v); ok {
			a.setPublished(t, p)
			break
		}
	}
	author := meta("name", "author")
	if v := meta("property", "article:author"); author == "" && !strings.Contains(v, "://") {
		author = v
	}
	author = firstNonEmpty(author, ld.author, collapse(doc.Find("[rel=author]").First().Text()),
		collapse(doc.Find(".byline, [itemprop=author]").First().Text()))
	a.Byline = cleanByline(author)
}

// cleanByline takes the names out of a byline box: "By Jane Doe | June 18,
// 2025" → "Jane Doe".
func cleanByline(s string) string {
	s = collapse(s)
	if m := gluedBylineRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	if i := longDateRe.FindStringIndex(s); i != nil && i[0] > 0 {
		s = strings.TrimRight(s[:i[0]], " ,|·•—–-")
	}
	for _, sep := range []string{" | ", " · ", " • ", " — ", " – "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if i := bylineLabelRe.FindStringIndex(s); i != nil && i[0] > 0 {
		s = s[:i[0]]
	}
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	s = strings.TrimSpace(s)
	for _, tail := range []string{" on", " at", " |", " -"} {
		s = strings.TrimSuffix(s, tail)
	}
	if len(s) > 200 {
		return "" // a box of text, not a byline
	}
	return strings.TrimRight(strings.TrimSpace(s), ",")
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// stripSiteSuffix drops a site's name from a page title: "Headline | Site",
// "Headline - Site", "Headline — Site".
func stripSiteSuffix(t string) string {
	return titleSuffixRe.ReplaceAllString(t, "")
}

// stripSource drops the suffix from a social title only when it is the site
// named elsewhere: such titles are often the headline itself, dashes and all.
func stripSource(t, source string) string {
	if source == "" {
		return t
	}
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if s, ok := strings.CutSuffix(t, sep+source); ok {
			return strings.TrimSpace(s)
		}
	}
	return t
}

type ldInfo struct{ headline, published, created, author, publisher string }

// parseJSONLD reads schema.org metadata: an Article (NewsArticle,
// BlogPosting, ...) object, alone, in a list or in an @graph, with authors
// and publishers given inline or by @id. Article objects win over others
// (a WebPage's dates, say).
func parseJSONLD(blocks []string) ldInfo {
	var objects []map[string]any
	byID := map[string]map[string]any{}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if id, ok := x["@id"].(string); ok && len(x) > 1 {
				byID[id] = x
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			objects = append(objects, x)
		}
	}
	for _, b := range blocks {
		var v any
		if json.Unmarshal([]byte(b), &v) == nil {
			visit(v, 0)
		}
	}
	var info ldInfo
	for pass := 0; pass < 2; pass++ {
		for _, x := range objects {
			if pass == 0 && !isArticleType(x["@type"]) {
				continue
			}
			if s, ok := x["headline"].(string); ok && info.headline == "" {
				info.headline = collapse(s)
			}
			if s, ok := x["datePublished"].(string); ok && info.published == "" {
				info.published = s
			}
			if s, ok := x["dateCreated"].(string); ok && info.created == "" {
				info.created = s
			}
			if info.author == "" {
				info.author = ldName(x["author"], byID, 0)
			}
			if info.publisher == "" {
				info.publisher = ldName(x["publisher"], byID, 0)
			}
		}
	}
	return info
}

func isArticleType(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.HasSuffix(x, "Article") || x == "BlogPosting" || x == "Report" || x == "LiveBlogPosting"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldName reads a Person or Organization's name: a string, an object, an
// @id reference or a list of them.
func ldName(v any, byID map[string]map[string]any, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return collapse(x)
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return collapse(s)
		}
		if id, ok := x["@id"].(string); ok {
			if ref, ok := byID[id]; ok {
				if s, ok := ref["name"].(string); ok {
					return collapse(s)
				}
			}
		}
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e, byID, depth+1); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, " and ")
	}
	return ""
}
