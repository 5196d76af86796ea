package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimcheck/claimcheck/rules"
)

// refKind says whether a mention names an entity or refers back to one.
type refKind int

const (
	refName       refKind = iota
	refPronoun            // it, its
	refDescriptor         // the company, the data-labeling firm
)

// entMention is an entity named or referred to in a sentence.
type entMention struct {
	start, end int // byte span in the sentence
	tok0, tok1 int // token span [tok0, tok1)
	name       string
	typ        rules.EntityType
	ref        refKind
	possessive bool   // followed by 's
	known      bool   // from the rules, not discovered
	head       string // a descriptor's head noun: "startup" in "the AI startup"
}

// knownEntity is what the index keeps of an entity of the rules: a rule
// set may list hundreds of thousands, so no more than lookups need.
type knownEntity struct {
	name string
	typ  rules.EntityType
}

// entityIndex finds known entities by their token sequences.
type entityIndex struct {
	firsts        map[string]bool         // the first token of every alias and leader's name
	byKey         map[string]*knownEntity // alias tokens joined by \x00
	byName        map[string]*knownEntity
	maxTokens     int
	people        map[string]string // leader's name (tokens joined) → organisation
	notEntity     map[string]bool
	descriptors   map[string]bool
	nameTails     map[string]bool // end a name though alone they name nothing
	marketWords   map[string]bool
	suffixes      map[string]bool
	places        map[string]bool // nationalities, places, regions: never a party
	units         map[string]bool // unit, division...: parts of a company
	orgWords      map[string]bool // Robotics, Capital...: end a company's name
	subordinators map[string]bool // when, while...: open a clause of its own
	// the lexicon's word sets of those names
	companyVerbs, timeAdverbs, productNouns, symbolWords, nameStop, siteNouns map[string]bool
	words                                                                     *wordCache
}

func newEntityIndex(set *rules.Set, words *wordCache) *entityIndex {
	aliases := 0
	for _, e := range set.Entities {
		aliases += 1 + len(e.Aliases)
	}
	// Sized once: a rule set may list hundreds of thousands of entities,
	// and growing maps that large rehashes them again and again.
	ix := &entityIndex{words: words,
		firsts: make(map[string]bool, aliases), byKey: make(map[string]*knownEntity, aliases),
		byName: make(map[string]*knownEntity, len(set.Entities)), people: map[string]string{},
		notEntity: wordSet(set.Lexicon.NotEntities, false), nameTails: wordSet(set.Lexicon.NameTails, false), descriptors: wordSet(set.Lexicon.Descriptors, true),
		marketWords:  wordSet(set.Lexicon.MarketWords, true),
		suffixes:     wordSet(set.Lexicon.OrgSuffixes, false),
		places:       wordSet(set.Lexicon.Places, false),
		companyVerbs: wordSet(set.Lexicon.CompanyVerbs, true), timeAdverbs: wordSet(set.Lexicon.TimeAdverbs, true),
		productNouns: wordSet(set.Lexicon.ProductNouns, true), symbolWords: wordSet(set.Lexicon.SymbolWords, true),
		nameStop:      wordSet(set.Lexicon.NameStop, true),
		siteNouns:     wordSet(set.Lexicon.SiteNouns, true),
		units:         wordSet(set.Lexicon.Units, true),
		orgWords:      wordSet(set.Lexicon.OrgWords, false),
		subordinators: wordSet(set.Lexicon.Subordinators, true),
	}
	for _, e := range set.Entities {
		k := &knownEntity{name: e.Name, typ: e.Type}
		ix.byName[e.Name] = k
		ix.addKey(e.Name, k)
		for _, a := range e.Aliases {
			ix.addKey(a, k)
		}
		for _, p := range e.People {
			k := ix.tokenKey(p)
			ix.people[k] = e.Name
			first, _, _ := strings.Cut(k, "\x00")
			ix.firsts[first] = true
		}
	}
	return ix
}

func wordSet(words []string, fold bool) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		if fold {
			w = strings.ToLower(w)
		}
		m[w] = true
	}
	return m
}

func (ix *entityIndex) tokenKey(s string) string {
	toks, _ := ix.words.tokenize(s, nil)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = foldQuotes(t.Text)
	}
	return strings.Join(parts, "\x00")
}

func (ix *entityIndex) addKey(alias string, k *knownEntity) {
	key := ix.tokenKey(alias)
	if key == "" {
		return
	}
	ix.byKey[key] = k
	first, _, _ := strings.Cut(key, "\x00")
	ix.firsts[first] = true
	if n := strings.Count(key, "\x00") + 1; n > ix.maxTokens {
		ix.maxTokens = n
	}
}

