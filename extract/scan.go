package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Go's regular expressions look for a match by trying every position of the
// text in turn, and most patterns here (`\b(?:grew|rose|...)`) give it no
// literal prefix to skip ahead with: that was most of extraction's time. A
// scanner derives from each pattern's syntax the literals every match must
// start with, finds all of them in a sentence in one pass (Aho-Corasick over
// the lower-cased text), and runs a pattern only where one of them starts,
// anchored there. The matches are the ones the pattern finds on its own.

const (
	maxPrefixes   = 64 // literals kept per pattern
	maxPrefixLen  = 16 // bytes kept per literal
	maxClassRunes = 24 // a larger character class ends a prefix
)

// scanPattern is a pattern with what the scanner knows about it.
type scanPattern struct {
	re       *regexp.Regexp
	atStart  *regexp.Regexp // ^(?:re): a match at the start of the text
	inside   *regexp.Regexp // ^(?s:.)(?:re): a match after one rune of context
	boundary bool           // every match starts at a word boundary (\b)
	maxLen   int            // the longest match in bytes, -1 when unbounded
	// gate: no literal starts every match, but every match contains one
	// of the pattern's literals: where none is found, the pattern cannot
	// match; where one is, it runs on the whole text.
	gate bool
	// need, when not -1, lists (in scanned.cands) where the literals
	// every match contains start, when they are not the ones a match
	// starts with: "\b(\d+) (?:million|billion) dollars" starts at every
	// digit, but only sentences with "million" or "billion" can hold one,
	// and only before the last of them.
	need int
}

// scanner finds where each of a set of patterns can start a match.
type scanner struct {
	ids  map[*regexp.Regexp]int
	pats []scanPattern
	ac   automaton
	// lits are the literals of each pattern: one starts (or, for a
	// gate, stands in) every match.
	lits  map[*regexp.Regexp][]string
	lists int // candidate lists: one per pattern, one per need
}

func newScanner(res []*regexp.Regexp) *scanner {
	sc := &scanner{ids: map[*regexp.Regexp]int{}, lits: map[*regexp.Regexp][]string{}}
	var lits []acLiteral
	var needs [][]string
	for _, re := range res {
		if _, seen := sc.ids[re]; seen {
			continue
		}
		p, prefixes, ok := newScanPattern(re)
		if !ok {
			if prefixes = requiredLiterals(re.String()); prefixes == nil {
				continue // the pattern runs on the whole text
			}
			p = scanPattern{re: re, gate: true, need: -1}
		} else if req := requiredLiterals(re.String()); req != nil && !sameSet(req, prefixes) {
			p.need = len(needs)
			needs = append(needs, req)
		}
		id := len(sc.pats)
		sc.ids[re] = id
		sc.lits[re] = prefixes
		sc.pats = append(sc.pats, p)
		for _, l := range prefixes {
			lits = append(lits, acLiteral{text: l, list: id, boundary: p.boundary})
		}
	}
	// The lists of needed literals follow the patterns' own.
	for i := range sc.pats {
		if p := &sc.pats[i]; p.need >= 0 {
			p.need += len(sc.pats)
			for _, l := range needs[p.need-len(sc.pats)] {
				lits = append(lits, acLiteral{text: l, list: p.need})
			}
		}
	}
	sc.lists = len(sc.pats) + len(needs)
	sc.ac = newAutomaton(lits)
	return sc
}

// sameSet says whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

func newScanPattern(re *regexp.Regexp) (scanPattern, []string, bool) {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return scanPattern{}, nil, false
	}
	tree = tree.Simplify()
	lits, _ := prefixes(tree)
	if slices.Contains(lits, "") {
		return scanPattern{}, nil, false
	}
	atStart, err1 := regexp.Compile(`^(?:` + re.String() + `)`)
	inside, err2 := regexp.Compile(`^(?s:.)(?:` + re.String() + `)`)
	if err1 != nil || err2 != nil || atStart.NumSubexp() != re.NumSubexp() || inside.NumSubexp() != re.NumSubexp() {
		return scanPattern{}, nil, false
	}
	p := scanPattern{re: re, atStart: atStart, inside: inside, boundary: startsWithBoundary(tree), maxLen: maxLen(tree), need: -1}
	return p, minimalPrefixes(lits), true
}

