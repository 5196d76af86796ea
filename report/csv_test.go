package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/reconcile"
)

func TestCSVOneRowPerSide(t *testing.T) {
	r := sample()
	var buf bytes.Buffer
	if err := CSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, buf.String())
	}
	if got := strings.Join(rows[0], ","); got != "id,type,kind,severity,parties,value,articles,status,review,note,message" {
		t.Errorf("header %q", got)
	}
	want := 1 // header
	for _, f := range r.Findings {
		want += max(1, len(f.Sides))
	}
	if len(rows) != want {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), want, buf.String())
	}
	byValue := map[string][]string{}
	for _, row := range rows[1:] {
		byValue[row[0]+"|"+row[5]] = row
	}
	four := byValue["f-conflict|up to $4 billion"]
	if four == nil || four[6] != "01-first.txt; 02-wire-copy.txt" || four[4] != "Amazon → Anthropic" || four[7] != "open" || four[8] != "open" {
		t.Errorf("the $4 billion side: %q", four)
	}
	if d := byValue["f-stake|49%"]; d == nil || d[8] != "dismissed" || d[9] != "hedged figure, same deal" {
		t.Errorf("the dismissed side: %q", d)
	}
	if tk := byValue["f-ticker|"]; tk == nil || tk[6] != "sub/03-analysis.md" {
		t.Errorf("a finding without sides names its claims' articles: %q", tk)
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	r := sample()
	f := &r.Findings[2].Finding
	f.Sides = append([]reconcile.Side(nil), f.Sides...)
	f.Sides[0].Value = `=HYPERLINK("http://x","y")`
	f.Sides[1].Value = "-5%"
	f.Subject = "@SUM(A1)"
	f.Message = " +1 line\nbreak"
	var buf bytes.Buffer
	if err := CSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
			if strings.ContainsAny(cell, "\n\r") {
				t.Errorf("cell %q breaks its line", cell)
			}
		}
	}
	if !strings.Contains(out, `'=HYPERLINK(`) || !strings.Contains(out, "'-5%") || !strings.Contains(out, "'@SUM") {
		t.Errorf("formulas not kept as text:\n%s", out)
	}
}
