package main

import (
	"context"
	"fmt"
	"os"

	"github.com/claimcheck/claimcheck/store"
)

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
