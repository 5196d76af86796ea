package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/report"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// output is the flags that choose a report's form and destination.
type output struct {
	format string
	path   string
	color  string
}

func (o *output) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&o.format, "format", "text", "report format: "+formats)
	fs.StringVar(&o.path, "o", "", "write the report to this file instead of standard output")
	fs.StringVar(&o.color, "color", "auto", "color the text report: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always or never")
}

// write renders a report; to a file, atomically, so a reader never sees
// half a report.
func (o *output) write(e *env, r *report.Report) error {
	if err := oneOf("format", o.format, append(report.Formats, "md")...); err != nil {
		return err
	}
	if o.color == "" {
		o.color = "auto"
	}
	if err := oneOf("color", o.color, "auto", "always", "never"); err != nil {
		return err
	}
	toFile := o.path != "" && o.path != "-"
	render := func(w io.Writer) error {
		return report.Render(w, r, o.format, report.TextOptions{Color: useColor(o.color, e.stdout, toFile), Wrap: termWidth(e.stdout, toFile)})
	}
	if !toFile {
		if err := render(e.stdout); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	if err := writeFileAtomic(o.path, render); err != nil {
		return fmt.Errorf("write report %s: %w", o.path, err)
	}
	return nil
}

// useColor decides whether a text report is colored: --color always or
// never say so; auto colors a terminal unless NO_COLOR is set
// (https://no-color.org) or TERM=dumb says the terminal cannot.
func useColor(mode string, w io.Writer, toFile bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return !toFile && isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// writeFileAtomic writes path through a temporary file in its folder,
// renamed over it once complete: a reader sees the old file or the new one,
// never half of one. The temporary file is created with mode 0666 for the
// kernel to apply the umask (and a folder's default ACL) as it does to any
// new file; a file that exists keeps its mode.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	var tmp *os.File
	for try := 0; ; try++ {
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, ".claimcheck-"+hex.EncodeToString(b[:])+".tmp")
		tmp, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || try > 10 {
			return err
		}
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if info, serr := os.Stat(path); serr == nil && info.Mode().IsRegular() {
		if err := tmp.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// termWidth is the width of the terminal a report goes to; 0 for a file or
// a pipe, whose lines are left whole.
func termWidth(w io.Writer, toFile bool) int {
	f, ok := w.(*os.File)
	if toFile || !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		return 0
	}
	return width
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

type checkOptions struct {
	common
	output
	failOnFindings bool
}

func runCheck(ctx context.Context, e *env, args []string) error {
	var o checkOptions
	fs := newFlags(e, "check", "check [flags] FOLDER|FILE...\n\nReads the articles, extracts their claims and prints the contradictions. Keeps no state: see 'ingest' and 'run' for a database.")
	o.common.registerRules(fs)
	o.common.registerTickers(fs)
	o.common.registerRead(fs)
	o.common.registerLog(fs)
	o.output.register(fs, "text, json, markdown, html or csv")
	fs.BoolVar(&o.failOnFindings, "fail-on-findings", false, "exit with code 1 when there are findings")
	roots, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(roots) == 0 {
		return usagef("name at least one folder or file of articles")
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	st, err := store.Open(ctx, "")
	if err != nil {
		return err
	}
	defer st.Close()
	run, err := recordedRun(ctx, e, &o.common, st, roots, false)
	if err != nil {
		return err
	}
	defer pipeline.PaceGC()() // a report holds its findings, not their evidence: it is paced as a run is
	r, err := buildReport(ctx, st, store.Filter{}, run.listing, run.res)
	if err != nil {
		return err
	}
	if err := o.output.write(e, r); err != nil {
		return err
	}
	if o.failOnFindings && len(r.Findings) > 0 {
		return errFindings
	}
	return nil
}

// runOutcome is what a recorded run did.
type runOutcome struct {
	id      int64
	res     pipeline.Result
	diff    store.Diff
	listing *rules.Listing
}

// recordedRun is the pipeline on one store: ingest the roots under a
// recorded run, reconcile, record how it ended. With skipUnchanged,
// reconciliation is skipped when nothing it depends on (the stored corpus,
// the rules, the listing) changed since the last finished run.
func recordedRun(ctx context.Context, e *env, o *common, st *store.Store, roots []string, skipUnchanged bool) (runOutcome, error) {
	var out runOutcome
	// Rules load before the collector is relaxed: a large entities file
	// makes much garbage, best collected at Go's default pace.
	x, err := o.extractor()
	if err != nil {
		return out, err
	}
	defer pipeline.PaceGC()()
	if out.listing, err = o.listing(ctx, st); err != nil {
		return out, err
	}
	if out.id, err = st.BeginRun(ctx, roots); err != nil {
		return out, err
	}
	fail := func(status string, err error) (runOutcome, error) {
		_ = st.EndRun(context.WithoutCancel(ctx), out.id, stats(out.res, out.diff), status, "")
		return out, err
	}
	if out.res, err = ingest(ctx, e, o, st, x, roots, out.id); err != nil {
		return fail("interrupted", err)
	}
	inputs, err := runInputs(ctx, st, x.Rules(), out.listing)
	if err != nil {
		return fail("failed", err)
	}
	if skipUnchanged {
		last, ok, err := st.LastRun(ctx)
		if err != nil {
			return fail("failed", err)
		}
		if ok && last.Inputs == inputs {
			e.log.Info("nothing changed since the last run: reconciliation skipped", "last_run", last.ID)
			return out, st.EndRun(ctx, out.id, stats(out.res, out.diff), "done", inputs)
		}
	}
	_, diff, err := pipeline.Reconcile(ctx, st, out.id, reconcile.Options{Rules: x.Rules(), Listing: out.listing})
	out.diff = diff
	if err != nil {
		return fail("failed", err)
	}
	return out, st.EndRun(ctx, out.id, stats(out.res, out.diff), "done", inputs)
}

// openLocked takes the database's run lock and opens it.
func openLocked(ctx context.Context, db string, wait bool) (*store.Store, func(), error) {
	path := dbPath(db)
	release, err := store.Lock(ctx, path, wait)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		release()
		return nil, nil, err
	}
	return st, func() { st.Close(); release() }, nil
}

// openExisting opens a database that must exist already.
func openExisting(ctx context.Context, db string) (*store.Store, error) {
	path := dbPath(db)
	if _, err := os.Stat(path); err != nil && !store.IsPostgres(path) {
		return nil, fmt.Errorf("no database at %s: create one with 'claimcheck ingest --db %s FOLDER'", path, path)
	}
	return store.Open(ctx, path)
}

func ingest(ctx context.Context, e *env, o *common, st *store.Store, x *extract.Extractor, roots []string, runID int64) (pipeline.Result, error) {
	for _, root := range roots {
		if _, err := os.Stat(root); err != nil {
			return pipeline.Result{}, usagef("%s: %v", root, err)
		}
	}
	start := time.Now()
	draw := progress(e)
	res, err := pipeline.Ingest(ctx, pipeline.Options{Roots: roots, Extractor: x, Store: st, RunID: runID,
		Workers: o.workers, MaxBytes: o.maxBytes, ArticleBudget: o.budget, Progress: draw})
	clearProgress(e, draw)
	for _, f := range res.Skipped {
		if f.Problem {
			e.log.Warn("skipped", "path", report.ShowPath(f.Path), "reason", f.Reason)
		}
	}
	for _, f := range res.Errors {
		e.log.Warn("skipped a file", "file", report.ShowPath(f.Path), "reason", f.Reason)
	}
	if err != nil {
		return res, err
	}
	// The claims the report counts: every stored claim of a reported kind,
	// not the claims written this run (of which some kinds, such as a
	// company's private status, only inform other checks).
	claims, err := st.ClaimCountOfKinds(ctx, extract.Kinds)
	if err != nil {
		return res, err
	}
	e.log.Info("ingested", "files", res.Found, "added", res.Added, "changed", res.Changed, "unchanged", res.Unchanged,
		"removed", res.Removed, "errors", len(res.Errors), "skipped", len(res.Skipped), "claims", claims,
		"seconds", math.Round(time.Since(start).Seconds()*100)/100)
	return res, nil
}

func stats(res pipeline.Result, d store.Diff) store.RunStats {
	return store.RunStats{Found: res.Found, Added: res.Added, Changed: res.Changed, Removed: res.Removed, Unchanged: res.Unchanged,
		Claims: res.Claims, FindingsNew: len(d.New) + len(d.Reopened), FindingsUnchanged: len(d.Unchanged),
		FindingsResolved: len(d.Resolved), Errors: len(res.Errors), Skipped: len(res.Skipped)}
}

// attention counts the open findings: those that need an editor (not
// dismissed) and those dismissed.
func attention(ctx context.Context, st *store.Store) (open, dismissed int, err error) {
	return st.OpenCounts(ctx)
}

// buildReport reads what a report shows from the store.
func buildReport(ctx context.Context, st *store.Store, f store.Filter, listing *rules.Listing, res pipeline.Result) (*report.Report, error) {
	arts, err := st.Articles(ctx, false)
	if err != nil {
		return nil, err
	}
	entries, err := st.Findings(ctx, f)
	if err != nil {
		return nil, err
	}
	// A report reads the claims each finding quotes as it writes the
	// finding, and the JSON report every claim as it writes them: it holds
	// the findings, not their evidence.
	var quoted []string
	for _, en := range entries {
		quoted = append(quoted, report.ShownClaims(en.Finding)...)
	}
	finder, err := st.NewClaimFinder(ctx, quoted)
	if err != nil {
		return nil, err
	}
	total, err := st.ClaimCountOfKinds(ctx, extract.Kinds)
	if err != nil {
		return nil, err
	}
	r := &report.Report{Articles: arts, Generated: time.Now().UTC(), ClaimTotal: total,
		EachClaim: func(fn func(extract.Claim) error) error { return st.EachClaim(ctx, fn) },
		ArticleText: func(path string) (string, error) {
			a, err := st.Article(ctx, path)
			if err != nil {
				return "", err
			}
			return a.Text, nil
		},
		Quoted: func(ids []string) ([]extract.Claim, error) { return finder.Claims(ctx, ids) }}
	for _, en := range entries {
		r.Findings = append(r.Findings, toEntry(en, f.NewInRun))
	}
	if listing != nil {
		r.Listing = listing.Label()
	}
	for _, s := range res.Skipped {
		r.Skipped = append(r.Skipped, report.FileError{Path: s.Path, Message: s.Reason})
	}
	for _, s := range res.Errors {
		r.Errors = append(r.Errors, report.FileError{Path: s.Path, Message: s.Reason})
	}
	return r, nil
}

func toEntry(en store.Entry, run int64) report.Entry {
	return report.Entry{Finding: en.Finding, Status: en.Status, New: run > 0 && (en.FirstRun == run || en.ChangedRun == run),
		Review: report.Review{State: en.Review.State, Note: en.Review.Note, By: en.Review.By, At: en.Review.At, ReopenReason: en.ReopenReason}}
}

// storedListing returns the newest listing imported into the store.
func storedListing(ctx context.Context, st *store.Store) (*rules.Listing, bool, error) {
	ls, err := st.Listings(ctx)
	if err != nil || len(ls) == 0 {
		return nil, false, err
	}
	rows, err := st.ListingEntries(ctx, ls[0].Name)
	if err != nil {
		return nil, false, err
	}
	entries := make([]rules.Security, len(rows))
	for i, r := range rows {
		entries[i] = rules.Security{Symbol: r.Symbol, Exchange: r.Exchange, Company: r.Company}
	}
	return rules.NewListing(ls[0].Name, ls[0].Date, entries), true, nil
}

type ingestOptions struct {
	common
	db   string
	wait bool
}

func runIngest(ctx context.Context, e *env, args []string) error {
	var o ingestOptions
	fs := newFlags(e, "ingest", "ingest [flags] FOLDER...\n\nReads new and changed articles into the database, extracts their claims and reconciles them.")
	o.common.registerRules(fs)
	o.common.registerTickers(fs)
	o.common.registerRead(fs)
	o.common.registerLog(fs)
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.BoolVar(&o.wait, "wait", false, "wait for another run on the same database to finish instead of failing")
	roots, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(roots) == 0 {
		return usagef("name at least one folder of articles")
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	st, done, err := openLocked(ctx, o.db, o.wait)
	if err != nil {
		return err
	}
	defer done()
	run, err := recordedRun(ctx, e, &o.common, st, roots, false)
	if err != nil {
		return err
	}
	open, dismissed, err := attention(ctx, st)
	if err != nil {
		return err
	}
	e.log.Info("stored", "db", dbPath(o.db), "run", run.id, "new", len(run.diff.New)+len(run.diff.Reopened),
		"resolved", len(run.diff.Resolved), "open", open, "dismissed", dismissed)
	return nil
}

type reportOptions struct {
	common
	output
	db      string
	show    string
	all     bool
	typ     string
	kind    string
	since   int64
	newOnly bool
}

func runReport(ctx context.Context, e *env, args []string) error {
	var o reportOptions
	fs := newFlags(e, "report", "report [flags]\n\nPrints the findings stored in the database.")
	o.common.registerTickers(fs)
	o.output.register(fs, "text, json, markdown, html or csv")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.StringVar(&o.show, "show", report.ShowAttention, "findings to show: attention (open and not dismissed), unreviewed, confirmed, dismissed, resolved or all")
	fs.BoolVar(&o.all, "all", false, "show every finding: the same as --show all")
	fs.StringVar(&o.typ, "type", "", "only findings of this type: conflict, unverified_ticker or inconsistent")
	fs.StringVar(&o.kind, "kind", "", "only findings of this claim kind")
	fs.Int64Var(&o.since, "since", 0, "only findings new or reopened after this run id")
	fs.BoolVar(&o.newOnly, "new", false, "only findings new or reopened in the last run")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if o.all {
		o.show = report.ShowAll
	}
	if err := report.CheckShow(o.show); err != nil {
		return usagef("--show: %v", err)
	}
	shown := report.Filter{Show: o.show, Type: o.typ, Kind: o.kind}
	defer pipeline.PaceGC()() // a report holds its findings, not their evidence: it is paced as a run is
	st, err := openExisting(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	f := store.Filter{Status: shown.Status(), Review: shown.Review(), Type: o.typ, Kind: o.kind, SinceRun: o.since}
	if o.newOnly {
		last, ok, err := st.LastRun(ctx)
		if err != nil {
			return err
		}
		if ok {
			f.NewInRun = last.ID
		}
	}
	listing, err := o.common.listing(ctx, st)
	if err != nil {
		return err
	}
	r, err := buildReport(ctx, st, f, listing, pipeline.Result{})
	if err != nil {
		return err
	}
	r.Select(shown)
	return o.output.write(e, r)
}
