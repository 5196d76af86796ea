package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/reconcile"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/store"
	"github.com/claimcheck/claimcheck/synth"
)

// benchArticles is the corpus size: 10,000 by default, CLAIMCHECK_BENCH_N
// to change it (100000 for the memory check).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("CLAIMCHECK_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusSize synth.Stats
)

// benchCorpus generates the deterministic corpus once per process, outside
// the timed region.
func benchCorpus(b *testing.B) (string, synth.Stats) {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "claimcheck-bench-")
		if err != nil {
			b.Fatal(err)
		}
		corpusDir = dir
		if corpusSize, err = synth.Generate(dir, benchArticles(), 1); err != nil {
			b.Fatal(err)
		}
	})
	return corpusDir, corpusSize
}

var (
	realOnce  sync.Once
	realDir   string
	realStats synth.Stats
	numberRe  = regexp.MustCompile(`\d+`)
)

// realCorpus writes benchArticles() articles made of real coverage: the
// seeds' and the development sets' .txt and .md files in ../shared,
// replicated with their figures varied so that no two copies state the
// same facts. It skips without ../shared.
func realCorpus(b *testing.B) (string, synth.Stats) {
	var sources []string
	for _, pat := range []string{"seeds/*.txt", "eval/dev/*/*.txt", "eval/dev/*/*.md"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "shared", pat))
		sources = append(sources, m...)
	}
	if len(sources) == 0 {
		b.Skip("../shared is not present")
	}
	realOnce.Do(func() {
		texts := make([]string, len(sources))
		for i, src := range sources {
			data, err := os.ReadFile(src)
			if err != nil {
				b.Fatal(err)
			}
			texts[i] = string(data)
		}
		dir, err := os.MkdirTemp("", "claimcheck-bench-real-")
		if err != nil {
			b.Fatal(err)
		}
		realDir = dir
		for i := 0; i < benchArticles(); i++ {
			k := i / len(texts)
			src := sources[i%len(sources)]
			text := texts[i%len(texts)]
			if k > 0 {
				// Vary each number's last digit by the copy, so copies
				// disagree the way syndicated rewrites do.
				text = numberRe.ReplaceAllStringFunc(text, func(n string) string {
					d := (int(n[len(n)-1]-'0') + k) % 10
					return n[:len(n)-1] + strconv.Itoa(d)
				})
			}
			sub := filepath.Join(dir, fmt.Sprintf("%03d", i/500))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				b.Fatal(err)
			}
			name := fmt.Sprintf("%05d-%s", i, filepath.Base(src))
			if err := os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			realStats.Files++
			realStats.Bytes += int64(len(text))
		}
	})
	return realDir, realStats
}

func benchExtractor(b *testing.B) *extract.Extractor {
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	x, err := extract.New(set)
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// peakRSS reads the process's peak resident set from /proc (Linux).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkPipeline is a cold run: the generated corpus into a new database
// file, ingest, extract and reconcile, on all cores, with the collector
// paced as the binary paces it.
//
//	go test ./pipeline -run XXX -bench Pipeline -benchtime 1x
func BenchmarkPipeline(b *testing.B) {
	dir, st := benchCorpus(b)
	benchPipeline(b, dir, st)
}

// BenchmarkPipelineRealText is BenchmarkPipeline on real coverage (the
// seeds and the development sets, replicated and varied): sentences as
// outlets write them, not as the generator does.
func BenchmarkPipelineRealText(b *testing.B) {
	dir, st := realCorpus(b)
	benchPipeline(b, dir, st)
}

func benchPipeline(b *testing.B, dir string, st synth.Stats) {
	x := benchExtractor(b)
	ctx := context.Background()
	defer PaceGC()()
	// The corpus was just written: its pages go to disk now, not while
	// the run is timed, which would measure the setup's write-back.
	syscall.Sync()
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		res, err := Ingest(ctx, Options{Roots: []string{dir}, Extractor: x, Store: db, RunID: 0})
		if err != nil || len(res.Errors) > 0 || res.Added != st.Files {
			b.Fatalf("ingest: %v, %d errors, %d added", err, len(res.Errors), res.Added)
		}
		if _, _, _, err := Reconcile(ctx, db, 1, reconcile.Options{Rules: x.Rules(), Listing: rules.DefaultListing()}, ""); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.StopTimer()
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(st.Files)/sec, "articles/s")
	b.ReportMetric(float64(st.Bytes)/1e6/sec, "MB/s")
	b.ReportMetric(peakRSS(), "peak-RSS-MB")
}

// BenchmarkRerunUnchanged is the second run over an unchanged corpus: every
// file is skipped by size and modification time.
func BenchmarkRerunUnchanged(b *testing.B) {
	dir, st := benchCorpus(b)
	x := benchExtractor(b)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := Ingest(ctx, Options{Roots: []string{dir}, Extractor: x, Store: db}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Ingest(ctx, Options{Roots: []string{dir}, Extractor: x, Store: db})
		if err != nil || res.Unchanged != st.Files {
			b.Fatalf("rerun: %v, %d unchanged of %d", err, res.Unchanged, st.Files)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
}