// scanned is a sentence with the places its patterns can start a match.
type scanned struct {
	sc    *scanner
	text  string
	lower string // text lower-cased, byte for byte where plain
	// plain: every rune lower-cases to one of the same width and folds to
	// no ASCII letter (no Kelvin sign, no long s), and the text is valid
	// UTF-8, so lower's offsets are text's and a literal found in lower is
	// every place a case-folded literal matches in text. Other texts run
	// every pattern on the whole text.
	plain   bool
	cands   [][]int // by pattern id: where a match can start, ascending; then by need
	touched []int32 // the lists of cands that are not empty
}

// scan prepares text; it reuses the buffers of buf.
func (sc *scanner) scan(text string, buf *scanned) *scanned {
	buf.sc, buf.text = sc, text
	buf.lower, buf.plain = lowerPlain(text)
	// Only the lists the last text filled need emptying: most of them
	// stay empty.
	all := buf.cands[:cap(buf.cands)]
	for _, l := range buf.touched {
		all[l] = all[l][:0]
	}
	buf.touched = buf.touched[:0]
	if cap(buf.cands) < sc.lists {
		buf.cands = make([][]int, sc.lists)
	}
	buf.cands = buf.cands[:sc.lists]
	if buf.plain {
		buf.touched = sc.ac.find(buf.lower, buf.cands, buf.touched)
	}
	return buf
}

// lowerPlain lower-cases s rune by rune and says whether s is plain.
func lowerPlain(s string) (string, bool) {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s, true
		}
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b), true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !plainRune(r) {
			return strings.ToLower(s), false
		}
		b = utf8.AppendRune(b, lowerRune(r))
		i += n
	}
	return string(b), true
}

