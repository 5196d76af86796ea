package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
)

// benchBatch is n articles of about 4 KB with 20 claims each, at paths
// unique to the batch numbered seq.
func benchBatch(seq, n int) []Ingested {
	text := strings.Repeat("Acme Corp raised $15 billion in a round led by Globex, valuing it at $90 billion, people familiar said. ", 40)
	sentence := text[:104]
	batch := make([]Ingested, n)
	for i := range batch {
		path := fmt.Sprintf("batch%d/article%04d.html", seq, i)
		a := &corpus.Article{
			ID: corpus.ArticleID(path), Path: path, SHA256: strings.Repeat("ab", 32), Size: int64(len(text)) + 900,
			ModTime: time.Unix(1731000000, 0), Format: corpus.FormatHTML, Title: "Acme raises $15 billion", Byline: "Jo Smith",
			Source: "The Ledger", Published: time.Date(2024, 11, 3, 9, 41, 0, 0, time.UTC), Precision: corpus.PrecisionMinute, Text: text,
		}
		claims := make([]extract.Claim, 20)
		for j := range claims {
			start := j * 104
			claims[j] = extract.Claim{
				ID: extract.ClaimID(path, extract.KindInvestment, start+17, start+28), Article: path, Kind: extract.Kinds[(i+j)%len(extract.Kinds)],
				Subject: fmt.Sprintf("Company %d", (seq*7919+i*31+j*17)%3000), Object: "Globex", Normalized: "USD 15e9", Text: "$15 billion", Sentence: sentence,
				Start: start + 17, End: start + 28, SentStart: start, SentEnd: start + 104, Attribution: "people familiar",
				Period: "2024", Value: extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: 15e9, Hi: 15e9, Step: 1e9},
			}
		}
		batch[i] = Ingested{Article: a, Claims: claims}
	}
	return batch
}

func cpuTime() time.Duration {
	var ru unix.Rusage
	_ = unix.Getrusage(unix.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSaveArticles writes batches of 256 new articles of 4 KB with 20
// claims each, as ingest does, to a database file; the store grows by
// 5,120 claims an iteration. articles/s is by the wall clock; cpu-µs/article
// is the process's CPU time, which other work on the machine disturbs less.
func BenchmarkSaveArticles(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
	const perBatch = 256
	var elapsed, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		batch := benchBatch(i, perBatch)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		if err := s.SaveArticles(ctx, 1, batch); err != nil {
			b.Fatal(err)
		}
		elapsed, cpu = elapsed+time.Since(start), cpu+cpuTime()-cpu0
	}
	n := float64(b.N * perBatch)
	b.ReportMetric(n/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/article")
}