func foldQuotes(s string) string {
	// Every curly quote starts with byte 0xE2: most tokens hold none.
	if strings.IndexByte(s, 0xE2) < 0 || !strings.ContainsAny(s, "\u2018\u2019\u201c\u201d") {
		return s
	}
	return quoteFolder.Replace(s)
}

var quoteFolder = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`)

func isPossessive(t string) bool {
	t = foldQuotes(t)
	return t == "'s" || t == "'"
}

// isCapitalised says whether a token can be part of a name: an initial
// capital ("Scale"), or an inner one ("xAI", "iMerit").
func isCapitalised(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsUpper(r) {
		return true
	}
	if !unicode.IsLower(r) {
		// "23andMe" is a name; "14.3B" and "3D" are not
		return unicode.IsDigit(r) && strings.IndexFunc(t, unicode.IsUpper) > 0 && strings.IndexFunc(t, unicode.IsLower) > 0
	}
	return strings.IndexFunc(t[1:], unicode.IsUpper) >= 0
}

// find returns the entities named or referred to in a sentence. caps is the
// set of capitalised words the article uses inside sentences: a capitalised
// word that opens a sentence, or stands in a headline, is a name only when
// the article also writes it capitalised elsewhere.
func (ix *entityIndex) find(s string, toks []Token, heading bool, caps map[string]bool) []entMention {
	var out []entMention
	title := heading && (titleCase(s, toks) || headingCase(toks))
	for i := 0; i < len(toks); {
		if m, n := ix.known(s, toks, i); n > 0 {
			out = append(out, m)
			i += n
			continue
		}
		if m, n := ix.leaderCompany(s, toks, i); n > 0 {
			out = append(out, m)
			i += n
			continue
		}
		if m, n := ix.reference(s, toks, i); n > 0 {
			out = append(out, m)
			i += n
			continue
		}
		if m, n := ix.discover(s, toks, i, title, caps); n > 0 {
			if m.name != "" {
				out = append(out, m) // else n words that name nothing
			}
			i += n
			continue
		}
		i++
	}
	return out
}

func (ix *entityIndex) known(s string, toks []Token, i int) (entMention, int) {
	if !ix.firsts[foldQuotes(toks[i].Text)] {
		return entMention{}, 0
	}
	// The keys of the first 1, 2, ... tokens are prefixes of one string.
	var keyBuf [128]byte
	var endBuf [16]int
	key, ends := keyBuf[:0], endBuf[:0]
	for j := 0; j < min(ix.maxTokens, len(toks)-i); j++ {
		if j > 0 {
			key = append(key, 0)
		}
		key = append(key, foldQuotes(toks[i+j].Text)...)
		ends = append(ends, len(key))
	}
	for n := len(ends); n >= 1; n-- {
		k, ok := ix.byKey[string(key[:ends[n-1]])]
		if !ok {
			continue
		}
		m := entMention{start: toks[i].Start, end: toks[i+n-1].End, tok0: i, tok1: i + n, name: k.name, typ: k.typ, known: true}
		if i+n < len(toks) && isPossessive(toks[i+n].Text) {
			m.possessive = true
			m.tok1++
		}
		return m, m.tok1 - i
	}
	return entMention{}, 0
}

// leaderCompany reads "Mark Zuckerberg's company" as the company he leads.
func (ix *entityIndex) leaderCompany(s string, toks []Token, i int) (entMention, int) {
	if !ix.firsts[toks[i].Text] {
		return entMention{}, 0
	}
	for n := 1; n <= 3 && i+n+1 < len(toks); n++ {
		parts := make([]string, n)
		for j := 0; j < n; j++ {
			parts[j] = toks[i+j].Text
		}
		org, ok := ix.people[strings.Join(parts, "\x00")]
		if !ok || !isPossessive(toks[i+n].Text) {
			continue
		}
		for j := i + n + 1; j < len(toks) && j <= i+n+3; j++ {
			if ix.descriptors[strings.ToLower(toks[j].Text)] {
				k := ix.byName[org]
				return entMention{start: toks[i].Start, end: toks[j].End, tok0: i, tok1: j + 1, name: org, typ: k.typ, known: true}, j + 1 - i
			}
		}
	}
	return entMention{}, 0
}

// reference reads "its", "it" and "the (data-labeling) firm".
func (ix *entityIndex) reference(s string, toks []Token, i int) (entMention, int) {
	w := strings.ToLower(toks[i].Text)
	switch w {
	case "its", "it":
		return entMention{start: toks[i].Start, end: toks[i].End, tok0: i, tok1: i + 1, ref: refPronoun, possessive: w == "its"}, 1
	case "the":
		for j := i + 1; j < len(toks) && j <= i+5; j++ {
			t := toks[j].Text
			if ix.descriptors[strings.ToLower(t)] {
				m := entMention{start: toks[i].Start, end: toks[j].End, tok0: i, tok1: j + 1, ref: refDescriptor, head: headNoun(t)}
				if j+1 < len(toks) && isPossessive(toks[j+1].Text) {
					m.possessive = true
					m.tok1++
				}
				return m, m.tok1 - i
			}
			// "the privately held U.S. freight-matching startup", "the
			// ChatGPT maker", "the Call of Duty publisher": a place or a
			// product may modify the descriptor.
			if !isWord(t) && t != "-" {
				break
			}
		}
	}
	return entMention{}, 0
}

func (ix *entityIndex) discover(s string, toks []Token, i int, title bool, caps map[string]bool) (entMention, int) {
	t := toks[i].Text
	// "Series C" names a funding round, not a party.
	if t == "Series" && i+1 < len(toks) && len(toks[i+1].Text) == 1 && isCapitalised(toks[i+1].Text) {
		return entMention{}, 2
	}
	// A sentence's last word can keep its full stop ("in May."): the word
	// is what the lexicon lists.
	if !isCapitalised(t) || !isWord(t) || ix.notEntity[t] || ix.notEntity[strings.TrimSuffix(t, ".")] || isAllDigits(t) || notNameToken(t) {
		return entMention{}, 0
	}
	// A short all-capitals word in parentheses is a ticker or an acronym,
	// and so is one named as a symbol: "under the ticker QLLN".
	if strings.ToUpper(t) == t && (i > 0 && toks[i-1].Text == "(" && i+1 < len(toks) && (toks[i+1].Text == ")" || toks[i+1].Text == ":") ||
		i > 0 && ix.symbolWords[strings.ToLower(toks[i-1].Text)]) {
		return entMention{}, 0
	}
	j := i
	for j < len(toks) {
		w := toks[j].Text
		if j > i {
			if _, n := ix.known(s, toks, j); n > 0 {
				break // "Rival Cohere": the known name stands alone
			}
			// In a Title-Case headline every word is capitalised: a name
			// goes on only with words the article capitalises in its
			// sentences ("Orbis Completes Takeover" holds "Orbis").
			if title && !caps[w] && !ix.suffixes[w] && !ix.nameTails[w] {
				break
			}
		}
		switch {
		case isCapitalised(w) && isWord(w) && !notNameToken(w) && (j == i || !ix.notEntity[w] || ix.suffixes[w] || ix.nameTails[w] || ix.orgWords[w] && j > i):
			j++
			continue
		case (w == "&" || w == "of") && j > i && j+1 < len(toks) && isCapitalised(toks[j+1].Text) && !ix.notEntity[toks[j+1].Text]:
			j++
			continue
		case isAllDigits(w) && j > i && j-i < 3 && len(w) <= 2:
			j++ // "Llama 4", "SOC 2"
			continue
		}
		break
	}
	// "Insurer Aetna", "Chipmaker Corvex": a descriptor opening the run
	// describes the name that follows.
	if j-i >= 2 && ix.descriptors[strings.ToLower(t)] {
		return entMention{}, 1
	}
	// Trim a trailing corporate suffix and connector.
	end := j
	for end > i+1 && (ix.suffixes[toks[end-1].Text] || toks[end-1].Text == "of" || toks[end-1].Text == "&") {
		end--
	}
	// "Widget Systems, Inc. (NYSE: WDG) said": a legal suffix after a
	// comma belongs to the name before it.
	if j > i && j+1 < len(toks) && toks[j].Text == "," && ix.suffixes[toks[j+1].Text] {
		j += 2
	}
	opens := i == 0 || toks[i-1].Text == `"` || toks[i-1].Text == "\u201c" || toks[i-1].Text == "(" || toks[i-1].Text == ":" || toks[i-1].Text == "-"
	possessive := j < len(toks) && isPossessive(toks[j].Text)
	switch {
	case title && !caps[t]:
		return entMention{}, j - i
	case i > 0 && isDeterminer(toks[i-1].Text) && ix.describedNext(toks, j, 3, false),
		ix.describedNext(toks, j, 3, false) && ix.nameAfterDescriptor(toks, j, 3):
		// "the San Francisco data-labeling startup", "Spanish battery maker
		// Brisa": a place, a nationality or a sector modifying a
		// descriptor is no party.
		return entMention{}, j - i
	case opens && !caps[t] && j-i < 2 && !possessive && !(j < len(toks) && (ix.actsNext(toks, j) || symbolGloss(toks, j) ||
		toks[j].Text == "," && j+1 < len(toks) && isDeterminer(toks[j+1].Text) && ix.describedNext(toks, j+2, 5, true))):
		// A capitalised word opening a sentence is a name only when the
		// article capitalises it elsewhere, it is one of several, a verb
		// follows it ("Orbital invested", "Orbital reportedly said"), or
		// its stock symbol does ("Quillon (NASDAQ: QLLN)").
		return entMention{}, j - i
	}
	// "the Claude chatbot", "a Llama model": a name modifying a common noun
	// is a product or brand, not a party.
	if i > 0 && j < len(toks) && isDeterminer(toks[i-1].Text) && ix.productNouns[strings.ToLower(toks[j].Text)] && !possessive {
		return entMention{}, j - i
	}
	// "its Dayton facility", "the company's Ohio plant": a name modifying
	// a site is where the site is.
	if i > 0 && j < len(toks) && !possessive && ix.siteNouns[strings.ToLower(toks[j].Text)] &&
		(isDeterminer(toks[i-1].Text) || isPossessive(toks[i-1].Text) || ix.possessivePronoun(toks[i-1].Text)) {
		return entMention{}, j - i
	}
	name := s[toks[i].Start:toks[end-1].End]
	m := entMention{start: toks[i].Start, end: toks[j-1].End, tok0: i, tok1: j, name: name, typ: rules.EntityOrg}
	if possessive {
		m.possessive = true
		m.tok1++
	}
	return m, m.tok1 - i
}

