package main

import (
	"context"
	"fmt"
	"strings"
)

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
