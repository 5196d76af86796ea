package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// claimcheck runs the command in-process with buffers, as a user would run it.
func claimcheck(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

type jsonReport struct {
	Schema   string `json:"schema"`
	Articles []struct {
		Path, Title, Byline, Source, Published, SHA256 string
	} `json:"articles"`
	Claims []struct {
		ID, Article, Kind, Subject, Object, Normalized, Text, Sentence string
		Start, End                                                     int
	} `json:"claims"`
	Findings []struct {
		ID, Type, Kind, Subject, Object, Severity, Message string
		Claims                                             []string
	} `json:"findings"`
}

func checkJSON(t *testing.T, dir string) (jsonReport, string) {
	t.Helper()
	code, out, errs := claimcheck(t, "check", "--quiet", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	return r, out
}

// TestExamplesGolden keeps the whole report on the bundled example corpus.
func TestExamplesGolden(t *testing.T) {
	_, out := checkJSON(t, "../../examples/amazon-anthropic")
	golden := filepath.Join("testdata", "examples.golden.json")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/claimcheck -update)", err)
	}
	if out != string(want) {
		t.Errorf("report differs from %s; if the change is right, run go test ./cmd/claimcheck -update and review the diff", golden)
	}
}

// TestExamplesExpected checks the findings planted in the example corpus
// (examples/amazon-anthropic.expected.md) and that nothing else is flagged.
func TestExamplesExpected(t *testing.T) {
	r, _ := checkJSON(t, "../../examples/amazon-anthropic")
	byID := map[string]string{}
	for _, c := range r.Claims {
		byID[c.ID] = c.Article + ": " + c.Sentence
	}
	want := []struct {
		typ, kind, subject string
		evidence           []string // each must be in some cited claim's article and sentence
	}{
		{"conflict", "investment", "Amazon", []string{"04-analysis.html: In March 2024, Amazon added a further $2.5 billion", "03-second-tranche.md: In March 2024, Amazon invested a further $2.75 billion"}},
		{"conflict", "event_date", "Amazon", []string{"in early 2023", "announced on Sept. 25, 2023"}},
		{"conflict", "valuation", "Anthropic", []string{"07-roundup.html: Anthropic was valued at $40 billion", "06-valuation.md: Anthropic was valued at $61.5 billion"}},
		{"unverified_ticker", "ticker", "Anthropic", []string{"Anthropic (NASDAQ: ANTH)"}},
		{"unverified_ticker", "ticker", "Cohere", []string{"Cohere (NYSE: COHR)"}},
		{"conflict", "client_change", "Corvid Analytics", []string{"has ended its contract", "is reviewing its contract"}},
		{"inconsistent", "stake", "Amazon", []string{"15% stake", "$18.4 billion"}},
		{"inconsistent", "growth", "generative AI market", []string{"compound annual growth rate of 20%", "$400 billion by 2030"}},
	}
	if len(r.Findings) != len(want) {
		for _, f := range r.Findings {
			t.Logf("got %s %s %s: %s", f.Type, f.Kind, f.Subject, f.Message)
		}
		t.Errorf("got %d findings, want exactly the %d planted ones", len(r.Findings), len(want))
	}
	for _, w := range want {
		found := false
		for _, f := range r.Findings {
			if f.Type != w.typ || f.Kind != w.kind || f.Subject != w.subject {
				continue
			}
			all := true
			for _, ev := range w.evidence {
				cited := false
				for _, id := range f.Claims {
					if strings.Contains(byID[id], ev) {
						cited = true
					}
				}
				all = all && cited
			}
			found = found || all
		}
		if !found {
			t.Errorf("missing %s %s %s citing %q", w.typ, w.kind, w.subject, w.evidence)
		}
	}
}

func shared(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "eval", "score.go")); err != nil {
		t.Skip("../shared is not present")
	}
	return dir
}

// TestSeedsScore scores the report on the five real articles with the
// project's scorer, at the bars the issues set.
func TestSeedsScore(t *testing.T) {
	dir := shared(t)
	_, out := checkJSON(t, filepath.Join(dir, "seeds"))
	report := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(report, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", filepath.Join(dir, "eval", "score.go"), "-gold", filepath.Join(dir, "eval", "seeds-gold.json"),
		"-report", report, "-v", "-min-claim-recall", "0.95", "-min-value-agreement", "0.95", "-min-finding-recall", "1",
		"-min-precision", "0.9", "-min-optional", "3", "-max-violations", "0")
	res, err := cmd.CombinedOutput()
	t.Logf("%s", res)
	if err != nil {
		t.Errorf("below the bar: %v", err)
	}
}

