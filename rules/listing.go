package rules

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Security is one listed symbol: its ticker, the exchange it trades on
// (canonically NASDAQ, NYSE, NYSE American, NYSE Arca, Cboe BZX, IEX or OTC;
// empty when the listing does not say) and the company as the listing names
// it.
type Security struct {
	Symbol   string
	Exchange string
	Company  string
	// Listed and Delisted bound when the company traded under the symbol
	// (YYYY-MM-DD), in a listing history; empty: since before the listing
	// began, or still listed.
	Listed, Delisted string
}

// tradingOn says whether the security traded on day (YYYY-MM-DD).
func (s Security) tradingOn(day string) bool {
	return (s.Listed == "" || s.Listed <= day) && (s.Delisted == "" || day < s.Delisted)
}

// Listing is a snapshot of listed securities, looked up by symbol. It is
// read-only once built and safe for concurrent use.
type Listing struct {
	Name string // where it came from: "bundled US listing", file names
	Date string // YYYY-MM-DD the snapshot was taken; empty when unknown

	bySymbol map[string][]listed
	history  bool // some security has listing dates: a symbol's past is known
}

// listed is a security with its company name normalised once, for matching.
type listed struct {
	Security
	name []string
}

// NewListing builds a listing from entries. Symbols are upper-cased,
// exchanges made canonical (see CanonicalExchange), and a symbol given twice
// on the same exchange is kept once, the first time.
func NewListing(name, date string, entries []Security) *Listing {
	l := &Listing{Name: name, Date: date, bySymbol: make(map[string][]listed, len(entries))}
	for _, e := range entries {
		l.add(e)
	}
	return l
}

func (l *Listing) add(e Security) {
	e.Symbol = strings.ToUpper(strings.TrimSpace(e.Symbol))
	e.Company = strings.TrimSpace(e.Company)
	if ex, ok := CanonicalExchange(e.Exchange); ok {
		e.Exchange = ex
	} else {
		e.Exchange = strings.TrimSpace(e.Exchange)
	}
	k := SymbolKey(e.Symbol)
	if k == "" {
		return
	}
	for _, have := range l.bySymbol[k] {
		if have.Exchange == e.Exchange && have.Listed == e.Listed && have.Delisted == e.Delisted {
			return
		}
	}
	l.history = l.history || e.Listed != "" || e.Delisted != ""
	l.bySymbol[k] = append(l.bySymbol[k], listed{Security: e, name: normalizeCompany(e.Company)})
}

// SymbolKey is the form symbols are compared in: upper case, with the
// share-class separators of the different conventions ("BRK.B", "BRK-B",
// "BRK/B", "BRK B") folded to a dot.
func SymbolKey(symbol string) string {
	s := strings.ToUpper(strings.TrimSpace(symbol))
	return strings.Map(func(r rune) rune {
		switch r {
		case '-', '/', ' ':
			return '.'
		}
		return r
	}, s)
}

// Len is the number of distinct symbols.
func (l *Listing) Len() int { return len(l.bySymbol) }

// Label names the listing for an editor: its name and, when known, its date.
func (l *Listing) Label() string {
	if l.Date == "" {
		return l.Name
	}
	return l.Name + ", " + l.Date
}

// Lookup returns what is listed under a symbol, compared case-insensitively
// and with share-class separators folded (see SymbolKey); nil when nothing is.
func (l *Listing) Lookup(symbol string) []Security {
	ls := l.bySymbol[SymbolKey(symbol)]
	if len(ls) == 0 {
		return nil
	}
	out := make([]Security, len(ls))
	for i, s := range ls {
		out[i] = s.Security
	}
	return out
}

