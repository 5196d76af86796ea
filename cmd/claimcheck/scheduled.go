package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
)

type runOptions struct {
	common
	output
	db     string
	wait   bool
	failOn string
	shardFlags
}

// runScheduled is the cron job: ingest what changed, reconcile, record the
// run, print what is new, and exit 1 when something is.
func runScheduled(ctx context.Context, e *env, args []string) error {
	var o runOptions
	fs := newFlags(e, "run", "run [flags] FOLDER...\n\nIngests new and changed articles, reconciles, records the run and reports what changed since the last one.\nMade for cron and systemd timers: see the README.")
	o.common.registerRules(fs)
	o.common.registerTickers(fs)
	o.common.registerRead(fs)
	o.common.registerLog(fs)
	o.output.register(fs, "text, json, markdown, html or csv")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.BoolVar(&o.wait, "wait", false, "wait for another run on the same database to finish instead of failing")
	fs.StringVar(&o.failOn, "fail-on", "new", "exit 1 when there are findings: new (new or reopened this run), any (any open and not dismissed), never")
	o.shardFlags.register(fs)
	roots, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(roots) == 0 {
		return usagef("name at least one folder of articles")
	}
	if err := oneOf("fail-on", o.failOn, "new", "any", "never"); err != nil {
		return err
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	if o.shard != "" {
		return runShard(ctx, e, &o, roots)
	}
	st, done, err := openLocked(ctx, o.db, o.wait)
	if err != nil {
		return err
	}
	defer done()
	run, err := recordedRun(ctx, e, &o.common, st, roots, true)
	if err != nil {
		return err
	}
	runID, res, diff := run.id, run.res, run.diff
	defer pipeline.PaceGC()() // a report holds its findings, not their evidence: it is paced as a run is
	r, err := buildReport(ctx, st, store.Filter{NewInRun: runID}, run.listing, res)
	if err != nil {
		return err
	}
	open, dismissed, err := attention(ctx, st)
	if err != nil {
		return err
	}
	claims, err := st.ClaimCountOfKinds(ctx, extract.Kinds)
	if err != nil {
		return err
	}
	newCount := len(r.Findings) // new and reopened in this run: what the report shows
	switch {
	case e.quiet:
		// Cron mails whatever is printed: all being well, nothing is.
	case e.jsonLog:
		e.log.Info("run finished", "run", runID, "files", res.Found, "added", res.Added, "changed", res.Changed,
			"removed", res.Removed, "unchanged", res.Unchanged, "skipped", len(res.Skipped), "errors", len(res.Errors),
			"claims", claims, "new", newCount, "resolved", len(diff.Resolved), "open", open, "dismissed", dismissed)
	default:
		fmt.Fprintf(e.stderr, "claimcheck run %d: %d files (%d added, %d changed, %d removed, %d unchanged, %d skipped, %d errors), %d claims; findings: %d new, %d resolved, %d open, %d dismissed\n",
			runID, res.Found, res.Added, res.Changed, res.Removed, res.Unchanged, len(res.Skipped), len(res.Errors), claims, newCount, len(diff.Resolved), open, dismissed)
	}
	if newCount > 0 || o.format != "text" || o.path != "" {
		r.Title = fmt.Sprintf("claimcheck run %d: new findings", runID)
		if err := o.output.write(e, r); err != nil {
			return err
		}
	}
	switch {
	case o.failOn == "new" && newCount > 0, o.failOn == "any" && open > 0:
		return errFindings
	}
	return nil
}

// runInputs digests what a reconciliation depends on: the stored corpus,
// the rules and the listing.
func runInputs(ctx context.Context, st *store.Store, set *rules.Set, listing *rules.Listing) (string, error) {
	corpusSum, err := st.Fingerprint(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(corpusSum))
	for _, f := range set.Files {
		h.Write([]byte(f))
		if b, err := os.ReadFile(f); err == nil {
			h.Write(b)
		}
	}
	h.Write([]byte(buildID()))
	if listing != nil {
		h.Write([]byte(listing.Name + listing.Date + fmt.Sprint(listing.Len())))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

type reviewOptions struct {
	db                       string
	confirm, dismiss, reopen bool
	note, by                 string
}

func runReview(ctx context.Context, e *env, args []string) error {
	var o reviewOptions
	fs := newFlags(e, "review", "review [flags] FINDING-ID --confirm|--dismiss|--reopen [--note TEXT]\n\nRecords an editor's verdict on a finding. A dismissed finding stays dismissed until its evidence changes.")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.BoolVar(&o.confirm, "confirm", false, "the finding is a real contradiction")
	fs.BoolVar(&o.dismiss, "dismiss", false, "the finding is not a problem")
	fs.BoolVar(&o.reopen, "reopen", false, "undo a confirm or dismiss")
	fs.StringVar(&o.note, "note", "", "why: kept with the verdict")
	fs.StringVar(&o.by, "by", os.Getenv("USER"), "who reviewed it")
	ids, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(ids) != 1 {
		return usagef("name exactly one finding id (f-...)")
	}
	state := ""
	n := 0
	for _, v := range []struct {
		on    bool
		state string
	}{{o.confirm, store.ReviewConfirmed}, {o.dismiss, store.ReviewDismissed}, {o.reopen, store.ReviewOpen}} {
		if v.on {
			state, n = v.state, n+1
		}
	}
	if n != 1 {
		return usagef("give one of --confirm, --dismiss or --reopen")
	}
	st, err := openExisting(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetReview(ctx, ids[0], state, o.note, o.by); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", ids[0], state)
	return nil
}

type tickersOptions struct {
	db   string
	name string
}

func runTickers(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			args = []string{"import", "--help"}
		} else {
			return usagef("usage: claimcheck tickers import [--db FILE] LISTING-FILE...")
		}
	}
	var o tickersOptions
	fs := newFlags(e, "tickers import", "tickers import [--db FILE] FILE...\n\nImports a ticker listing into the database; later checks use it instead of the bundled snapshot.\nAccepts NASDAQ nasdaqlisted.txt and otherlisted.txt (give both), and SEC company_tickers.json or company_tickers_exchange.json.")
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.StringVar(&o.name, "name", "", "name to record the listing under (default: the file names)")
	files, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("name the listing files to import")
	}
	l, err := rules.ReadListingFiles(files...)
	if err != nil {
		return err
	}
	if o.name != "" {
		l.Name = o.name
	}
	st, err := store.Open(ctx, dbPath(o.db))
	if err != nil {
		return err
	}
	defer st.Close()
	var rows []store.ListingEntry
	for _, s := range l.Entries() {
		rows = append(rows, store.ListingEntry{Symbol: s.Symbol, Exchange: s.Exchange, Company: s.Company})
	}
	if err := st.ImportListing(ctx, l.Name, l.Date, rows); err != nil {
		return err
	}
	date := l.Date
	if date == "" {
		date = "undated"
	}
	fmt.Fprintf(e.stdout, "imported %d securities from %s (%s)\n", len(rows), l.Name, date)
	return nil
}

// runRules lists the rules in use, or runs every rule's test cases.
func runRules(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "rules", "rules [list|test] [--rules DIR]\n\nLists the rule files and claim kinds in use, or runs the test cases every rule carries.")
	c.registerRules(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	sub := "list"
	if len(pos) > 0 {
		sub = pos[0]
	}
	x, err := c.extractor()
	if err != nil {
		return err
	}
	set := x.Rules()
	switch sub {
	case "list":
		fmt.Fprintf(e.stdout, "%d entities, %d claim kinds, from:\n", len(set.Entities), len(set.Claims))
		for _, f := range set.Files {
			fmt.Fprintf(e.stdout, "  %s\n", f)
		}
		for _, k := range set.Claims {
			fmt.Fprintf(e.stdout, "%-17s %s (%d tests)\n", k.Kind, k.Doc, len(k.Tests))
		}
		return nil
	case "test":
		failures := x.RunCases()
		for _, f := range failures {
			fmt.Fprintln(e.stdout, f)
		}
		if len(failures) > 0 {
			return fmt.Errorf("%d rule test cases failed", len(failures))
		}
		total := 0
		for _, k := range set.Claims {
			total += len(k.Tests)
		}
		fmt.Fprintf(e.stdout, "%d passed, 0 failed\n", total)
		return nil
	}
	return usagef("unknown rules subcommand %q: want list or test", strings.Join(pos, " "))
}