// plainRune says whether r lower-cases to a rune of its width and, unless
// ASCII, folds to no ASCII letter.
func plainRune(r rune) bool {
	if r < utf8.RuneSelf {
		return true
	}
	if utf8.RuneLen(unicode.ToLower(r)) != utf8.RuneLen(r) {
		return false
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// prefiltered says whether re runs only where its literals start.
func (s *scanned) prefiltered(re *regexp.Regexp) bool {
	_, ok := s.sc.ids[re]
	return ok && s.plain
}

// findAll is re.FindAllStringSubmatchIndex(s.text, -1), or with submatch
// false re.FindAllStringIndex.
func (s *scanned) findAll(re *regexp.Regexp, submatch bool) [][]int {
	id, ok := s.sc.ids[re]
	if !ok || !s.plain {
		if submatch {
			return re.FindAllStringSubmatchIndex(s.text, -1)
		}
		return re.FindAllStringIndex(s.text, -1)
	}
	p := &s.sc.pats[id]
	if p.gate {
		if len(s.cands[id]) == 0 {
			return nil
		}
		if submatch {
			return re.FindAllStringSubmatchIndex(s.text, -1)
		}
		return re.FindAllStringIndex(s.text, -1)
	}
	last, ok := s.lastNeeded(p)
	if !ok {
		return nil
	}
	var out [][]int
	pos := 0
	for _, at := range s.cands[id] {
		if at > last {
			break
		}
		if at < pos || p.boundary && !wordBoundary(s.text, at) {
			continue
		}
		// Every match is non-empty (it starts with a literal), so the
		// next one starts where this one ends or later, as in FindAll.
		if loc := p.matchAt(s.text, at, submatch); loc != nil {
			out = append(out, loc)
			pos = loc[1]
		}
	}
	return out
}

// findAllIf is findAll when ok, else nothing: for a caller that knows from
// a cheaper test that re cannot match.
func (s *scanned) findAllIf(ok bool, re *regexp.Regexp, submatch bool) [][]int {
	if !ok {
		return nil
	}
	return s.findAll(re, submatch)
}

// matchIn is re.MatchString(s.text[lo:hi]).
func (s *scanned) matchIn(re *regexp.Regexp, lo, hi int) bool {
	id, ok := s.sc.ids[re]
	part := s.text[lo:hi]
	if !ok || !s.plain {
		return re.MatchString(part)
	}
	p := &s.sc.pats[id]
	if p.gate {
		return hasBetween(s.cands[id], lo, hi) && re.MatchString(part)
	}
	if p.need >= 0 && !hasBetween(s.cands[p.need], lo, hi) {
		return false
	}
	// The scanner keeps a literal of a pattern that starts at \b only
	// where \b holds in the text: the part may open inside a word, where
	// \b holds for the part alone.
	if p.boundary && lo > 0 && wordBoundary(part, 0) && !wordBoundary(s.text, lo) && p.matchAt(part, 0, false) != nil {
		return true
	}
	// A literal that starts a match in the part stands there in the text.
	for _, at := range s.cands[id] {
		if at >= hi {
			break
		}
		if at < lo || p.boundary && !wordBoundary(part, at-lo) {
			continue
		}
		if p.matchAt(part, at-lo, false) != nil {
			return true
		}
	}
	return false
}

// first is re.FindStringSubmatchIndex(s.text).
func (s *scanned) first(re *regexp.Regexp) []int {
	id, ok := s.sc.ids[re]
	if !ok || !s.plain {
		return re.FindStringSubmatchIndex(s.text)
	}
	p := &s.sc.pats[id]
	if p.gate {
		if len(s.cands[id]) == 0 {
			return nil
		}
		return re.FindStringSubmatchIndex(s.text)
	}
	last, ok := s.lastNeeded(p)
	if !ok {
		return nil
	}
	for _, at := range s.cands[id] {
		if at > last {
			break
		}
		if p.boundary && !wordBoundary(s.text, at) {
			continue
		}
		if loc := p.matchAt(s.text, at, true); loc != nil {
			return loc
		}
	}
	return nil
}

// lastNeeded returns the last place a match of p can start: a match
// holds one of the literals p needs, so it starts at the last of them or
// before; false when the text has none.
func (s *scanned) lastNeeded(p *scanPattern) (int, bool) {
	if p.need < 0 {
		return len(s.text), true
	}
	ats := s.cands[p.need]
	if len(ats) == 0 {
		return 0, false
	}
	return ats[len(ats)-1], true
}

// hasBetween says whether a literal found at one of the ascending
// positions ats starts in [lo, hi): a match inside text[lo:hi] contains
// one there, and a literal// one that starts before lo is not wholly inside it.
func hasBetween(ats []int, lo, hi int) bool {
	i := sort.SearchInts(ats, lo)
	return i < len(ats) && ats[i] < hi
}

// mayContain says whether text holds one of the literals every match of re
// contains: false means re cannot match it. text is taken as it is (not
// lower-cased), for patterns whose literals are written in lower case;
// a pattern the scanner does not know may match anything.
func (sc *scanner) mayContain(re *regexp.Regexp, text string) bool {
	lits, ok := sc.lits[re]
	if !ok {
		return true
	}
	for _, l := range lits {
		if strings.Contains(text, l) {
			return true
		}
	}
	return false
}

// matchAt returns the match starting at at, if any, with the offsets of s.
// The text before at is one rune of context, so \b, ^ and the like see
// what they would see in s; the text after it is cut past the longest
// match, so the machine works on a short string.
func (p *scanPattern) matchAt(s string, at int, submatch bool) []int {
	end := len(s)
	if p.maxLen >= 0 && at+p.maxLen+utf8.UTFMax < end {
		end = at + p.maxLen + utf8.UTFMax
		for end < len(s) && !utf8.RuneStart(s[end]) {
			end++
		}
	}
	re, from := p.atStart, at
	if at > 0 {
		_, w := utf8.DecodeLastRuneInString(s[:at])
		re, from = p.inside, at-w
	}
	var loc []int
	if submatch {
		loc = re.FindStringSubmatchIndex(s[from:end])
	} else {
		loc = re.FindStringIndex(s[from:end])
	}
	if loc == nil {
		return nil
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += from
		}
	}
	loc[0] = at
	return loc
}

// wordBoundary says whether \b holds at i: Go's \b knows ASCII word
// characters only, and no byte of a multi-byte rune is one.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// prefixes returns lower-cased literals every match of re starts with one
// of (in plain text), and whether re matches nothing but them. "" among
// them means a match can start anywhere.
func prefixes(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		out := []string{""}
		for _, r := range re.Rune {
			next, trimmed := cross(out, runeImages(r, re.Flags&syntax.FoldCase != 0))
			if len(next) > maxPrefixes {
				return out, false
			}
			if out = next; trimmed {
				return out, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n > maxClassRunes {
			return []string{""}, false
		}
		var out []string
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = appendNew(out, runeImages(r, false)...)
			}
		}
		return out, true
	case syntax.OpCapture:
		return prefixes(re.Sub[0])
	case syntax.OpPlus:
		lits, _ := prefixes(re.Sub[0])
		return lits, false
	case syntax.OpRepeat:
		if re.Min >= 1 {
			lits, _ := prefixes(re.Sub[0])
			return lits, false
		}
		return []string{""}, false
	case syntax.OpQuest:
		lits, exact := prefixes(re.Sub[0])
		return appendNew(lits, ""), exact
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			lits, exact := prefixes(sub)
			next, trimmed := cross(out, lits)
			if len(next) > maxPrefixes {
				return out, false
			}
			out = next
			if trimmed || !exact {
				return out, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		all := true
		for _, sub := range re.Sub {
			lits, exact := prefixes(sub)
			out = appendNew(out, lits...)
			all = all && exact
		}
		if len(out) > maxPrefixes {
			return shorten(out), false
		}
		return out, all
	}
	return []string{""}, false // any character, repetitions that may be empty
}

// shorten cuts literals to the longest length at which at most
// maxPrefixes remain: the start of a literal a match starts with is one too.
func shorten(lits []string) []string {
	for n := maxPrefixLen - 1; n > 0; n-- {
		var out []string
		for _, l := range lits {
			out = appendNew(out, l[:min(n, len(l))])
		}
		if len(out) <= maxPrefixes {
			return out
		}
	}
	return []string{""}
}

// runeImages returns the lower-cased forms of the runes a literal r matches
// in plain text.
func runeImages(r rune, fold bool) []string {
	var out []string
	add := func(x rune) {
		if plainRune(x) {
			out = appendNew(out, string(lowerRune(x)))
		}
	}
	add(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			add(f)
		}
	}
	return out
}

