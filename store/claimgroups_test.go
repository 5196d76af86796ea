package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
)

// TestReadClaims checks that articles come whole and in order, and groups
// whole, in the order of their first claim, their claims in EachClaim's
// order, across read batches, rejected claims left out.
func TestReadClaims(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	var batch []Ingested
	want := map[string][]string{}        // subject → claim ids in order
	var order []string                   // subjects by first claim
	const articles, perArticle = 30, 400 // 12,000 claims: several read batches
	for a := 0; a < articles; a++ {
		path := fmt.Sprintf("a%02d.txt", a)
		var claims []extract.Claim
		for i := 0; i < perArticle; i++ {
			c := testClaim(path, extract.KindInvestment, i, i+1)
			c.Subject = fmt.Sprintf("s%d", (i*7+a)%53)
			if i%10 == 0 {
				c.Subject = "" // rejected by the key
			}
			claims = append(claims, c)
		}
		batch = append(batch, Ingested{Article: testArticle(path), Claims: claims})
	}
	if err := s.SaveArticles(ctx, 0, batch); err != nil {
		t.Fatal(err)
	}
	err := s.EachClaim(ctx, func(c extract.Claim) error {
		if c.Subject == "" {
			return nil
		}
		if want[c.Subject] == nil {
			order = append(order, c.Subject)
		}
		want[c.Subject] = append(want[c.Subject], c.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got, articlesRead, asked []string
	claimsRead := 0
	// Groups declined between the passes are never read back.
	declined := map[string]bool{"s3": true, "s40": true}
	err = s.ReadClaims(ctx, func(c *extract.Claim) (string, bool) { return c.Subject, c.Subject != "" }, func(cs []extract.Claim) error {
		for _, c := range cs {
			if c.Article != cs[0].Article {
				t.Fatalf("article %s mixed with %s", cs[0].Article, c.Article)
			}
		}
		if cs[0].Sentence != "" {
			t.Fatalf("article pass read a sentence: %q", cs[0].Sentence)
		}
		articlesRead = append(articlesRead, cs[0].Article)
		claimsRead += len(cs)
		return nil
	}, func(key string) bool {
		asked = append(asked, key)
		return !declined[key]
	}, func(cs []extract.Claim) error {
		subject := cs[0].Subject
		got = append(got, subject)
		if len(cs) != len(want[subject]) {
			t.Fatalf("group %s: %d claims, want %d", subject, len(cs), len(want[subject]))
		}
		for i, c := range cs {
			if c.Sentence == "" {
				t.Fatalf("group %s: claim %s read without its sentence", subject, c.ID)
			}
			if c.Subject != subject || c.ID != want[subject][i] {
				t.Fatalf("group %s, claim %d: %s of %s, want %s", subject, i, c.ID, c.Subject, want[subject][i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(articlesRead) != articles || claimsRead != articles*perArticle || articlesRead[0] != "a00.txt" || articlesRead[articles-1] != "a29.txt" {
		t.Errorf("read %d articles (%v...) and %d claims, want %d and %d", len(articlesRead), articlesRead[:1], claimsRead, articles, articles*perArticle)
	}
	stop := errors.New("stop")
	calls := 0
	err = s.ReadClaims(ctx, func(c *extract.Claim) (string, bool) { return c.Subject, c.Subject != "" }, nil, nil, func([]extract.Claim) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("a failing group callback: %v after %d calls, want its error after 1", err, calls)
	}
	if fmt.Sprint(asked) != fmt.Sprint(order) {
		t.Errorf("asked for groups %v, want each once in order %v", asked, order)
	}
	var wantRead []string
	for _, k := range order {
		if !declined[k] {
			wantRead = append(wantRead, k)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(wantRead) {
		t.Errorf("groups in order %v, want %v", got, wantRead)
	}
}

func TestEachClaimOfKinds(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	claims := []extract.Claim{testClaim("a.txt", extract.KindTicker, 1, 2), testClaim("a.txt", extract.KindRevenue, 3, 4),
		testClaim("a.txt", extract.KindGrowth, 5, 6)}
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt"), Claims: claims}}); err != nil {
		t.Fatal(err)
	}
	var got []extract.Kind
	err := s.EachClaimOfKinds(ctx, []extract.Kind{extract.KindGrowth, extract.KindTicker}, func(c extract.Claim) error {
		got = append(got, c.Kind)
		return nil
	})
	if err != nil || fmt.Sprint(got) != "[ticker growth]" {
		t.Errorf("EachClaimOfKinds = %v, %v; want [ticker growth]", got, err)
	}
}

func TestClaimNames(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a, b, c := testClaim("a.txt", extract.KindInvestment, 1, 2), testClaim("a.txt", extract.KindStake, 3, 4),
		testClaim("a.txt", extract.KindRevenue, 5, 6)
	a.Object, b.Object = "Calder Robotics", "Calder"
	c.Subject = "Calder Robotics"
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt"), Claims: []extract.Claim{a, b, c}}}); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	err := s.ClaimNames(ctx, func(n string, k int) error { got[n] += k; return nil })
	want := map[string]int{"Acme": 2, "Calder Robotics": 2, "Calder": 1}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ClaimNames = %v, %v; want %v", got, err, want)
	}
}

func TestArticleClaimsAndCounts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	batch := []Ingested{
		{Article: testArticle("a.txt"), Claims: []extract.Claim{testClaim("a.txt", extract.KindTicker, 1, 2), testClaim("a.txt", extract.KindCompanyStatus, 3, 4)}},
		{Article: testArticle("b.txt"), Claims: []extract.Claim{testClaim("b.txt", extract.KindRevenue, 1, 2)}},
	}
	if err := s.SaveArticles(ctx, 0, batch); err != nil {
		t.Fatal(err)
	}
	claims, err := s.ArticleClaims(ctx, "a.txt")
	if err != nil || len(claims) != 2 || claims[0].Article != "a.txt" || claims[1].Article != "a.txt" {
		t.Errorf("ArticleClaims(a.txt) = %d claims, %v", len(claims), err)
	}
	if n, err := s.ClaimCountOfKinds(ctx, extract.Kinds); err != nil || n != 2 {
		t.Errorf("ClaimCountOfKinds(report kinds) = %d, %v; want 2 (company status is not reported)", n, err)
	}
}