// TestDevScore scores every set of the development material in
// ../shared/eval/dev, coverage of deals nobody tuned for, and holds the
// totals to floors just under what claimcheck reaches today: a change that
// loses generality fails here, not only on coverage nobody has.
func TestDevScore(t *testing.T) {
	dir := shared(t)
	sets, _ := filepath.Glob(filepath.Join(dir, "eval", "dev", "*", "gold.canonical.json"))
	if len(sets) == 0 {
		t.Skip("../shared/eval/dev holds no sets")
	}
	// go run compiles score.go once; the sets reuse the binary.
	scorer := filepath.Join(t.TempDir(), "score")
	if out, err := exec.Command("go", "build", "-o", scorer, filepath.Join(dir, "eval", "score.go")).CombinedOutput(); err != nil {
		t.Fatalf("build the scorer: %v\n%s", err, out)
	}
	total := map[string]float64{}
	for _, gold := range sets {
		set := filepath.Dir(gold)
		_, out := checkJSON(t, set)
		report := filepath.Join(t.TempDir(), filepath.Base(set)+".json")
		if err := os.WriteFile(report, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := exec.Command(scorer, "-gold", gold, "-report", report, "-json").Output()
		if err != nil {
			t.Fatalf("score %s: %v", set, err)
		}
		var counts map[string]float64
		if err := json.Unmarshal(bytes.SplitN(res, []byte("\n"), 2)[0], &counts); err != nil {
			t.Fatalf("score %s: %v: %s", set, err, res)
		}
		t.Logf("%s: %v", filepath.Base(set), counts)
		for k, v := range counts {
			total[k] += v
		}
	}
	ratio := func(a, b string) float64 {
		if total[b] == 0 {
			return 1
		}
		return total[a] / total[b]
	}
	floors := []struct {
		name     string
		got, min float64
	}{
		{"claim recall", ratio("claims_found", "gold_claims"), 0.95},
		{"value agreement", ratio("values_agree", "values_scored"), 0.97},
		{"party agreement", ratio("parties_agree", "parties_scored"), 0.92},
		{"finding recall", ratio("required_found", "required_findings"), 0.88},
		{"precision", ratio("findings_matched", "reported_findings"), 0.93},
	}
	for _, f := range floors {
		t.Logf("%s %.2f (floor %.2f)", f.name, f.got, f.min)
		if f.got < f.min {
			t.Errorf("dev %s %.2f is under its floor %.2f", f.name, f.got, f.min)
		}
	}
	if n := total["flagged_non_findings"]; n > 0 {
		t.Errorf("dev: %v flagged non-findings, none allowed", n)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{"help", []string{"--help"}, 0, "Commands:"},
		{"command help", []string{"check", "--help"}, 0, "Usage: claimcheck check"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"no folder", []string{"check"}, 2, "name at least one folder"},
		{"bad flag", []string{"check", "--nope", "x"}, 2, "flag provided but not defined"},
		{"bad format", []string{"check", "--format", "pdf", "../../examples/amazon-anthropic"}, 2, `--format "pdf"`},
		{"missing folder", []string{"check", "no/such/folder"}, 2, "no/such/folder"},
		{"findings", []string{"check", "--quiet", "--fail-on-findings", "../../examples/amazon-anthropic"}, 1, "findings"},
		{"bad rules", []string{"check", "--rules", "testdata/badrules", "../../examples/amazon-anthropic"}, 2, "bad.yaml:"},
		{"version", []string{"version"}, 0, "claimcheck"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := claimcheck(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.out) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tc.out, out, errs)
			}
		})
	}
}

// TestMalformedInput: every bad file is named with its reason and skipped;
// the run finishes with the good articles.
func TestMalformedInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("Helix Deal\n\nOrbital invested $2 billion in Helix Robotics.\n"))
	write("binary.txt", []byte("MZ\x00\x01\x02binary\x00"))
	write("empty.md", nil)
	write("invalid-utf8.txt", []byte("Bad Bytes\n\nOrbital paid \xff\xfe$3 billion for Helix Robotics.\n"))
	write("broken.html", []byte("<html><body><article><p>Orbital invested $2 billion in Helix Robotics<div><p>unclosed"))
	write("notes.pdf", []byte("%PDF-1.4"))
	if err := os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := claimcheck(t, "check", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"binary.txt: read binary.txt: binary file", "empty.md: read empty.md: empty file", "notes.pdf", "dangling.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("report does not name %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "3 articles") {
		t.Errorf("want the three readable articles reported:\n%s", out)
	}
	for _, name := range []string{"good.txt", "broken.html", "invalid-utf8.txt"} {
		if strings.Contains(errs, name) {
			t.Errorf("%s should have been read: %s", name, errs)
		}
	}
}
