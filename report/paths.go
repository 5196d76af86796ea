package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/claimcheck/claimcheck/reconcile"
)

// ShowPath is how a report shows a file name. A name that is valid UTF-8
// shows as it is. Any other (a Latin-1 name from an old archive) shows
// Go-quoted, without the quotes: each byte that is not UTF-8 as \xNN, and
// backslashes doubled, so that the text stays readable and printable and
// the same name always shows the same way. The JSON report keeps such a
// name's bytes beside it (path_bytes), to map it back to its file.
func ShowPath(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}

// showSides is sides with their article names as ShowPath shows them; the
// same slice when every name is UTF-8.
func showSides(sides []reconcile.Side) []reconcile.Side {
	bad := false
	for _, s := range sides {
		for _, a := range s.Articles {
			bad = bad || !utf8.ValidString(a)
		}
	}
	if !bad {
		return sides
	}
	out := make([]reconcile.Side, len(sides))
	for i, s := range sides {
		out[i] = s
		out[i].Articles = make([]string, len(s.Articles))
		for j, a := range s.Articles {
			out[i].Articles[j] = ShowPath(a)
		}
	}
	return out
}

func showFileErrors(fs []FileError) []FileError {
	var out []FileError
	for _, f := range fs {
		out = append(out, FileError{Path: ShowPath(f.Path), Message: f.Message})
	}
	return out
}

// rawPath is a name's bytes when ShowPath does not show them as they are.
func rawPath(p string) []byte {
	if utf8.ValidString(p) {
		return nil
	}
	return []byte(p)
}
