package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
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

type jsonReport struct {
	Schema   string        `json:"schema"`
	Articles []jsonArticle `json:"articles"`
	Claims   []jsonClaim   `json:"claims"`
	Findings []jsonFinding `json:"findings"`
	Skipped  []FileError   `json:"skipped,omitempty"`
	Errors   []FileError   `json:"errors,omitempty"`
	Listing  string        `json:"listing,omitempty"`
}

// JSON writes the report in the contract's form (eval/README.md): one
// object, fields in a fixed order, lists never null. Articles come by path,
// claims by article and position, findings by severity, kind, subject and
// id, so the same report always gives the same bytes.
func JSON(w io.Writer, r *Report) error {
	out := jsonReport{Schema: Schema, Articles: []jsonArticle{}, Claims: []jsonClaim{}, Findings: []jsonFinding{},
		Skipped: showFileErrors(r.Skipped), Errors: showFileErrors(r.Errors), Listing: r.Listing}
	for _, a := range r.sortedArticles() {
		out.Articles = append(out.Articles, jsonArticle{ID: a.ID, Path: ShowPath(a.Path), PathBytes: rawPath(a.Path), Title: a.Title, Byline: a.Byline, Source: a.Source,
			Published: a.PublishedString(), SHA256: a.SHA256, Format: string(a.Format), Warnings: a.Warnings})
	}
	if r.EachClaim == nil {
		for _, c := range r.ReportedClaims() {
			out.Claims = append(out.Claims, toJSONClaim(c))
		}
	}
	for _, f := range r.sortedFindings() {
		claims := f.Claims
		if claims == nil {
			claims = []string{}
		}
		out.Findings = append(out.Findings, jsonFinding{ID: f.ID, Type: string(f.Type), Kind: string(f.Kind), Subject: f.Subject,
			Object: f.Object, Severity: string(f.Severity), Claims: claims, Message: f.Message, Sides: showSides(f.Sides), Checked: f.Checked,
			Status: f.Status, Review: f.Review.State, Note: f.Review.Note, By: f.Review.By, At: rfc3339(f.Review.At),
			Reopened: f.Review.ReopenReason, New: f.New})
	}
	if r.EachClaim == nil {
		return newJSONEncoder(w, "").Encode(out)
	}
	// Every claim of a large store is written as it is read: the report
	// is encoded with an empty claim list, and the claims go in its place.
	var buf bytes.Buffer
	if err := newJSONEncoder(&buf, "").Encode(out); err != nil {
		return err
	}
	const empty = "\n  \"claims\": [],"
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(empty))
	if !ok {
		return errors.New("json report: no claim list to fill") // cannot happen: the field is always written
	}
	bw := bufio.NewWriter(w)
	bw.Write(head)
	bw.WriteString("\n  \"claims\": [")
	if err := streamClaims(bw, r.EachClaim); err != nil {
		return err
	}
	bw.WriteString(",")
	bw.Write(tail)
	return bw.Flush()
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

// streamClaims writes the elements of the claim list and its closing
// bracket as the encoder would indent them, one article at a time in
// report order. The store gives articles by path in SQLite's BINARY
// collation, which is Go's string order: the order ReportedClaims sorts by.
func streamClaims(w *bufio.Writer, each func(fn func(extract.Claim) error) error) error {
	var elem bytes.Buffer
	enc := newJSONEncoder(&elem, "    ")
	n := 0
	var article []extract.Claim
	flush := func() error {
		for _, c := range reported(article) {
			elem.Reset()
			if err := enc.Encode(toJSONClaim(c)); err != nil {
				return err
			}
			if n > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n    ")
			w.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
			n++
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
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("json report: %w", err)
	}
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
	return nil
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
