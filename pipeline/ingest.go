package pipeline

import (
	"context"
	"errors"
	"fmt"

	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/store"
)

// Options configures an ingest.
type Options struct {
	Roots     []string
	Extractor *extract.Extractor
	Store     *store.Store
	RunID     int64
	Workers   int   // 0: one per core
	MaxBytes  int64 // per file; 0: corpus.DefaultMaxBytes
	// ArticleBudget is the time one article's extraction may take before
	// the article is skipped and named with the reason; 0:
	// DefaultArticleBudget.
	ArticleBudget time.Duration
	BatchSize     int // articles per write transaction; 0: 256
	// Shard, when set, limits the run to the files of one shard: others
	// are neither read nor, when gone, removed (other shards own them).
	Shard store.Shard
	// Progress, when set, is called from the writer after every batch.
	Progress func(Progress)
}

// Progress is how far an ingest has come.
type Progress struct {
	Done, Found int
	Bytes       int64
	Elapsed     time.Duration
	Walking     bool // still finding files: Found may grow
}

// FileError is a file that was skipped or failed, and why.
type FileError struct {
	Path   string
	Reason string
	// Problem marks a skip to tell the user about (an unreadable folder, a
	// link loop), not one by design (another extension, a hidden file).
	Problem bool
}

// Result counts what an ingest did.
type Result struct {
	Found, Added, Changed, Unchanged, Removed int
	Claims                                    int // claims written
	Bytes                                     int64
	Skipped                                   []FileError // not articles: unsupported, unreadable folders, loops
	Errors                                    []FileError // articles that could not be read
}

type job struct {
	file  corpus.File
	path  string // as stored: relative to its root, prefixed by the root's name when there are several
	state store.ArticleState
	known bool
}

// DefaultArticleBudget is the time one article may take to extract. An
// article of coverage takes milliseconds and a megabyte of table a few
// seconds; one that takes longer would hold the whole run up.
const DefaultArticleBudget = 30 * time.Second

type outcome struct {
	stopped bool // the run was stopped while this article was read: nothing to record
	path    string
	article *corpus.Article
	claims  []extract.Claim
	touched bool // same bytes, new mtime
	same    bool // unchanged: nothing to write
	err     error
	changed bool // replaces a stored article
	bytes   int64
}