// orgName says whether a name ends as only an organisation's does.
func (ix *entityIndex) orgName(name string) bool {
	f := strings.Fields(name)
	return len(f) > 0 && (ix.orgWords[f[len(f)-1]] || ix.suffixes[f[len(f)-1]] || ix.nameTails[f[len(f)-1]])
}

// headNoun folds a descriptor for comparison: "Start-up" is "startup".
func headNoun(t string) string {
	return strings.ReplaceAll(strings.ToLower(t), "-", "")
}

// notNameToken says whether a capitalised token is a figure or a period,
// never part of a name: "US$68.7bn", "FY2024", "Q3", "H1".
func notNameToken(t string) bool {
	if containsAny(t, "$:", "€", "£", "¥") {
		return true // a figure, or a listing ("NasdaqGS:MSFT")
	}
	if a, b, ok := strings.Cut(t, "-"); ok && monthNum(a) > 0 && monthNum(b) > 0 {
		return true // "July-September": a span of months
	}
	if productCode(t) {
		return true // "TSX-204", "GPT-4", "F-35": a compound's or product's code
	}
	rest := t
	switch {
	case strings.HasPrefix(t, "FY"):
		rest = t[2:]
	case len(t) >= 2 && (t[0] == 'Q' && t[1] >= '1' && t[1] <= '4' || t[0] == 'H' && (t[1] == '1' || t[1] == '2')):
		rest = t[2:]
	default:
		return false
	}
	return isAllDigits(rest) || rest == ""
}

