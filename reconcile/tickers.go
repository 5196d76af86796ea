package reconcile

import (
	"fmt"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// checkTickers verifies every ticker claim against the reference listing,
// and flags stock moves reported for companies the corpus says are private.
func (r *run) checkTickers(cs []*extract.Claim) []Finding {
	var out []Finding
	listing := r.opts.Listing
	checked := ""
	if listing != nil {
		checked = listing.Name
		if listing.Date != "" {
			checked += ", " + listing.Date
		}
	}
	flagged := map[string]bool{}
	for _, c := range cs {
		if c.Kind != extract.KindTicker || listing == nil {
			continue
		}
		exchange, symbol := "", c.Value.Label
		if k := strings.LastIndexByte(symbol, ':'); k >= 0 {
			exchange, symbol = symbol[:k], symbol[k+1:]
		}
		if exchange != "" {
			canonical, covered := rules.CanonicalExchange(exchange)
			if !covered || canonical == "OTC" {
				continue // a US listing cannot judge OTC, Toronto or Hong Kong symbols
			}
		}
		v := listing.Verify(symbol, exchange, r.names(c.Subject))
		if v.Status == rules.Listed {
			continue
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
		}
		evidence := []*extract.Claim{c}
		if proof, private := r.isPrivate(c.Subject); private {
			msg += "; " + c.Subject + " is private"
			if len(proof) > 0 {
				msg += fmt.Sprintf(" (%s: %q)", proof[0].Article, proof[0].Text)
				evidence = append(evidence, proof[0])
			}
		}
		msg += " (checked against " + checked + ")"
		f := Finding{Type: TypeUnverifiedTicker, Kind: extract.KindTicker, Subject: c.Subject, Severity: sev, Message: msg, Checked: checked}
		for _, e := range evidence {
			f.Claims = append(f.Claims, e.ID)
		}
		f.Fingerprint = strings.Join([]string{string(TypeUnverifiedTicker), fold(c.Subject), c.Value.Label}, "\x00")
		if flagged[f.Fingerprint] {
			// the same symbol for the same company elsewhere: one finding citing all
			for k := range out {
				if out[k].Fingerprint == f.Fingerprint {
					out[k].Claims = append(out[k].Claims, c.ID)
				}
			}
			continue
		}
		flagged[f.Fingerprint] = true
		out = append(out, f)
	}
	return out
}

// privateStockMoves flags "its stock has risen 18%" said of a company the
// corpus says is private: it has no stock to move.
func (r *run) privateStockMoves(cs []*extract.Claim) []Finding {
	var out []Finding
	for _, c := range cs {
		if c.Kind != extract.KindGrowth || c.Subject == "" {
			continue
		}
		switch c.Event {
		case "stock", "shares", "share", "share price":
		default:
			continue
		}
		proof, private := r.isPrivate(c.Subject)
		if !private {
			continue
		}
		msg := fmt.Sprintf("a stock move (%s) reported for %s, which is private", DisplayValue(c.Value), c.Subject)
		f := Finding{Type: TypeUnverifiedTicker, Kind: extract.KindGrowth, Subject: c.Subject, Severity: SeverityMedium, Claims: []string{c.ID}}
		if len(proof) > 0 {
			msg += fmt.Sprintf(" (%s: %q)", proof[0].Article, proof[0].Text)
			f.Claims = append(f.Claims, proof[0].ID)
		}
		f.Message = msg
		f.Fingerprint = strings.Join([]string{string(TypeUnverifiedTicker), string(extract.KindGrowth), fold(c.Subject), c.Normalized}, "\x00")
		out = append(out, f)
	}
	return out
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
