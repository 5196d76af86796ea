package rules

import (
	"regexp"
	"strings"
	"unicode"
)

// CanonicalExchange names a US exchange the one way listings do, whatever
// way an article or a data file writes it: NASDAQ (Nasdaq, NasdaqGS,
// Nasdaq Global Select, NASDAQ Stock Market), NYSE (New York Stock
// Exchange), NYSE American (AMEX, NYSE MKT, NYSEAMERICAN), NYSE Arca,
// Cboe BZX (Cboe, CBOE, BATS), IEX and OTC (OTC Markets, OTCQX, Pink
// Sheets). It says false for a name it does not know, such as TSX or LSE.
func CanonicalExchange(name string) (string, bool) {
	k := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	k = strings.TrimSuffix(k, "llc")
	k = strings.TrimSuffix(k, "inc")
	switch {
	case k == "":
		return "", false
	case strings.HasPrefix(k, "nasdaq"):
		return "NASDAQ", true
	case k == "nyse" || k == "newyorkstockexchange" || k == "nysenational":
		return "NYSE", true
	case k == "nyseamerican" || k == "amex" || k == "nysemkt" || k == "americanstockexchange" || k == "nyseamex":
		return "NYSE American", true
	case k == "nysearca" || k == "arca":
		return "NYSE Arca", true
	case k == "cboe" || k == "cboebzx" || k == "bzx" || k == "bats" || k == "cboebzxexchange" || k == "batsbzx":
		return "Cboe BZX", true
	case k == "iex" || k == "investorsexchange":
		return "IEX", true
	case strings.HasPrefix(k, "otc") || k == "pink" || k == "pinksheets":
		return "OTC", true
	}
	return "", false
}

// otherListedExchanges are the exchange codes of NASDAQ's otherlisted.txt.
var otherListedExchanges = map[string]string{"N": "NYSE", "A": "NYSE American", "P": "NYSE Arca", "Z": "Cboe BZX", "V": "IEX"}

// Company names are compared after setting aside what says which kind of
// security or company a name is rather than which company.
var (
	// parenthesised asides: "(The)", "(DE)", "(Cayman)"
	parenRE = regexp.MustCompile(`\([^()]*\)`)
	// a rate opens the description of a preferred share or a note
	rateRE = regexp.MustCompile(`\s\$?\d[\d.,/]*%`)
	// dotted initials: "N.V.", "S.p.A.", "U.S.", "C.H." (but not "C3.ai")
	initialsRE = regexp.MustCompile(`\b\pL(?:\.\pL)+\b\.?`)

	// securityDescriptors start the part of a listed name that describes
	// the security; the name is cut where the first begins (never at its
	// first word).
	securityDescriptors = [][]string{
		{"common", "stock"}, {"common", "shares"}, {"common", "share"}, {"capital", "stock"},
		{"ordinary", "shares"}, {"ordinary", "share"},
		{"american", "depositary"}, {"american", "depository"}, {"depositary"}, {"depository"},
		{"sponsored"}, {"sponosred"}, {"unsponsored"}, {"ads"}, {"adss"}, {"adr"}, {"adrs"},
		{"new", "york", "registry"}, {"ny", "registry"}, {"registry", "shares"}, {"registered", "ordinary"},
		{"new", "common"}, {"new", "ordinary"},
		{"class", "*"}, {"series", "*"},
		{"units"}, {"unit"}, {"warrants"}, {"warrant"}, {"rights"}, {"right"},
		{"subordinate", "voting"}, {"limited", "voting"}, {"voting", "shares"},
		{"shares"}, {"share"}, {"preferred"}, {"senior", "notes"}, {"notes"},
		{"each", "representing"}, {"beneficial", "interest"},
	}

	// legalWords say what legal form a company takes, or are glue.
	legalWords = map[string]bool{
		"the": true, "and": true, "inc": true, "incorporated": true, "corp": true, "corporation": true,
		"co": true, "cos": true, "company": true, "companies": true, "ltd": true, "limited": true,
		"plc": true, "llc": true, "llp": true, "lp": true, "sa": true, "nv": true, "ag": true, "se": true,
		"spa": true, "bv": true, "ab": true, "asa": true, "oyj": true, "kk": true, "kgaa": true,
		"holdings": true, "holding": true, "group": true, "of": true, "dba": true,
	}
)

