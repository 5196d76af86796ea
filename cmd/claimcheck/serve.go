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
	db          string
	addr        string
	user        string
	allowRemote bool
	hosts       string
}

// tokenEnv names the variable that chooses the access token of a server
// other machines can reach; without it one is made up and printed once.
const tokenEnv = "CLAIMCHECK_TOKEN"

func runServe(ctx context.Context, e *env, args []string) error {
	var o serveOptions
	fs := newFlags(e, "serve", "serve [--db FILE] [--addr 127.0.0.1:8080] [--user NAME]\n\nServes the review page: read a finding's evidence side by side, open an article at a claim,\n"+
		"confirm or dismiss with a note. Listens on loopback; another address needs --allow-remote, and then\n"+
		"every browser gives an access token once ($"+tokenEnv+", or one printed at start).")
	o.common.registerTickers(fs)
	o.common.registerLog(fs)
	fs.StringVar(&o.db, "db", "", "database file (default $CLAIMCHECK_DB, else ./"+defaultDB+")")
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.user, "user", "", "reviewer name recorded with every verdict (default: each reviewer gives a name once, kept in their browser)")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "allow an address other machines can reach; an access token is then required")
	fs.StringVar(&o.hosts, "host", "", "host names the page is reached by besides the address and loopback names (comma-separated)")
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
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running? pick another --addr)", o.addr, err)
	}
	defer ln.Close()
	opts, err := o.access(e, ln)
	if err != nil {
		return err
	}
	opts.Who, opts.Logger, opts.CSRFToken = o.user, e.log, csrf
	h, err := report.NewServer(storeSource{st: st, common: &o.common}, opts)
	if err != nil {
		return err
	}
	// Probes come with the pod's address as Host: health answers first.
	srv := &http.Server{Handler: withHealth(h, st), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + "/"
	if e.jsonLog {
		e.log.Info("review page listening", "url", url, "remote", opts.Token != "")
	} else if !e.quiet {
		fmt.Fprintf(e.stderr, "claimcheck review page on %s (Ctrl-C to stop)\n", url)
	}
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

// access decides who may use the server on ln: on loopback, this machine
// only (no token: anyone here can read the database file anyway); on any
// other address, only with --allow-remote, and then only browsers that give
// the access token.
func (o *serveOptions) access(e *env, ln net.Listener) (report.ServerOptions, error) {
	var opts report.ServerOptions
	bound, _ := ln.Addr().(*net.TCPAddr)
	if host, _, err := net.SplitHostPort(o.addr); err == nil && host != "" {
		opts.Hosts = append(opts.Hosts, host)
	}
	opts.Hosts = append(opts.Hosts, splitList(o.hosts)...)
	if bound != nil && bound.IP.IsLoopback() {
		return opts, nil
	}
	if !o.allowRemote {
		return opts, usagef("--addr %s can be reached from other machines: add --allow-remote to serve it with an access token, or listen on 127.0.0.1", o.addr)
	}
	if bound != nil {
		opts.Hosts = append(opts.Hosts, bound.IP.String())
		opts.AnyIP = bound.IP.IsUnspecified()
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		opts.Hosts = append(opts.Hosts, name)
	}
	opts.Token = os.Getenv(tokenEnv)
	if opts.Token != "" {
		if len(opts.Token) < 12 {
			return opts, usagef("$%s is too short to guard the review page: use 12 characters or more", tokenEnv)
		}
		e.log.Warn("review page reachable from other machines; every browser must give the access token from $" + tokenEnv)
		return opts, nil
	}
	token, err := report.NewToken()
	if err != nil {
		return opts, fmt.Errorf("make an access token: %w", err)
	}
	opts.Token = token
	// Printed once, whatever --quiet says: without it nobody can sign in.
	if e.jsonLog {
		e.log.Warn("review page reachable from other machines; every browser must give the access token", "token", token)
	} else {
		fmt.Fprintf(e.stderr, "claimcheck: the review page can be reached from other machines: every browser must give this access token once:\n  %s\n(it is not stored; set $%s to choose one)\n", token, tokenEnv)
	}
	return opts, nil
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
	r, err := pipeline.BuildReport(ctx, s.st, store.Filter{Status: f.Status(), Review: f.Review(), Type: f.Type, Kind: f.Kind}, listing, pipeline.Result{})
	if err != nil {
		return nil, err
	}
	r.Select(f)
	return r, nil
}

// Runs gives the review page's chart of findings new and resolved per run.
func (s storeSource) Runs(ctx context.Context, limit int) ([]report.RunPoint, error) {
	runs, err := s.st.Runs(ctx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]report.RunPoint, len(runs))
	for i, r := range runs {
		out[i] = report.RunPoint{ID: r.ID, Started: r.Started, New: r.Stats.FindingsNew, Resolved: r.Stats.FindingsResolved}
	}
	return out, nil
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

// ReviewHistories gives the review page every verdict on the findings
// it shows, read at once.
func (s storeSource) ReviewHistories(ctx context.Context, ids []string) (map[string][]report.Review, error) {
	h, err := s.st.ReviewHistories(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]report.Review, len(h))
	for id, rs := range h {
		for _, r := range rs {
			out[id] = append(out[id], report.Review{State: r.State, Note: r.Note, By: r.By, At: r.At})
		}
	}
	return out, nil
}

func (s storeSource) SetReview(ctx context.Context, id, state, note, who string) error {
	err := s.st.SetReview(ctx, id, state, note, who)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %v", report.ErrNotFound, err)
	}
	return err
}