// productCode says whether t is written as a compound's or product's
// code: one to five capitals, a hyphen, digits and at most one letter
// ("TSX-204", "GPT-4", "AZD-1222b").
func productCode(t string) bool {
	return productCodeRe.MatchString(t)
}

var productCodeRe = regexp.MustCompile(`^[A-Z]{1,5}-[0-9]+[A-Za-z]?$`)

// describedNext says whether a descriptor ("startup", "firm") stands among
// the next n words from j, with only words between (lower-case ones unless
// anyCase): the words before it describe a company rather than name one.
func (ix *entityIndex) describedNext(toks []Token, j, n int, anyCase bool) bool {
	for k := j; k < len(toks) && k < j+n; k++ {
		w := toks[k].Text
		if ix.descriptors[strings.ToLower(w)] {
			return true
		}
		if !isWord(w) || !anyCase && !startsLowerWord(w) {
			return false
		}
	}
	return false
}

// nameAfterDescriptor says whether a capitalised word follows the
// descriptor found within n words from j: "battery maker Brisa".
func (ix *entityIndex) nameAfterDescriptor(toks []Token, j, n int) bool {
	for k := j; k < len(toks) && k < j+n; k++ {
		if ix.descriptors[strings.ToLower(toks[k].Text)] {
			return k+1 < len(toks) && isCapitalised(toks[k+1].Text) && isWord(toks[k+1].Text)
		}
	}
	return false
}

