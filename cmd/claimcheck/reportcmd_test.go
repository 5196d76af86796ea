package main

import (
	"encoding/csv"
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
