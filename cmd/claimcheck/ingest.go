package main

import "context"

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
	open, dismissed, err := st.OpenCounts(ctx)
	if err != nil {
		return err
	}
	e.log.Info("stored", "db", dbPath(o.db), "run", run.ID, "new", len(run.Diff.New)+len(run.Diff.Reopened),
		"resolved", len(run.Diff.Resolved), "open", open, "dismissed", dismissed)
	return nil
}
