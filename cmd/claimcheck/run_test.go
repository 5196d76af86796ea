package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScheduledRuns walks the life of findings across cron runs: new, then
// unchanged (exit 0), resolved when the evidence goes, reopened when it
// returns; a dismissed finding stays dismissed until new evidence joins it.
func TestScheduledRuns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "news.db")
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runOnce := func() (int, string, string) {
		return claimcheck(t, "run", "--db", db, dir)
	}
	write("a.txt", "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n")
	write("b.txt", "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n")

	code, out, errs := runOnce()
	if code != 1 || !strings.Contains(errs, "1 new") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, out, errs)
	}
	id := regexp.MustCompile(`f-[0-9a-f]{12}`).FindString(out)
	if id == "" {
		t.Fatalf("no finding id in:\n%s", out)
	}
	if code, _, errs = runOnce(); code != 0 || !strings.Contains(errs, "0 new") || !strings.Contains(errs, "1 open") {
		t.Fatalf("second run: exit %d: %s", code, errs)
	}
	os.Remove(filepath.Join(dir, "b.txt"))
	if code, _, errs = runOnce(); code != 0 || !strings.Contains(errs, "1 resolved") {
		t.Fatalf("evidence gone: exit %d: %s", code, errs)
	}
	write("b.txt", "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n")
	if code, out, _ = runOnce(); code != 1 || !strings.Contains(out, id) {
		t.Fatalf("evidence back: exit %d, want the same id %s reopened:\n%s", code, id, out)
	}
	if code, out, errs = claimcheck(t, "review", "--db", db, id, "--dismiss", "--note", "two tranches", "--by", "ed"); code != 0 {
		t.Fatalf("review: %d %s %s", code, out, errs)
	}
	if code, _, errs = runOnce(); code != 0 || !strings.Contains(errs, "0 open, 1 dismissed") {
		t.Errorf("a dismissed finding came back with no new evidence, or counts as open: exit %d: %s", code, errs)
	}
	if code, _, errs = claimcheck(t, "run", "--db", db, "--fail-on", "any", dir); code != 0 {
		t.Errorf("--fail-on any with only a dismissed finding open: exit %d: %s", code, errs)
	}
	// Its article removed, then put back unchanged: still dismissed, and
	// nothing to report.
	os.Remove(filepath.Join(dir, "b.txt"))
	runOnce()
	write("b.txt", "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n")
	if code, out, errs = runOnce(); code != 0 || out != "" || !strings.Contains(errs, "0 new") {
		t.Errorf("a dismissed finding whose article came back unchanged is new again: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = claimcheck(t, "report", "--db", db, "--show", "dismissed")
	if !strings.Contains(out, id) || !strings.Contains(out, "[dismissed]") {
		t.Errorf("report --show dismissed:\n%s", out)
	}
	write("c.txt", "Deal\n\nOrbital invested $3 billion in Helix Robotics, a filing shows.\n")
	if code, out, _ = runOnce(); code != 1 || !strings.Contains(out, id) || !strings.Contains(out, "new evidence: c.txt joined saying $3 billion") {
		t.Errorf("new evidence must reopen the dismissed finding, naming the article and value: exit %d\n%s", code, out)
	}
	if code, _, errs = claimcheck(t, "review", "--db", db, "f-000000000000", "--confirm"); code != 2 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown id: %d %s", code, errs)
	}
	if code, _, _ = claimcheck(t, "run", "--db", db, "--quiet", "--fail-on", "never", dir); code != 0 {
		t.Errorf("--fail-on never: exit %d", code)
	}
	if code, _, _ = claimcheck(t, "run", "--db", db, "--quiet", "--fail-on", "any", dir); code != 1 {
		t.Errorf("--fail-on any with open findings: exit %d", code)
	}
}

func TestConcurrentRunsLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	release, err := lockForTest(db)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	code, _, errs := claimcheck(t, "run", "--db", db, "--quiet", "../../examples/amazon-anthropic")
	if code != 2 || !strings.Contains(errs, "another claimcheck run holds") || !strings.Contains(errs, "--wait") {
		t.Errorf("second run: exit %d: %s", code, errs)
	}
}
