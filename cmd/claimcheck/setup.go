package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/report"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// defaultDB is where ingest, run, report, review and serve keep their
// database unless --db or $CLAIMCHECK_DB says otherwise.
const defaultDB = "claimcheck.db"

// common are the flags several commands share. Each command registers
// only the groups it uses, so that its help lists only flags that do
// something.
type common struct {
	rulesDir  string
	tickers   string
	quiet     bool
	logFormat string
	workers   int
	maxBytes  int64
	budget    time.Duration
}

func (c *common) registerRules(fs *flag.FlagSet) {
	fs.StringVar(&c.rulesDir, "rules", "", "folder of .yaml rule files extending the built-in rules")
}

func (c *common) registerTickers(fs *flag.FlagSet) {
	fs.StringVar(&c.tickers, "tickers", "", "ticker listing to check symbols against: NASDAQ nasdaqlisted.txt/otherlisted.txt or SEC company_tickers.json (comma-separated for several)")
}

func (c *common) registerLog(fs *flag.FlagSet) {
	fs.BoolVar(&c.quiet, "quiet", false, "print nothing on stderr unless something went wrong")
	fs.StringVar(&c.logFormat, "log-format", "text", "stderr log format: text or json (one JSON object a line, for log collectors)")
}

func (c *common) registerRead(fs *flag.FlagSet) {
	fs.IntVar(&c.workers, "workers", 0, "articles read in parallel (0: one per core)")
	fs.Int64Var(&c.maxBytes, "max-bytes", 64<<20, "skip files larger than this many bytes")
	fs.DurationVar(&c.budget, "article-budget", pipeline.DefaultArticleBudget, "skip, naming it, an article whose extraction takes longer than this")
}

// setup makes the logger the log flags ask for.
func (c *common) setup(e *env) error {
	if c.logFormat == "" {
		c.logFormat = "text"
	}
	if err := oneOf("log-format", c.logFormat, "text", "json"); err != nil {
		return err
	}
	level := slog.LevelInfo
	if c.quiet {
		// Warnings (a file skipped) are part of all being well for a
		// scheduled job: only what went wrong is printed.
		level = slog.LevelError
	}
	e.quiet, e.jsonLog = c.quiet, c.logFormat == "json"
	opts := &slog.HandlerOptions{Level: level}
	if e.jsonLog {
		e.log = slog.New(slog.NewJSONHandler(e.stderr, opts))
	} else {
		e.log = slog.New(slog.NewTextHandler(e.stderr, opts))
	}
	return nil
}

// loadMemoryLimit is the soft limit on the Go heap while rules load. A
// file of 300,000 entities keeps about 150 MB and makes ten times as much
// garbage as it is read; at Go's default pace the heap would reach twice
// what it keeps.
const loadMemoryLimit = 224 << 20

// extractor loads the rules (failing before any work on a bad rule file)
// and builds the extractor.
func (c *common) extractor() (*extract.Extractor, error) {
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(loadMemoryLimit))
	}
	set, err := rules.Load(c.rulesDir)
	if err != nil {
		return nil, fmt.Errorf("load rules:\n%w", err)
	}
	return extract.New(set)
}

// listing returns the listing tickers are checked against: --tickers files,
// else the newest listing imported into the store, else the bundled one.
func (c *common) listing(ctx context.Context, st *store.Store) (*rules.Listing, error) {
	if c.tickers != "" {
		l, err := rules.ReadListingFiles(splitList(c.tickers)...)
		if err != nil {
			return nil, fmt.Errorf("--tickers: %w", err)
		}
		return l, nil
	}
	if st != nil {
		if l, ok, err := pipeline.StoredListing(ctx, st); err != nil || ok {
			return l, err
		}
	}
	return rules.DefaultListing(), nil
}

func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

func dbPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := os.Getenv("CLAIMCHECK_DB"); v != "" {
		return v
	}
	return defaultDB
}

// recordedRun runs pipeline.RecordRun with the command's rules, listing,
// read flags, progress and log. With skipUnchanged, reconciliation is
// skipped when nothing it depends on changed since the last finished run.
func recordedRun(ctx context.Context, e *env, o *common, st *store.Store, roots []string, skipUnchanged bool) (pipeline.Run, error) {
	// Rules load before the run relaxes the collector: a large entities
	// file makes much garbage, best collected at Go's default pace.
	x, listing, err := o.runRules(ctx, st)
	if err != nil {
		return pipeline.Run{}, err
	}
	return pipeline.RecordRun(ctx, st, pipeline.RunOptions{Roots: roots, Extractor: x, Listing: listing, SkipUnchanged: skipUnchanged,
		BuildID: buildID(), Once: st.InMemory(), Log: e.log, Ingest: func(ctx context.Context, runID int64) (pipeline.Result, error) {
			return ingest(ctx, e, o, st, x, roots, runID)
		}})
}

// runRules loads the extractor and the ticker listing a run checks with.
func (o *common) runRules(ctx context.Context, st *store.Store) (*extract.Extractor, *rules.Listing, error) {
	x, err := o.extractor()
	if err != nil {
		return nil, nil, err
	}
	listing, err := o.listing(ctx, st)
	if err != nil {
		return nil, nil, err
	}
	return x, listing, nil
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
