package reconcile

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// BenchmarkReconcile1M reconciles a million claims about 100,000 facts,
// a few of them conflicting: the work grows with facts, not claims squared.
//
//	go test ./reconcile -run XXX -bench Reconcile1M -benchtime 1x -benchmem
func BenchmarkReconcile1M(b *testing.B) {
	const facts, per = 100000, 10
	claims := make([]extract.Claim, 0, facts*per)
	for f := 0; f < facts; f++ {
		for i := 0; i < per; i++ {
			claims = append(claims, benchClaim(f, i, 200000))
		}
	}
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := watchHeap()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Reconcile(claims, Options{Rules: set}))
	}
	b.StopTimer()
	top := peak()
	if n != facts/50 {
		b.Fatalf("got %d findings, want %d", n, facts/50)
	}
	b.ReportMetric(float64(len(claims))/(b.Elapsed().Seconds()/float64(b.N)), "claims/s")
	// The heap at its peak, with the claims given (held by the caller), and
	// what reconciling added to it.
	b.ReportMetric(float64(top.HeapAlloc)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(top.HeapAlloc-min(before.HeapAlloc, top.HeapAlloc))/1e6, "peak-added-MB")
	b.ReportMetric(float64(top.HeapSys)/1e6, "heap-sys-MB")
	runtime.KeepAlive(claims)
}

// benchClaim is claim i of fact f, in one of articles articles: ten claims
// a fact, each fiftieth fact's first claim three times the others.
func benchClaim(f, i, articles int) extract.Claim {
	const per = 10
	subject, object := fmt.Sprintf("Investor %d", f%5000), fmt.Sprintf("Startup %d", f)
	v := float64(1+f%50) * 1e8
	if i == 0 && f%50 == 0 {
		v *= 3 // a planted conflict
	}
	c := extract.Claim{ID: fmt.Sprintf("c-%d-%d", f, i), Article: fmt.Sprintf("a%d.txt", (f*per+i)%articles),
		Kind: extract.KindInvestment, Subject: subject, Object: object, Sentence: fmt.Sprintf("s%d-%d", f, i%7),
		// Dated articles: an undated one is compared only with itself
		// when its pair has several deals.
		Published: fmt.Sprintf("2024-%02d-%02d", 1+f%12, 1+i),
		Value:     extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: v, Hi: v, Step: 1e8}}
	c.Normalized = extract.Normalize(c.Value)
	return c
}

// benchSource serves the claims of 100,000 articles, ten each, about
// 100,000 facts, making each claim when it is read, as a store does: the
// memory a run holds is the reconciler's own. Each hundredth fact has a
// running total, so that pairs' amounts are kept for the totals check.
type benchSource struct{}

const benchFacts, benchPer, benchArticles = 100000, 10, 100000

func (benchSource) claim(f, i int) extract.Claim {
	c := benchClaim(f, i, benchArticles)
	if f%100 == 1 && i == benchPer-1 {
		c.Aspect, c.Component = extract.AspectTotal, extract.ComponentCumulative
	}
	return c
}

func (s benchSource) Each(kinds []extract.Kind, fn func(*extract.Claim) error) error {
	for f := 0; f < benchFacts; f++ {
		for i := 0; i < benchPer; i++ {
			c := s.claim(f, i)
			if slices.Contains(kinds, c.Kind) {
				if err := fn(&c); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (s benchSource) Read(key func(*extract.Claim) (string, bool), article func([]*extract.Claim) error, want func(string) bool, group func([]*extract.Claim) error) error {
	cs := make([]extract.Claim, benchPer)
	ptrs := make([]*extract.Claim, benchPer)
	// Article a holds the claims numbered a, a+articles, ...: f*per+i.
	for a := 0; a < benchArticles; a++ {
		for k := range ptrs {
			n := a + k*benchArticles
			cs[k] = s.claim(n/benchPer, n%benchPer)
			ptrs[k] = &cs[k]
		}
		if err := article(ptrs); err != nil {
			return err
		}
	}
	// A fact's claims share their key but a running total's, a fact of its own.
	for f := 0; f < benchFacts; f++ {
		groups := map[string][]*extract.Claim{}
		var order []string
		for i := 0; i < benchPer; i++ {
			c := s.claim(f, i)
			k, ok := key(&c)
			if !ok {
				continue
			}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], &c)
		}
		for _, k := range order {
			if !want(k) {
				continue
			}
			if err := group(groups[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkStream100kArticles reconciles the claims of 100,000 articles
// read as from a store, and reports the peak heap: the 100,000-article run
// must stay under 512 MB.
//
//	go test ./reconcile -run XXX -bench Stream100kArticles -benchtime 1x -benchmem
func BenchmarkStream100kArticles(b *testing.B) {
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	runtime.GC()
	peak := watchHeap()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		fs, err := Stream(benchSource{}, Options{Rules: set})
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	b.StopTimer()
	top := peak()
	if n != benchFacts/50 {
		b.Fatalf("got %d findings, want %d", n, benchFacts/50)
	}
	// Time is mostly the source making its claims: the figure is memory.
	b.ReportMetric(float64(top.HeapAlloc)/1e6, "peak-heap-MB")
	b.ReportMetric(float64(top.HeapSys)/1e6, "heap-sys-MB")
}

// watchHeap samples the heap until the function it returns is called,
// which returns the largest heap in use and obtained from the system that
// it saw. A benchmark's B/op counts what was allocated, not what was held
// at once: the peak is what a machine must have.
func watchHeap() func() runtime.MemStats {
	stop := make(chan struct{})
	done := make(chan runtime.MemStats)
	go func() {
		var top, m runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		sample := func() {
			runtime.ReadMemStats(&m)
			top.HeapAlloc = max(top.HeapAlloc, m.HeapAlloc)
			top.HeapSys = max(top.HeapSys, m.HeapSys)
		}
		for {
			select {
			case <-tick.C:
				sample()
			case <-stop:
				sample()
				done <- top
				return
			}
		}
	}()
	return func() runtime.MemStats {
		close(stop)
		return <-done
	}
}
