package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sharedTickers is the real symbol-directory snapshot beside the project
// (../shared/tickers), or a skip when it is not there.
func sharedTickers(t testing.TB) (nasdaq, other string) {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "tickers")
	nasdaq, other = filepath.Join(dir, "nasdaqlisted.txt"), filepath.Join(dir, "otherlisted.txt")
	for _, p := range []string{nasdaq, other} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("no shared ticker snapshot: %v", err)
		}
	}
	return nasdaq, other
}

const (
	nasdaqHeader = "Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares"
	otherHeader  = "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol"
)

func TestListingParse(t *testing.T) {
	tests := []struct {
		name, in string
		date     string
		want     []Security // every entry, as Entries gives them
	}{
		{"nasdaqlisted CRLF", nasdaqHeader + "\r\n" +
			"NVDA|NVIDIA Corporation - Common Stock|Q|N|N|100|N|N\r\n" +
			"MERC|Mercer International Inc. - Common Stock|Q|N|N|100|N|\r\n" +
			"ZXZZT|NASDAQ TEST STOCK|G|Y|N|100|N|N\r\n" +
			"File Creation Time: 0822202600:15|||||||\r\n",
			"2026-08-22", []Security{{Symbol: "MERC", Exchange: "NASDAQ", Company: "Mercer International Inc. - Common Stock"}, {Symbol: "NVDA", Exchange: "NASDAQ", Company: "NVIDIA Corporation - Common Stock"}}},
		{"nasdaqlisted LF, empty fields, no date", nasdaqHeader + "\nAAPL|Apple Inc. Common Stock||N||100||N\n\n",
			"", []Security{{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc. Common Stock"}}},
		{"nasdaqlisted with a byte-order mark", "\ufeff" + nasdaqHeader + "\nAAPL|Apple Inc.|||||| \n",
			"", []Security{{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc."}}},
		{"otherlisted", otherHeader + "\r\n" +
			"AI|C3.ai Inc. Class A Common Stock|N|AI||100|N|AI\r\n" +
			"BRK.B|Berkshire Hathaway Inc.|N|BRK.B||100|N|BRK.B\r\n" +
			"IMO|Imperial Oil Limited Common Stock|A|IMO||100|N|IMO\r\n" +
			"SPY|SPDR S&P 500 ETF Trust|P|SPY|Y|100|N|SPY\r\n" +
			"CBOE|Cboe Global Markets Inc.|Z|CBOE||100|N|CBOE\r\n" +
			"IEXT|IEX Test Company|V|IEXT||100|Y|IEXT\r\n" +
			"XYZW|Someone on IEX|V|XYZW||100||XYZW\r\n" +
			"File Creation Time: 0131202512:00|||||||\r\n",
			"2025-01-31", []Security{
				{Symbol: "AI", Exchange: "NYSE", Company: "C3.ai Inc. Class A Common Stock"}, {Symbol: "BRK.B", Exchange: "NYSE", Company: "Berkshire Hathaway Inc."},
				{Symbol: "CBOE", Exchange: "Cboe BZX", Company: "Cboe Global Markets Inc."}, {Symbol: "IMO", Exchange: "NYSE American", Company: "Imperial Oil Limited Common Stock"},
				{Symbol: "SPY", Exchange: "NYSE Arca", Company: "SPDR S&P 500 ETF Trust"}, {Symbol: "XYZW", Exchange: "IEX", Company: "Someone on IEX"}}},
		{"SEC company_tickers.json", `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},
 "1":{"cik_str":1045810,"ticker":"nvda","title":"NVIDIA CORP"}}`,
			"", []Security{{Symbol: "AAPL", Exchange: "", Company: "Apple Inc."}, {Symbol: "NVDA", Exchange: "", Company: "NVIDIA CORP"}}},
		{"SEC company_tickers_exchange.json", `{"fields":["cik","name","ticker","exchange"],"data":[
[320193,"Apple Inc.","AAPL","Nasdaq"],
[1067983,"BERKSHIRE HATHAWAY INC","BRK-B","NYSE"],
[1000045,"Nicholas Financial","NICK","OTC"],
[1000001,"Cboe Listed Co","CBX","CBOE"],
[1000002,"No Exchange Co","NOEX",null]]}`,
			"", []Security{{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc."}, {Symbol: "BRK-B", Exchange: "NYSE", Company: "BERKSHIRE HATHAWAY INC"},
				{Symbol: "CBX", Exchange: "Cboe BZX", Company: "Cboe Listed Co"}, {Symbol: "NICK", Exchange: "OTC", Company: "Nicholas Financial"}, {Symbol: "NOEX", Exchange: "", Company: "No Exchange Co"}}},
		{"SEC exchange file, data before fields", `{"data":[[1,"Acme Corp","ACME","NYSE"]],"fields":["cik","name","ticker","exchange"]}`,
			"", []Security{{Symbol: "ACME", Exchange: "NYSE", Company: "Acme Corp"}}},
		{"bundled", "# a comment\n# date: 2026-08-22\n\nMETA|NASDAQ|Meta Platforms, Inc.\nbrk.b | NYSE | Berkshire Hathaway Inc. Class B\nAI|NYSE|C3.ai, Inc.\n",
			"2026-08-22", []Security{{Symbol: "AI", Exchange: "NYSE", Company: "C3.ai, Inc."}, {Symbol: "BRK.B", Exchange: "NYSE", Company: "Berkshire Hathaway Inc. Class B"}, {Symbol: "META", Exchange: "NASDAQ", Company: "Meta Platforms, Inc."}}},
		{"bundled without comments", "AAPL|Nasdaq|Apple Inc.\r\n", "", []Security{{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc."}}},
		{"duplicate kept once", "AAPL|NASDAQ|Apple Inc.\nAAPL|NASDAQ|Apple again\nAAPL|NYSE|Apple on NYSE\n",
			"", []Security{{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc."}, {Symbol: "AAPL", Exchange: "NYSE", Company: "Apple on NYSE"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseListing("t.txt", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if l.Name != "t.txt" || l.Date != tc.date {
				t.Errorf("name %q date %q, want t.txt and %q", l.Name, l.Date, tc.date)
			}
			if got := l.Entries(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("entries\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestListingParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"short row", nasdaqHeader + "\r\nAAPL|Apple Inc.|Q\r\n", "listing t.txt:2: want 8 fields, got 3"},
		{"long row", otherHeader + "\nA|Agilent|N|A||100|N|A|extra\n", "listing t.txt:2: want 8 fields, got 9"},
		{"short row after blank lines", nasdaqHeader + "\n\nAAPL|Apple Inc.||N||100||N\n\nMSFT|Microsoft\n", "listing t.txt:5: want 8 fields, got 2"},
		{"empty symbol", nasdaqHeader + "\n|Nameless|Q|N|N|100|N|N\n", "listing t.txt:2: empty Symbol"},
		{"bad test issue", nasdaqHeader + "\nAAPL|Apple Inc.|Q|maybe|N|100|N|N\n", `listing t.txt:2: Test Issue is "maybe"`},
		{"unknown exchange code", otherHeader + "\nA|Agilent|X|A||100|N|A\n", `listing t.txt:2: exchange code "X", want N (NYSE)`},
		{"header without Exchange", "ACT Symbol|Security Name|CQS Symbol\nA|Agilent|A\n", `listing t.txt:1: header lacks a "Exchange" column`},
		{"bad creation time", nasdaqHeader + "\nFile Creation Time: yesterday|||||||\n", `listing t.txt:2: File Creation Time "yesterday" is not MMDDYYYYHH:MM`},
		{"row after creation time", nasdaqHeader + "\nFile Creation Time: 0822202600:15|||||||\nAAPL|Apple Inc.||N||100||N\n", "listing t.txt:3: a row after the File Creation Time row"},
		{"bundled field count", "# date: 2026-08-22\nAAPL|NASDAQ|Apple Inc.\nMSFT|Microsoft Corporation\n", "listing t.txt:3: want 3 fields (symbol|exchange|company), got 2"},
		{"bundled exchange", "AAPL|Toronto|Apple Inc.\n", `listing t.txt:1: unknown exchange "Toronto"`},
		{"bundled date", "# date: 22/08/2026\nAAPL|NASDAQ|Apple Inc.\n", `listing t.txt:1: date "22/08/2026" is not YYYY-MM-DD`},
		{"bundled company", "AAPL|NASDAQ| \n", "listing t.txt:1: AAPL has no company"},
		{"bundled symbol with a space", "AA PL|NASDAQ|Apple\n", `listing t.txt:1: symbol "AA PL" has a space`},
		{"unknown format", "ticker,name\nAAPL,Apple\n", "listing t.txt: unknown format; want NASDAQ nasdaqlisted.txt or otherlisted.txt"},
		{"JSON array", `[["AAPL","Apple"]]`, "listing t.txt: unknown format"},
		{"empty", " \r\n", "listing t.txt: empty file"},
		{"JSON syntax", "{\"fields\":[\"cik\",\"name\",\"ticker\",\"exchange\"],\n\"data\":[\n[1,\"A\",\"A\",\"NYSE\"],\n[2,\"B\" \"B\"]]}", "listing t.txt:4: invalid character"},
		{"JSON truncated", "{\"0\":{\"ticker\":\"AAPL\",\n\"title\":\"Apple", "listing t.txt:2: JSON ends early"},
		{"JSON row width", "{\"fields\":[\"cik\",\"name\",\"ticker\",\"exchange\"],\"data\":[\n[1,\"A\",\"A\",\"NYSE\"],\n[2,\"B\"]]}", "listing t.txt:3: want 4 fields, got 2"},
		{"JSON row type", "{\"fields\":[\"cik\",\"name\",\"ticker\",\"exchange\"],\"data\":[\n[1,\"A\",7,\"NYSE\"]]}", "listing t.txt:2: ticker is not a string: 7"},
		{"JSON fields", `{"fields":["cik","title"],"data":[]}`, `listing t.txt:1: "fields" lacks "ticker" or "name"`},
		{"JSON entry without ticker", "{\"0\":{\"cik_str\":1,\n\"title\":\"Apple\"}}", `listing t.txt:1: entry "0" lacks "ticker" or "title"`},
		{"JSON entry not an object", "{\"0\":{\"ticker\":\"A\",\"title\":\"A\"},\n\"1\":[1,2]}", `listing t.txt:2: "1" is not a {"cik_str","ticker","title"} object`},
		{"JSON nothing", `{}`, "listing t.txt: JSON without company_tickers.json entries"},
		{"JSON trailing data", `{"0":{"ticker":"A","title":"A"}} {}`, "listing t.txt:1: data after the JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseListing("t.txt", strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("no error; parsed %v", l.Entries())
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to hold %q", err, tc.want)
			}
		})
	}
}

func TestListingLookup(t *testing.T) {
	l := NewListing("t", "2026-08-22", []Security{
		{Symbol: "BRK.B", Exchange: "NYSE", Company: "Berkshire Hathaway Inc. Class B"},
		{Symbol: "brk.a", Exchange: "New York Stock Exchange", Company: "Berkshire Hathaway Inc. Class A"},
		{Symbol: "AAPL", Exchange: "NasdaqGS", Company: "Apple Inc."},
	})
	if l.Len() != 3 {
		t.Errorf("Len = %d, want 3", l.Len())
	}
	for _, s := range []string{"BRK.B", "BRK-B", "BRK/B", "brk.b", "BRK B", " BRK.B "} {
		if got := l.Lookup(s); len(got) != 1 || got[0].Symbol != "BRK.B" {
			t.Errorf("Lookup(%q) = %v", s, got)
		}
	}
	if got := l.Lookup("BRK.A"); len(got) != 1 || got[0].Exchange != "NYSE" || got[0].Symbol != "BRK.A" {
		t.Errorf("Lookup(BRK.A) = %v", got)
	}
	if got := l.Lookup("BRKB"); got != nil {
		t.Errorf("Lookup(BRKB) = %v, want nothing", got)
	}
	if got := l.Lookup("aapl"); len(got) != 1 || got[0].Exchange != "NASDAQ" {
		t.Errorf("Lookup(aapl) = %v", got)
	}
	// Lookup hands out copies
	l.Lookup("AAPL")[0].Company = "changed"
	if l.Lookup("AAPL")[0].Company != "Apple Inc." {
		t.Error("Lookup's result aliases the listing")
	}
}

func TestListingVerify(t *testing.T) {
	l := NewListing("t", "", []Security{
		{Symbol: "META", Exchange: "NASDAQ", Company: "Meta Platforms Inc. Class A Common Stock"},
		{Symbol: "NVDA", Exchange: "NASDAQ", Company: "NVIDIA Corporation Common Stock"},
		{Symbol: "AI", Exchange: "NYSE", Company: "C3.ai Inc. Class A Common Stock"},
		{Symbol: "MERC", Exchange: "NASDAQ", Company: "Mercer International Inc. Common Stock"},
		{Symbol: "AAPL", Exchange: "NASDAQ", Company: "Apple Inc. Common Stock"},
		{Symbol: "GOOGL", Exchange: "NASDAQ", Company: "Alphabet Inc. Class A Common Stock"},
		{Symbol: "BRK.B", Exchange: "NYSE", Company: "Berkshire Hathaway Inc."},
		{Symbol: "SECX", Exchange: "", Company: "SEC Only Corp"}, // from company_tickers.json: no exchange
	})
	tests := []struct {
		symbol, exchange string
		names            []string
		want             VerdictStatus
	}{
		{"META", "NASDAQ", []string{"Meta", "Meta Platforms"}, Listed},
		{"META", "Nasdaq Global Select", []string{"Meta Platforms, Inc."}, Listed},
		{"META", "", []string{"Facebook", "Meta"}, Listed},
		{"meta", "NasdaqGS", []string{"Meta"}, Listed},
		{"NVDA", "", []string{"NVIDIA"}, Listed},
		{"NVDA", "NASDAQ", []string{"Nvidia Corp."}, Listed},
		{"AI", "", []string{"C3.ai"}, Listed},
		{"AI", "NYSE", []string{"C3 AI"}, Listed},
		{"AI", "New York Stock Exchange", []string{"C3.ai, Inc."}, Listed},
		{"MERC", "NASDAQ", []string{"Mercor"}, OtherCompany},
		{"MERC", "", []string{"Mercor", "Mercor Inc."}, OtherCompany},
		{"TRNG", "NASDAQ", []string{"Turing"}, NotListed},
		{"TRNG", "", nil, NotListed},
		{"AAPL", "NYSE", []string{"Apple"}, OtherExchange},
		{"AAPL", "AMEX", []string{"Apple"}, OtherExchange},
		{"AAPL", "TSX", []string{"Apple"}, OtherExchange},
		{"GOOGL", "NASDAQ", []string{"Google"}, OtherCompany},
		{"GOOGL", "NASDAQ", []string{"Google", "Alphabet"}, Listed},
		{"BRK.B", "NYSE", []string{"Berkshire Hathaway"}, Listed},
		{"BRK-B", "", []string{"Berkshire Hathaway"}, Listed},
		{"BRK/B", "NYSE", []string{"Berkshire"}, Listed},
		{"brk.b", "NASDAQ", []string{"Berkshire Hathaway"}, OtherExchange},
		{"BRK.B", "", []string{"Berkshire Partners"}, OtherCompany},
		{"SECX", "NYSE", []string{"SEC Only"}, Listed},
		{"AAPL", "NASDAQ", nil, Listed},
		{"AAPL", "NYSE", []string{""}, OtherExchange},
	}
	for _, tc := range tests {
		got := l.Verify(tc.symbol, tc.exchange, tc.names)
		if got.Status != tc.want {
			t.Errorf("Verify(%q, %q, %q) = %v %v, want %v", tc.symbol, tc.exchange, tc.names, got.Status, got.Listed, tc.want)
		}
		if (got.Status == NotListed) != (len(got.Listed) == 0) {
			t.Errorf("Verify(%q, %q, %q) is %v with %v listed", tc.symbol, tc.exchange, tc.names, got.Status, got.Listed)
		}
	}
	if v := l.Verify("MERC", "", []string{"Mercor"}); v.Listed[0].Company != "Mercer International Inc. Common Stock" {
		t.Errorf("MERC verdict lists %v", v.Listed)
	}
}

func TestListingCompanyMatches(t *testing.T) {
	tests := []struct {
		listed string
		names  []string
		want   bool
	}{
		{"Meta Platforms, Inc.", []string{"Meta"}, true},
		{"Meta Platforms Inc. Class A Common Stock", []string{"Meta Platforms"}, true},
		{"Meta", []string{"Meta Platforms, Inc."}, true},
		{"NVIDIA Corporation Common Stock", []string{"Nvidia"}, true},
		{"NVIDIA CORP", []string{"NVIDIA Corporation"}, true},
		{"C3.ai Inc. Class A Common Stock", []string{"C3.ai"}, true},
		{"C3.ai Inc. Class A Common Stock", []string{"C3 AI"}, true},
		{"C3.ai Inc. Class A Common Stock", []string{"C3AI"}, true},
		{"Johnson & Johnson Common Stock", []string{"Johnson and Johnson"}, true},
		{"The Procter & Gamble Company", []string{"Procter and Gamble"}, true},
		{"AT&T Inc.", []string{"AT&T"}, true},
		{"Exxon Mobil Corporation", []string{"ExxonMobil"}, true},
		{"McDonald's Corporation", []string{"McDonalds"}, true},
		{"McDonald\u2019s Corporation", []string{"McDonald's"}, true},
		{"Alphabet Inc. Class C Capital Stock", []string{"Alphabet"}, true},
		{"Alphabet Inc.", []string{"Google", "Alphabet"}, true},
		{"ASML Holding N.V. New York Registry Shares", []string{"ASML"}, true},
		{"Taiwan Semiconductor Manufacturing Company Ltd.", []string{"Taiwan Semiconductor"}, true},
		{"Alibaba Group Holding Limited American Depositary Shares each representing eight Ordinary share", []string{"Alibaba"}, true},
		{"The Kraft Heinz Company", []string{"Kraft Heinz"}, true},
		{"Kraft Heinz Company (The)", []string{"The Kraft Heinz Company"}, true},
		{"U.S. Bancorp", []string{"US Bancorp"}, true},
		{"Amazon.com, Inc.", []string{"Amazon"}, true},
		{"American Express Company", []string{"American Express"}, true},
		{"AGNC Investment Corp. Depositary Shares Each Representing a 1/1000th Interest in a Share of 7.75% Series G Preferred Stock", []string{"AGNC Investment"}, true},
		{"Adamas Trust Inc. 9.125% Senior Notes Due 2030", []string{"Adamas Trust"}, true},
		{"Coca-Cola Company (The)", []string{"Coca Cola"}, true},
		{"Mizuho Financial Group Inc. Sponosred ADR (Japan)", []string{"Mizuho Financial Group, Inc."}, true},
		{"UBS Group AG Registered Ordinary Shares", []string{"UBS"}, true},
		{"Koninklijke Philips N.V. NY Registry Shares", []string{"Philips"}, false}, // no guessing at the trading name
		{"New York Times Company (The) Common Stock", []string{"The New York Times"}, true},
		{"Pacific Gas & Electric Co. Common Stock", []string{"PG&E"}, true},
		{"International Business Machines Corporation Common Stock", []string{"IBM"}, true},
		{"IBM", []string{"International Business Machines"}, true},
		{"DBA Sempra Common Stock", []string{"Sempra"}, true},
		{"Bank Nova Scotia Halifax Pfd 3 Ordinary Shares", []string{"The Bank of Nova Scotia"}, true},
		{"Mercer International Inc.", []string{"Mercor"}, false},
		{"Mercer International Inc.", []string{"MI"}, false},
		{"General Motors Company", []string{"GE"}, false},
		{"Apple Inc.", []string{"A"}, false},
		{"Mercer International Inc. Common Stock", []string{"Mercer"}, true},
		{"Alphabet Inc.", []string{"Google"}, false},
		{"Coherent Corp.", []string{"Cohere"}, false},
		{"Metagenomi, Inc.", []string{"Meta"}, false},
		{"American Express Company", []string{"Express"}, false},
		{"American Airlines Group Inc.", []string{"American Express"}, false},
		{"Palantir Technologies Inc.", []string{"Anthropic", "OpenAI"}, false},
		{"Arm Holdings plc", []string{"Armada"}, false},
		{"Apple Inc.", nil, false},
		{"Apple Inc.", []string{""}, false},
		{"", []string{"Apple"}, false},
	}
	for _, tc := range tests {
		if got := CompanyMatches(tc.listed, tc.names...); got != tc.want {
			t.Errorf("CompanyMatches(%q, %q) = %v, want %v (normalised %q)", tc.listed, tc.names, got, tc.want, normalizeCompany(tc.listed))
		}
	}
}

func TestListingCanonicalExchange(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NASDAQ", "NASDAQ"}, {"Nasdaq", "NASDAQ"}, {"NasdaqGS", "NASDAQ"}, {"Nasdaq Global Select", "NASDAQ"},
		{"NASDAQ Stock Market LLC", "NASDAQ"}, {"NYSE", "NYSE"}, {"New York Stock Exchange", "NYSE"},
		{"NYSE American", "NYSE American"}, {"AMEX", "NYSE American"}, {"NYSEAMERICAN", "NYSE American"}, {"NYSE MKT", "NYSE American"},
		{"NYSE Arca", "NYSE Arca"}, {"Cboe", "Cboe BZX"}, {"CBOE", "Cboe BZX"}, {"Cboe BZX", "Cboe BZX"}, {"BATS", "Cboe BZX"},
		{"IEX", "IEX"}, {"OTC", "OTC"}, {"OTCQX", "OTC"}, {"TSX", ""}, {"", ""}, {"N", ""},
	}
	for _, tc := range tests {
		got, ok := CanonicalExchange(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("CanonicalExchange(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestListingReadFiles(t *testing.T) {
	dir := t.TempDir()
	nasdaq := filepath.Join(dir, "nasdaqlisted.txt")
	other := filepath.Join(dir, "otherlisted.txt")
	os.WriteFile(nasdaq, []byte(nasdaqHeader+"\nAAPL|Apple Inc.||N||100||N\nFile Creation Time: 0821202600:15|||||||\n"), 0o644)
	os.WriteFile(other, []byte(otherHeader+"\nA|Agilent|N|A||100|N|A\nFile Creation Time: 0822202600:15|||||||\n"), 0o644)
	l, err := ReadListingFiles(nasdaq, other)
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "nasdaqlisted.txt + otherlisted.txt" || l.Date != "2026-08-22" || l.Len() != 2 {
		t.Errorf("got %q dated %q with %d symbols", l.Name, l.Date, l.Len())
	}
	if _, err := ReadListingFiles(); err == nil {
		t.Error("no files: no error")
	}
	if _, err := ReadListingFiles(filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte(nasdaqHeader+"\nAAPL\n"), 0o644)
	if _, err := ReadListingFiles(nasdaq, bad); err == nil || !strings.Contains(err.Error(), "listing bad.txt:2: want 8 fields, got 1") {
		t.Errorf("bad file: %v", err)
	}
}

// TestListingSharedSnapshot reads the real symbol directories.
func TestListingSharedSnapshot(t *testing.T) {
	nasdaq, other := sharedTickers(t)
	n, err := ReadListingFiles(nasdaq)
	if err != nil {
		t.Fatal(err)
	}
	o, err := ReadListingFiles(other)
	if err != nil {
		t.Fatal(err)
	}
	if n.Len() != 4179 || o.Len() != 3003 {
		t.Errorf("nasdaqlisted has %d symbols, otherlisted %d; want 4179 and 3003", n.Len(), o.Len())
	}
	l, err := ReadListingFiles(nasdaq, other)
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 4179+3003 || l.Date != "2026-08-22" {
		t.Errorf("merged: %d symbols dated %q, want %d dated 2026-08-22", l.Len(), l.Date, 4179+3003)
	}
	if got := l.Lookup("MERC"); len(got) != 1 || got[0].Exchange != "NASDAQ" || !strings.HasPrefix(got[0].Company, "Mercer International") {
		t.Errorf("MERC = %v", got)
	}
	if got := l.Lookup("AI"); len(got) != 1 || got[0].Exchange != "NYSE" || !strings.HasPrefix(got[0].Company, "C3.ai") {
		t.Errorf("AI = %v", got)
	}
	for _, tc := range []struct {
		symbol, exchange string
		names            []string
		want             VerdictStatus
	}{
		{"META", "NASDAQ", []string{"Meta", "Meta Platforms"}, Listed},
		{"NVDA", "", []string{"NVIDIA"}, Listed},
		{"AI", "NYSE", []string{"C3.ai"}, Listed},
		{"MERC", "NASDAQ", []string{"Mercor"}, OtherCompany},
		{"TRNG", "", []string{"Turing"}, NotListed},
		{"AAPL", "NYSE", []string{"Apple"}, OtherExchange},
		{"BRK-B", "NYSE", []string{"Berkshire Hathaway"}, Listed},
		{"BRK/A", "", []string{"Berkshire Hathaway"}, Listed},
	} {
		if v := l.Verify(tc.symbol, tc.exchange, tc.names); v.Status != tc.want {
			t.Errorf("Verify(%s, %q, %q) = %v %v, want %v", tc.symbol, tc.exchange, tc.names, v.Status, v.Listed, tc.want)
		}
	}
}

// TestListingBundled checks the bundled snapshot: it parses, is dated, holds
// the names articles cite most, and, when the shared directories are at
// hand, every row is found there on the same exchange under the same
// company.
func TestListingBundled(t *testing.T) {
	b := DefaultListing()
	if b != DefaultListing() {
		t.Error("DefaultListing parses more than once")
	}
	if b.Len() < 500 || b.Date != "2026-08-22" {
		t.Fatalf("bundled listing: %d symbols dated %q", b.Len(), b.Date)
	}
	for _, tc := range []struct{ symbol, exchange, company string }{
		{"NVDA", "NASDAQ", "NVIDIA"}, {"META", "NASDAQ", "Meta Platforms"}, {"MSFT", "NASDAQ", "Microsoft"},
		{"GOOGL", "NASDAQ", "Alphabet"}, {"GOOG", "NASDAQ", "Alphabet"}, {"AMZN", "NASDAQ", "Amazon"},
		{"AAPL", "NASDAQ", "Apple"}, {"ORCL", "NYSE", "Oracle"}, {"CRM", "NYSE", "Salesforce"}, {"IBM", "NYSE", "IBM"},
		{"AI", "NYSE", "C3.ai"}, {"MERC", "NASDAQ", "Mercer International"}, {"CRWV", "NASDAQ", "CoreWeave"},
		{"PLTR", "NASDAQ", "Palantir"}, {"SNOW", "NYSE", "Snowflake"}, {"TSM", "NYSE", "Taiwan Semiconductor"},
		{"ASML", "NASDAQ", "ASML"}, {"BRK.B", "NYSE", "Berkshire Hathaway"}, {"INTC", "NASDAQ", "Intel"}, {"AMD", "NASDAQ", "AMD"},
	} {
		names := []string{tc.company}
		if tc.company == "IBM" {
			names = append(names, "International Business Machines")
		}
		if tc.company == "AMD" {
			names = append(names, "Advanced Micro Devices")
		}
		if v := b.Verify(tc.symbol, tc.exchange, names); v.Status != Listed {
			t.Errorf("bundled: Verify(%s, %s, %q) = %v %v", tc.symbol, tc.exchange, names, v.Status, v.Listed)
		}
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(bundledListing), "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		sym := strings.SplitN(line, "|", 2)[0]
		if seen[SymbolKey(sym)] {
			t.Errorf("bundled: %s given twice", sym)
		}
		seen[SymbolKey(sym)] = true
	}

	nasdaq, other := sharedTickers(t)
	real, err := ReadListingFiles(nasdaq, other)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range b.Entries() {
		got := real.Lookup(e.Symbol)
		ok := false
		for _, g := range got {
			if g.Exchange == e.Exchange && CompanyMatches(g.Company, e.Company) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("bundled %s|%s|%s: the directories have %v", e.Symbol, e.Exchange, e.Company, got)
			continue
		}
		checked++
	}
	t.Logf("%d of %d bundled rows found in %s (%s)", checked, len(b.Entries()), real.Name, real.Date)
}

// FuzzParseListing: any input parses or fails without panicking, and what
// parses is a well-formed listing.
func FuzzParseListing(f *testing.F) {
	for _, s := range []string{
		nasdaqHeader + "\r\nNVDA|NVIDIA Corporation Common Stock|Q|N|N|100|N|N\r\nFile Creation Time: 0822202600:15|||||||\r\n",
		otherHeader + "\nAI|C3.ai Inc.|N|AI||100|N|AI\nX|Y|Z|X||100|Y|X\n",
		`{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}}`,
		`{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"]]}`,
		"# date: 2026-08-22\nMETA|NASDAQ|Meta Platforms, Inc.\n",
		"\ufeff{}", "", "|", "||\n", "Symbol|\n|\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		l, err := ParseListing("fuzz", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "listing fuzz") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		n := 0
		for _, e := range l.Entries() {
			n++
			if e.Symbol == "" {
				t.Errorf("empty symbol in %v", e)
			}
			found := false
			for _, s := range l.Lookup(e.Symbol) {
				found = found || s == e
			}
			if !found {
				t.Errorf("Lookup(%q) misses %v", e.Symbol, e)
			}
			l.Verify(e.Symbol, e.Exchange, []string{e.Company})
			if utf8.ValidString(e.Company) && !CompanyMatches(e.Company, e.Company) && len(normalizeCompany(e.Company)) > 0 {
				t.Errorf("%q does not match itself", e.Company)
			}
		}
		if n < l.Len() {
			t.Errorf("%d entries for %d symbols", n, l.Len())
		}
	})
}

// TestListingLargeSEC parses SEC files the size of the real ones (about
// 10,000 companies, on one line) in linear time.
func TestListingLargeSEC(t *testing.T) {
	var a, b strings.Builder
	a.WriteString("{")
	b.WriteString(`{"fields":["cik","name","ticker","exchange"],"data":[`)
	const n = 20000
	for i := range n {
		if i > 0 {
			a.WriteString(",")
			b.WriteString(",")
		}
		fmt.Fprintf(&a, `"%d":{"cik_str":%d,"ticker":"T%d","title":"Company %d Inc."}`, i, i, i, i)
		fmt.Fprintf(&b, `[%d,"Company %d Inc.","T%d","Nasdaq"]`, i, i, i)
	}
	a.WriteString("}")
	b.WriteString("]}")
	for _, in := range []string{a.String(), b.String()} {
		start := time.Now()
		l, err := ParseListing("big.json", strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if l.Len() != n {
			t.Errorf("%d symbols, want %d", l.Len(), n)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("parsing %d entries took %v", n, d)
		}
	}
}

func BenchmarkListingVerify(b *testing.B) {
	l := DefaultListing()
	for b.Loop() {
		l.Verify("MERC", "NASDAQ", []string{"Mercor", "Mercor AI"})
		l.Verify("META", "", []string{"Meta", "Meta Platforms", "Facebook"})
	}
}

// TestListingHistory: a history says when a company traded under a symbol,
// so a symbol is checked as of an article's date.
func TestListingHistory(t *testing.T) {
	data := "symbol,company,exchange,listed,delisted\n" +
		"ORBT,Orbital Holdings Inc.,NYSE,2015-03-02,2024-06-30\n" +
		"ORBT,Orbit Foods Corp.,NASDAQ,2025-01-15,\n" +
		"VEGA,Vega Robotics Inc.,NASDAQ,,\n"
	l, err := ParseListing("history.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !l.HasHistory() {
		t.Fatal("a listing with dates has no history")
	}
	tests := []struct {
		symbol, company, day string
		want                 VerdictStatus
	}{
		{"ORBT", "Orbital Holdings", "2020-05-01", Listed},
		{"ORBT", "Orbital Holdings", "2025-03-01", NotListedThen},
		{"ORBT", "Orbit Foods", "2025-03-01", Listed},
		{"ORBT", "Orbit Foods", "2020-05-01", NotListedThen},
		{"ORBT", "Helix Robotics", "2020-05-01", OtherCompany},
		{"VEGA", "Vega Robotics", "2001-01-01", Listed},
		{"NOPE", "Vega Robotics", "2020-05-01", NotListed},
	}
	for _, tc := range tests {
		if got := l.VerifyAt(tc.symbol, "", []string{tc.company}, tc.day).Status; got != tc.want {
			t.Errorf("%s for %s on %s: %v, want %v", tc.symbol, tc.company, tc.day, got, tc.want)
		}
	}
	// Today's question: the one still listed.
	if got := l.Verify("ORBT", "", []string{"Orbit Foods"}).Status; got != Listed {
		t.Errorf("Verify today: %v", got)
	}
	if got := l.Verify("ORBT", "", []string{"Orbital Holdings"}).Status; got != OtherCompany {
		t.Errorf("a delisted holder today: %v, want listed to another company", got)
	}
	for _, bad := range []string{
		"symbol,company,exchange,listed,delisted\nORBT,Orbital,NYSE,2015-3-2,\n",
		"symbol,company,exchange,listed,delisted\nORBT,Orbital,NYSE,2020-01-01,2019-01-01\n",
		"symbol,company,exchange,listed,delisted\n,Orbital,NYSE,,\n",
	} {
		if _, err := ParseListing("bad.csv", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "bad.csv:2") {
			t.Errorf("%q: error %v, want one naming line 2", bad, err)
		}
	}
}
