package extract

import (
	"strings"
	"testing"
	"time"

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
