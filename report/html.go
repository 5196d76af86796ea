package report

import "io"

// HTML is replaced below.
func HTML(w io.Writer, r *Report) error { return Markdown(w, r) }
