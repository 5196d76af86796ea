package reconcile

import (
	"fmt"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
	"github.com/claimcheck/claimcheck/rules"
)

// BenchmarkReconcile1M reconciles a million claims about 100,000 facts,
// a few of them conflicting: the work grows with facts, not claims squared.
//
//	go test ./reconcile -run XXX -bench Reconcile1M -benchtime 1x
func BenchmarkReconcile1M(b *testing.B) {
	const facts, per = 100000, 10
	claims := make([]extract.Claim, 0, facts*per)
	for f := 0; f < facts; f++ {
		subject, object := fmt.Sprintf("Investor %d", f%5000), fmt.Sprintf("Startup %d", f)
		amount := float64(1+f%50) * 1e8
		for i := 0; i < per; i++ {
			v := amount
			if i == 0 && f%50 == 0 {
				v *= 3 // a planted conflict
			}
			c := extract.Claim{ID: fmt.Sprintf("c-%d-%d", f, i), Article: fmt.Sprintf("a%d.txt", (f*per+i)%200000),
				Kind: extract.KindInvestment, Subject: subject, Object: object, Sentence: fmt.Sprintf("s%d-%d", f, i%7),
				// Dated articles: an undated one is compared only with itself
				// when its pair has several deals.
				Published: fmt.Sprintf("2024-%02d-%02d", 1+f%12, 1+i),
				Value:     extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: v, Hi: v, Step: 1e8}}
			c.Normalized = extract.Normalize(c.Value)
			claims = append(claims, c)
		}
	}
	set, err := rules.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		n = len(Reconcile(claims, Options{Rules: set}))
	}
	if n != facts/50 {
		b.Fatalf("got %d findings, want %d", n, facts/50)
	}
	b.ReportMetric(float64(len(claims))/(b.Elapsed().Seconds()/float64(b.N)), "claims/s")
}
