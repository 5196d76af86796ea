package corpus

import (
	"regexp"
	"strings"
	"testing"
)

func TestPlainMetadata(t *testing.T) {
	tests := []struct {
		name, in                         string
		title, byline, source, published string
		text                             string // the whole Text
	}{
		{"glued byline, summer", "Headline Here\n\nMarcus LeeWednesday, Jun 18, 2025 2:28 pm ET\n3min read\n\nBody text starts here.\n",
			"Headline Here", "Marcus Lee", "", "2025-06-18T14:28:00-04:00", "Headline Here\n\nBody text starts here."},
		{"glued byline, winter", "Headline\n\nAna RuizMonday, Jan 13, 2025 9:05 am ET\n\nBody.\n",
			"Headline", "Ana Ruiz", "", "2025-01-13T09:05:00-05:00", "Headline\n\nBody."},
		{"glued byline, no weekday", "Headline\nAna RuizJan 13, 2025 12:05 pm PT\nBody.\n",
			"Headline", "Ana Ruiz", "", "2025-01-13T12:05:00-08:00", "Headline\n\nBody."},
		{"by line", "Headline\nBy Jane Doe\nBody text.\n", "Headline", "Jane Doe", "", "", "Headline\n\nBody text."},
		{"by two", "Headline\nBy Jane Doe and Raj Patel\nBody text.\n", "Headline", "Jane Doe and Raj Patel", "", "", "Headline\n\nBody text."},
		{"by with date", "Headline\nBy Jane Doe | June 3, 2024\nBody text.\n", "Headline", "Jane Doe", "", "2024-06-03", "Headline\n\nBody text."},
		{"by with outlet", "Headline\nBy Jane Doe, Harbor Daily\nBody text.\n", "Headline", "Jane Doe", "Harbor Daily", "", "Headline\n\nBody text."},
		{"wire dateline", "Headline\n\nCHICAGO, Sept. 12, 2023 (Lakeside Wire) -- The company said more.\n",
			"Headline", "", "Lakeside Wire", "2023-09-12", "Headline\n\nThe company said more."},
		{"wire dateline, newswire", "Headline\n\nNEW YORK, June 18, 2025 /PRNewswire/ -- Acme Corp. reported results.\n",
			"Headline", "", "PRNewswire", "2025-06-18", "Headline\n\nAcme Corp. reported results."},
		{"outlet comma line", "Headline\nHarbor Daily, June 18, 2025\nBody.\n", "Headline", "", "Harbor Daily", "2025-06-18", "Headline\n\nBody."},
		{"outlet bar line", "Headline\nHarbor Daily | Jun 18, 2025\nBody.\n", "Headline", "", "Harbor Daily", "2025-06-18", "Headline\n\nBody."},
		{"published line", "Headline\nPublished: 2025-06-18\nBody.\n", "Headline", "", "", "2025-06-18", "Headline\n\nBody."},
		{"updated then published", "Headline\nUpdated: 2025-06-20 10:00\nPublished: June 18, 2025\nBody.\n", "Headline", "", "", "2025-06-18", "Headline\n\nBody."},
		{"updated only", "Headline\nUpdated June 20, 2025\nBody.\n", "Headline", "", "", "2025-06-20", "Headline\n\nBody."},
		{"metadata only near the top", "Headline\nOne.\nTwo.\nThree.\nFour.\nFive.\nSix.\nBy Jane Doe\n", "Headline", "", "", "",
			"Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nBy Jane Doe"},
		{"markdown title markers", "# Headline\n\nBody.\n", "Headline", "", "", "", "Headline\n\nBody."},
		{"outlet with a note", "Headline\nThe Ledger (via Wire), March 4, 2024\nBody.\n", "Headline", "", "The Ledger", "2024-03-04", "Headline\n\nBody."},
		{"outlet with a source note", "Headline\nPinecrest Post (based on Harbor Daily), March 2024\nBody.\n", "Headline", "", "Pinecrest Post", "2024-03", "Headline\n\nBody."},
		{"outlet with a dotted note", "Headline\nVega Report (via Harbor.com), January 18, 2022\nBody.\n", "Headline", "", "Vega Report", "2022-01-18", "Headline\n\nBody."},
		{"outlet with a long note", "Headline\nOrbit Ledger (S&P transaction summary from the desk), October 2023\nBody.\n", "Headline", "", "Orbit Ledger", "2023-10", "Headline\n\nBody."},
		{"outlet with a plus", "Headline\nGameDesk+, October 13, 2023\nBody.\n", "Headline", "", "GameDesk+", "2023-10-13", "Headline\n\nBody."},
		{"outlet opening with a digit", "Headline\n24Markets, 2026-04-21\nBody.\n", "Headline", "", "24Markets", "2026-04-21", "Headline\n\nBody."},
		{"outlet month only", "Headline\nHarbor Daily, March 2024\nBody.\n", "Headline", "", "Harbor Daily", "2024-03", "Headline\n\nBody."},
		{"day-first outlet line", "Headline\nHarbor Daily, 21 October 2024\nBody.\n", "Headline", "", "Harbor Daily", "2024-10-21", "Headline\n\nBody."},
		{"wire dateline without a dash", "Headline\nCHICAGO, Sept. 12, 2023 (Lakeside Wire)\n\nThe company said more.\n",
			"Headline", "", "Lakeside Wire", "2023-09-12", "Headline\n\nThe company said more."},
		{"all-caps outlet", "Headline\nVEGA, December 20, 2023\nBody.\n", "Headline", "", "VEGA", "2023-12-20", "Headline\n\nBody."},
		{"hyphenated outlet with a note", "Headline\nLakeside Herald-Tribune (Harbor Daily), September 26, 2023\nBody.\n", "Headline", "", "Lakeside Herald-Tribune", "2023-09-26", "Headline\n\nBody."},
		{"outlet dash line", "Headline\nHarbor Daily - June 18, 2025\nBody.\n", "Headline", "", "Harbor Daily", "2025-06-18", "Headline\n\nBody."},
		{"a sentence with a date is no outlet line", "Headline\nOrbital Systems, founded on March 4, 2019, sells drones.\nBody.\n", "Headline", "", "", "", "Headline\n\nOrbital Systems, founded on March 4, 2019, sells drones.\n\nBody."},
		{"outlet line with a weekday", "Headline\nHarbor Daily, Monday 4 March 2024\nBody.\n", "Headline", "", "Harbor Daily", "2024-03-04", "Headline\n\nBody."},
		{"outlet line with a time", "Headline\nHarbor Daily — 4 March 2024 09:30 GMT\nBody.\n", "Headline", "", "Harbor Daily", "2024-03-04", "Headline\n\nBody."},
		{"wire credit before the date alone on its line", "Headline\n\n(Lakeside Wire) -- November 4, 2025\n\nVega Robotics said more.\n",
			"Headline", "", "Lakeside Wire", "2025-11-04", "Headline\n\nVega Robotics said more."},
		{"wire dateline without a date", "Headline\n\nOSLO (Lakeside Wire) - Vega Robotics said more.\n",
			"Headline", "", "Lakeside Wire", "", "Headline\n\nVega Robotics said more."},
		{"wire credit opening the text", "Headline\nHarbor Daily, March 4, 2024\n\n(Lakeside Wire) --Vega Robotics said more.\n",
			"Headline", "", "Harbor Daily", "2024-03-04", "Headline\n\nVega Robotics said more."},
		{"date and reading time", "Headline\nMarch 4, 2024 · 5 min read\nBody.\n", "Headline", "", "", "2024-03-04", "Headline\n\nBody."},
		{"date then outlet", "Headline\nSept. 12, 2023 — Harbor Daily\nBody.\n", "Headline", "", "Harbor Daily", "2023-09-12", "Headline\n\nBody."},
		{"published on, by", "Headline\nPublished on March 4, 2024 by Jane Doe\nBody.\n", "Headline", "", "", "2024-03-04", "Headline\n\nBody."},
		{"byline, outlet and date between bars", "Headline\nBy Jane Doe | Harbor Daily | March 4, 2024\nBody.\n", "Headline", "Jane Doe", "", "2024-03-04", "Headline\n\nBody."},
		{"month alone", "Headline\nMarch 2024\nBody.\n", "Headline", "", "", "2024-03", "Headline\n\nBody."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			format := FormatText
			if strings.HasPrefix(tc.in, "#") {
				format = FormatMarkdown
			}
			a := parse(t, "a.txt", format, tc.in)
			if a.Title != tc.title || a.Byline != tc.byline || a.Source != tc.source || a.PublishedString() != tc.published {
				t.Errorf("title %q byline %q source %q published %q\nwant  %q        %q        %q        %q",
					a.Title, a.Byline, a.Source, a.PublishedString(), tc.title, tc.byline, tc.source, tc.published)
			}
			if a.Text != tc.text {
				t.Errorf("text %q\nwant %q", a.Text, tc.text)
			}
		})
	}
}

