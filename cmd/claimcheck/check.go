package main

import (
	"context"

	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/store"
)

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
	r, err := pipeline.BuildReport(ctx, st, store.Filter{}, run.Listing, run.Result)
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
