package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinLoads(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Claims) != 11 {
		t.Errorf("got %d claim kinds, want the 11 of the report contract", len(set.Claims))
	}
	for _, c := range set.Claims {
		if len(c.Tests) == 0 {
			t.Errorf("kind %s carries no test cases", c.Kind)
		}
	}
}

func writeRules(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadErrors: every problem of a rule folder, positioned as file:line:col.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown key", map[string]string{"a.yaml": "type: entities\nentities:\n  - {name: X, type: org, colour: red}\n"},
			[]string{"a.yaml:3: field colour is not a known key"}},
		{"bad pattern and unknown key together", map[string]string{"b.yaml": "type: claim\nkind: investment\ndoc: d\nvalues: [money]\nbogus: 1\ntriggers:\n  - {pattern: '(x', before: 1, after: 1}\ntests:\n  - text: t\n"},
			[]string{"b.yaml:5: field bogus is not a known key", "b.yaml:7:15: bad pattern: missing closing )"}},
		{"syntax error", map[string]string{"c.yaml": "type: lexicon\nhedges: [unclosed\n"}, []string{"c.yaml:"}},
		{"unknown type", map[string]string{"d.yaml": "type: magic\n"}, []string{`d.yaml:1: unknown type "magic"`}},
		{"unknown kind", map[string]string{"e.yaml": "type: claim\nkind: weather\ndoc: d\ntests:\n  - text: t\n"}, []string{`unknown kind "weather"`}},
		{"no doc", map[string]string{"f.yaml": "type: claim\nkind: stake\ntests:\n  - text: t\n"}, []string{"kind stake has no doc"}},
		{"bad label", map[string]string{"g.yaml": "type: claim\nkind: client_change\ndoc: d\nverbs:\n  - {pattern: quit, label: sulk}\ntests:\n  - text: t\n"},
			[]string{`unknown client_change label "sulk"`}},
		// A kind's mechanism and fact are declared, and checked, like its words.
		{"unknown mechanism", map[string]string{"i.yaml": "type: claim\nkind: stake\ndoc: d\nextends: telepathy\ntests:\n  - text: t\n"},
			[]string{`kind stake: extends "telepathy": want one of`}},
		{"bad fact", map[string]string{"j.yaml": "type: claim\nkind: revenue\ndoc: d\nfact:\n  needs: [colour]\n  group: weekly\n  compare: vibes\n  severity: dire\n  message: '{{.Subject'\ntests:\n  - text: t\n"},
			[]string{`needs: unknown field "colour"`, `group "weekly"`, `compare "vibes"`, `severity "dire"`, "message: template"}},
		{"compatible names a missing label", map[string]string{"k.yaml": "type: claim\nkind: client_change\ndoc: d\nfact:\n  group: periods\n  compare: label\n  severity: medium\n  message: m\n  compatible: {terminate: [terminate, sulk]}\ntests:\n  - text: t\n"},
			[]string{`"terminate" lists "sulk", which is not a label of its own`}},
		{"entity type", map[string]string{"h.yaml": "type: entities\nentities:\n  - {name: X, type: planet}\n"}, []string{`unknown type "planet"`}},
		{"a post written as in articles", map[string]string{"i.yaml": "type: claim\nkind: role\ndoc: d\ntitles: [chief executive]\nsynonyms: {chief executive: ceo}\nexclusive: {ceo: [chief executive]}\ntests:\n  - text: t\n"},
			[]string{`post "chief executive" is no title as its synonyms give it`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(writeRules(t, tc.files))
			if err == nil {
				t.Fatal("loaded; want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoadExtends(t *testing.T) {
	dir := writeRules(t, map[string]string{
		"entities.yaml": "type: entities\nentities:\n  - {name: Helix Robotics, type: org, aliases: [HXR], private: true}\n",
		"investment.yaml": "type: claim\nkind: investment\ndoc: money in\nvalues: [money]\ntriggers:\n  - {pattern: 'bankroll\\w*', before: 0, after: 4}\n" +
			"tests:\n  - text: Orbital bankrolled Helix with $5 million.\n    claims: [{kind: investment}]\n",
	})
	set, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	inv, _ := set.ClaimRule("investment")
	if len(inv.Triggers) != 1 || inv.Doc != "money in" {
		t.Errorf("the investment rule was not replaced: %+v", inv)
	}
	if inv.Extends != "value" || inv.Fact == nil || inv.Fact.Group != "deals" {
		t.Errorf("a replacing rule that declares no mechanism or fact keeps the built-in ones: %q %+v", inv.Extends, inv.Fact)
	}
	found := false
	for _, e := range set.Entities {
		found = found || e.Name == "Helix Robotics" && e.Private
	}
	if !found || len(set.Claims) != 11 {
		t.Errorf("entities not added (%v) or kinds lost (%d)", found, len(set.Claims))
	}
	if _, err := Load(filepath.Join(dir, "nope")); err == nil {
		t.Error("a missing folder loaded")
	}
}

// FuzzLoadRules: no rule file, however broken, crashes the loader.
func FuzzLoadRules(f *testing.F) {
	for _, s := range []string{"type: entities\nentities:\n  - {name: X, type: org}\n", "type: claim\nkind: stake\n", "type: lexicon\nhedges: ['(']\n", "{", "type: [1,2]", "- a\n- b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		set := &Set{}
		_ = set.addFile("fuzz.yaml", []byte(body))
		_ = set.compile()
	})
}