// cross returns every a+b, each cut to maxPrefixLen bytes, and whether one
// was cut.
func cross(as, bs []string) ([]string, bool) {
	var out []string
	trimmed := false
	for _, a := range as {
		for _, b := range bs {
			l := a + b
			if len(l) > maxPrefixLen {
				l, trimmed = l[:maxPrefixLen], true
			}
			out = appendNew(out, l)
		}
	}
	return out, trimmed
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// minimalPrefixes drops a literal that starts with another: a match at a
// place is found through the shorter one.
func minimalPrefixes(lits []string) []string {
	var out []string
	for _, l := range lits {
		shorter := false
		for _, m := range lits {
			if len(m) < len(l) && strings.HasPrefix(l, m) {
				shorter = true
				break
			}
		}
		if !shorter {
			out = appendNew(out, l)
		}
	}
	return out
}

// startsWithBoundary says whether every match of re starts with \b.
func startsWithBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return startsWithBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsWithBoundary(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !startsWithBoundary(sub) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// maxLen returns the most bytes a match of re can span, -1 when unbounded.
func maxLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			w := utf8.RuneLen(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					w = max(w, utf8.RuneLen(f))
				}
			}
			n += w
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture:
		return maxLen(re.Sub[0])
	case syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if maxLen(re.Sub[0]) == 0 {
			return 0
		}
		return -1
	case syntax.OpRepeat:
		n := maxLen(re.Sub[0])
		if n < 0 || re.Max < 0 && n > 0 {
			return -1
		}
		return n * max(re.Max, 0)
	case syntax.OpConcat, syntax.OpAlternate:
		// A sequence is as long as its parts together, a choice as its
		// longest branch.
		total := 0
		for _, sub := range re.Sub {
			n := maxLen(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	return -1
}

// automaton finds literals in a text in one pass: an Aho-Corasick machine
// over bytes, its transitions in a table by byte class.
type automaton struct {
	class  [256]uint8 // byte → class; 0 for bytes no literal holds
	nclass int
	// next: state*nclass + class → state, or ^state when literals end
	// there: most bytes lead to a state that ends none, and the loop
	// then reads nothing but the table.
	next  []int32
	outAt []int32 // outs[outAt[s]:outAt[s+1]] end at state s
	outs  []acOut
}

// acOut is a literal ending at a state: the list it goes to, and whether
// it counts only where \b holds at its start.
type acOut struct {
	list     int32
	length   int32
	boundary bool
}

// acLiteral is a literal for the automaton to find.
type acLiteral struct {
	text     string
	list     int  // the candidate list its places go to
	boundary bool // only where \b holds at its start
}

func newAutomaton(lits []acLiteral) automaton {
	var a automaton
	for _, lit := range lits {
		for i := 0; i < len(lit.text); i++ {
			if c := lit.text[i]; a.class[c] == 0 {
				a.nclass++
				a.class[c] = uint8(a.nclass)
			}
		}
	}
	a.nclass++ // class 0
	// The trie.
	children := []map[uint8]int32{{}}
	own := [][]acOut{nil}
	for _, lit := range lits {
		l := lit.text
		s := int32(0)
		for j := 0; j < len(l); j++ {
			c := a.class[l[j]]
			t, ok := children[s][c]
			if !ok {
				t = int32(len(children))
				children = append(children, map[uint8]int32{})
				own = append(own, nil)
				children[s][c] = t
			}
			s = t
		}
		own[s] = append(own[s], acOut{list: int32(lit.list), length: int32(len(l)), boundary: lit.boundary})
	}
	// Failure links in breadth-first order, folded into the table.
	n := len(children)
	a.next = make([]int32, n*a.nclass)
	fail := make([]int32, n)
	outs := make([][]acOut, n)
	outs[0] = own[0]
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := 0; c < a.nclass; c++ {
			t, ok := children[s][uint8(c)]
			if !ok {
				if s != 0 {
					a.next[int(s)*a.nclass+c] = a.next[int(fail[s])*a.nclass+c]
				}
				continue
			}
			a.next[int(s)*a.nclass+c] = t
			if s != 0 {
				fail[t] = a.next[int(fail[s])*a.nclass+c]
			}
			outs[t] = append(append([]acOut(nil), own[t]...), outs[fail[t]]...)
			queue = append(queue, t)
		}
	}
	a.outAt = make([]int32, n+1)
	for s := 0; s < n; s++ {
		a.outs = append(a.outs, outs[s]...)
		a.outAt[s+1] = int32(len(a.outs))
	}
	for i, t := range a.next {
		if len(outs[t]) > 0 {
			a.next[i] = ^t
		}
	}
	return a
}

// find appends to cands[l] the start of every literal of list l in text,
// keeping each list ascending, and appends to touched the lists it
// starts. A literal that counts only at \b is kept only there: text is
// the lower-cased sentence, whose bytes are word bytes where the
// sentence's are.
func (a *automaton) find(text string, cands [][]int, touched []int32) []int32 {
	if len(a.outs) == 0 {
		return touched
	}
	s := int32(0)
	for i := 0; i < len(text); i++ {
		if s = a.next[int(s)*a.nclass+int(a.class[text[i]])]; s >= 0 {
			continue
		}
		s = ^s
		for _, o := range a.outs[a.outAt[s]:a.outAt[s+1]] {
			start := i + 1 - int(o.length)
			if o.boundary && !wordBoundary(text, start) {
				continue
			}
			list := cands[o.list]
			if len(list) == 0 {
				touched = append(touched, o.list)
			}
			list = append(list, start)
			// A longer literal found later may start earlier.
			for k := len(list) - 1; k > 0 && list[k-1] > start; k-- {
				list[k-1], list[k] = list[k], list[k-1]
			}
			cands[o.list] = list
		}
	}
	return touched
}

// requiredLiterals returns strings of which any match of re must contain
// one (lower-cased), or nil when no such set is known. A sentence that
// holds none of them cannot match, so the regular expression is not run:
// most sentences of an article mention no trigger at all.
func requiredLiterals(src string) []string {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	lits := required(re.Simplify())
	for _, l := range lits {
		if len(l) < 2 && (l == "" || isWordByte(l[0]) || l[0] == ' ') {
			return nil // too common to be worth a test: a sign ("%") is not
		}
	}
	return lits
}

func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			r := required(s)
			if r == nil {
				return nil
			}
			out = append(out, r...)
		}
		return out
	case syntax.OpConcat:
		// The longest run of adjacent literals is required; else the best
		// required set of any one part.
		var best []string
		bestLen := 0
		var run strings.Builder
		flush := func() {
			if run.Len() > bestLen {
				best, bestLen = []string{run.String()}, run.Len()
			}
			run.Reset()
		}
		for _, s := range re.Sub {
			if s.Op == syntax.OpLiteral {
				run.WriteString(strings.ToLower(string(s.Rune)))
				continue
			}
			flush()
			if r := required(s); r != nil {
				if m := minLen(r); m > bestLen {
					best, bestLen = r, m
				}
			}
		}
		flush()
		return best
	case syntax.OpCharClass:
		// A small class of letters ("[Aa]", "[Ii]") is as good as one.
		if len(re.Rune) == 4 && re.Rune[0] == re.Rune[1] && re.Rune[2] == re.Rune[3] &&
			unicode.ToLower(re.Rune[0]) == unicode.ToLower(re.Rune[2]) {
			return []string{string(unicode.ToLower(re.Rune[0]))}
		}
	}
	return nil
}

func minLen(ss []string) int {
	m := 1 << 30
	for _, s := range ss {
		if len(s) < m {
			m = len(s)
		}
	}
	return m
}
