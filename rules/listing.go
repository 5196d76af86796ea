package rules

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Security is one listed symbol.
type Security struct {
	Symbol   string
	Exchange string // NASDAQ, NYSE, NYSE American, NYSE Arca, Cboe BZX, IEX, OTC
	Company  string
}

// Listing is a snapshot of listed securities, looked up by symbol.
type Listing struct {
	Name     string // where it came from: "bundled US listing", a file name
	Date     string // YYYY-MM-DD the snapshot was taken, when known
	bySymbol map[string][]Security
}

// NewListing builds a listing from entries.
func NewListing(name, date string, entries []Security) *Listing {
	l := &Listing{Name: name, Date: date, bySymbol: map[string][]Security{}}
	for _, e := range entries {
		l.add(e)
	}
	return l
}

func (l *Listing) add(e Security) {
	e.Symbol = strings.ToUpper(strings.TrimSpace(e.Symbol))
	if e.Symbol == "" {
		return
	}
	k := symbolKey(e.Symbol)
	for _, have := range l.bySymbol[k] {
		if have.Exchange == e.Exchange {
			return
		}
	}
	l.bySymbol[k] = append(l.bySymbol[k], e)
}

// symbolKey folds share-class spellings: BRK.B, BRK-B, BRK/B.
func symbolKey(s string) string {
	return strings.NewReplacer("-", ".", "/", ".", " ", ".").Replace(strings.ToUpper(strings.TrimSpace(s)))
}

// Len is the number of symbols.
func (l *Listing) Len() int { return len(l.bySymbol) }

// Lookup returns what is listed under a symbol.
func (l *Listing) Lookup(symbol string) []Security { return l.bySymbol[symbolKey(symbol)] }

// Entries returns every security, sorted by symbol and exchange.
func (l *Listing) Entries() []Security {
	var out []Security
	for _, es := range l.bySymbol {
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Symbol != out[j].Symbol {
			return out[i].Symbol < out[j].Symbol
		}
		return out[i].Exchange < out[j].Exchange
	})
	return out
}

// VerdictStatus is what a listing says of a ticker claim.
type VerdictStatus int

// Verdicts.
const (
	Listed        VerdictStatus = iota // the symbol is listed to the company named
	NotListed                          // no such symbol
	OtherCompany                       // the symbol belongs to another company
	OtherExchange                      // the company's symbol, on another exchange
)

// Verdict is a listing's answer about a ticker claim.
type Verdict struct {
	Status VerdictStatus
	Listed []Security // what the listing has under the symbol
}

// Verify answers whether symbol (on exchange, "" when the article names
// none) is listed for a company going by one of names.
func (l *Listing) Verify(symbol, exchange string, names []string) Verdict {
	listed := l.Lookup(symbol)
	if len(listed) == 0 {
		return Verdict{Status: NotListed}
	}
	var mine []Security
	for _, s := range listed {
		if CompanyMatches(s.Company, names...) {
			mine = append(mine, s)
		}
	}
	if len(mine) == 0 {
		return Verdict{Status: OtherCompany, Listed: listed}
	}
	if exchange == "" {
		return Verdict{Status: Listed, Listed: mine}
	}
	want := canonicalExchange(exchange)
	for _, s := range mine {
		if canonicalExchange(s.Exchange) == want {
			return Verdict{Status: Listed, Listed: mine}
		}
	}
	return Verdict{Status: OtherExchange, Listed: mine}
}

// canonicalExchange folds the ways articles and listings name exchanges.
func canonicalExchange(e string) string {
	k := strings.ToLower(strings.NewReplacer(" ", "", "-", "", ".", "").Replace(e))
	switch {
	case strings.HasPrefix(k, "nasdaq"):
		return "NASDAQ"
	case k == "nyse" || k == "newyorkstockexchange":
		return "NYSE"
	case k == "nyseamerican" || k == "amex" || k == "nysemkt" || k == "a":
		return "NYSE American"
	case k == "nysearca" || k == "arca" || k == "p":
		return "NYSE Arca"
	case k == "cboe" || k == "cboebzx" || k == "bats" || k == "z":
		return "Cboe BZX"
	case k == "iex" || k == "v":
		return "IEX"
	case strings.HasPrefix(k, "otc"):
		return "OTC"
	case k == "n":
		return "NYSE"
	case k == "q":
		return "NASDAQ"
	}
	return strings.ToUpper(e)
}

