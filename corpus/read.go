package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DefaultMaxBytes is the largest file Read accepts unless told otherwise.
const DefaultMaxBytes = 64 << 20

// Errors a caller may act on; messages read as the reason a file was skipped.
var (
	ErrTooLarge = errors.New("file too large")
	ErrBinary   = errors.New("binary file (NUL bytes)")
	ErrEmpty    = errors.New("empty file: no text")
)

// ReadOptions bounds what Read accepts.
type ReadOptions struct {
	MaxBytes int64 // 0: DefaultMaxBytes
}

// Read reads a file found by Walk into an article. Every error names the file.
func Read(f File, opts ReadOptions) (*Article, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if f.Size > max {
		return nil, fmt.Errorf("read %s: %w (%d bytes, limit %d; raise it with --max-bytes)", f.Path, ErrTooLarge, f.Size, max)
	}
	fh, err := os.Open(f.Abs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, friendly(err))
	}
	defer fh.Close()
	// Sized from the walk, the buffer takes the file in one read; a file
	// that grew meanwhile is still read to the limit.
	buf := bytes.NewBuffer(make([]byte, 0, min(f.Size, max)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(fh, max+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, friendly(err))
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("read %s: %w (grew past the limit of %d bytes while reading)", f.Path, ErrTooLarge, max)
	}
	a, err := Parse(f.Path, f.Format, data)
	if err != nil {
		return nil, err
	}
	a.Size, a.ModTime = int64(len(data)), f.ModTime
	return a, nil
}

// Parse reads an article from the bytes of a file. It is pure: the same
// bytes give the same article. A panic in a parser becomes an error naming
// the file.
func Parse(path string, format Format, data []byte) (a *Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("read %s: the %s parser failed on this file: %v", path, format, r)
		}
	}()
	sum := sha256.Sum256(data)
	a = &Article{ID: ArticleID(path), Path: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Format: format}
	text, warnings, err := decode(data, format)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	a.Warnings = warnings
	switch format {
	case FormatHTML:
		err = parseHTML(a, text)
	case FormatMarkdown:
		parsePlain(a, text, true)
	default:
		parsePlain(a, text, false)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("read %s: %w (nothing left once markup and page furniture were removed)", path, ErrEmpty)
	}
	return a, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns a file's bytes into valid UTF-8 with \n line ends.
func decode(data []byte, format Format) (string, []string, error) {
	var warnings []string
	switch {
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", nil, fmt.Errorf("undecodable UTF-16: %v", err)
		}
		if bytes.IndexByte(out, 0) >= 0 {
			return "", nil, ErrBinary
		}
		data = out
		warnings = append(warnings, "decoded from UTF-16")
	default:
		data = bytes.TrimPrefix(data, bomUTF8)
		if bytes.IndexByte(data, 0) >= 0 {
			return "", nil, ErrBinary
		}
		if format == FormatHTML && !utf8.Valid(data) {
			if enc, name := declaredCharset(data); enc != "" {
				if e, _ := charset.Lookup(enc); e != nil {
					if out, _, err := transform.Bytes(e.NewDecoder(), data); err == nil {
						data = out
						warnings = append(warnings, "decoded from "+name)
					}
				}
			}
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, ErrEmpty
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		warnings = append(warnings, "invalid UTF-8 replaced")
	}
	s := string(data)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if strings.Contains(s, "\u00a0") || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") || strings.Contains(s, "\ufeff") {
		s = spaceReplacer.Replace(s)
	}
	return s, warnings, nil
}

// spaceReplacer makes no-break spaces plain and Unicode line and paragraph
// separators line ends, and drops byte order marks inside the text.
var spaceReplacer = strings.NewReplacer("\u00a0", " ", "\u2028", "\n", "\u2029", "\n", "\ufeff", "")

var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([\w.:-]+)`)

// declaredCharset finds the charset an HTML page declares in its first 4 KB.
func declaredCharset(data []byte) (string, string) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	m := metaCharsetRe.FindSubmatch(head)
	if m == nil {
		return "", ""
	}
	name := strings.ToLower(string(m[1]))
	if name == "utf-8" || name == "utf8" {
		return "", ""
	}
	if _, canonical := charset.Lookup(name); canonical != "" {
		return name, canonical
	}
	return "", ""
}
