package corpus

import (
	"testing"
)

func TestHTML(t *testing.T) {
	page := `<!doctype html><html><head><title>Real Title | Site Name</title>
<meta property="article:published_time" content="2024-04-02T09:15:00-04:00">
<meta property="og:site_name" content="Meridian">
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"Jonas Eklund"}]}]}</script>
<script>var x = "$99 billion";</script><style>p{}</style></head>
<body><nav>Home $1 billion</nav><header>Site</header>
<article><h1>Real Title</h1><p>First <b>para</b><br>graph.</p><ul><li><p>Item text.</p></li></ul>
<aside class="related">Related $5 billion</aside><div class="newsletter-signup">Sign up $7</div><figure><img src=x><figcaption>Caption $3</figcaption></figure>
<form>Form $2</form><div class="ad-slot">Ad $6</div><div id="relatedStories">More $8</div><p hidden>Hidden $9</p></article><footer>Footer $4</footer></body></html>`
	a := parse(t, "a.html", FormatHTML, page)
	if a.Title != "Real Title" || a.Source != "Meridian" || a.Byline != "Jonas Eklund" || a.PublishedString() != "2024-04-02T09:15:00-04:00" {
		t.Errorf("metadata: title %q source %q byline %q published %q", a.Title, a.Source, a.Byline, a.PublishedString())
	}
	if want := "Real Title\n\nFirst para graph.\n\nItem text."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
}

