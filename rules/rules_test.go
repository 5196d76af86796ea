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
			[]string{"a.yaml:3:26: field colour is not a known key"}},
		{"bad pattern and unknown key together", map[string]string{"b.yaml": "type: claim\nkind: investment\ndoc: d\nvalues: [money]\nbogus: 1\ntriggers:\n  - {pattern: '(x', before: 1, after: 1}\ntests:\n  - text: t\n"},
			[]string{"b.yaml:5:1: field bogus is not a known key", "b.yaml:7:15: bad pattern: missing closing )"}},
		{"syntax error", map[string]string{"c.yaml": "type: lexicon\nhedges: [unclosed\n"}, []string{"c.yaml:"}},
		{"unknown type", map[string]string{"d.yaml": "type: magic\n"}, []string{`d.yaml:1:7: unknown type "magic"`}},
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

// TestLoadErrorPositions: every kind of rule-load error names the file
// that holds the problem, with the line and column of the offending key or
// value, never a built-in file or line 1 for a user's mistake.
func TestLoadErrorPositions(t *testing.T) {
	const claimHead = "type: claim\nkind: stake\ndoc: d\n"
	const claimTests = "tests:\n  - text: t\n"
	tests := []struct {
		name string
		file string // the file's name in the rules folder
		body string
		want string // "line:col: message", after "name:"
	}{
		// A user's lexicon file, whatever it is called, owns its patterns
		// and labels.
		{"lex pattern in a user's file", "words.yaml", "type: lexicon\nhedges:\n  - 'fine'\n  - '(x'\n", "4:5: bad pattern: missing closing )"},
		{"lex status label", "words.yaml", "type: lexicon\nstatuses:\n  - {pattern: 'mulls', label: maybe}\n", `3:31: unknown status "maybe"`},
		{"lex aspect label", "words.yaml", "type: lexicon\naspects:\n  - {pattern: 'then', label: later}\n", `3:30: unknown aspect "later"`},
		{"lex qualifier label", "words.yaml", "type: lexicon\nqualifiers:\n  - {label: '>>', before: [over]}\n", `3:13: unknown qualifier ">>"`},
		{"lex qualifier unknown key", "words.yaml", "type: lexicon\nqualifiers:\n  - {label: '>', befor: [over]}\n", "3:18: field befor is not a known key"},
		{"attribution without a group", "words.yaml", "type: lexicon\nattributions:\n  - 'said Reuters'\n", "3:5: an attribution pattern needs one group"},
		{"empty pattern", "words.yaml", "type: lexicon\nnegations:\n  - ''\n", "3:5: empty pattern"},
		// The header.
		{"unknown type", "d.yaml", "type: magic\n", `1:7: unknown type "magic"`},
		{"missing type", "d.yaml", "kind: stake\n", "1:1: missing 'type:'"},
		{"unknown key", "a.yaml", "type: entities\nentities:\n  - {name: X, type: org, colour: red}\n", "3:26: field colour is not a known key"},
		{"wrong type", "a.yaml", claimHead + "triggers:\n  - {pattern: x, before: many, after: 1}\n" + claimTests, "5:26: cannot unmarshal !!str `many` into int"},
		// Entities.
		{"entity type", "h.yaml", "type: entities\nentities:\n  - {name: X, type: org}\n  - {name: Y, type: planet}\n", `4:21: entity "Y": unknown type "planet"`},
		{"entity without a name", "h.yaml", "type: entities\nentities:\n  - {name: X, type: org}\n  - {type: org}\n", "4:5: entity without a name"},
		{"entity twice", "h.yaml", "type: entities\nentities:\n  - {name: X, type: org}\n  - {name: X, type: org}\n", `4:5: entity "X" is listed twice (first at line 3)`},
		// A claim rule's kind, doc, tests and values.
		{"unknown kind", "e.yaml", "type: claim\nkind: weather\ndoc: d\n" + claimTests, `2:7: unknown kind "weather"`},
		{"no doc", "f.yaml", "type: claim\nkind: stake\n" + claimTests, "2:7: kind stake has no doc"},
		{"no tests", "f.yaml", claimHead, "2:7: kind stake has no tests"},
		{"unknown value type", "v.yaml", claimHead + "values: [percent, apples]\n" + claimTests, `4:19: kind stake: unknown value type "apples"`},
		{"test expects unknown kind", "v.yaml", claimHead + "tests:\n  - text: t\n    claims: [{kind: weather}]\n", `6:21: test expects unknown kind "weather"`},
		// Triggers, cues and verbs: at the key that is wrong.
		{"trigger aspect", "t.yaml", claimHead + "triggers:\n  - {pattern: x, aspect: sideways}\n" + claimTests, `5:26: unknown aspect "sideways"`},
		{"trigger window", "t.yaml", claimHead + "triggers:\n  - {pattern: x, before: -1}\n" + claimTests, "5:26: a trigger's before and after windows"},
		{"trigger frame", "t.yaml", claimHead + "triggers:\n  - {pattern: x, frame: odd}\n" + claimTests, `5:25: unknown frame "odd"`},
		{"cue sets nothing", "t.yaml", claimHead + "cues:\n  - {pattern: x}\n" + claimTests, "5:5: a cue sets a component, a status or a qualifier"},
		{"cue status", "t.yaml", claimHead + "cues:\n  - {pattern: x, status: hoped}\n" + claimTests, `5:26: unknown status "hoped"`},
		{"verb label", "g.yaml", "type: claim\nkind: client_change\ndoc: d\nverbs:\n  - {pattern: quit, label: sulk}\n" + claimTests, `5:28: unknown client_change label "sulk"`},
		{"bad trigger pattern", "b.yaml", claimHead + "triggers:\n  - {pattern: '(x', before: 1, after: 1}\n" + claimTests, "5:15: bad pattern: missing closing )"},
		// extends:, fact: and words:.
		{"unknown mechanism", "i.yaml", claimHead + "extends: telepathy\n" + claimTests, `4:10: kind stake: extends "telepathy"`},
		{"fact needs", "j.yaml", claimHead + "fact:\n  needs: [object, colour]\n" + claimTests, `5:19: kind stake: needs: unknown field "colour"`},
		{"fact group", "j.yaml", claimHead + "fact:\n  group: weekly\n" + claimTests, `5:10: kind stake: group "weekly"`},
		{"fact compare", "j.yaml", claimHead + "fact:\n  compare: vibes\n" + claimTests, `5:12: kind stake: compare "vibes"`},
		{"fact severity", "j.yaml", claimHead + "fact:\n  severity: dire\n" + claimTests, `5:13: kind stake: severity "dire"`},
		{"fact message", "j.yaml", claimHead + "fact:\n  message: '{{.Subject'\n" + claimTests, "5:12: kind stake: message: template"},
		{"fact without message", "j.yaml", claimHead + "fact:\n  group: once\n" + claimTests, "4:1: kind stake: fact has no message"},
		{"fact window", "j.yaml", claimHead + "fact:\n  window_days: -3\n" + claimTests, "5:16: kind stake: window_days is a number of days"},
		{"fact skip field", "j.yaml", claimHead + "fact:\n  skip: {mood: [sad]}\n" + claimTests, `5:10: kind stake: solo or skip: unknown field "mood"`},
		{"fact compatible", "k.yaml", claimHead + "fact:\n  compatible:\n    sold: [sold, kept]\n" + claimTests, `6:18: kind stake: compatible: "sold" lists "kept"`},
		{"words pattern", "w.yaml", claimHead + "words:\n  holding: '(x'\n" + claimTests, "5:12: bad pattern: missing closing )"},
		{"words without a pattern", "w.yaml", claimHead + "words:\n  holding:\n" + claimTests, "5:3: kind stake: words: holding has no pattern"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeRules(t, map[string]string{tc.file: tc.body})
			_, err := Load(dir)
			if err == nil {
				t.Fatal("loaded; want an error")
			}
			want := filepath.Join(dir, tc.file) + ":" + tc.want
			found := false
			for _, line := range strings.Split(err.Error(), "\n") {
				found = found || strings.HasPrefix(line, want)
			}
			if !found {
				t.Errorf("no error line starts with\n  %s\ngot:\n%v", want, err)
			}
			if strings.Contains("\n"+err.Error(), "\nrules/") {
				t.Errorf("a user's mistake is reported against a built-in file:\n%v", err)
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
