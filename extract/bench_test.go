package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/rules"
	"github.com/claimcheck/claimcheck/synth"
)

// BenchmarkExtract measures extraction alone over generated articles of
// 400-900 words.
func BenchmarkExtract(b *testing.B) {
	x := builtinExtractor(b)
	var texts []string
	synth.Stream(200, 1, func(name string, data []byte) error {
		if strings.HasSuffix(name, ".txt") {
			texts = append(texts, string(data))
		}
		return nil
	})
	pub := time.Date(2025, 6, 18, 0, 0, 0, 0, time.UTC)
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
	}
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := x.ExtractText("a.txt", t, pub); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.SetBytes(bytes)
}

// BenchmarkNewManyEntities loads rules listing 300,000 entities and builds
// the extractor on them, as every check does, and reports the heap both
// keep.
func BenchmarkNewManyEntities(b *testing.B) {
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString("type: entities\nentities:\n")
	for i := 0; i < 300000; i++ {
		if i%3 == 0 {
			fmt.Fprintf(&sb, "  - {name: Company%d Holdings, type: org, aliases: [Company%d, CH%d Labs], tickers: [\"NASDAQ:C%d\"]}\n", i, i, i, i)
		} else {
			fmt.Fprintf(&sb, "  - {name: Firm%d Group, type: org, aliases: [Firm%d]}\n", i, i)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "entities.yaml"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var x *Extractor
	for i := 0; i < b.N; i++ {
		set, err := rules.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if x, err = New(set); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-live")
	runtime.KeepAlive(x)
}

// BenchmarkExtractRealText measures extraction alone, one core, over the
// seeds' and the development sets' articles as corpus reads them (it skips
// without ../shared).
func BenchmarkExtractRealText(b *testing.B) {
	x := builtinExtractor(b)
	var arts []*corpus.Article
	for _, pat := range []string{"seeds/*.txt", "eval/dev/*/*.txt", "eval/dev/*/*.md", "eval/dev/*/*.html"} {
		paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", pat))
		for _, p := range paths {
			info, err := os.Stat(p)
			if err != nil {
				b.Fatal(err)
			}
			format, ok := corpus.FormatOf(p)
			if !ok {
				continue
			}
			a, err := corpus.Read(corpus.File{Abs: p, Path: filepath.Base(p), Size: info.Size(), ModTime: info.ModTime(), Format: format}, corpus.ReadOptions{})
			if err != nil {
				continue // as a run skips it
			}
			arts = append(arts, a)
		}
	}
	if len(arts) == 0 {
		b.Skip("../shared is not present")
	}
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
