package report

import (
	"encoding/csv"
	"io"
	"strings"
)

// csvHeader names the CSV report's columns.
var csvHeader = []string{"id", "type", "kind", "severity", "parties", "value", "articles", "status", "review", "note", "message"}

// CSV writes one row per side of each finding (one row for a finding
// without sides), for editors who sort and annotate in a spreadsheet. The
// articles of a row are its side's, separated by "; ". Every cell that a
// spreadsheet would read as a formula is defused (safeCell).
func CSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	claims := r.claimIndex()
	for _, f := range r.sortedFindings() {
		row := func(value string, articles []string) []string {
			shown := make([]string, len(articles))
			for i, a := range articles {
				shown[i] = ShowPath(a)
			}
			cells := []string{f.ID, string(f.Type), string(f.Kind), string(f.Severity), who(f), value, strings.Join(shown, "; "),
				orOpen(f.Status), orOpen(f.Review.State), f.Review.Note, f.Message}
			for i, c := range cells {
				cells[i] = safeCell(c)
			}
			return cells
		}
		if len(f.Sides) == 0 {
			var arts []string
			seen := map[string]bool{}
			quoted := claims.of(f.Finding)
			for _, id := range f.Claims {
				if c := quoted[id]; c != nil && !seen[c.Article] {
					seen[c.Article] = true
					arts = append(arts, c.Article)
				}
			}
			if err := cw.Write(row("", arts)); err != nil {
				return err
			}
			continue
		}
		for _, s := range f.Sides {
			if err := cw.Write(row(s.Value, s.Articles)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return claims.err
}

func orOpen(s string) string {
	if s == "" {
		return "open"
	}
	return s
}

// safeCell keeps a spreadsheet from reading a cell as a formula: text
// starting with = + - @, after any spaces (or a tab or carriage return, which
// some read past)
// gets a leading apostrophe, which spreadsheets show as text. Control
// characters are defused as in the text report.
func safeCell(s string) string {
	if t := strings.TrimLeft(s, " "); t != "" && strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		s = "'" + s
	}
	return clean(s)
}
