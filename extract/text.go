package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// Sentence is one unit of an article: a sentence, a headline or a heading.
type Sentence struct {
	Start, End int // byte span in the article's text
	Text       string
	Para       int  // index of the paragraph it stands in
	Heading    bool // a title or heading: no terminal punctuation, its own unit
}

// Token is a word or punctuation mark with its byte span in the sentence.
type Token struct {
	Start, End int
	Text       string
}

// segmenter splits paragraphs into sentences with prose's Punkt model for
// English. prose.NewDocument rebuilds that model from JSON for every
// document (about 12 ms); the model is read-only once built, so one is built
// per process and shared.
type segmenter struct {
	tok *sentences.DefaultSentenceTokenizer
	// labels are the words a single capital letter names a thing after
	// ("Series A", "Class B"): the letter's full stop ends a sentence,
	// though Punkt reads a lone capital and its stop as an initial.
	labels map[string]bool
}

var (
	punktOnce     sync.Once
	punktTraining *sentences.Storage
	punktErr      error
)

func newSegmenter(abbrevs, labels []string) (*segmenter, error) {
	punktOnce.Do(func() {
		var b []byte
		b, punktErr = data.Asset("data/english.json")
		if punktErr == nil {
			punktTraining, punktErr = sentences.LoadTraining(b)
		}
	})
	if punktErr != nil {
		return nil, punktErr
	}
	// The abbreviation set is per rule set; copy the trained storage's so
	// that two rule sets in one process do not share additions.
	training := *punktTraining
	training.AbbrevTypes = sentences.SetString{}
	for k := range punktTraining.AbbrevTypes {
		training.AbbrevTypes.Add(k)
	}
	for _, a := range abbrevs {
		training.AbbrevTypes.Add(strings.ToLower(a))
	}
	seg := &segmenter{tok: sentences.NewSentenceTokenizer(&training), labels: map[string]bool{}}
	for _, l := range labels {
		seg.labels[l] = true
	}
	return seg, nil
}

// split returns the sentences of text: paragraphs are split at blank lines
// and line breaks, then by the Punkt model.
func (s *segmenter) split(text string) []Sentence {
	var out []Sentence
	para := 0
	pos := 0
	for pos < len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		line := text[pos:end]
		if strings.TrimSpace(line) != "" {
			out = append(out, s.splitParagraph(line, pos, para)...)
			para++
		}
		pos = end + 1
	}
	return out
}

func (s *segmenter) splitParagraph(p string, offset, para int) []Sentence {
	if isHeading(p) || para == 0 && isTitleLine(p) {
		st, en := trimSpan(p, 0, len(p))
		return []Sentence{{Start: offset + st, End: offset + en, Text: p[st:en], Para: para, Heading: true}}
	}
	if oneSentence(p) {
		st, en := trimSpan(p, 0, len(p))
		return appendUnits(nil, p, st, en, offset, para)
	}
	var out []Sentence
	for _, ps := range s.tok.Tokenize(p) {
		st, en := ps.Start, ps.End
		if st < 0 || en > len(p) || st >= en {
			continue
		}
		st, en = trimSpan(p, st, en)
		if st >= en {
			continue
		}
		for _, cut := range s.labelStops(p, st, en) {
			out = appendUnits(out, p, st, cut, offset, para)
			st, _ = trimSpan(p, cut, en)
		}
		out = appendUnits(out, p, st, en, offset, para)
	}
	if len(out) == 0 {
		st, en := trimSpan(p, 0, len(p))
		out = appendUnits(out, p, st, en, offset, para)
	}
	return out
}

// labelStops returns where p[st:en] should also end a sentence: after a
// lone capital letter and its full stop that follow a label word and
// precede a capitalised word ("its Series A. Orbex is now valued").
func (s *segmenter) labelStops(p string, st, en int) []int {
	var cuts []int
	for i := st + 2; i+3 < en; i++ {
		if p[i] != '.' || p[i-1] < 'A' || p[i-1] > 'Z' || p[i-2] != ' ' || p[i+1] != ' ' || p[i+2] < 'A' || p[i+2] > 'Z' {
			continue
		}
		w := p[st : i-2]
		if k := strings.LastIndexByte(w, ' '); k >= 0 {
			w = w[k+1:]
		}
		if s.labels[w] {
			cuts = append(cuts, i+1)
		}
	}
	return cuts
}

