package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/pipeline"
	"github.com/claimcheck/claimcheck/report"
	"github.com/claimcheck/claimcheck/store"
)

type serveOptions struct {
	common
	db   string
	addr string
	who  string
}

func runServe(ctx context.Context, e *env, args []string) error {
	var o serveOptions
	fs := newFlags(e, "serve", "serve [--db FILE] [--addr 127.0.0.1:8080]\n\nServes the review page: read a finding's evidence side by side, open an article at a claim,\nconfirm or dismiss with a note. Listens on loopback unless told otherwise.")
	o.common.register(fs)
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.who, "by", os.Getenv("USER"), "reviewer name recorded with verdicts")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := o.common.setup(e); err != nil {
		return err
	}
	st, err := openExisting(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	csrf, err := st.SharedSecret(ctx, "csrf")
	if err != nil {
		return err
	}
	h, err := report.NewServer(storeSource{st: st, common: &o.common}, report.ServerOptions{Who: o.who, Logger: e.log, CSRFToken: csrf})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running? pick another --addr)", o.addr, err)
	}
	srv := &http.Server{Handler: withHealth(h, st), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(e.stderr, "claimcheck review page on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// storeSource serves the review pages from a database.
type storeSource struct {
	st     *store.Store
	common *common
}

func (s storeSource) Report(ctx context.Context, f report.Filter) (*report.Report, error) {
	listing, err := s.common.listing(ctx, s.st)
	if err != nil {
		return nil, err
	}
	return buildReport(ctx, s.st, store.Filter{Status: f.Status, Review: f.Review, Type: f.Type, Kind: f.Kind}, listing, pipeline.Result{})
}

func (s storeSource) Article(ctx context.Context, path string) (*corpus.Article, []extract.Claim, error) {
	a, err := s.st.Article(ctx, path)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, fmt.Errorf("%w: %v", report.ErrNotFound, err)
	}
	if err != nil {
		return nil, nil, err
	}
	claims, err := s.st.ArticleClaims(ctx, path)
	return a, claims, err
}

func (s storeSource) SetReview(ctx context.Context, id, state, note, who string) error {
	err := s.st.SetReview(ctx, id, state, note, who)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %v", report.ErrNotFound, err)
	}
	return err
}