// Ingest reads the new and changed articles under the roots into the store,
// and removes stored articles whose files are gone. Files that cannot be
// read are reported in the result, never fatal; a cancelled context stops
// the walk, and every article already written stays written.
func Ingest(ctx context.Context, o Options) (Result, error) {
	var res Result
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 256
	}
	if o.ArticleBudget <= 0 {
		o.ArticleBudget = DefaultArticleBudget
	}
	states, err := o.Store.ArticleStates(ctx)
	if err != nil {
		return res, err
	}
	start := time.Now()
	jobs := make(chan job, 4*o.Workers)
	outs := make(chan outcome, 4*o.Workers)
	var walkErr error
	var mu sync.Mutex
	seen := map[string]bool{}
	var unread []string // files and folders there but not readable: what is stored of them stays
	found := 0
	walking := true
	go func() {
		defer close(jobs)
		for _, root := range o.Roots {
			prefix := ""
			if len(o.Roots) > 1 {
				prefix = rootPrefix(root)
			}
			err := corpus.Walk(ctx, root, func(f corpus.File) error {
				p := prefix + f.Path
				if !o.Shard.Has(p) {
					return nil
				}
				mu.Lock()
				dup := seen[p]
				seen[p] = true
				found++
				mu.Unlock()
				if dup {
					return nil
				}
				st, ok := states[p]
				select {
				case jobs <- job{file: f, path: p, state: st, known: ok}:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}, func(s corpus.Skipped) {
				p := path.Join(prefix, s.Path)
				mu.Lock()
				if o.Shard.Has(p) {
					res.Skipped = append(res.Skipped, FileError{Path: p, Reason: s.Reason, Problem: s.Problem})
				}
				if s.Unread {
					unread = append(unread, p)
				}
				mu.Unlock()
			})
			if err != nil {
				mu.Lock()
				if walkErr == nil && !errors.Is(err, context.Canceled) {
					walkErr = fmt.Errorf("walk %s: %w", root, err)
				}
				mu.Unlock()
				return
			}
		}
		mu.Lock()
		walking = false
		mu.Unlock()
	}()
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out := readOne(ctx, j, o)
				select {
				case outs <- out:
				case <-ctx.Done():
					// keep draining jobs so the walker can stop
				}
			}
		}()
	}
	go func() { wg.Wait(); close(outs) }()

	var batch []store.Ingested
	var touches []store.ArticleState
	var failed []FileError // files that failed, recorded with the batch
	// One batch is written while the next is gathered, so that workers
	// never wait on the disk; writing stays on one connection at a time.
	var writing chan error
	wait := func() error {
		if writing == nil {
			return nil
		}
		err := <-writing
		writing = nil
		return err
	}
	flush := func() error {
		if err := wait(); err != nil {
			return err
		}
		if len(batch) == 0 && len(touches) == 0 && len(failed) == 0 {
			return nil
		}
		var p *Progress
		if o.Progress != nil {
			mu.Lock()
			p = &Progress{Done: res.Added + res.Changed + res.Unchanged + len(res.Errors), Found: found, Bytes: res.Bytes, Elapsed: time.Since(start), Walking: walking}
			mu.Unlock()
		}
		b, t, fs := batch, touches, failed
		batch, touches, failed = nil, nil, nil
		writing = make(chan error, 1)
		go func() {
			// A batch is written even when the run is being stopped: its
			// articles are finished, and the transaction keeps them whole.
			wctx := context.WithoutCancel(ctx)
			err := o.Store.SaveArticles(wctx, o.RunID, b)
			if err == nil {
				err = o.Store.TouchArticles(wctx, t)
			}
			for _, f := range fs {
				if err == nil && o.RunID > 0 {
					err = o.Store.AddRunError(wctx, o.RunID, f.Path, f.Reason)
				}
			}
			if err == nil && p != nil {
				p.Elapsed = time.Since(start)
				o.Progress(*p)
			}
			writing <- err
		}()
		return nil
	}
	var writeErr error
	for out := range outs {
		if writeErr != nil {
			continue
		}
		res.Bytes += out.bytes
		switch {
		case out.stopped:
			// Unfinished, not failed: the next run reads it.
		case out.err != nil:
			fe := FileError{Path: out.path, Reason: out.err.Error()}
			res.Errors = append(res.Errors, fe)
			failed = append(failed, fe)
		case out.same:
			res.Unchanged++
			if out.touched {
				touches = append(touches, store.ArticleState{Path: out.path, SHA256: out.article.SHA256, Size: out.article.Size, ModTime: out.article.ModTime})
			}
		default:
			if out.changed {
				res.Changed++
			} else {
				res.Added++
			}
			res.Claims += len(out.claims)
			batch = append(batch, store.Ingested{Article: out.article, Claims: out.claims})
		}
		if len(batch)+len(touches)+len(failed) >= o.BatchSize {
			writeErr = flush()
		}
	}
	if writeErr == nil {
		writeErr = flush()
	}
	if err := wait(); writeErr == nil {
		writeErr = err
	}
	res.Found = found
	if writeErr != nil {
		return res, writeErr
	}
	if walkErr != nil {
		return res, walkErr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// Files gone from the roots leave the store: their claims with them.
	var gone []string
	for p := range states {
		if !seen[p] && o.Shard.Has(p) && underRoots(p, o.Roots) && !under(p, unread) {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	if len(gone) > 0 {
		n, err := o.Store.RemoveArticles(ctx, gone)
		if err != nil {
			return res, err
		}
		res.Removed = n
	}
	sort.Slice(res.Skipped, func(i, j int) bool { return res.Skipped[i].Path < res.Skipped[j].Path })
	sort.Slice(res.Errors, func(i, j int) bool { return res.Errors[i].Path < res.Errors[j].Path })
	return res, nil
}

// rootPrefix is what stored paths under root start with when a run has
// several roots: the root's name.
func rootPrefix(root string) string { return filepath.Base(filepath.Clean(root)) + "/" }

// under says whether path p is one of paths or inside one of them ("." is
// the whole root).
func under(p string, paths []string) bool {
	for _, u := range paths {
		if u == "." || p == u || strings.HasPrefix(p, u+"/") {
			return true
		}
	}
	return false
}

// underRoots says whether a stored path belongs to the roots of this run:
// with several roots, paths carry the root's name.
func underRoots(p string, roots []string) bool {
	if len(roots) <= 1 {
		return true
	}
	for _, r := range roots {
		if prefix := rootPrefix(r); len(p) > len(prefix) && p[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// readOne reads, hashes and extracts one file, unless the store has it
// unchanged. Unchanged is decided by size and mtime first, then by hash.
// Extraction stops when ctx is done (the article is then left for the next
// run) or when the article's time budget is spent (it is then an error).
func readOne(ctx context.Context, j job, o Options) (out outcome) {
	out.path = j.path
	defer func() {
		if r := recover(); r != nil {
			out.err = fmt.Errorf("internal error reading this file (please report it): %v", r)
		}
	}()
	if j.known && j.state.Size == j.file.Size && j.state.ModTime.Equal(j.file.ModTime) {
		out.same = true
		return out
	}
	a, err := corpus.Read(j.file, corpus.ReadOptions{MaxBytes: o.MaxBytes})
	if err != nil {
		out.err = err
		return out
	}
	a.Path, a.ID = j.path, corpus.ArticleID(j.path)
	out.bytes = a.Size
	if j.known && j.state.SHA256 == a.SHA256 {
		out.same, out.touched, out.article = true, true, a
		return out
	}
	actx, cancel := context.WithTimeout(ctx, o.ArticleBudget)
	defer cancel()
	claims, err := o.Extractor.ExtractContext(actx, a)
	switch {
	case err != nil && ctx.Err() != nil:
		out.stopped, out.bytes = true, 0
		return out
	case errors.Is(err, context.DeadlineExceeded):
		out.err = fmt.Errorf("skipped: extracting it took more than %s, the time one article may take (a table or a list without full stops reads slowly); split the file or raise --article-budget", o.ArticleBudget)
		return out
	case err != nil:
		out.err = err // a bug: the file is reported as failed, the run goes on
		return out
	}
	out.article, out.changed, out.claims = a, j.known, claims
	return out
}
