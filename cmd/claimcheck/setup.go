package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
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
