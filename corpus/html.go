package corpus

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// maxDepth is the deepest element nesting read as a tree; deeper pages
// (no real article nests this far) are read as flat text, which is safe at
// any depth.
const maxDepth = 512

// maxJSONLD bounds the structured-data blocks kept for metadata.
const maxJSONLD = 1 << 20

var (
	titleSuffixRe = regexp.MustCompile(`\s+[|–—-]\s+[^|–—-]{2,60}$`)
	noiseRe       = regexp.MustCompile(`(?i)related|newsletter|share|social|comment|advert|promo|subscribe|cookie|sidebar|breadcrumb|byline|author|recommend|popular|trending|signup|sign-up|paywall`)
)

// parseHTML reads a page: metadata from its head, the article's paragraphs
// from its body.
func parseHTML(a *Article, page string) error {
	reduced, depth, jsonld := reduceHTML(page)
	if depth > maxDepth {
		a.Warnings = append(a.Warnings, "HTML nested deeper than 512 levels: read as flat text")
		paras := flatText(reduced)
		paras = readMetadata(a, paras)
		a.Text = strings.Join(repair(paras), "\n\n")
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(reduced))
	if err != nil {
		return err
	}
	readHead(a, doc, jsonld)
	body := articleBody(doc)
	var paras []string
	if a.Title != "" {
		paras = append(paras, a.Title)
	}
	for _, p := range blocks(body) {
		if isFurniture(p) || len(paras) > 0 && p == paras[0] {
			continue
		}
		paras = append(paras, p)
	}
	if len(paras) > 0 && a.Title == "" {
		a.Title = paras[0]
	}
	a.Text = strings.Join(restoreSpaces(paras), "\n\n")
	return nil
}

// reduceHTML streams a page once: it drops the contents of scripts, styles
// and other non-text elements (a 50 MB inline script costs no tree), keeps
// JSON-LD blocks for metadata, and measures the nesting depth.
func reduceHTML(page string) (string, int, []string) {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	b.Grow(len(page) / 2)
	depth, maxSeen := 0, 0
	var jsonld []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String(), maxSeen, jsonld
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			raw := string(z.Raw())
			switch tag {
			case "script", "style", "noscript", "template", "svg", "iframe", "object":
				isLD := tag == "script" && strings.Contains(strings.ToLower(raw), "ld+json")
				text := skipElement(z, tag)
				if isLD && len(text) <= maxJSONLD {
					jsonld = append(jsonld, text)
				}
				continue
			}
			if !voidElements[tag] {
				depth++
				if depth > maxSeen {
					maxSeen = depth
				}
			}
			b.WriteString(raw)
		case html.EndTagToken:
			if depth > 0 {
				depth--
			}
			b.Write(z.Raw())
		default:
			b.Write(z.Raw())
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
	"p": false}

// skipElement consumes tokens up to the end of the element and returns the
// text it held (for JSON-LD).
func skipElement(z *html.Tokenizer, tag string) string {
	var text strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return text.String()
		case html.TextToken:
			if text.Len() <= maxJSONLD {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == tag {
				return text.String()
			}
		}
	}
}

// flatText reads the text of a page without building a tree: block-level
// tags end paragraphs.
func flatText(page string) []string {
	z := html.NewTokenizer(strings.NewReader(page))
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return paras
		case html.TextToken:
			cur.Write(z.Text())
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if blockTags[string(name)] {
				flush()
			}
		}
	}
}

var blockTags = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "li": true, "blockquote": true, "section": true, "article": true, "br": true, "tr": true, "td": true}

