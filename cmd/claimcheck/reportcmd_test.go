package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheckCSV: --format csv gives a spreadsheet of the findings' sides.
func TestCheckCSV(t *testing.T) {
	r, _ := checkJSON(t, "../../examples/amazon-anthropic")
	code, out, errs := claimcheck(t, "check", "--quiet", "--format", "csv", "../../examples/amazon-anthropic")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(rows) < 2 || rows[0][0] != "id" {
		t.Fatalf("no header or no rows:\n%s", out)
	}
	ids := map[string]bool{}
	for _, row := range rows[1:] {
		ids[row[0]] = true
	}
	for _, f := range r.Findings {
		if !ids[f.ID] {
			t.Errorf("finding %s has no row", f.ID)
		}
	}
}

// TestReportShowsWhatNeedsAttention: a dismissed finding is left out of the
// default report, and back with --all or --show dismissed.
func TestReportShowsWhatNeedsAttention(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "news.db")
	for name, body := range map[string]string{
		"a.txt": "Deal\n\nOrbital invested $2 billion in Helix Robotics.\n",
		"b.txt": "Deal\n\nOrbital invested $3 billion in Helix Robotics.\n",
		"c.txt": "Listing\n\nMarlow Freight (NYSE: ZZQX) rose.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := claimcheck(t, "ingest", "--quiet", "--db", db, dir); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	_, out, _ := claimcheck(t, "report", "--db", db, "--format", "csv")
	id := regexp.MustCompile(`f-[0-9a-f]{12}`).FindString(out)
	if id == "" {
		t.Fatalf("no finding:\n%s", out)
	}
	if code, _, errs := claimcheck(t, "review", "--db", db, id, "--dismiss", "--by", "ed"); code != 0 {
		t.Fatalf("review: %d %s", code, errs)
	}
	if _, out, _ = claimcheck(t, "report", "--db", db); strings.Contains(out, id) {
		t.Errorf("the default report shows a dismissed finding:\n%s", out)
	}
	for _, args := range [][]string{{"--all"}, {"--show", "all"}, {"--show", "dismissed"}} {
		if _, out, _ = claimcheck(t, append([]string{"report", "--db", db}, args...)...); !strings.Contains(out, id) {
			t.Errorf("report %v leaves out the dismissed finding:\n%s", args, out)
		}
	}
	if _, out, _ = claimcheck(t, "report", "--db", db, "--show", "unreviewed"); strings.Contains(out, id) {
		t.Errorf("--show unreviewed shows a dismissed finding")
	}
	if code, _, errs := claimcheck(t, "report", "--db", db, "--show", "open"); code != 2 || !strings.Contains(errs, "attention, unreviewed") {
		t.Errorf("--show open: exit %d, want a usage error naming the choices: %s", code, errs)
	}
}
