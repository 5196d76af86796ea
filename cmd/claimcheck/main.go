// Command claimcheck reads folders of news articles, extracts the claims
// they make and reports where they contradict each other.
//
//	claimcheck check examples/amazon-anthropic
//	claimcheck run --db news.db /data/articles
//
// Run claimcheck help for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