// normalizeCompany turns a company name into the words that say which
// company it is: lower case, "&" and "and" and punctuation folded away,
// apostrophes dropped ("McDonald's" is "mcdonalds"), dotted initials closed
// up ("N.V." is "nv"), the security's description cut off ("Class A Common
// Stock", "American Depositary Shares", "Units", ...), then legal forms and
// "the", "holdings", "group" dropped. A name that is nothing but such words
// keeps them.
func normalizeCompany(s string) []string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("'", "", "\u2019", "", "`", "").Replace(s)
	s = parenRE.ReplaceAllString(s, " ")
	if loc := rateRE.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	s = initialsRE.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, ".", "") })
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	words = cutDescriptor(words)
	var out []string
	for _, w := range words {
		if !legalWords[w] {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// cutDescriptor cuts words where the first security descriptor begins,
// after the first word.
func cutDescriptor(words []string) []string {
	for i := 1; i < len(words); i++ {
		for _, d := range securityDescriptors {
			if i+len(d) > len(words) {
				continue
			}
			ok := true
			for j, w := range d {
				if w == "*" {
					// "class a", "series b": one letter or number
					if len(words[i+j]) > 2 {
						ok = false
					}
				} else if words[i+j] != w {
					ok = false
				}
				if !ok {
					break
				}
			}
			if ok {
				return words[:i]
			}
		}
	}
	return words
}

// CompanyMatches says whether listed, a company as a listing names it, is
// the company called by one of names. Both sides are normalised (lower
// case; punctuation, "&" and "and" folded; security descriptors such as
// "Class A Common Stock" and legal forms such as "Inc." or "N.V." dropped),
// then they match when the words of one begin the words of the other:
// "Meta Platforms, Inc." is "Meta", "C3.ai, Inc." is "C3 AI", "Exxon Mobil"
// is "ExxonMobil". The words must end together: "Mercer International" is
// not "Mercor" and "Coherent" is not "Cohere". A name may also be the
// initials of the other ("IBM", "PG&E"). Aliases are not guessed:
// "Alphabet" is "Google" only when "Google" is among names.
func CompanyMatches(listed string, names ...string) bool {
	lt := normalizeCompany(listed)
	if len(lt) == 0 {
		return false
	}
	for _, n := range names {
		if nt := normalizeCompany(n); len(nt) > 0 && sameCompany(lt, nt) {
			return true
		}
	}
	return false
}

func matchesAny(listed []string, names [][]string) bool {
	if len(listed) == 0 {
		return false
	}
	for _, n := range names {
		if sameCompany(listed, n) {
			return true
		}
	}
	return false
}

// sameCompany says whether two normalised names name the same company:
// one begins the other (wordsPrefix), or one is the initials of the other
// ("PG&E" and "Pacific Gas & Electric", "IBM" and "International Business
// Machines").
func sameCompany(a, b []string) bool {
	return wordsPrefix(a, b) || initialism(a, b) || initialism(b, a)
}

// initialism says whether short, run together, is three to five letters that
// are the initials of every word of long.
func initialism(short, long []string) bool {
	acr := strings.Join(short, "")
	if len(acr) < 3 || len(acr) > 5 || len(long) != len(acr) {
		return false
	}
	for i, w := range long {
		if w == "" || acr[i] != w[0] || !unicode.IsLetter(rune(acr[i])) {
			return false
		}
	}
	return true
}

// wordsPrefix says whether the words of a, run together, begin the words of
// b run together, or the other way round, ending where a word ends on both
// sides; so spacing inside a name ("C3 AI", "C3.ai") does not matter but
// word ends do.
func wordsPrefix(a, b []string) bool {
	sa, sb := strings.Join(a, ""), strings.Join(b, "")
	short, long, longWords := sa, sb, b
	if len(sa) > len(sb) {
		short, long, longWords = sb, sa, a
	}
	if short == "" || !strings.HasPrefix(long, short) {
		return false
	}
	end := 0
	for _, w := range longWords {
		end += len(w)
		if end == len(short) {
			return true
		}
		if end > len(short) {
			return false
		}
	}
	return false
}