// oneSentence says whether Punkt can find no break inside a paragraph: it
// breaks only after a token ending in '.', '?' or '!', and p holds none
// but, at most, its last, and full stops inside figures and names ("$14.3
// billion", "Amazon.com"). News paragraphs are often one sentence, and
// Punkt annotates every token of every paragraph.
func oneSentence(p string) bool {
	last := len(p) - 1
	for last >= 0 && (p[last] == ' ' || p[last] == '\t' || p[last] == '\r') {
		last--
	}
	for i := 0; i < last; i++ {
		switch p[i] {
		case '?', '!':
			return false
		case '.':
			if n := p[i+1]; !(n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n >= '0' && n <= '9') {
				return false
			}
		}
	}
	return true
}

// maxUnit is the longest unit, in bytes, extraction reads as one. A
// sentence of coverage stays far below it (the longest of the development
// sets is under 500 bytes); a scraped table or a page without full stops
// can be a megabyte, and reading a unit costs more than its length.
const maxUnit = 1000

// appendUnits appends the sentence p[st:en] as units of at most maxUnit
// bytes. An over-long one is a list or a table more than a sentence: it is
// cut after every semicolon and em dash (clause boundaries no value links
// across), and a part still over-long after the last clause punctuation
// that leaves a fair share of the unit before it, else at a space, else
// inside a word.
func appendUnits(out []Sentence, p string, st, en, offset, para int) []Sentence {
	if en-st <= maxUnit {
		return append(out, Sentence{Start: offset + st, End: offset + en, Text: p[st:en], Para: para})
	}
	for st < en {
		end := en
		// Searched within one unit's length: past it, the cut is made anyway.
		if i := strings.IndexAny(p[st:min(en, st+maxUnit)], ";\u2014"); i >= 0 {
			_, n := utf8.DecodeRuneInString(p[st+i:])
			end = st + i + n
		}
		if end-st > maxUnit {
			end = st + unitCut(p[st:en])
		}
		if ust, uen := trimSpan(p, st, end); ust < uen {
			out = append(out, Sentence{Start: offset + ust, End: offset + uen, Text: p[ust:uen], Para: para})
		}
		st = end
	}
	return out
}