func TestFurniture(t *testing.T) {
	lines := []string{"4 min read", "12 minute read", "Create a free account to keep reading", "Sign in to continue reading",
		"By signing up, you accept our", "Terms of Use and Cookie Policy", "Comments", "7 Comments", "Be the first to comment",
		"Share this article", "Share on LinkedIn", "Advertisement", "Read more", "Read more: Another headline", "Subscribe",
		"Subscribe to our newsletter", "Loading...", "Loading…", "© 2025 Harbor Media Ltd. All rights reserved.",
		"Copyright 2024 Lakeside Wire", "Home | Markets | Tech | Opinion", "Reporting by Dana Marsh; Editing by Lee Park",
		"Click here to download the app", "Sponsored", "Follow us on Mastodon", "Listen to this article 3:12",
		"Topics: Robotics Logistics", "Tags: Vega Robotics, deals", "Filed under: Markets"}
	in := "Headline\n" + strings.Join(lines, "\nBody line.\n") + "\nLast line.\n"
	a := parse(t, "a.txt", FormatText, in)
	for _, l := range lines {
		if strings.Contains(a.Text, l) {
			t.Errorf("text keeps %q", l)
		}
	}
	if want := "Headline\n\n" + strings.Repeat("Body line.\n\n", len(lines)-1) + "Last line."; a.Text != want {
		t.Errorf("text %q\nwant %q", a.Text, want)
	}
	// Furniture words inside a sentence are text.
	b := parse(t, "b.txt", FormatText, "Headline\nShe said comments are welcome.\nAdvertisement revenue rose 5%.\nPrivacy concerns\nThe terms of the deal\nFree cash flow rose to $3 billion.\nThe story so far\n")
	if b.Text != "Headline\n\nShe said comments are welcome.\n\nAdvertisement revenue rose 5%.\n\nPrivacy concerns\n\nThe terms of the deal\n\nFree cash flow rose to $3 billion.\n\nThe story so far" {
		t.Errorf("text %q", b.Text)
	}
}

func TestRestoreSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a minefield?The deal", "a minefield? The deal"},
		{"talks ended.The company", "talks ended. The company"},
		{"Wow!Then", "Wow! Then"},
		{"he said.”The firm", "he said.” The firm"},
		{"in 2024.The year", "in 2024. The year"},
		{"rose 5%.Analysts", "rose 5%. Analysts"},
		{"(per filings).Next", "(per filings). Next"},
		{"Was it AI?The answer", "Was it AI? The answer"},
		// must not break
		{"The U.S. firm", "The U.S. firm"},
		{"the U.S.The firm", "the U.S.The firm"},
		{"e.g. this", "e.g. this"},
		{"C3.ai rose", "C3.ai rose"},
		{"$14.3B deal", "$14.3B deal"},
		{"Node.js and Vue.js", "Node.js and Vue.js"},
		{"a 3.5 rise", "a 3.5 rise"},
		{"see https://example.com/News.Today now", "see https://example.com/News.Today now"},
		{"see www.Example.Com now", "see www.Example.Com now"},
		{"salesforce.com bought", "salesforce.com bought"},
		{"J.P. Morgan and J.P.Morgan", "J.P. Morgan and J.P.Morgan"},
		{"mail jane@example.Com today", "mail jane@example.Com today"},
		{"ASP.Net apps", "ASP.Net apps"},
		{"v1.2.Final", "v1.2.Final"},
		{"end.", "end."},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := restoreSpace(tc.in); got != tc.want {
				t.Errorf("restoreSpace(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestJoinCutParagraphs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"cut number", "Headline\n\nThe $15 billion\n\ninvestment in Scale AI was announced.\n",
			"Headline\n\nThe $15 billion investment in Scale AI was announced."},
		{"cut after preposition", "Headline\nThe $14.3 billion investment by\ninto the firm was made.\n",
			"Headline\n\nThe $14.3 billion investment by into the firm was made."},
		{"heading keeps its line", "Headline\nWhy It Matters Now\nlower-case start here.\n",
			"Headline\n\nWhy It Matters Now\n\nlower-case start here."},
		{"finished sentence", "Headline\nIt ended.\nand then more.\n", "Headline\n\nIt ended.\n\nand then more."},
		{"capital start after a joiner", "Headline\nThe deal was\nAnnounced later.\n", "Headline\n\nThe deal was Announced later."},
		{"list items", "Headline\n- first item\n- second item\n", "Headline\n\n- first item\n\n- second item"},
		{"cut before a figure", "Headline\nVega Robotics, the Oslo maker of warehouse arms whose revenue reached\n€460 million in 2023, will be run as a unit.\n",
			"Headline\n\nVega Robotics, the Oslo maker of warehouse arms whose revenue reached €460 million in 2023, will be run as a unit."},
		{"cut before a name", "Headline\nThe warehouse-robot maker said on Monday that its largest shareholder, a fund run by\nOrbital Capital, would sell.\n",
			"Headline\n\nThe warehouse-robot maker said on Monday that its largest shareholder, a fund run by Orbital Capital, would sell."},
		{"a clause before a capital stays apart", "Headline\nThe company said on Monday that its revenue for the year to March rose faster than the market expected\nAnalysts had forecast a smaller rise.\n",
			"Headline\n\nThe company said on Monday that its revenue for the year to March rose faster than the market expected\n\nAnalysts had forecast a smaller rise."},
		{"long heading before a figure-led sentence", "Headline\nWhy Orbital Systems had already backed Vega in 2019 with $1 billion in funding\nOnce the deal closes, Orbital will own 49%.\n",
			"Headline\n\nWhy Orbital Systems had already backed Vega in 2019 with $1 billion in funding\n\nOnce the deal closes, Orbital will own 49%."},
		{"title stays apart", "Orbital buys Vega in $2 billion deal\nOrbital Systems agreed to buy Vega.\n",
			"Orbital buys Vega in $2 billion deal\n\nOrbital Systems agreed to buy Vega."},
		{"sentence-case heading stays apart", "Headline\nIt rose.\nWhat the deal means\nAnalysts expect more.\n",
			"Headline\n\nIt rose.\n\nWhat the deal means\n\nAnalysts expect more."},
		{"heading before a figure stays apart", "Headline\nIt rose.\nBy the numbers\n$3 billion was paid.\n",
			"Headline\n\nIt rose.\n\nBy the numbers\n\n$3 billion was paid."},
		{"a list item is not joined", "Headline\nThe terms include\n- a price of $3 billion\n",
			"Headline\n\nThe terms include\n\n- a price of $3 billion"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if a := parse(t, "a.txt", FormatText, tc.in); a.Text != tc.want {
				t.Errorf("text %q\nwant %q", a.Text, tc.want)
			}
		})
	}
}

