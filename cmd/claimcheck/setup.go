package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/term"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

// defaultDB is where ingest, run, report, review and serve keep their
// database unless --db or $CLAIMCHECK_DB says otherwise.
const defaultDB = "claimcheck.db"

// common are the flags most commands share.
type common struct {
	rulesDir  string
	tickers   string
	quiet     bool
	logFormat string
	workers   int
	maxBytes  int64
	budget    time.Duration
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.rulesDir, "rules", "", "folder of .yaml rule files extending the built-in rules")
	fs.StringVar(&c.tickers, "tickers", "", "ticker listing to check symbols against: NASDAQ nasdaqlisted.txt/otherlisted.txt or SEC company_tickers.json (comma-separated for several)")
	fs.BoolVar(&c.quiet, "quiet", false, "print nothing on stderr but errors")
	fs.StringVar(&c.logFormat, "log-format", "text", "stderr log format: text or json (for log collectors)")
	fs.IntVar(&c.workers, "workers", 0, "articles read in parallel (0: one per core)")
	fs.Int64Var(&c.maxBytes, "max-bytes", 64<<20, "skip files larger than this many bytes")
	fs.DurationVar(&c.budget, "article-budget", pipeline.DefaultArticleBudget, "skip, naming it, an article whose extraction takes longer than this")
}

func (c *common) setup(e *env) error {
	if err := oneOf("log-format", c.logFormat, "text", "json"); err != nil {
		return err
	}
	level := slog.LevelInfo
	if c.quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.logFormat == "json" {
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
		if l, ok, err := storedListing(ctx, st); err != nil || ok {
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

// progress draws a progress bar on stderr when it is a terminal, and
// nothing on a pipe, under CI or with --quiet.
func progress(e *env, quiet bool) func(pipeline.Progress) {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	last := time.Time{}
	return func(p pipeline.Progress) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		drawProgress(f, p)
	}
}

func drawProgress(w io.Writer, p pipeline.Progress) {
	rate := float64(p.Done) / p.Elapsed.Seconds()
	total := fmt.Sprint(p.Found)
	eta := "?"
	if p.Walking {
		total += "+"
	} else if rate > 0 {
		eta = (time.Duration(float64(p.Found-p.Done)/rate) * time.Second).Round(time.Second).String()
	}
	width := 30
	filled := 0
	if p.Found > 0 {
		filled = width * p.Done / p.Found
	}
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < filled {
			bar[i] = '='
		}
	}
	fmt.Fprintf(w, "\r[%s] %d/%s files  %.0f/s  %.1f MB  ETA %s ", bar, p.Done, total, rate, float64(p.Bytes)/1e6, eta)
}

func clearProgress(e *env, quiet bool) {
	if progress(e, quiet) != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
}
