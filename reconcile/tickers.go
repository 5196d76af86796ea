package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// tickers collects ticker findings claim by claim: the same symbol given
// to the same company in several places is one finding citing them all.
type tickers struct {
	out []Finding
	at  map[string]int // fingerprint → index in out
	// tradedThen holds company and symbol pairs given in an article older
	// than the listing; unlisted holds, for a finding of a symbol missing
	// from the listing, its pair: an undated article giving a symbol the
	// corpus shows trading when it was written is read as of that time.
	tradedThen map[string]bool
	unlisted   map[int]string
}

// checkTicker verifies a ticker claim against the reference listing.
func (r *run) checkTicker(c *extract.Claim) {
	listing := r.opts.Listing
	if c.Kind != extract.KindTicker || listing == nil {
		return
	}
	checked := listing.Label()
	exchange, symbol := "", c.Value.Label
	if k := strings.LastIndexByte(symbol, ':'); k >= 0 {
		exchange, symbol = symbol[:k], symbol[k+1:]
	}
	if exchange != "" {
		canonical, covered := rules.CanonicalExchange(exchange)
		if !covered || canonical == "OTC" {
			return // a US listing cannot judge OTC, Toronto or Hong Kong symbols
		}
	}
	v := listing.Verify(symbol, exchange, r.names(c.Subject))
	if pub, ok := parseAnchor(c.Published); ok && listing.HasHistory() {
		// A listing history answers as of the article: a symbol the
		// company gave up later, or took since, is judged by its day.
		v = listing.VerifyAt(symbol, exchange, r.names(c.Subject), dayString(pub.from))
	}
	if v.Status == rules.Listed {
		return
	}
	pair := r.canon(c.Subject) + "\x00" + strings.ToUpper(symbol)
	if _, private := r.isPrivate(c.Subject); v.Status == rules.NotListed && !private {
		if r.listedSince(c) {
			// A symbol missing from a listing taken after the article may
			// have been delisted since (a company bought, renamed): without
			// the listing's history that is a note, not a finding.
			if r.tickers.tradedThen == nil {
				r.tickers.tradedThen = map[string]bool{}
			}
			r.tickers.tradedThen[pair] = true
			return
		}
	}
	undatedUnlisted := v.Status == rules.NotListed && c.Published == ""
	fingerprint := fingerprint(c)
	if k, flagged := r.tickers.at[fingerprint]; flagged {
		if !undatedUnlisted {
			delete(r.tickers.unlisted, k) // a dated article gives it too
		}
		// The same symbol for the same company elsewhere: one finding, its
		// first side every place that gives the symbol.
		f := &r.tickers.out[k]
		f.Claims = append(f.Claims, c.ID)
		s := &f.Sides[0]
		s.Claims = append(s.Claims, c.ID)
		if !slices.Contains(s.Articles, c.Article) {
			s.Articles = append(s.Articles, c.Article)
			s.Sources++
		}
		return
	}
	where := symbol
	if exchange != "" {
		where = exchange + ": " + symbol
	}
	var msg string
	sev := SeverityHigh
	switch v.Status {
	case rules.NotListed:
		msg = fmt.Sprintf("%s is not a listed symbol, yet the article gives it to %s", where, c.Subject)
	case rules.OtherCompany:
		msg = fmt.Sprintf("%s is %s, not %s", where, listedNames(v.Listed), c.Subject)
	case rules.OtherExchange:
		msg = fmt.Sprintf("%s trades on %s, not %s", symbol, listedExchanges(v.Listed), exchange)
		sev = SeverityMedium
	case rules.NotListedThen:
		msg = fmt.Sprintf("%s was not %s's symbol when the article was written (%s): %s", where, c.Subject, c.Published, listedSpans(v.Listed))
	}
	// Sides keep what the articles say apart from the proof that the
	// company is private, so that a report can quote a few of the first
	// and always the second.
	f := Finding{Type: TypeUnverifiedTicker, Kind: extract.KindTicker, Subject: c.Subject, Severity: sev, Checked: checked,
		Claims: []string{c.ID}, Fingerprint: fingerprint,
		Sides: []Side{{Value: where, Claims: []string{c.ID}, Articles: []string{c.Article}, Sources: 1}}}
	if proof, private := r.isPrivate(c.Subject); private {
		msg += "; " + c.Subject + " is private" + citeProof(&f, proof)
		if len(proof) > 0 {
			f.Sides = append(f.Sides, Side{Value: c.Subject + " is private", Claims: []string{proof[0].ID},
				Articles: []string{proof[0].Article}, Sources: 1})
		}
	}
	f.Message = msg + " (checked against " + checked + ")"
	if r.tickers.at == nil {
		r.tickers.at = map[string]int{}
	}
	if undatedUnlisted {
		if r.tickers.unlisted == nil {
			r.tickers.unlisted = map[int]string{}
		}
		r.tickers.unlisted[len(r.tickers.out)] = pair
	}
	r.tickers.at[fingerprint] = len(r.tickers.out)
	r.tickers.out = append(r.tickers.out, f)
}