func TestTextUnitsMarkdownAndHTML(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   string
	}{
		{"markdown paragraph cut mid-sentence", FormatMarkdown, "# Title\n\nVega Robotics, whose revenue reached\n\n€460 million in 2023, was sold.\n",
			"Title\n\nVega Robotics, whose revenue reached €460 million in 2023, was sold."},
		{"markdown heading stays apart", FormatMarkdown, "# Title\n\nIt rose.\n\n## What comes next\n\nAnalysts expect more.\n",
			"Title\n\nIt rose.\n\nWhat comes next\n\nAnalysts expect more."},
		{"markdown list items stay apart", FormatMarkdown, "# Title\n\nThe terms include\n\n- a price of $3 billion\n- a fee of $90 million\n",
			"Title\n\nThe terms include\n\na price of $3 billion\n\na fee of $90 million"},
		{"markdown table with a header", FormatMarkdown, "# Title\n\n| Term | Detail |\n|---|---|\n| Purchase price | $3.1bn |\n| Break fee | $90m |\n\nAfter.\n",
			"Title\n\nPurchase price: $3.1bn\n\nBreak fee: $90m\n\nAfter."},
		{"markdown table, several columns", FormatMarkdown, "# Title\n\n| Buyer | Stake | Price |\n| :-- | --: | --: |\n| Orbital Systems | 20% | $3bn |\n",
			"Title\n\nOrbital Systems — Stake: 20%; Price: $3bn"},
		{"markdown table, years down the side", FormatMarkdown, "# Title\n\n| Year | Revenue |\n|---|---|\n| 2023 | $410m |\n",
			"Title\n\n2023 — Revenue: $410m"},
		{"markdown table without a header", FormatMarkdown, "# Title\n\n| Purchase price | **$3.1bn** |\n| Closing | Q3 2025 |\n",
			"Title\n\nPurchase price: $3.1bn\n\nClosing: Q3 2025"},
		{"pipe table in plain text", FormatText, "Title\n| Term | Detail |\n|---|---|\n| Purchase price | $3.1bn |\nAfter.\n",
			"Title\n\nPurchase price: $3.1bn\n\nAfter."},
		{"a table row is no metadata", FormatMarkdown, "# Title\n\n| Date | March 4, 2025 |\n| Price | $3bn |\n", "Title\n\nDate: March 4, 2025\n\nPrice: $3bn"},
		{"a line with one bar is text", FormatText, "Title\n| Orbital bought Vega.\n", "Title\n\n| Orbital bought Vega."},
		{"hard-wrapped plain text", FormatText, "Orbital Systems to buy Vega Robotics\nHarbor Daily, March 4, 2024\n\nOrbital Systems said on Monday that it had agreed to acquire the robot maker\nVega Robotics, based in Oslo, for $2 billion in cash. The deal values Vega at\nabout 12 times its 2023 revenue of $165 million, the companies said.\n\nVega's chief executive, Dana Marsh, will join the board of Orbital Systems\nonce the deal closes, which the companies expect in the third quarter. Shares\nof Orbital rose 4% in early trading.\n\nKestrel Capital advised Vega.\n",
			"Orbital Systems to buy Vega Robotics\n\nOrbital Systems said on Monday that it had agreed to acquire the robot maker Vega Robotics, based in Oslo, for $2 billion in cash. The deal values Vega at about 12 times its 2023 revenue of $165 million, the companies said.\n\nVega's chief executive, Dana Marsh, will join the board of Orbital Systems once the deal closes, which the companies expect in the third quarter. Shares of Orbital rose 4% in early trading.\n\nKestrel Capital advised Vega."},
		{"html paragraph cut mid-sentence", FormatHTML, "<html><body><article><h1>Title</h1><p>Vega Robotics, whose revenue reached</p><p>€460 million in 2023, was sold.</p></article></body></html>",
			"Title\n\nVega Robotics, whose revenue reached €460 million in 2023, was sold."},
		{"html heading stays apart", FormatHTML, "<html><body><article><h1>Title</h1><p>It rose.</p><h2>What comes next</h2><p>analysts expect more.</p></article></body></html>",
			"Title\n\nIt rose.\n\nWhat comes next\n\nanalysts expect more."},
		{"html list items stay apart", FormatHTML, "<html><body><article><h1>Title</h1><p>The terms include</p><ul><li>a price of $3 billion</li></ul></article></body></html>",
			"Title\n\nThe terms include\n\na price of $3 billion"},
		{"html table with a header", FormatHTML, "<html><body><article><h1>Title</h1><table><thead><tr><th>Term</th><th>Detail</th></tr></thead><tbody><tr><td>Purchase price</td><td>$3.1bn</td></tr></tbody></table></article></body></html>",
			"Title\n\nPurchase price: $3.1bn"},
		{"html definition list", FormatHTML, "<html><body><article><h1>Title</h1><dl><dt>Purchase price</dt><dd>$3.1bn</dd><dt>Advisers</dt><dd>Kestrel Partners</dd><dd>Lark &amp; Co</dd></dl></article></body></html>",
			"Title\n\nPurchase price: $3.1bn\n\nAdvisers: Kestrel Partners; Lark & Co"},
		{"html table, several columns", FormatHTML, "<html><body><article><h1>Title</h1><table><tr><th>Buyer</th><th>Stake</th><th>Price</th></tr><tr><td>Orbital Systems</td><td>20%</td><td>$3bn</td></tr></table></article></body></html>",
			"Title\n\nOrbital Systems — Stake: 20%; Price: $3bn"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if a := parse(t, "a."+string(tc.format), tc.format, tc.in); a.Text != tc.want {
				t.Errorf("text %q\nwant %q", a.Text, tc.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in                         string
		title, byline, source, published string
		text                             string
	}{
		{"front matter and markup",
			"---\ntitle: \"Front Title\"\ndate: 2024-03-28\nauthor: Priya Nair\nsource: The Ledger\n---\n\n# Heading One\n\nSome **bold** and *em* text with a [link](http://x) and ![img](y.png).\nIt wraps here.\n\n- item one\n- item two\n\n```\ncode $5 billion\n```\n<!-- hidden $9 -->\n[ref]: http://example.com\n",
			"Front Title", "Priya Nair", "The Ledger", "2024-03-28",
			"Heading One\n\nSome bold and em text with a link and . It wraps here.\n\nitem one\n\nitem two"},
		{"title from heading", "## The Heading ##\n\n> Quoted *line*\n> goes on.\n\n1. First\n2) Second\n\n---\n\nEnd with `code` and __strong__ and _em_.\n",
			"The Heading", "", "", "",
			"The Heading\n\nQuoted line goes on.\n\nFirst\n\nSecond\n\nEnd with code and strong and em."},
		{"setext heading and byline", "Big News\n========\n\nBy Jane Doe\n\nText with snake_case_name kept.\n",
			"Big News", "Jane Doe", "", "", "Big News\n\nText with snake_case_name kept."},
		{"reference links and fences", "Title\n\nSee [the filing][1] now.\n\n~~~\nhidden\n~~~\n\n[1]: https://example.com \"Filing\"\n",
			"Title", "", "", "", "Title\n\nSee the filing now."},
		{"unclosed front matter is text", "---\ntitle: x\n\nBody.\n", "title: x", "", "", "", "title: x\n\nBody."},
		{"front matter date and time", "---\ndate: 2025-06-18T14:28:00-04:00\n---\nTitle\n", "Title", "", "", "2025-06-18T14:28:00-04:00", "Title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := parse(t, "a.md", FormatMarkdown, tc.in)
			if a.Title != tc.title || a.Byline != tc.byline || a.Source != tc.source || a.PublishedString() != tc.published {
				t.Errorf("title %q byline %q source %q published %q", a.Title, a.Byline, a.Source, a.PublishedString())
			}
			if a.Text != tc.text {
				t.Errorf("text %q\nwant %q", a.Text, tc.text)
			}
		})
	}
}

// TestStripMarkdownGates: skipping a rewrite when its marker is absent
// changes nothing; every pattern run on every line gives the same text.
func TestStripMarkdownGates(t *testing.T) {
	all := []struct {
		re   *regexp.Regexp
		repl string
	}{{mdHeadingRe, ""}, {mdHeadingTailRe, ""}, {mdQuoteRe, ""}, {mdBulletRe, ""}, {mdImageRe, ""}, {mdLinkRe, "$1"},
		{mdRefLinkRe, "$1"}, {mdStrongRe, "$2"}, {mdEmRe, "$1$2"}, {mdEmUnderRe, "$1$2$3"}, {mdCodeRe, "$1"}}
	lines := []string{
		"Plain prose with $4 billion in 2023.", "## Heading ##", "  > quoted > twice", "> - a bullet in a quote",
		"- bullet", "12. numbered", "3) another", "+ plus", "see ![img](x.png) and [link](http://x)", "[ref][1] text",
		"**strong** and __also__", "an *em* here", "_under_ score", "`code` span", "# > heading then quote",
		"\t* tabbed bullet with **bold**", "snake_case_name stays", "2024 was a year", "a - b", "x#y",
	}
	for _, line := range lines {
		want := line
		for _, r := range all {
			want = r.re.ReplaceAllString(want, r.repl)
		}
		if got := stripMarkdown(line); got != want {
			t.Errorf("stripMarkdown(%q) = %q, every pattern gives %q", line, got, want)
		}
	}
}

func TestRepairApostrophes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the offer had Vega Robotics?s board behind it", "the offer had Vega Robotics’s board behind it"},
		{"Orbital didn?t say; they?re sure it?ll close, and we?ve heard I?m told she?d agree", "Orbital didn’t say; they’re sure it’ll close, and we’ve heard I’m told she’d agree"},
		{"the firms? shares", "the firms? shares"},
		{"Is it done?Sure.", "Is it done?Sure."},
		{"Why?so soon", "Why?so soon"},
		{"What about 2024?s figures", "What about 2024?s figures"},
		{"ends with Vega?s", "ends with Vega’s"},
		{"no marks at all", "no marks at all"},
	}
	for _, tc := range tests {
		if got := repairApostrophes(tc.in); got != tc.want {
			t.Errorf("repairApostrophes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCollapse: a line already collapsed is kept as it is, any other is
// split on Unicode spaces and joined by single spaces.
func TestCollapse(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\nb", "a\u2003b", "a\u3000 b", "é b ü",
		"a\u0085b", "a\u00a0b", "\xff b", "a \xff", "x\v", "\fx", "a b c d", "  ",
	} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