func readHead(a *Article, doc *goquery.Document, jsonld []string) {
	meta := func(attr, name string) string {
		v, _ := doc.Find("meta[" + attr + "='" + name + "']").First().Attr("content")
		return collapse(v)
	}
	ld := parseJSONLD(jsonld)
	a.Title = firstNonEmpty(meta("property", "og:title"), meta("name", "twitter:title"), ld.headline,
		collapse(doc.Find("h1").First().Text()), stripSiteSuffix(collapse(doc.Find("title").First().Text())))
	for _, v := range []string{meta("property", "article:published_time"), ld.published, meta("name", "pubdate"),
		meta("name", "publishdate"), meta("name", "date"), meta("itemprop", "datePublished"), meta("name", "DC.date.issued"),
		attr(doc.Find("article time[datetime], time[datetime]").First(), "datetime"), meta("property", "og:updated_time")} {
		if t, p, ok := parseDate(v); ok {
			a.setPublished(t, p)
			break
		}
	}
	author := firstNonEmpty(meta("name", "author"), ld.author, collapse(doc.Find("[rel=author]").First().Text()),
		collapse(doc.Find(".byline, .author, [itemprop=author]").First().Text()))
	if v := meta("property", "article:author"); author == "" && v != "" && !strings.Contains(v, "://") {
		author = v
	}
	a.Byline = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(author, "By "), "by "))
	a.Source = firstNonEmpty(meta("property", "og:site_name"), ld.publisher, meta("name", "application-name"))
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

func stripSiteSuffix(t string) string {
	return titleSuffixRe.ReplaceAllString(t, "")
}

type ldInfo struct{ headline, published, author, publisher string }

// parseJSONLD reads schema.org metadata: a NewsArticle or Article object,
// alone, in a list or in an @graph.
func parseJSONLD(blocks []string) ldInfo {
	var info ldInfo
	var visit func(v any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g)
			}
			if s, ok := x["headline"].(string); ok && info.headline == "" {
				info.headline = collapse(s)
			}
			if s, ok := x["datePublished"].(string); ok && info.published == "" {
				info.published = s
			}
			if info.author == "" {
				info.author = ldName(x["author"])
			}
			if info.publisher == "" {
				info.publisher = ldName(x["publisher"])
			}
		}
	}
	for _, b := range blocks {
		var v any
		if json.Unmarshal([]byte(b), &v) == nil {
			visit(v)
		}
	}
	return info
}

func ldName(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if n := ldName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, " and ")
	}
	return ""
}

// articleBody returns the element holding the article, stripped of
// navigation, asides, footers, forms and boxes of related links.
func articleBody(doc *goquery.Document) *goquery.Selection {
	var body *goquery.Selection
	for _, sel := range []string{"article", "[itemprop=articleBody]", "main", "[role=main]", "body"} {
		if s := doc.Find(sel).First(); s.Length() > 0 {
			body = s
			break
		}
	}
	if body == nil {
		body = doc.Selection
	}
	body.Find("nav, aside, footer, form, button, figure, figcaption, select, input, textarea, [hidden], [aria-hidden=true]").Remove()
	body.Find("header").Each(func(_ int, h *goquery.Selection) {
		if h.Find("h1").Length() == 0 {
			h.Remove()
		}
	})
	body.Find("[class], [id]").Each(func(_ int, s *goquery.Selection) {
		if s.Is("article, main, body") {
			return
		}
		class, _ := s.Attr("class")
		id, _ := s.Attr("id")
		if noiseRe.MatchString(class) || noiseRe.MatchString(id) {
			s.Remove()
		}
	})
	return body
}

// blocks returns the text of the body's paragraphs, headings, list items
// and quotes, in order; an element holding other blocks gives way to them.
func blocks(body *goquery.Selection) []string {
	const sel = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt"
	var out []string
	body.Find(sel).Each(func(_ int, s *goquery.Selection) {
		if s.Find(sel).Length() > 0 {
			return
		}
		s.Find("br").ReplaceWithHtml(" ")
		if t := collapse(s.Text()); t != "" {
			out = append(out, t)
		}
	})
	if len(out) == 0 {
		for _, line := range strings.Split(body.Text(), "\n") {
			if t := collapse(line); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}
