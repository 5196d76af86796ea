package rules

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// requiredLiterals returns strings of which any match of re must contain
// one (lower-cased), or nil when no such set is known. A sentence that
// holds none of them cannot match, so the regular expression is not run:
// most sentences of an article mention no trigger at all.
func requiredLiterals(src string, foldCase bool) []string {
	flags := syntax.Perl
	if foldCase {
		flags |= syntax.FoldCase
	}
	re, err := syntax.Parse(src, flags)
	if err != nil {
		return nil
	}
	lits := required(re.Simplify())
	for _, l := range lits {
		if len(l) < 2 {
			return nil // too short to be worth a test
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

// MayMatch says whether the pattern can match text, given text lower-cased:
// false means it cannot, true that the regular expression must decide.
func (p *Pattern) MayMatch(lower string) bool {
	if p.gate == nil {
		return true
	}
	for _, l := range p.gate {
		if strings.Contains(lower, l) {
			return true
		}
	}
	return false
}