// listedSpans says when the securities traded: "listed 2015-03-02 to
// 2024-06-30".
func listedSpans(ss []rules.Security) string {
	var parts []string
	for _, s := range ss {
		from, to := s.Listed, s.Delisted
		if from == "" {
			from = "before the listing began"
		}
		if to == "" {
			to = "now"
		}
		parts = append(parts, "listed "+from+" to "+to)
	}
	return strings.Join(parts, "; ")
}

// dayString writes a YYYYMMDD day number as YYYY-MM-DD.
func dayString(d int) string {
	return itoa(d/10000) + "-" + twoDigits(d/100%100) + "-" + twoDigits(d%100)
}

func fingerprint(c *extract.Claim) string {
	return strings.Join([]string{string(TypeUnverifiedTicker), fold(c.Subject), c.Value.Label}, "\x00")
}

// tickerFindings are the ticker findings, less those of undated articles
// giving a symbol the corpus shows trading when its articles were written.
func (r *run) tickerFindings() []Finding {
	var out []Finding
	for i, f := range r.tickers.out {
		if pair, ok := r.tickers.unlisted[i]; ok && r.tickers.tradedThen[pair] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// listedSince says whether the listing was taken after the claim's
// article was published.
func (r *run) listedSince(c *extract.Claim) bool {
	pub, ok := parseAnchor(c.Published)
	listed, ok2 := parseAnchor(r.opts.Listing.Date)
	return ok && ok2 && pub.to < listed.from
}

// privateStockMove flags "its stock has risen 18%" said of a company the
// corpus says is private: it has no stock to move.
func (r *run) privateStockMove(c *extract.Claim) (Finding, bool) {
	if c.Kind != extract.KindGrowth || c.Subject == "" {
		return Finding{}, false
	}
	switch c.Event {
	case "stock", "shares", "share", "share price":
	default:
		return Finding{}, false
	}
	proof, private := r.isPrivate(c.Subject)
	if !private {
		return Finding{}, false
	}
	f := Finding{Type: TypeUnverifiedTicker, Kind: extract.KindGrowth, Subject: c.Subject, Severity: SeverityMedium, Claims: []string{c.ID}}
	f.Message = fmt.Sprintf("a stock move (%s) reported for %s, which is private", DisplayValue(c.Value), c.Subject) + citeProof(&f, proof)
	f.Fingerprint = strings.Join([]string{string(TypeUnverifiedTicker), string(extract.KindGrowth), fold(c.Subject), c.Normalized}, "\x00")
	return f, true
}

// citeProof adds to f the first claim saying a company is private, and
// returns how a message quotes it; "" when the rules alone say so.
func citeProof(f *Finding, proof []*extract.Claim) string {
	if len(proof) == 0 {
		return ""
	}
	f.Claims = append(f.Claims, proof[0].ID)
	return fmt.Sprintf(" (%s: %q)", proof[0].Article, proof[0].Text)
}

func listedNames(ss []rules.Security) string {
	var names []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s.Company] {
			seen[s.Company] = true
			names = append(names, s.Company+" ("+s.Exchange+")")
		}
	}
	return strings.Join(names, " and ")
}

func listedExchanges(ss []rules.Security) string {
	var ex []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s.Exchange] {
			seen[s.Exchange] = true
			ex = append(ex, s.Exchange)
		}
	}
	return strings.Join(ex, " and ")
}
