package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/claimcheck/claimcheck/synth"
)

// memoryCeiling is the peak resident set every command stays under at
// 100,000 articles (issue 12).
const memoryCeiling = 512

// benchArticles is the corpus size: 10,000 by default, CLAIMCHECK_BENCH_N
// to change it (100000 for the memory check).
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("CLAIMCHECK_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// BenchmarkCommandMemory runs each command as a user runs it, the built
// binary over a generated corpus, and reports its peak resident set: the
// kernel's high-water mark for the child process (VmHWM, as rusage's
// maxrss), which counts SQLite's memory and the Go runtime's as well as
// the heap. ingest and run start from a new database; the reports read
// the database ingest wrote. At 100,000 articles or more a command that
// peaks over 512 MB fails the benchmark.
//
//	CLAIMCHECK_BENCH_N=100000 go test ./cmd/claimcheck -run XXX -bench CommandMemory -benchtime 1x -timeout 2h
func BenchmarkCommandMemory(b *testing.B) {
	n := benchArticles()
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "claimcheck")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	corpus := filepath.Join(tmp, "corpus")
	if _, err := synth.Generate(corpus, n, 1); err != nil {
		b.Fatal(err)
	}
	measure := func(b *testing.B, args ...string) {
		b.Helper()
		var peak float64
		for i := 0; i < b.N; i++ {
			cmd := exec.Command(bin, args...)
			cmd.Stderr = os.Stderr
			err := cmd.Run()
			if code := cmd.ProcessState.ExitCode(); err != nil && code != exitFindings {
				b.Fatalf("claimcheck %v: %v", args, err)
			}
			peak = max(peak, float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024) // KiB on Linux
		}
		b.ReportMetric(peak, "peak-RSS-MB")
		if n >= 100000 && peak > memoryCeiling {
			b.Errorf("claimcheck %s peaked at %.0f MB: over %d MB", args[0], peak, memoryCeiling)
		}
	}
	// The reports read the database the ingest benchmark writes, or one
	// ingested here when it is filtered out.
	db := filepath.Join(tmp, "ingested.db")
	b.Run("ingest", func(b *testing.B) {
		os.Remove(db)
		measure(b, "ingest", "--quiet", "--db", db, corpus)
	})
	if _, err := os.Stat(db); err != nil {
		if out, err := exec.Command(bin, "ingest", "--quiet", "--db", db, corpus).CombinedOutput(); err != nil {
			b.Fatalf("ingest: %v\n%s", err, out)
		}
	}
	// The scheduled job's first run over the corpus: every finding is new,
	// so its report is the largest a run writes.
	b.Run("run", func(b *testing.B) {
		fresh := filepath.Join(b.TempDir(), "run.db")
		measure(b, "run", "--quiet", "--fail-on", "never", "--db", fresh, "-o", filepath.Join(tmp, "run.txt"), corpus)
	})
	for _, format := range []string{"text", "json", "html", "markdown"} {
		b.Run("report-"+format, func(b *testing.B) {
			measure(b, "report", "--db", db, "--format", format, "-o", filepath.Join(tmp, "report."+format))
		})
	}
}
