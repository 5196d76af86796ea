package rules

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// listingFormats is what an unrecognised listing is told it may be.
const listingFormats = "want NASDAQ nasdaqlisted.txt or otherlisted.txt (a \"Symbol|Security Name|...\" or \"ACT Symbol|Security Name|Exchange|...\" header), " +
	"SEC company_tickers.json or company_tickers_exchange.json, claimcheck's symbol|exchange|company rows, " +
	"or a listing history (a \"symbol,company,exchange,listed,delisted\" CSV header)"

// ParseListing reads a listing, telling its format by its first bytes:
//
//   - NASDAQ's nasdaqlisted.txt (Symbol|Security Name|Market Category|Test
//     Issue|...), every symbol on NASDAQ;
//   - NASDAQ's otherlisted.txt (ACT Symbol|Security Name|Exchange|CQS
//     Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol), exchange codes N
//     NYSE, A NYSE American, P NYSE Arca, Z Cboe BZX, V IEX;
//   - SEC company_tickers.json ({"0":{"cik_str":…,"ticker":…,"title":…}},
//     no exchange) and company_tickers_exchange.json ({"fields":[…],
//     "data":[[cik,name,ticker,exchange],…]});
//   - the bundled format: "symbol|exchange|company" rows, "#" comments, the
//     snapshot date in a "# date: YYYY-MM-DD" comment.
//
// In NASDAQ's files fields may be empty, lines may end in CRLF, test issues
// are dropped and the closing "File Creation Time: MMDDYYYYHH:MM" row dates
// the listing. name is used in errors, which give the line:
// "listing nasdaqlisted.txt:12: want 8 fields, got 3".
func ParseListing(name string, r io.Reader) (*Listing, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	first := trimmed
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	first = bytes.TrimRight(first, "\r")
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("listing %s: empty file; %s", name, listingFormats)
	case trimmed[0] == '{':
		return parseSECJSON(name, br)
	case bytes.HasPrefix(first, []byte("Symbol|")), bytes.HasPrefix(first, []byte("ACT Symbol|")):
		return parseSymbolDirectory(name, br)
	case bytes.HasPrefix(bytes.ToLower(first), []byte("symbol,company")):
		return parseHistory(name, br)
	case first[0] == '#' || bytes.Count(first, []byte("|")) == 2:
		return parseBundled(name, br)
	}
	return nil, fmt.Errorf("listing %s: unknown format; %s", name, listingFormats)
}

// lines calls fn with each line of r, numbered from 1, without its line end
// or a leading byte-order mark.
func lines(name string, r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("listing %s:%d: %w", name, n+1, err)
	}
	return nil
}

