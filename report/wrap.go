package report

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// wrapWriter wraps each line written through it to width columns at
// spaces, continuing under the line's own indent plus two. ANSI colour
// sequences take no room; wide (East Asian) characters take two columns.
// A word longer than a line is cut.
type wrapWriter struct {
	w     io.Writer
	width int
	line  []byte
	err   error
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			ww.emit()
			continue
		}
		ww.line = append(ww.line, b)
	}
	return len(p), ww.err
}

// Flush writes a last line that had no line break.
func (ww *wrapWriter) Flush() error {
	if len(ww.line) > 0 {
		ww.emit()
	}
	return ww.err
}

func (ww *wrapWriter) emit() {
	if ww.err != nil {
		ww.line = ww.line[:0]
		return
	}
	var out bytes.Buffer
	for i, l := range wrapLine(string(ww.line), ww.width) {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(l)
	}
	out.WriteByte('\n')
	_, ww.err = ww.w.Write(out.Bytes())
	ww.line = ww.line[:0]
}

// wrapLine cuts s into lines of at most width columns. Runs of spaces
// inside a wrapped line become one.
func wrapLine(s string, width int) []string {
	if columns(s) <= width {
		return []string{s}
	}
	indent := len(s) - len(strings.TrimLeft(s, " "))
	cont := strings.Repeat(" ", min(indent+2, width/2))
	var lines []string
	cur, curCols, empty := s[:min(indent, width/2)], min(indent, width/2), true
	for _, w := range strings.Fields(s) {
		wc := columns(w)
		if !empty && curCols+1+wc > width {
			lines = append(lines, cur)
			cur, curCols, empty = cont, len(cont), true
		}
		for empty && curCols+wc > width { // a word wider than a line
			head, rest := splitColumns(w, width-curCols)
			lines = append(lines, cur+head)
			cur, curCols = cont, len(cont)
			w, wc = rest, columns(rest)
		}
		if !empty {
			cur += " "
			curCols++
		}
		cur += w
		curCols += wc
		empty = false
	}
	if !empty {
		lines = append(lines, cur)
	}
	return lines
}

// pastEscape returns where the colour sequence at s[i] (ESC [ ... final
// byte) ends.
func pastEscape(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '[' {
		j++
		for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
			j++
		}
	}
	return j + 1
}

// columns is how many terminal columns s takes.
func columns(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\033' {
			i = pastEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeColumns(r)
		i += size
	}
	return n
}

func runeColumns(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// splitColumns cuts s after at most n columns (at least one rune), never
// inside a colour sequence.
func splitColumns(s string, n int) (string, string) {
	cols := 0
	for i := 0; i < len(s); {
		if s[i] == '\033' {
			i = pastEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if cols+runeColumns(r) > n && i > 0 {
			return s[:i], s[i:]
		}
		cols += runeColumns(r)
		i += size
	}
	return s, ""
}