// descriptor words say what kind of security or company a name is, not
// which company: they are dropped before names are compared.
var descriptorWords = map[string]bool{"common": true, "stock": true, "class": true, "a": true, "b": true, "c": true,
	"ordinary": true, "shares": true, "share": true, "american": true, "depositary": true, "depository": true,
	"ads": true, "adr": true, "units": true, "unit": true, "warrants": true, "warrant": true, "each": true,
	"representing": true, "inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"company": true, "ltd": true, "limited": true, "plc": true, "llc": true, "lp": true, "sa": true, "nv": true,
	"ag": true, "se": true, "holdings": true, "holding": true, "group": true, "the": true, "and": true, "new": true}

func nameTokens(s string) []string {
	s = strings.ToLower(strings.ReplaceAll(s, "&", " and "))
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []string
	for _, w := range f {
		if !descriptorWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// CompanyMatches says whether a listed company name is one of names, once
// legal suffixes and security descriptors are set aside, allowing one name
// to be the start of the other ("Meta Platforms, Inc." is Meta).
func CompanyMatches(listed string, names ...string) bool {
	lt := nameTokens(listed)
	if len(lt) == 0 {
		return false
	}
	for _, n := range names {
		nt := nameTokens(n)
		if len(nt) == 0 {
			continue
		}
		short, long := nt, lt
		if len(short) > len(long) {
			short, long = long, short
		}
		match := true
		for i := range short {
			if short[i] != long[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
		// "C3.ai" is written "C3 ai" by one side and "c3ai" by the other.
		if strings.Join(nt, "") == strings.Join(lt[:min(len(lt), len(nt)+1)], "") || strings.Join(nt, "") == strings.Join(lt, "") {
			return true
		}
	}
	return false
}

//go:embed listing/us-listed.txt
var bundledListing []byte

var (
	defaultOnce    sync.Once
	defaultListing *Listing
)

// DefaultListing is the bundled snapshot of large US-listed companies.
func DefaultListing() *Listing {
	defaultOnce.Do(func() {
		l, err := ParseListing("bundled US listing", bytes.NewReader(bundledListing))
		if err != nil {
			panic("rules: the bundled listing does not parse: " + err.Error()) // covered by a test
		}
		defaultListing = l
	})
	return defaultListing
}

// ReadListingFiles reads and merges listing files (nasdaqlisted.txt and
// otherlisted.txt, say); the date is the newest of theirs.
func ReadListingFiles(paths ...string) (*Listing, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no listing files given")
	}
	var names []string
	merged := NewListing("", "", nil)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", p, err)
		}
		l, err := ParseListing(filepath.Base(p), f)
		f.Close()
		if err != nil {
			return nil, err
		}
		if l.Date == "" {
			if fi, err := os.Stat(p); err == nil {
				l.Date = fi.ModTime().UTC().Format("2006-01-02")
			}
		}
		for _, e := range l.Entries() {
			merged.add(e)
		}
		if l.Date > merged.Date {
			merged.Date = l.Date
		}
		names = append(names, filepath.Base(p))
	}
	merged.Name = strings.Join(names, " + ")
	return merged, nil
}

// ParseListing reads a listing in any accepted format, told apart by its
// first bytes: NASDAQ's nasdaqlisted.txt or otherlisted.txt (pipe-separated,
// a header row, a closing "File Creation Time" row), SEC company_tickers.json
// or company_tickers_exchange.json, or the bundled format
// ("symbol|exchange|company" rows, "#" comments, "# date: YYYY-MM-DD").
func ParseListing(name string, r io.Reader) (*Listing, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		return parseSECJSON(name, br)
	case bytes.HasPrefix(trimmed, []byte("Symbol|")), bytes.HasPrefix(trimmed, []byte("ACT Symbol|")):
		return parseNasdaq(name, br)
	case bytes.HasPrefix(trimmed, []byte("#")) || bytes.Count(firstLine(trimmed), []byte("|")) == 2:
		return parseBundled(name, br)
	}
	return nil, fmt.Errorf("listing %s: unknown format: want NASDAQ nasdaqlisted.txt/otherlisted.txt, SEC company_tickers.json or company_tickers_exchange.json, or symbol|exchange|company rows", name)
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func parseNasdaq(name string, r io.Reader) (*Listing, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	l := NewListing(name, "", nil)
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		text = strings.TrimPrefix(text, "\ufeff")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, "|")
		if cols == nil {
			cols = map[string]int{}
			for i, f := range fields {
				cols[strings.TrimSpace(f)] = i
			}
			continue
		}
		if strings.HasPrefix(fields[0], "File Creation Time") {
			// "File Creation Time: 0822202600:15": MMDDYYYYHH:MM
			v := strings.TrimSpace(strings.TrimPrefix(fields[0], "File Creation Time:"))
			if t, err := time.Parse("0102200615:04", v); err == nil {
				l.Date = t.Format("2006-01-02")
			}
			continue
		}
		if len(fields) < len(cols) {
			return nil, fmt.Errorf("listing %s:%d: want %d fields, got %d", name, line, len(cols), len(fields))
		}
		get := func(col string) string {
			if i, ok := cols[col]; ok {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		if get("Test Issue") == "Y" {
			continue
		}
		symbol, exchange := get("Symbol"), "NASDAQ"
		if _, other := cols["ACT Symbol"]; other {
			symbol, exchange = get("ACT Symbol"), canonicalExchange(get("Exchange"))
		}
		if symbol == "" {
			return nil, fmt.Errorf("listing %s:%d: empty symbol", name, line)
		}
		l.add(Security{Symbol: symbol, Exchange: exchange, Company: get("Security Name")})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	if cols == nil {
		return nil, fmt.Errorf("listing %s: empty file", name)
	}
	return l, nil
}

func parseSECJSON(name string, r io.Reader) (*Listing, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	l := NewListing(name, "", nil)
	var table struct {
		Fields []string `json:"fields"`
		Data   [][]any  `json:"data"`
	}
	if err := json.Unmarshal(data, &table); err == nil && len(table.Fields) > 0 {
		idx := map[string]int{}
		for i, f := range table.Fields {
			idx[f] = i
		}
		ti, ok1 := idx["ticker"]
		ni, ok2 := idx["name"]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("listing %s: company_tickers_exchange.json without ticker and name fields", name)
		}
		for i, row := range table.Data {
			if len(row) != len(table.Fields) {
				return nil, fmt.Errorf("listing %s: row %d: want %d fields, got %d", name, i+1, len(table.Fields), len(row))
			}
			sym, _ := row[ti].(string)
			company, _ := row[ni].(string)
			exch := ""
			if ei, ok := idx["exchange"]; ok {
				e, _ := row[ei].(string)
				exch = canonicalExchange(e)
			}
			l.add(Security{Symbol: sym, Exchange: exch, Company: company})
		}
		return l, nil
	}
	var byIndex map[string]struct {
		Ticker string `json:"ticker"`
		Title  string `json:"title"`
	}
	if err := json.Unmarshal(data, &byIndex); err != nil {
		return nil, fmt.Errorf("listing %s: not SEC company_tickers.json: %v", name, err)
	}
	for _, e := range byIndex {
		l.add(Security{Symbol: e.Ticker, Company: e.Title})
	}
	return l, nil
}

func parseBundled(name string, r io.Reader) (*Listing, error) {
	sc := bufio.NewScanner(r)
	l := NewListing(name, "", nil)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "#") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(text[1:]), "date:"); ok {
				l.Date = strings.TrimSpace(v)
			}
			continue
		}
		f := strings.Split(text, "|")
		if len(f) != 3 {
			return nil, fmt.Errorf("listing %s:%d: want symbol|exchange|company, got %d fields", name, line, len(f))
		}
		l.add(Security{Symbol: f[0], Exchange: canonicalExchange(strings.TrimSpace(f[1])), Company: strings.TrimSpace(f[2])})
	}
	return l, sc.Err()
}