// Entries returns every security, sorted by symbol then exchange: the form
// a listing is stored in.
func (l *Listing) Entries() []Security {
	var out []Security
	for _, ls := range l.bySymbol {
		for _, s := range ls {
			out = append(out, s.Security)
		}
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

// The verdicts, from Verify.
const (
	Listed        VerdictStatus = iota // the symbol is listed to the company named (on the exchange named, if any)
	NotListed                          // the listing has no such symbol
	OtherCompany                       // the symbol is listed, to another company
	OtherExchange                      // the symbol is the company's, but listed on another exchange than the one named
	NotListedThen                      // the symbol was the company's, but not on the day asked (a listing history)
)

// HasHistory says whether the listing knows when its securities traded.
func (l *Listing) HasHistory() bool { return l.history }

func (s VerdictStatus) String() string {
	switch s {
	case Listed:
		return "listed"
	case NotListed:
		return "not listed"
	case OtherCompany:
		return "listed to another company"
	case OtherExchange:
		return "listed on another exchange"
	case NotListedThen:
		return "not listed then"
	}
	return fmt.Sprintf("VerdictStatus(%d)", int(s))
}

// Verdict is a listing's answer about a ticker claim.
type Verdict struct {
	Status VerdictStatus
	// Listed is what the listing has under the symbol: for Listed and
	// OtherExchange the securities of the company named, for OtherCompany
	// every security under the symbol, for NotListed nothing.
	Listed []Security
}

// Verify answers whether symbol, on exchange ("" when the article names
// none), is listed for a company going by one of names: a canonical name
// and its aliases, such as "Meta", "Meta Platforms", "Facebook". Names are
// compared with CompanyMatches. With no names given only the symbol and
// exchange are checked. A listed security whose exchange the listing does
// not give (SEC company_tickers.json) agrees with any exchange.
func (l *Listing) Verify(symbol, exchange string, names []string) Verdict {
	var now []listed
	for _, s := range l.bySymbol[SymbolKey(symbol)] {
		if s.Delisted == "" {
			now = append(now, s)
		}
	}
	return l.verifyAmong(now, symbol, exchange, names)
}

// VerifyAt is Verify as of day (YYYY-MM-DD), for a listing history: a
// symbol the company traded under only before or after day is
// NotListedThen, its securities in Listed.
func (l *Listing) VerifyAt(symbol, exchange string, names []string, day string) Verdict {
	var then []listed
	all := l.bySymbol[SymbolKey(symbol)]
	for _, s := range all {
		if s.tradingOn(day) {
			then = append(then, s)
		}
	}
	v := l.verifyAmong(then, symbol, exchange, names)
	if v.Status == NotListed || v.Status == OtherCompany {
		if other := l.verifyAmong(all, symbol, exchange, names); other.Status == Listed || other.Status == OtherExchange {
			return Verdict{Status: NotListedThen, Listed: other.Listed}
		}
	}
	return v
}

func (l *Listing) verifyAmong(all []listed, symbol, exchange string, names []string) Verdict {
	if len(all) == 0 {
		return Verdict{Status: NotListed}
	}
	var norms [][]string
	for _, n := range names {
		if t := normalizeCompany(n); len(t) > 0 {
			norms = append(norms, t)
		}
	}
	var mine []Security
	for _, s := range all {
		if len(norms) == 0 || matchesAny(s.name, norms) {
			mine = append(mine, s.Security)
		}
	}
	if len(mine) == 0 {
		return Verdict{Status: OtherCompany, Listed: l.Lookup(symbol)}
	}
	if strings.TrimSpace(exchange) == "" {
		return Verdict{Status: Listed, Listed: mine}
	}
	want, ok := CanonicalExchange(exchange)
	if !ok {
		want = strings.TrimSpace(exchange)
	}
	for _, s := range mine {
		if s.Exchange == "" || s.Exchange == want {
			return Verdict{Status: Listed, Listed: mine}
		}
	}
	return Verdict{Status: OtherExchange, Listed: mine}
}

//go:embed listing/us-listed.txt
var bundledListing []byte

var (
	defaultOnce    sync.Once
	defaultListing *Listing
)

// DefaultListing is the bundled, hand-maintained snapshot of large
// US-listed companies (rules/listing/us-listed.txt), parsed once. A test
// parses it and checks every row against the exchanges' directories, so it
// cannot fail at run time.
func DefaultListing() *Listing {
	defaultOnce.Do(func() {
		l, err := ParseListing("bundled US listing", bytes.NewReader(bundledListing))
		if err != nil {
			panic("rules: the bundled listing does not parse: " + err.Error()) // TestBundledListing keeps this from happening
		}
		defaultListing = l
	})
	return defaultListing
}

// ReadListingFiles reads listing files in any format ParseListing accepts
// and merges them (nasdaqlisted.txt with otherlisted.txt, say). The merged
// listing is named after the files and dated with the newest of their
// dates; a file that carries no date (SEC JSON) counts as dated on the day
// it was last modified.
func ReadListingFiles(paths ...string) (*Listing, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("listing: no files given")
	}
	merged := NewListing("", "", nil)
	var names []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("listing: %w", err)
		}
		base := filepath.Base(p)
		l, err := ParseListing(base, f)
		if l != nil && l.Date == "" {
			if fi, serr := f.Stat(); serr == nil {
				l.Date = fi.ModTime().UTC().Format("2006-01-02")
			}
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		for _, ls := range l.bySymbol {
			for _, s := range ls {
				merged.add(s.Security)
			}
		}
		if l.Date > merged.Date {
			merged.Date = l.Date
		}
		names = append(names, base)
	}
	merged.Name = strings.Join(names, " + ")
	return merged, nil
}
