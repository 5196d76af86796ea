package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Format is how an article's file is written.
type Format string

// The formats corpus reads.
const (
	FormatText     Format = "txt"
	FormatMarkdown Format = "md"
	FormatHTML     Format = "html"
)

// Precision says how much of a publication time the article stated.
type Precision string

// Publication precisions, coarsest first. PrecisionNone means no date was found.
const (
	PrecisionNone   Precision = ""
	PrecisionYear   Precision = "year"
	PrecisionMonth  Precision = "month"
	PrecisionDay    Precision = "day"
	PrecisionMinute Precision = "minute"
)

// Span is a half-open byte range [Start, End) into an article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Article is one file read into clean text. Every span elsewhere in
// claimcheck indexes into Text, so Text must never be rewritten once stored.
type Article struct {
	ID        string    // "a-" and a hash of Path: stable while the file keeps its name
	Path      string    // relative to the folder given on the command line, slash-separated
	SHA256    string    // hex digest of the file's bytes as read from disk
	Size      int64     // bytes on disk
	ModTime   time.Time // modification time on disk
	Format    Format
	Title     string
	Byline    string
	Source    string    // the outlet, where the article names it
	Published time.Time // zero when unknown
	Precision Precision // how much of Published the article stated
	Text      string    // clean plain text: paragraphs separated by "\n\n"
	Warnings  []string  // repairs made while reading ("invalid UTF-8 replaced", ...)
}

// ArticleID is the id an article at path gets.
func ArticleID(path string) string {
	sum := sha256.Sum256([]byte(path))
	return "a-" + hex.EncodeToString(sum[:6])
}

// PublishedString renders Published at its precision, RFC 3339 for a full
// time, empty when unknown.
func (a *Article) PublishedString() string {
	if a.Published.IsZero() {
		return ""
	}
	switch a.Precision {
	case PrecisionYear:
		return a.Published.Format("2006")
	case PrecisionMonth:
		return a.Published.Format("2006-01")
	case PrecisionDay:
		return a.Published.Format("2006-01-02")
	default:
		return a.Published.Format(time.RFC3339)
	}
}
