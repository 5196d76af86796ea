package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sharedTickers(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "tickers")
	if _, err := os.Stat(filepath.Join(dir, "nasdaqlisted.txt")); err != nil {
		t.Skip("../shared/tickers not present")
	}
	return dir
}

func TestListingFormats(t *testing.T) {
	tests := []struct {
		name, in  string
		symbols   int
		date      string
		lookup    string
		exchange  string
		company   string
		wantError string
	}{
		{"nasdaqlisted", "Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares\r\n" +
			"ACME|Acme Corp. Common Stock||N||100||N\r\nZZZT|Test Issue Corp||Y||100||N\r\nFile Creation Time: 0822202600:15|||||||\r\n",
			1, "2026-08-22", "ACME", "NASDAQ", "Acme Corp. Common Stock", ""},
		{"otherlisted", "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol\n" +
			"AI|C3.ai Inc. Class A Common Stock|N|AI||100|N|AI\nBRK.B|Berkshire Hathaway Inc. Class B|N|BRK.B||100|N|BRK.B\n",
			2, "", "BRK-B", "NYSE", "Berkshire Hathaway Inc. Class B", ""},
		{"sec company_tickers", `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}}`, 1, "", "AAPL", "", "Apple Inc.", ""},
		{"sec company_tickers_exchange", `{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"]]}`,
			1, "", "AAPL", "NASDAQ", "Apple Inc.", ""},
		{"bundled", "# date: 2026-08-22\nMETA|NASDAQ|Meta Platforms, Inc.\n", 1, "2026-08-22", "META", "NASDAQ", "Meta Platforms, Inc.", ""},
		{"short row", "Symbol|Security Name|Market Category|Test Issue\nACME|Acme\n", 0, "", "", "", "", "listing t:2: want 4 fields, got 2"},
		{"unknown format", "hello world\n", 0, "", "", "", "", "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseListing("t", strings.NewReader(tc.in))
			if tc.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantError) {
					t.Fatalf("err = %v, want %q", err, tc.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Len() != tc.symbols || l.Date != tc.date {
				t.Fatalf("got %d symbols dated %q, want %d dated %q", l.Len(), l.Date, tc.symbols, tc.date)
			}
			got := l.Lookup(tc.lookup)
			if len(got) != 1 || got[0].Exchange != tc.exchange || got[0].Company != tc.company {
				t.Errorf("Lookup(%s) = %+v", tc.lookup, got)
			}
		})
	}
}

func TestVerify(t *testing.T) {
	l := NewListing("t", "", []Security{
		{"META", "NASDAQ", "Meta Platforms Inc. Class A Common Stock"},
		{"NVDA", "NASDAQ", "NVIDIA Corporation Common Stock"},
		{"AI", "NYSE", "C3.ai Inc. Class A Common Stock"},
		{"MERC", "NASDAQ", "Mercer International Inc. Common Stock"},
		{"AAPL", "NASDAQ", "Apple Inc. Common Stock"},
		{"GOOGL", "NASDAQ", "Alphabet Inc. Class A Common Stock"},
	})
	tests := []struct {
		symbol, exchange string
		names            []string
		want             VerdictStatus
	}{
		{"META", "NASDAQ", []string{"Meta", "Meta Platforms"}, Listed},
		{"META", "Nasdaq", []string{"Meta Platforms, Inc."}, Listed},
		{"NVDA", "", []string{"NVIDIA"}, Listed},
		{"AI", "", []string{"C3.ai"}, Listed},
		{"MERC", "NASDAQ", []string{"Mercor"}, OtherCompany},
		{"TRNG", "NASDAQ", []string{"Turing"}, NotListed},
		{"AAPL", "NYSE", []string{"Apple"}, OtherExchange},
		{"GOOGL", "NASDAQ", []string{"Google"}, OtherCompany},
		{"GOOGL", "NASDAQ", []string{"Google", "Alphabet"}, Listed},
	}
	for _, tc := range tests {
		if got := l.Verify(tc.symbol, tc.exchange, tc.names); got.Status != tc.want {
			t.Errorf("Verify(%s, %s, %v) = %v, want %v", tc.symbol, tc.exchange, tc.names, got.Status, tc.want)
		}
	}
}

func TestCompanyMatches(t *testing.T) {
	tests := []struct {
		listed, name string
		want         bool
	}{
		{"Meta Platforms, Inc.", "Meta", true},
		{"NVIDIA Corporation Common Stock", "Nvidia", true},
		{"C3.ai Inc. Class A Common Stock", "C3.ai", true},
		{"Johnson & Johnson", "Johnson and Johnson", true},
		{"Mercer International Inc.", "Mercor", false},
		{"Alphabet Inc.", "Google", false},
		{"Coherent Corp.", "Cohere", false},
	}
	for _, tc := range tests {
		if got := CompanyMatches(tc.listed, tc.name); got != tc.want {
			t.Errorf("CompanyMatches(%q, %q) = %v, want %v", tc.listed, tc.name, got, tc.want)
		}
	}
}

// TestSharedSnapshot reads the real symbol directories when they are at hand.
func TestSharedSnapshot(t *testing.T) {
	dir := sharedTickers(t)
	l, err := ReadListingFiles(filepath.Join(dir, "nasdaqlisted.txt"), filepath.Join(dir, "otherlisted.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() < 7000 || l.Date != "2026-08-22" {
		t.Errorf("got %d symbols dated %s", l.Len(), l.Date)
	}
	if v := l.Verify("MERC", "NASDAQ", []string{"Mercor"}); v.Status != OtherCompany || !strings.Contains(v.Listed[0].Company, "Mercer") {
		t.Errorf("MERC: %+v", v)
	}
	if v := l.Verify("AI", "NYSE", []string{"C3.ai"}); v.Status != Listed {
		t.Errorf("AI: %+v", v)
	}
}

// TestBundledListing checks every row of the bundled snapshot against the
// real directories: same symbol, same exchange, same company.
func TestBundledListing(t *testing.T) {
	b := DefaultListing()
	if b.Len() < 300 || b.Date == "" {
		t.Fatalf("bundled listing has %d symbols, date %q", b.Len(), b.Date)
	}
	for _, s := range []string{"META", "NVDA", "AI", "MERC", "AMZN", "GOOGL", "COHR"} {
		if len(b.Lookup(s)) == 0 {
			t.Errorf("bundled listing lacks %s", s)
		}
	}
	dir := sharedTickers(t)
	real, err := ReadListingFiles(filepath.Join(dir, "nasdaqlisted.txt"), filepath.Join(dir, "otherlisted.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Entries() {
		got := real.Lookup(e.Symbol)
		ok := false
		for _, g := range got {
			if g.Exchange == e.Exchange && CompanyMatches(g.Company, e.Company) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("bundled %s|%s|%s: the directory has %+v", e.Symbol, e.Exchange, e.Company, got)
		}
	}
}