func TestHTMLMetadata(t *testing.T) {
	type want struct{ title, byline, source, published string }
	tests := []struct {
		name, head, body string
		want             want
	}{
		{"og:title first", `<meta property="og:title" content="OG Headline"><title>Tab | Site</title>`, `<h1>H1 Headline</h1>`,
			want{"OG Headline", "", "", ""}},
		{"og:title loses the site's name", `<meta property="og:title" content="Headline - Harbor"><meta property="og:site_name" content="Harbor">`, ``,
			want{"Headline", "", "Harbor", ""}},
		{"og:title keeps its own dash", `<meta property="og:title" content="Q2 - a turning point">`, ``,
			want{"Q2 - a turning point", "", "", ""}},
		{"h1 before title", `<title>Tab | Site</title>`, `<h1>H1 Headline</h1>`, want{"H1 Headline", "", "", ""}},
		{"title, bar suffix", `<title>Headline Here | Site Name</title>`, `<p>x</p>`, want{"Headline Here", "", "", ""}},
		{"title, dash suffix", `<title>Headline Here - Site Name</title>`, `<p>x</p>`, want{"Headline Here", "", "", ""}},
		{"title, em dash suffix", `<title>Headline Here — Site Name</title>`, `<p>x</p>`, want{"Headline Here", "", "", ""}},
		{"json-ld object", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD Headline","datePublished":"2025-06-18T14:28:00Z","author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"Harbor Daily"}}</script>`, ``,
			want{"LD Headline", "Jane Doe", "Harbor Daily", "2025-06-18T14:28:00Z"}},
		{"json-ld array, author string, date only", `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","datePublished":"2025-06-18","author":"Raj Patel"}]</script>`, `<p>x</p>`,
			want{"x", "Raj Patel", "", "2025-06-18"}},
		{"json-ld graph, ids, WebPage date ignored", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},{"@type":["NewsArticle"],"datePublished":"2025-02-03T04:05:06+01:00","author":[{"@id":"#p1"},{"@id":"#p2"}],"publisher":{"@id":"#org"}},{"@id":"#p1","@type":"Person","name":"Ana Ruiz"},{"@id":"#p2","@type":"Person","name":"Li Wei"},{"@id":"#org","@type":"Organization","name":"The Ledger"}]}</script>`, `<p>x</p>`,
			want{"x", "Ana Ruiz and Li Wei", "The Ledger", "2025-02-03T04:05:06+01:00"}},
		{"broken json-ld ignored", `<script type="application/ld+json">{"@type":"NewsArticle",</script><meta name="author" content="Jane Doe">`, `<p>x</p>`,
			want{"x", "Jane Doe", "", ""}},
		{"time datetime", ``, `<article><h1>T</h1><time datetime="2025-06-18">June 18</time><p>x</p></article>`, want{"T", "", "", "2025-06-18"}},
		{"meta date, month precision", `<meta name="date" content="2025-06">`, `<p>x</p>`, want{"x", "", "", "2025-06"}},
		{"meta pubdate, year precision", `<meta name="pubdate" content="2025">`, `<p>x</p>`, want{"x", "", "", "2025"}},
		{"article:author url ignored", `<meta property="article:author" content="https://example.com/jane">`, `<a rel="author">Jane Doe</a><p>x</p>`,
			want{"x", "Jane Doe", "", ""}},
		{"article:author name", `<meta property="article:author" content="Jane Doe">`, `<p>x</p>`, want{"x", "Jane Doe", "", ""}},
		{"byline box", ``, `<article><h1>T</h1><div class="byline">By Jane Doe | June 18, 2025</div><p>x</p></article>`, want{"T", "Jane Doe", "", "2025-06-18"}},
		{"date line in the body", ``, `<article><h1>T</h1><p>March 4, 2024</p><p>x</p></article>`, want{"T", "", "", "2024-03-04"}},
		{"outlet line in the body", ``, `<article><h1>T</h1><p>Harbor Daily (via Lakeside Wire), March 2024</p><p>x</p></article>`, want{"T", "", "Harbor Daily", "2024-03"}},
		{"meta date wins over a body line", `<meta property="article:published_time" content="2025-06-18T10:00:00Z">`, `<article><h1>T</h1><p>Harbor Daily, March 4, 2024</p><p>x</p></article>`, want{"T", "", "Harbor Daily", "2025-06-18T10:00:00Z"}},
		{"a posted line does not make the head's time coarser", `<meta property="article:published_time" content="2025-06-18T10:00:00Z">`, `<article><h1>T</h1><p>Posted on June 18, 2025</p><p>x</p></article>`, want{"T", "", "", "2025-06-18T10:00:00Z"}},
		{"byline box with a time", ``, `<article><h1>T</h1><div class="byline">by Dana Marsh on <time datetime="2023-10-13">October 13, 2023</time></div><p>x</p></article>`, want{"T", "Dana Marsh", "", "2023-10-13"}},
		{"byline box with a published label", ``, `<article><h1>T</h1><div class="byline">Lakeside Wire <time datetime="2023-01-24T06:00:00+08:00">Published: 6:00am, 24 Jan, 2023</time></div><p>x</p></article>`, want{"T", "Lakeside Wire", "", "2023-01-24T06:00:00+08:00"}},
		{"parsely date", `<meta name="parsely-pub-date" content="2024-03-04T09:00:00Z">`, `<p>x</p>`, want{"x", "", "", "2024-03-04T09:00:00Z"}},
		{"og published time", `<meta property="og:published_time" content="2024-03-04">`, `<p>x</p>`, want{"x", "", "", "2024-03-04"}},
		{"dc date, lower case", `<meta name="dc.date" content="2024-03-04">`, `<p>x</p>`, want{"x", "", "", "2024-03-04"}},
		{"json-ld dateCreated when no datePublished", `<script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2024-03-04T10:00:00Z"}</script>`, `<p>x</p>`, want{"x", "", "", "2024-03-04T10:00:00Z"}},
		{"publisher from json-ld", `<script type="application/ld+json">{"@type":"ReportageNewsArticle","publisher":{"name":"Wire Co"}}</script>`, `<p>x</p>`,
			want{"x", "", "Wire Co", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parse(t, "a.html", FormatHTML, "<html><head>"+tc.head+"</head><body>"+tc.body+"</body></html>")
			got := want{a.Title, a.Byline, a.Source, a.PublishedString()}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestHTMLBody(t *testing.T) {
	tests := []struct{ name, page, text string }{
		{"text directly in divs", `<body><div>Loose text one.</div><div>Loose <em>two</em>.<p>Para.</p>Tail.</div></body>`,
			"Loose text one.\n\nLoose two.\n\nPara.\n\nTail."},
		{"list item with a nested list", `<body><ul><li>Point one<ul><li>Sub point</li></ul></li></ul></body>`,
			"Point one\n\nSub point"},
		{"the biggest article wins", `<body><article><p>Teaser.</p></article><article><h1>Main</h1><p>The long real article text is here.</p></article></body>`,
			"Main\n\nThe long real article text is here."},
		{"article inside an aside is not it", `<body><main><p>Main text that is long enough.</p><aside><article><p>Other story with even longer text than main.</p></article></aside></main></body>`,
			"Main text that is long enough."},
		{"itemprop articleBody", `<body><div class="x"><p>Chrome.</p></div><div itemprop="articleBody"><p>Body one.</p><p>Body two.</p></div></body>`,
			"Body one.\n\nBody two."},
		{"header without h1 is chrome", `<body><header><p>Site menu</p></header><main><p>Text.</p></main></body>`, "Text."},
		{"header with h1 is the article's", `<body><header><h1>Headline</h1><p>Dek line.</p></header><p>Text.</p></body>`, "Headline\n\nDek line.\n\nText."},
		{"noise words are whole words", `<body><article><div class="commentary-body"><p>Opinion text.</p></div><div class="comments"><p>Reader text.</p></div></article></body>`,
			"Opinion text."},
		{"a noise class on the whole article keeps it", `<body><article><div class="story share-enabled"><p>All of the article text lives here.</p></div><p>x</p></article></body>`,
			"All of the article text lives here.\n\nx"},
		{"whitespace collapsed", "<body><p>  Spread\n\tover   lines\u00a0here. </p></body>", "Spread over lines here."},
		{"entities", `<body><p>AT&amp;T paid &#36;5&nbsp;billion &mdash; it said.</p></body>`, "AT&T paid $5 billion — it said."},
		{"table cells", `<body><table><tr><td>Revenue</td><td>$5 billion</td></tr></table></body>`, "Revenue: $5 billion"},
		{"furniture paragraphs", `<body><article><p>Advertisement</p><p>Text.</p><p>Share this article</p></article></body>`, "Text."},
		{"a date alone is no paragraph", `<body><main><h1>T</h1><time datetime="2025-03-20">March 20, 2025</time><p>Updated: 2025-03-21 10:00</p><p>On March 20, 2025 it rose.</p></main></body>`,
			"T\n\nOn March 20, 2025 it rose."},
		{"outlet line in the body is no text", `<body><article><h1>T</h1><p>Harbor Daily, March 4, 2024</p><p>Text.</p></article></body>`, "T\n\nText."},
		{"a tag box is no text", `<body><article><p>Orbital Systems agreed to buy Vega Robotics for $2 billion.</p><div class="story-tags">Robotics <a href="/t/deals">Deals</a></div></article></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion."},
		{"a right rail is no text", `<body><main><article><p>Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.</p><p>The deal is expected to close in the third quarter.</p></article><div class="right-rail"><p>Kestrel to cut 900 jobs.</p></div></main></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.\n\nThe deal is expected to close in the third quarter."},
		{"a complementary region is no text", `<body><main><p>Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.</p><p>The deal is expected to close in the third quarter.</p><section role="complementary"><h2>Latest</h2><p>Kestrel to cut 900 jobs.</p></section></main></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.\n\nThe deal is expected to close in the third quarter."},
		{"a box labelled as more stories is no text", `<body><main><p>Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.</p><p>The deal is expected to close in the third quarter.</p><div aria-label="More on this story"><ul><li>Kestrel to cut 900 jobs</li></ul></div></main></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.\n\nThe deal is expected to close in the third quarter."},
		{"a latest-stories list is no text", `<body><main><p>Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.</p><p>The deal is expected to close in the third quarter.</p><div class="latest-stories"><ul><li>Kestrel to cut 900 jobs</li></ul></div></main></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.\n\nThe deal is expected to close in the third quarter."},
		{"a navigation role is no text", `<body><main><div role="navigation"><a href="/">Markets</a> <a href="/t">Tech</a></div><p>Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.</p><p>The deal is expected to close in the third quarter.</p></main></body>`, "Orbital Systems agreed to buy Vega Robotics for $2 billion in cash, the companies said on Monday.\n\nThe deal is expected to close in the third quarter."},
		{"glued sentences", `<body><p>It fell.Then it rose.</p></body>`, "It fell. Then it rose."},
		{"h1 not repeated", `<head><meta property="og:title" content="Same Title"></head><body><article><h1>Same  title</h1><p>Text.</p></article></body>`,
			"Same Title\n\nText."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if a := parse(t, "a.html", FormatHTML, "<html>"+tc.page+"</html>"); a.Text != tc.text {
				t.Errorf("text %q\nwant %q", a.Text, tc.text)
			}
		})
	}
}
