package report

import (
	"fmt"
	"io"
)

// Formats are the forms a report can be written in, by the names --format
// takes ("md" is accepted for markdown).
var Formats = []string{"text", "json", "markdown", "html", "csv"}

// Render writes r in the named format; text takes opts.
func Render(w io.Writer, r *Report, format string, opts TextOptions) error {
	switch format {
	case "text", "":
		return Text(w, r, opts)
	case "json":
		return JSON(w, r)
	case "markdown", "md":
		return Markdown(w, r)
	case "html":
		return HTML(w, r)
	case "csv":
		return CSV(w, r)
	}
	return fmt.Errorf("unknown report format %q", format)
}