// unitCut returns where to end a unit that must end within the first
// maxUnit bytes of s (longer than that): after clause punctuation in the
// window's second half, strongest first, else at a space, else at a
// rune's start. It is never 0, so every cut makes progress.
func unitCut(s string) int {
	w := s[:maxUnit]
	for _, marks := range []string{";\u2014\u2013", ",:)"} {
		if i := strings.LastIndexAny(w, marks); i >= len(w)/2 {
			_, n := utf8.DecodeRuneInString(w[i:])
			return i + n
		}
	}
	if i := strings.LastIndexByte(w, ' '); i >= len(w)/4 {
		return i + 1
	}
	i := maxUnit
	for i > 1 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func trimSpan(s string, st, en int) (int, int) {
	for st < en {
		r, n := utf8.DecodeRuneInString(s[st:])
		if !unicode.IsSpace(r) {
			break
		}
		st += n
	}
	for en > st {
		r, n := utf8.DecodeLastRuneInString(s[:en])
		if !unicode.IsSpace(r) {
			break
		}
		en -= n
	}
	return st, en
}

// isHeading says whether a paragraph is a title or heading: short, without
// a sentence's closing punctuation. A short label capitalised throughout
// that introduces a list ("Bottom Line:") is one too.
func isHeading(p string) bool {
	t := strings.TrimSpace(p)
	if t == "" || len(t) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch last {
	case ':':
		return strings.Count(t, " ") < 5 && capitalisedThroughout(t)
	case '.', '!', '?', '"', '\u201d', ';':
		return false
	}
	// "Purchase price: $3.1bn", a list item or a table row, states a
	// figure: a statement, not a heading.
	if i := strings.LastIndex(t, ": "); i > 0 && strings.ContainsAny(t[i:], "0123456789") {
		return false
	}
	return strings.Count(t, " ") < 25
}

// isTitleLine says whether an article's first paragraph is its headline
// though it ends as a sentence does ("Will Orbis Sell Calder?"): short, one
// sentence.
func isTitleLine(p string) bool {
	t := strings.TrimSpace(p)
	if t == "" || len(t) > 200 || strings.Count(t, " ") >= 25 || strings.Contains(t, ". ") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return last == '?' || last == '!'
}

// capitalisedThroughout says whether every word of s longer than three
// letters starts with a capital.
func capitalisedThroughout(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if len(w) > 3 && unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// headingCase says whether a heading is written in title case: all its
// longer words capitalised, however few ("Conclusion", "The Fallout and Its
// Cost"). There, as in a Title-Case headline, capitals say nothing about
// names.
func headingCase(toks []Token) bool {
	words := 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) || len(t.Text) < 4 {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		words++
	}
	return words > 0
}

// titleCase says whether most words of s are capitalised, as in a headline:
// capitalisation there says nothing about names.
func titleCase(s string, toks []Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) || len(t.Text) < 4 {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// tokenize splits a sentence into tokens with prose's tokenizer and maps each
// back to its byte span: prose folds curly quotes to straight ones and keeps
// no offsets.
// buf is scratch space, returned for reuse.
func (w *wordCache) tokenize(s string, buf []string) ([]Token, []string) {
	toks, texts, _ := w.tokenizeInto(s, buf, nil)
	return toks, texts
}

// tokenizeInto is tokenize that appends the tokens to arena and returns
// them as a slice of it, capped so that later appends leave them alone:
// an article's sentences share one array instead of one each.
func (w *wordCache) tokenizeInto(s string, buf []string, arena []Token) ([]Token, []string, []Token) {
	texts := w.proseTokens(s, buf[:0])
	first := len(arena)
	arena = slices.Grow(arena, len(texts))
	out := arena[first:first:cap(arena)]
	pos := 0
	for _, text := range texts {
		st, en, ok := alignToken(s, pos, text)
		if !ok {
			continue
		}
		out = append(out, Token{Start: st, End: en, Text: s[st:en]})
		pos = en
	}
	arena = arena[:first+len(out)]
	return splitDashes(s, out[:len(out):len(out)]), texts, arena
}

// proseTokens appends to texts the token texts prose's tokenizer gives for s.
func (w *wordCache) proseTokens(s string, texts []string) []string {
	start := -1
	for i, r := range s {
		if !unicode.IsSpace(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			texts = w.appendRun(texts, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		texts = w.appendRun(texts, s[start:])
	}
	return texts
}

// appendRun appends the tokens of one run between white space. prose
// splits off punctuation, quotes and contractions; a run of ASCII letters
// and digits has none of them and is one token, so it needs neither prose
// nor the cache (where a list of 300,000 company names would not fit).
func (w *wordCache) appendRun(texts []string, run string) []string {
	for i := 0; i < len(run); i++ {
		if c := run[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return append(texts, w.split(run)...)
		}
	}
	return append(texts, run)
}

// wordCache remembers how prose's tokenizer splits each run of characters
// between white space. prose splits text at white space (unicode.IsSpace)
// and each run on its own, so a sentence's tokens are its runs' tokens in
// order; most runs are
// common words, and prose pays a regular expression and allocations for
// every one of them.
type wordCache struct {
	mu     sync.RWMutex
	splits map[string][]string
}

// wordCacheSize bounds the cache: the words an article corpus repeats fit
// long before it fills, and a run never grows memory without limit.
const wordCacheSize = 1 << 16

// maxCachedRun is the longest white-space-free run the cache keeps.
const maxCachedRun = 48

func newWordCache() *wordCache { return &wordCache{splits: make(map[string][]string, 4096)} }

func (w *wordCache) split(run string) []string {
	w.mu.RLock()
	texts, ok := w.splits[run]
	w.mu.RUnlock()
	if ok {
		return texts
	}
	doc, err := prose.NewDocument(run, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	for _, t := range doc.Tokens() {
		// Cloned: a substring would keep its whole article alive.
		texts = append(texts, strings.Clone(t.Text))
	}
	// Only word-sized runs are kept: a URL or a minified table is seldom
	// seen twice, and would fill the cache with bytes.
	if len(run) <= maxCachedRun {
		w.mu.Lock()
		if len(w.splits) < wordCacheSize {
			w.splits[strings.Clone(run)] = texts
		}
		w.mu.Unlock()
	}
	return texts
}

// alignToken finds tok in s at or after pos, treating straight quotes in tok
// as matching their curly forms in s.
func alignToken(s string, pos int, tok string) (int, int, bool) {
	for pos < len(s) {
		r, n := utf8.DecodeRuneInString(s[pos:])
		if !unicode.IsSpace(r) {
			break
		}
		pos += n
	}
	for start := pos; start < len(s) && start < pos+8; start++ {
		if end, ok := matchFolded(s, start, tok); ok {
			return start, end, true
		}
	}
	return 0, 0, false
}

func matchFolded(s string, i int, tok string) (int, bool) {
	for j := 0; j < len(tok); j++ {
		if i >= len(s) {
			return 0, false
		}
		c := tok[j]
		if c == s[i] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == '\'' && (r == '\u2018' || r == '\u2019'):
		case c == '"' && (r == '\u201c' || r == '\u201d'):
		default:
			return 0, false
		}
		i += n
	}
	return i, true
}

// splitDashes separates words glued by em dashes ("asset—a move"), which
// prose keeps as one token.
func splitDashes(s string, toks []Token) []Token {
	if !hasDash(s) {
		return toks
	}
	dashed := false
	for _, t := range toks {
		if len(t.Text) >= 3 && hasDash(t.Text) {
			dashed = true
			break
		}
	}
	if !dashed {
		return toks
	}
	out := make([]Token, 0, len(toks)+4)
	for _, t := range toks {
		if len(t.Text) < 3 || !hasDash(t.Text) {
			out = append(out, t)
			continue
		}
		st := t.Start
		for i := 0; i < len(t.Text); {
			w := dashAt(t.Text, i)
			if w == 0 {
				i++
				continue
			}
			if t.Start+i > st {
				out = append(out, Token{Start: st, End: t.Start + i, Text: s[st : t.Start+i]})
			}
			out = append(out, Token{Start: t.Start + i, End: t.Start + i + w, Text: s[t.Start+i : t.Start+i+w]})
			i += w
			st = t.Start + i
		}
		if st < t.End {
			out = append(out, Token{Start: st, End: t.End, Text: s[st:t.End]})
		}
	}
	return out
}

// hasDash says whether a token holds a dash that joins two words: an em or
// en dash, or a typewriter's double hyphen ("(Wire) --Orbital said").
func hasDash(t string) bool {
	return containsAny(t, "", "\u2014", "\u2013") || strings.Contains(t, "--")
}

// dashAt returns the byte length of a dash starting at t[i], or 0.
func dashAt(t string, i int) int {
	if strings.HasPrefix(t[i:], "--") {
		n := 2
		for i+n < len(t) && t[i+n] == '-' {
			n++
		}
		return n
	}
	if r, w := utf8.DecodeRuneInString(t[i:]); r == '\u2014' || r == '\u2013' {
		return w
	}
	return 0
}

// containsAny is strings.ContainsAny for a set of ASCII bytes and of
// longer runes, each given as a string: strings.ContainsAny decodes every
// rune of s when its set holds one that is not ASCII, which showed in
// profiles of the per-token and per-link checks.
func containsAny(s, ascii string, others ...string) bool {
	for i := 0; i < len(ascii); i++ {
		if strings.IndexByte(s, ascii[i]) >= 0 {
			return true
		}
	}
	for _, o := range others {
		if strings.Contains(s, o) {
			return true
		}
	}
	return false
}

// isWord says whether a token is a word (letters or digits), not punctuation.
func isWord(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func sortMentions(ms []mention) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
}
