package main

import (
	"context"

	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/report"
	"github.com/claimcheck/claimcheck/store"
)

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
	r, err := pipeline.BuildReport(ctx, st, f, listing, pipeline.Result{})
	if err != nil {
		return err
	}
	r.Select(shown)
	return o.output.write(e, r)
}