// symbolGloss says whether the words at j are a parenthesis opening on a
// stock symbol or an exchange: "(NASDAQ: QLLN)", "(QLLN)".
func symbolGloss(toks []Token, j int) bool {
	if j+2 >= len(toks) || toks[j].Text != "(" {
		return false
	}
	w := toks[j+1].Text
	return isWord(w) && len(w) >= 2 && len(w) <= 6 && strings.ToUpper(w) == w && !isAllDigits(w) &&
		(toks[j+2].Text == ")" || toks[j+2].Text == ":")
}

// actsNext says whether the words at j read as a verb, perhaps after an
// adverb: what follows a company's name more than a common word's.
func (ix *entityIndex) actsNext(toks []Token, j int) bool {
	w := strings.ToLower(toks[j].Text)
	if (strings.HasSuffix(w, "ly") || ix.timeAdverbs[w]) && j+1 < len(toks) {
		w = strings.ToLower(toks[j+1].Text)
	}
	if ix.companyVerbs[w] {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && startsLowerWord(toks[j].Text)
}

func startsLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func isDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an":
		return true
	}
	return false
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// capsInside collects the capitalised words a sentence uses after its first
// word, outside headlines, and the first word of a several-word name that
// opens it and acts ("Pinecrest Software eliminated"): the article writes
// that word as a name wherever it stands.
func (ix *entityIndex) capsInside(toks []Token, caps map[string]bool) {
	// A list item's marker ("- Buy: ...") opens it as a sentence opens.
	if len(toks) > 1 && (toks[0].Text == "-" || toks[0].Text == "*" || toks[0].Text == "•" || toks[0].Text == "+") {
		toks = toks[1:]
	}
	k := 0
	for k < len(toks) && isCapitalised(toks[k].Text) && isWord(toks[k].Text) {
		k++
	}
	if k >= 2 && k < len(toks) && ix.actsNext(toks, k) {
		caps[toks[0].Text] = true
	}
	for i := 1; i < len(toks); i++ {
		if isCapitalised(toks[i].Text) && isWord(toks[i].Text) {
			p := toks[i-1].Text
			if p == `"` || p == "\u201c" || p == ":" {
				continue
			}
			caps[toks[i].Text] = true
		}
	}
}

// marketAt reads the market a market word at token i names: "the AI chip
// industry", "the market for AI data services".
func (ix *entityIndex) marketAt(s string, toks []Token, i int) (string, bool) {
	if !ix.marketWords[strings.ToLower(toks[i].Text)] {
		return "", false
	}
	head := strings.ToLower(toks[i].Text)
	// "market for X": up to four words after "for".
	if i+2 < len(toks) && strings.EqualFold(toks[i+1].Text, "for") {
		j := i + 2
		for j < len(toks) && j < i+6 && isWord(toks[j].Text) && !ix.nameStop[strings.ToLower(toks[j].Text)] {
			j++
		}
		if j > i+2 {
			return s[toks[i+2].Start:toks[j-1].End] + " " + head, true
		}
	}
	// "X market": modifiers before, back to a determiner, number or punctuation.
	j := i
	for j > 0 && j > i-5 {
		w := toks[j-1].Text
		if !isWord(w) || ix.nameStop[strings.ToLower(w)] || isAllDigits(strings.ReplaceAll(strings.ReplaceAll(w, ".", ""), ",", "")) ||
			scales[strings.ToLower(w)] > 0 || isPossessive(w) {
			break
		}
		j--
	}
	if j == i {
		return "", false
	}
	return s[toks[j].Start:toks[i].End], true
}

// canonicalOrg strips corporate suffixes: "Acme Corp." is Acme.
func (ix *entityIndex) canonicalOrg(name string) string {
	for {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 || !ix.suffixes[strings.TrimSuffix(name[i+1:], ",")] {
			return strings.TrimSuffix(name, ",")
		}
		name = strings.TrimSuffix(name[:i], ",")
	}
}

// possessivePronoun says whether w is "its", "their", "his" or "her".
func (ix *entityIndex) possessivePronoun(w string) bool {
	switch strings.ToLower(w) {
	case "its", "their", "his", "her", "our":
		return true
	}
	return false
}
