package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
)

// Schema names the JSON report's version.
const Schema = "claimcheck.report/v1"

type jsonArticle struct {
	ID        string   `json:"id"`
	Path      string   `json:"path"`
	Title     string   `json:"title"`
	Byline    string   `json:"byline"`
	Source    string   `json:"source"`
	Published string   `json:"published"`
	SHA256    string   `json:"sha256"`
	Format    string   `json:"format"`
	Warnings  []string `json:"warnings,omitempty"`
	// PathBytes is the file name's bytes, base64, when it is not UTF-8:
	// Path then shows it escaped (ShowPath).
	PathBytes []byte `json:"path_bytes,omitempty"`
}

type jsonClaim struct {
	ID          string `json:"id"`
	Article     string `json:"article"`
	Kind        string `json:"kind"`
	Subject     string `json:"subject"`
	Object      string `json:"object"`
	Normalized  string `json:"normalized"`
	Text        string `json:"text"`
	Sentence    string `json:"sentence"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Hedged      bool   `json:"hedged"`
	Attribution string `json:"attribution"`
	Period      string `json:"period,omitempty"`
	Status      string `json:"status,omitempty"`
	Aspect      string `json:"aspect,omitempty"`
	Component   string `json:"component,omitempty"`
	Event       string `json:"event,omitempty"`
	Round       string `json:"round,omitempty"` // the deal's round it names: "series c"
	Plan        string `json:"plan,omitempty"`  // the plan a cut belongs to: "integration: Vega"
	// Refs go beyond the contract, which welcomes more fields.
	Refs []extract.Ref `json:"refs,omitempty"`
}

type jsonFinding struct {
	ID       string           `json:"id"`
	Type     string           `json:"type"`
	Kind     string           `json:"kind"`
	Subject  string           `json:"subject"`
	Object   string           `json:"object"`
	Severity string           `json:"severity"`
	Claims   []string         `json:"claims"`
	Message  string           `json:"message"`
	Sides    []reconcile.Side `json:"sides,omitempty"`
	Checked  string           `json:"checked,omitempty"`
	Status   string           `json:"status,omitempty"`
	Review   string           `json:"review,omitempty"`
	Note     string           `json:"review_note,omitempty"`
	By       string           `json:"review_by,omitempty"`
	At       string           `json:"reviewed_at,omitempty"` // RFC 3339
	Reopened string           `json:"reopen_reason,omitempty"`
	New      bool             `json:"new,omitempty"`
}

// JSON writes the report in the contract's form (eval/README.md): one
// object, fields in a fixed order (schema, articles, claims, findings,
// skipped, errors, listing), lists never null. Articles come by path,
// claims by article and position, findings by severity, kind, subject and
// id, so the same report always gives the same bytes. Each list is written
// element by element, as encoding/json would indent the whole object: a
// report over a large store holds no more than one element's encoding
// (and, with EachClaim, one article's claims).
func JSON(w io.Writer, r *Report) error {
	js := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	js.w.WriteString("{")
	js.field("schema", Schema)
	js.list("articles", func(item func(any) error) error {
		for _, a := range r.sortedArticles() {
			if err := item(jsonArticle{ID: a.ID, Path: ShowPath(a.Path), PathBytes: rawPath(a.Path), Title: a.Title, Byline: a.Byline, Source: a.Source,
				Published: a.PublishedString(), SHA256: a.SHA256, Format: string(a.Format), Warnings: a.Warnings}); err != nil {
				return err
			}
		}
		return nil
	})
	js.list("claims", func(item func(any) error) error {
		if r.EachClaim != nil {
			return eachReportedClaim(r.EachClaim, func(c extract.Claim) error { return item(toJSONClaim(c)) })
		}
		for _, c := range r.ReportedClaims() {
			if err := item(toJSONClaim(c)); err != nil {
				return err
			}
		}
		return nil
	})
	js.list("findings", func(item func(any) error) error {
		for _, f := range r.sortedFindings() {
			claims := f.Claims
			if claims == nil {
				claims = []string{}
			}
			if err := item(jsonFinding{ID: f.ID, Type: string(f.Type), Kind: string(f.Kind), Subject: f.Subject,
				Object: f.Object, Severity: string(f.Severity), Claims: claims, Message: f.Message, Sides: showSides(f.Sides), Checked: f.Checked,
				Status: f.Status, Review: f.Review.State, Note: f.Review.Note, By: f.Review.By, At: rfc3339(f.Review.At),
				Reopened: f.Review.ReopenReason, New: f.New}); err != nil {
				return err
			}
		}
		return nil
	})
	if len(r.Skipped) > 0 {
		js.field("skipped", showFileErrors(r.Skipped))
	}
	if len(r.Errors) > 0 {
		js.field("errors", showFileErrors(r.Errors))
	}
	if r.Listing != "" {
		js.field("listing", r.Listing)
	}
	if js.err != nil {
		return fmt.Errorf("json report: %w", js.err)
	}
	js.w.WriteString("\n}\n")
	return js.w.Flush()
}

// jsonStream writes an object's fields one by one, indented as
// json.Encoder's SetIndent("", "  ") would; the first error stops it.
type jsonStream struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	fields int
	err    error
}

// encode writes v as it stands at prefix: its lines after the first
// indented by prefix, no newline after it.
func (js *jsonStream) encode(prefix string, v any) {
	if js.err != nil {
		return
	}
	js.buf.Reset()
	if js.err = newJSONEncoder(&js.buf, prefix).Encode(v); js.err == nil {
		js.w.Write(bytes.TrimSuffix(js.buf.Bytes(), []byte("\n")))
	}
}

func (js *jsonStream) key(name string) {
	if js.fields > 0 {
		js.w.WriteString(",")
	}
	js.fields++
	js.w.WriteString("\n  \"" + name + "\": ")
}

func (js *jsonStream) field(name string, v any) {
	js.key(name)
	js.encode("  ", v)
}

// list writes a list field whose elements each gives to item: [] when it
// gives none.
func (js *jsonStream) list(name string, each func(item func(any) error) error) {
	if js.err != nil {
		return
	}
	js.key(name)
	js.w.WriteString("[")
	n := 0
	err := each(func(v any) error {
		if n > 0 {
			js.w.WriteString(",")
		}
		n++
		js.w.WriteString("\n    ")
		js.encode("    ", v)
		return js.err
	})
	if js.err == nil {
		js.err = err
	}
	if n > 0 {
		js.w.WriteString("\n  ")
	}
	js.w.WriteString("]")
}

func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

func toJSONClaim(c extract.Claim) jsonClaim {
	return jsonClaim{ID: c.ID, Article: ShowPath(c.Article), Kind: string(c.Kind), Subject: c.Subject, Object: c.Object,
		Normalized: c.Normalized, Text: c.Text, Sentence: c.Sentence, Start: c.Start, End: c.End, Hedged: c.Hedged,
		Attribution: c.Attribution, Period: c.Period, Status: string(c.Status), Aspect: string(c.Aspect), Component: string(c.Component), Event: c.Event, Round: c.Round, Plan: c.Plan, Refs: c.Refs}
}

// eachReportedClaim calls fn with the reported claims each reads, one
// article at a time, in report order. The store gives articles by path in
// SQLite's BINARY collation, which is Go's string order: the order
// ReportedClaims sorts by.
func eachReportedClaim(each func(fn func(extract.Claim) error) error, fn func(extract.Claim) error) error {
	var article []extract.Claim
	flush := func() error {
		for _, c := range reported(article) {
			if err := fn(c); err != nil {
				return err
			}
		}
		article = article[:0]
		return nil
	}
	err := each(func(c extract.Claim) error {
		if len(article) > 0 && article[0].Article != c.Article {
			if err := flush(); err != nil {
				return err
			}
		}
		article = append(article, c)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
