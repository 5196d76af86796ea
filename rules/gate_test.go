package rules

import (
	"regexp"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`\binvest(?:ment|ed)?\b`, []string{"invest"}},
		{`\b(?:paus(?:e|ed)|halt)\b`, []string{"pause", "halt"}},
		{`\b(?:stake|holding)s?\b`, []string{"stake", "holding"}},
		{`\w+ said`, []string{" said"}},
		{`[A-Z]\w+`, nil},
		{`\b[Aa]ccording to ([A-Z]\w*)`, []string{"according to "}},
	}
	for _, tc := range tests {
		got := requiredLiterals(tc.src, true)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestGatesNeverHideMatches: for every built-in pattern, a text it matches
// passes its gate.
func TestGatesNeverHideMatches(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{}
	for _, c := range set.Claims {
		for _, tc := range c.Tests {
			texts = append(texts, tc.Text)
		}
	}
	check := func(p *Pattern) {
		for _, text := range texts {
			if p.Re.MatchString(text) && !p.MayMatch(strings.ToLower(text)) {
				t.Errorf("gate %q hides a match of %s in %q", p.gate, p.Source, text)
			}
		}
	}
	for ci := range set.Claims {
		for i := range set.Claims[ci].Triggers {
			check(&set.Claims[ci].Triggers[i].Pattern)
		}
		for i := range set.Claims[ci].Verbs {
			check(&set.Claims[ci].Verbs[i].Pattern)
		}
	}
	for i := range set.Lexicon.Hedges {
		check(&set.Lexicon.Hedges[i])
	}
	_ = regexp.MustCompile
}