// parseSymbolDirectory reads NASDAQ's nasdaqlisted.txt or otherlisted.txt.
func parseSymbolDirectory(name string, r io.Reader) (*Listing, error) {
	l := NewListing(name, "", nil)
	var (
		header  []string
		col     = map[string]int{}
		other   bool // otherlisted.txt
		symbolC string
	)
	done := false
	err := lines(name, r, func(n int, line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		fields := strings.Split(line, "|")
		if header == nil {
			header = fields
			for i, f := range fields {
				col[strings.TrimSpace(f)] = i
			}
			symbolC = "Symbol"
			if _, ok := col["ACT Symbol"]; ok {
				other, symbolC = true, "ACT Symbol"
			}
			need := []string{symbolC, "Security Name"}
			if other {
				need = append(need, "Exchange")
			}
			for _, c := range need {
				if _, ok := col[c]; !ok {
					return fmt.Errorf("listing %s:%d: header lacks a %q column", name, n, c)
				}
			}
			return nil
		}
		if v, ok := strings.CutPrefix(fields[0], "File Creation Time:"); ok {
			v = strings.TrimSpace(v)
			t, err := time.Parse("0102200615:04", v)
			if err != nil {
				return fmt.Errorf("listing %s:%d: File Creation Time %q is not MMDDYYYYHH:MM", name, n, v)
			}
			l.Date = t.Format("2006-01-02")
			done = true
			return nil
		}
		if done {
			return fmt.Errorf("listing %s:%d: a row after the File Creation Time row", name, n)
		}
		if len(fields) != len(header) {
			return fmt.Errorf("listing %s:%d: want %d fields, got %d", name, n, len(header), len(fields))
		}
		get := func(c string) string {
			if i, ok := col[c]; ok {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		switch get("Test Issue") {
		case "Y":
			return nil
		case "", "N":
		default:
			return fmt.Errorf("listing %s:%d: Test Issue is %q, want Y or N", name, n, get("Test Issue"))
		}
		s := Security{Symbol: get(symbolC), Exchange: "NASDAQ", Company: get("Security Name")}
		if s.Symbol == "" {
			return fmt.Errorf("listing %s:%d: empty %s", name, n, symbolC)
		}
		if strings.ContainsAny(s.Symbol, " \t") {
			return fmt.Errorf("listing %s:%d: symbol %q has a space", name, n, s.Symbol)
		}
		if other {
			code := get("Exchange")
			ex, ok := otherListedExchanges[code]
			if !ok {
				return fmt.Errorf("listing %s:%d: exchange code %q, want N (NYSE), A (NYSE American), P (NYSE Arca), Z (Cboe BZX) or V (IEX)", name, n, code)
			}
			s.Exchange = ex
		}
		l.add(s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if header == nil {
		return nil, fmt.Errorf("listing %s: no header row", name)
	}
	return l, nil
}

// parseBundled reads claimcheck's own format: symbol|exchange|company.
func parseBundled(name string, r io.Reader) (*Listing, error) {
	l := NewListing(name, "", nil)
	err := lines(name, r, func(n int, line string) error {
		line = strings.TrimSpace(line)
		if line == "" {
			return nil
		}
		if c, ok := strings.CutPrefix(line, "#"); ok {
			if v, ok := strings.CutPrefix(strings.TrimSpace(c), "date:"); ok {
				v = strings.TrimSpace(v)
				if _, err := time.Parse("2006-01-02", v); err != nil {
					return fmt.Errorf("listing %s:%d: date %q is not YYYY-MM-DD", name, n, v)
				}
				l.Date = v
			}
			return nil
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			return fmt.Errorf("listing %s:%d: want 3 fields (symbol|exchange|company), got %d", name, n, len(f))
		}
		sym, exch, company := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
		switch {
		case sym == "":
			return fmt.Errorf("listing %s:%d: empty symbol", name, n)
		case strings.ContainsAny(sym, " \t"):
			return fmt.Errorf("listing %s:%d: symbol %q has a space", name, n, sym)
		case company == "":
			return fmt.Errorf("listing %s:%d: %s has no company", name, n, sym)
		}
		ex, ok := CanonicalExchange(exch)
		if !ok {
			return fmt.Errorf("listing %s:%d: unknown exchange %q, want NASDAQ, NYSE, NYSE American, NYSE Arca, Cboe BZX, IEX or OTC", name, n, exch)
		}
		l.add(Security{Symbol: sym, Exchange: ex, Company: company})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// parseSECJSON reads the SEC's company_tickers.json, an object of
// {"cik_str","ticker","title"} objects keyed "0", "1", ..., or its
// company_tickers_exchange.json, {"fields":[...],"data":[[...],...]}.
func parseSECJSON(name string, r io.Reader) (*Listing, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	lineAt := func(off int64) int {
		off = min(max(off, 0), int64(len(data)))
		// the decoder's offset is before the separator and blanks that lead
		// to the next value
		for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,:"), data[off]) >= 0 {
			off++
		}
		return 1 + bytes.Count(data[:off], []byte("\n"))
	}
	jsonErr := func(err error, off int64) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset - 1
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("listing %s:%d: JSON ends early", name, lineAt(int64(len(data))))
		}
		return fmt.Errorf("listing %s:%d: %v", name, lineAt(off), err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the opening brace, checked by ParseListing
		return nil, jsonErr(err, 0)
	}
	// offsets, not lines, are kept: counting lines is for errors only
	type row struct {
		at  int64
		raw json.RawMessage
	}
	var (
		fields    []string
		rows      []row
		fieldsAt  int64
		byIndex   []Security
		byIndexAt []int64
	)
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonErr(err, off)
		}
		key, _ := tok.(string)
		off = dec.InputOffset()
		switch key {
		case "fields":
			fieldsAt = off
			if err := dec.Decode(&fields); err != nil {
				return nil, jsonErr(err, off)
			}
		case "data":
			if t, err := dec.Token(); err != nil {
				return nil, jsonErr(err, off)
			} else if d, ok := t.(json.Delim); !ok || d != '[' {
				return nil, fmt.Errorf("listing %s:%d: \"data\" is not an array of rows", name, lineAt(off))
			}
			for dec.More() {
				off := dec.InputOffset()
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return nil, jsonErr(err, off)
				}
				rows = append(rows, row{off, raw})
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonErr(err, dec.InputOffset())
			}
		default:
			var e struct {
				Ticker *string `json:"ticker"`
				Title  *string `json:"title"`
			}
			if err := dec.Decode(&e); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return nil, fmt.Errorf("listing %s:%d: %q is not a {\"cik_str\",\"ticker\",\"title\"} object", name, lineAt(off), key)
				}
				return nil, jsonErr(err, off)
			}
			if e.Ticker == nil || e.Title == nil {
				return nil, fmt.Errorf("listing %s:%d: entry %q lacks \"ticker\" or \"title\"", name, lineAt(off), key)
			}
			byIndex = append(byIndex, Security{Symbol: *e.Ticker, Company: *e.Title})
			byIndexAt = append(byIndexAt, off)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("listing %s:%d: data after the JSON object", name, lineAt(dec.InputOffset()))
	}

	l := NewListing(name, "", nil)
	if len(byIndex) > 0 && (fields != nil || rows != nil) {
		return nil, fmt.Errorf("listing %s: mixes company_tickers.json entries with company_tickers_exchange.json fields and data", name)
	}
	for i, s := range byIndex {
		if strings.TrimSpace(s.Symbol) == "" {
			return nil, fmt.Errorf("listing %s:%d: empty ticker", name, lineAt(byIndexAt[i]))
		}
		l.add(s)
	}
	if len(byIndex) > 0 {
		return l, nil
	}
	if fields == nil {
		return nil, fmt.Errorf("listing %s: JSON without company_tickers.json entries or company_tickers_exchange.json \"fields\"", name)
	}
	idx := map[string]int{}
	for i, f := range fields {
		idx[f] = i
	}
	ti, okT := idx["ticker"]
	ni, okN := idx["name"]
	ei, okE := idx["exchange"]
	if !okT || !okN {
		return nil, fmt.Errorf("listing %s:%d: \"fields\" lacks \"ticker\" or \"name\": %q", name, lineAt(fieldsAt), fields)
	}
	for _, rw := range rows {
		var vals []json.RawMessage
		if err := json.Unmarshal(rw.raw, &vals); err != nil {
			return nil, fmt.Errorf("listing %s:%d: a row is not an array", name, lineAt(rw.at))
		}
		if len(vals) != len(fields) {
			return nil, fmt.Errorf("listing %s:%d: want %d fields, got %d", name, lineAt(rw.at), len(fields), len(vals))
		}
		str := func(i int, what string) (string, error) {
			var s *string
			if err := json.Unmarshal(vals[i], &s); err != nil {
				return "", fmt.Errorf("listing %s:%d: %s is not a string: %s", name, lineAt(rw.at), what, vals[i])
			}
			if s == nil {
				return "", nil
			}
			return strings.TrimSpace(*s), nil
		}
		var s Security
		if s.Symbol, err = str(ti, "ticker"); err != nil {
			return nil, err
		}
		if s.Company, err = str(ni, "name"); err != nil {
			return nil, err
		}
		if okE {
			if s.Exchange, err = str(ei, "exchange"); err != nil {
				return nil, err
			}
		}
		if s.Symbol == "" {
			return nil, fmt.Errorf("listing %s:%d: empty ticker", name, lineAt(rw.at))
		}
		l.add(s)
	}
	return l, nil
}

// parseHistory reads a listing history: a CSV with the header
// symbol,company,exchange,listed,delisted, one row a time a company traded
// under a symbol, the dates YYYY-MM-DD and empty when open (listed before
// the history begins, or still listed). Assembled from the exchanges'
// delisting notices and the SEC's filings, it lets a symbol be checked as
// of an article's date: one a company gave up before the article, or took
// after it, is no symbol of the company's then.
func parseHistory(name string, r io.Reader) (*Listing, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 5
	cr.TrimLeadingSpace = true
	if _, err := cr.Read(); err != nil {
		return nil, fmt.Errorf("listing %s: %w", name, err)
	}
	var entries []Security
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		for _, d := range rec[3:5] {
			if d != "" {
				if _, err := time.Parse("2006-01-02", d); err != nil {
					return nil, fmt.Errorf("listing %s:%d: date %q: want YYYY-MM-DD or empty", name, line, d)
				}
			}
		}
		if rec[3] != "" && rec[4] != "" && rec[4] <= rec[3] {
			return nil, fmt.Errorf("listing %s:%d: delisted %s is not after listed %s", name, line, rec[4], rec[3])
		}
		if strings.TrimSpace(rec[0]) == "" {
			return nil, fmt.Errorf("listing %s:%d: a row needs a symbol", name, line)
		}
		entries = append(entries, Security{Symbol: rec[0], Company: rec[1], Exchange: rec[2], Listed: rec[3], Delisted: rec[4]})
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("listing %s: no rows under the header", name)
	}
	return NewListing(name, "", entries), nil
}
