package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimcheck/claimcheck/corpus"
	"github.com/claimcheck/claimcheck/extract"
)

func TestArticleRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	ist := time.FixedZone("", 5*3600+1800)
	tests := []*corpus.Article{
		{
			ID: corpus.ArticleID("news/full.html"), Path: "news/full.html", SHA256: strings.Repeat("ab", 32), Size: 48213,
			ModTime: time.Unix(1731000000, 987654321), Format: corpus.FormatHTML, Title: "Acme’s $15 billion round",
			Byline: "By Jo Smith and Ana Ruiz", Source: "The Daily Ledger",
			Published: time.Date(2024, 11, 3, 9, 41, 0, 0, ist), Precision: corpus.PrecisionMinute,
			Text:     "Acme raised $15 billion — a record.\n\n“We’re done,” she said. 日本語 😀\r\ntrailing NUL \x00 kept  ",
			Warnings: []string{"invalid UTF-8 replaced", "a warning\nwith a newline"},
		},
		{
			ID: corpus.ArticleID("bare.txt"), Path: "bare.txt", SHA256: strings.Repeat("0", 64),
			ModTime: time.Unix(0, 1), Format: corpus.FormatText, Text: "",
		},
		{
			ID: corpus.ArticleID("day.md"), Path: "day.md", SHA256: strings.Repeat("f", 64), Size: 1,
			ModTime: time.Unix(1, 0), Format: corpus.FormatMarkdown, Text: "x",
			Published: time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), Precision: corpus.PrecisionDay,
		},
	}
	var batch []Ingested
	for _, a := range tests {
		batch = append(batch, Ingested{Article: a})
	}
	if err := s.SaveArticles(ctx, 0, batch); err != nil {
		t.Fatal(err)
	}
	for _, want := range tests {
		t.Run(want.Path, func(t *testing.T) {
			got, err := s.Article(ctx, want.Path)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != want.Text {
				t.Errorf("Text = %q, want %q", got.Text, want.Text)
			}
			if !got.Published.Equal(want.Published) || got.Published.Format(time.RFC3339) != want.Published.Format(time.RFC3339) {
				t.Errorf("Published = %v, want %v with its offset", got.Published, want.Published)
			}
			if !got.ModTime.Equal(want.ModTime) {
				t.Errorf("ModTime = %v, want %v", got.ModTime, want.ModTime)
			}
			// Times compared above; everything else must be identical.
			g, w := *got, *want
			g.Published, w.Published, g.ModTime, w.ModTime = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("round trip:\n got %+v\nwant %+v", g, w)
			}
		})
	}
	all, err := s.Articles(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].Path != "bare.txt" || all[1].Path != "day.md" || all[2].Path != "news/full.html" {
		t.Fatalf("Articles = %d articles, want 3 in path order", len(all))
	}
	if all[2].Text != "" || all[2].Title != tests[0].Title {
		t.Errorf("Articles(withText=false) = text %q title %q, want no text and the title", all[2].Text, all[2].Title)
	}
	all, _ = s.Articles(ctx, true)
	if all[2].Text != tests[0].Text {
		t.Errorf("Articles(withText=true) lost the text")
	}
	if _, err := s.Article(ctx, "nope.txt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(unknown) = %v, want ErrNotFound", err)
	}
}

func TestClaimRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := testArticle("a.txt")
	want := []extract.Claim{
		{
			ID: "c-money", Article: "a.txt", Kind: extract.KindInvestment, Subject: "Acme", Object: "Globex",
			Normalized: "USD 15e9", Text: "$15 billion", Sentence: "Acme raised $15 billion in 2024.",
			Start: 12, End: 23, SentStart: 0, SentEnd: 32, Hedged: true, Attribution: "people familiar",
			Period: "2024", Status: extract.StatusTalks, Aspect: extract.AspectTranche, Event: "", Component: "contingent",
			Round: "series c",
			Value: extract.Value{Type: extract.ValueMoney, Currency: "USD", Lo: 14.5e9, Hi: 15.5e9, Step: 1e9, Qualifier: ">=", Rate: "year"},
		},
		{
			ID: "c-date", Article: "a.txt", Kind: extract.KindEventDate, Subject: "Acme", Text: "2024",
			Sentence: "Acme raised $15 billion in 2024.", Start: 27, End: 31, SentStart: 0, SentEnd: 32, Event: "closed",
			Value: extract.Value{Type: extract.ValueDate, From: 20240101, To: 20241231, DatePrecision: "year"},
		},
		{
			ID: "c-label", Article: "a.txt", Kind: extract.KindTicker, Subject: "Acme", Text: "ACME",
			Sentence: "The round valued Acme at $90 billion, people said.", Start: 40, End: 44, SentStart: 34, SentEnd: 84,
			Value: extract.Value{Type: extract.ValueLabel, Label: "NASDAQ:ACME"},
			Refs:  []extract.Ref{{Text: "the startup", Name: "Acme"}, {Text: `its "own"`, Name: "Globex"}},
		},
		{
			ID: "c-count", Article: "other-name.txt", Kind: extract.KindHeadcountChange, Subject: "Acme", Text: "-1,200",
			Start: 50, End: 56, SentStart: 34, SentEnd: 84, Plan: "integration: Globex",
			Value: extract.Value{Type: extract.ValueCount, Lo: -1200, Hi: -1200, Step: 100, Qualifier: "~"},
		},
	}
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: a, Claims: want}}); err != nil {
		t.Fatal(err)
	}
	want[3].Article = "a.txt" // claims are stored under their article's path
	got, err := s.Claims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Claims:\n got %+v\nwant %+v", got, want)
	}
	byID, err := s.ClaimsByID(ctx, []string{"c-label", "c-nope", "c-money"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byID) != 2 || !reflect.DeepEqual(byID["c-label"], want[2]) || !reflect.DeepEqual(byID["c-money"], want[0]) {
		t.Fatalf("ClaimsByID = %+v", byID)
	}
	stop := errors.New("stop")
	n := 0
	err = s.EachClaim(ctx, func(extract.Claim) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Fatalf("EachClaim returned %v after %d claims, want fn's error after 2", err, n)
	}
}

func TestClaimsByIDManyIDs(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := testArticle("a.txt")
	var claims []extract.Claim
	var ids []string
	for i := 0; i < 1200; i++ {
		c := testClaim("a.txt", extract.KindInvestment, i, i+1)
		claims = append(claims, c)
		ids = append(ids, c.ID)
	}
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: a, Claims: claims}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ClaimsByID(ctx, ids)
	if err != nil || len(got) != len(ids) {
		t.Fatalf("ClaimsByID(%d ids) = %d claims, %v", len(ids), len(got), err)
	}
}

func claimIDs(t *testing.T, s *Store) []string {
	t.Helper()
	var ids []string
	err := s.EachClaim(context.Background(), func(c extract.Claim) error {
		ids = append(ids, c.Article+"/"+c.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestReingestReplacesClaims(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := testArticle("a.txt")
	c1, c2, c3 := testClaim("a.txt", extract.KindInvestment, 12, 23), testClaim("a.txt", extract.KindValuation, 60, 71), testClaim("a.txt", extract.KindRevenue, 1, 2)
	b := testArticle("b.txt")
	b1 := testClaim("b.txt", extract.KindInvestment, 12, 23)
	if err := s.SaveArticles(ctx, 1, []Ingested{{Article: a, Claims: []extract.Claim{c1, c2}}, {Article: b, Claims: []extract.Claim{b1}}}); err != nil {
		t.Fatal(err)
	}
	a2 := *a
	a2.Text, a2.SHA256, a2.Title = "Acme raised money.", strings.Repeat("9", 64), "Updated"
	if err := s.SaveArticles(ctx, 2, []Ingested{{Article: &a2, Claims: []extract.Claim{c3}}}); err != nil {
		t.Fatal(err)
	}
	if got, want := claimIDs(t, s), []string{"a.txt/" + c3.ID, "b.txt/" + b1.ID}; !reflect.DeepEqual(got, want) {
		t.Fatalf("claims after re-ingest = %v, want %v", got, want)
	}
	got, err := s.Article(ctx, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != a2.Text || got.Title != "Updated" || got.SHA256 != a2.SHA256 {
		t.Errorf("article after re-ingest = %+v", got)
	}
	if c, _ := s.Counts(ctx); c.Articles != 2 || c.Claims != 2 {
		t.Errorf("Counts = %+v, want 2 articles and 2 claims", c)
	}
}

func TestRemoveArticlesCascades(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a, b := testArticle("a.txt"), testArticle("b.txt")
	ca, cb := testClaim("a.txt", extract.KindInvestment, 12, 23), testClaim("b.txt", extract.KindInvestment, 12, 23)
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: a, Claims: []extract.Claim{ca}}, {Article: b, Claims: []extract.Claim{cb}}}); err != nil {
		t.Fatal(err)
	}
	n, err := s.RemoveArticles(ctx, []string{"a.txt", "never-stored.txt"})
	if err != nil || n != 1 {
		t.Fatalf("RemoveArticles = %d, %v; want 1 removed", n, err)
	}
	if got, want := claimIDs(t, s), []string{"b.txt/" + cb.ID}; !reflect.DeepEqual(got, want) {
		t.Fatalf("claims after removal = %v, want %v", got, want)
	}
	if _, err := s.Article(ctx, "a.txt"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed article still there: %v", err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestSaveArticlesRollsBack(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	a := testArticle("a.txt")
	old := testClaim("a.txt", extract.KindInvestment, 12, 23)
	a2 := *a
	a2.Title = "changed"
	fresh := testClaim("a.txt", extract.KindValuation, 60, 71)
	b := testArticle("b.txt")
	bc := testClaim("b.txt", extract.KindInvestment, 12, 23)
	tests := []struct {
		name  string
		ctx   context.Context
		batch []Ingested
		want  string
	}{
		{"duplicate claim id", ctx, []Ingested{
			{Article: &a2, Claims: []extract.Claim{fresh}},
			{Article: b, Claims: []extract.Claim{bc, bc}},
		}, "store claim " + bc.ID + " of b.txt: " + uniqueViolation()},
		{"nil article", ctx, []Ingested{{Article: &a2, Claims: []extract.Claim{fresh}}, {}}, "nil article"},
		{"cancelled", cancelled, []Ingested{{Article: &a2, Claims: []extract.Claim{fresh}}, {Article: b}}, "context canceled"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTemp(t)
			if err := s.SaveArticles(ctx, 0, []Ingested{{Article: a, Claims: []extract.Claim{old}}}); err != nil {
				t.Fatal(err)
			}
			err := s.SaveArticles(tc.ctx, 0, tc.batch)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("SaveArticles = %v, want an error with %q", err, tc.want)
			}
			if got, want := claimIDs(t, s), []string{"a.txt/" + old.ID}; !reflect.DeepEqual(got, want) {
				t.Errorf("claims after a failed batch = %v, want the old ones %v", got, want)
			}
			got, err := s.Article(ctx, "a.txt")
			if err != nil || got.Title != a.Title {
				t.Errorf("article after a failed batch = %+v, %v; want it unchanged", got, err)
			}
			if n, _ := s.ArticleCount(ctx); n != 1 {
				t.Errorf("%d articles after a failed batch, want 1", n)
			}
		})
	}
}

func TestArticleStatesAndTouch(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := testArticle("a.txt")
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: a}}); err != nil {
		t.Fatal(err)
	}
	states, err := s.ArticleStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := states["a.txt"]
	if !ok || len(states) != 1 || st.SHA256 != a.SHA256 || st.Size != a.Size || !st.ModTime.Equal(a.ModTime) {
		t.Fatalf("ArticleStates = %+v", states)
	}
	later := a.ModTime.Add(time.Hour)
	err = s.TouchArticles(ctx, []ArticleState{
		{Path: "a.txt", SHA256: a.SHA256, Size: a.Size, ModTime: later},
		{Path: "gone.txt", SHA256: "x", ModTime: later}, // not stored: ignored
	})
	if err != nil {
		t.Fatal(err)
	}
	// A state whose bytes differ is not a touch: the article must be re-read.
	if err := s.TouchArticles(ctx, []ArticleState{{Path: "a.txt", SHA256: "other", Size: 1, ModTime: later.Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	states, _ = s.ArticleStates(ctx)
	if st := states["a.txt"]; !st.ModTime.Equal(later) || st.Size != a.Size || len(states) != 1 {
		t.Fatalf("after touch: %+v, want mtime %v", st, later)
	}
}

// TestClaimFinder: claims named in advance are read back by id, in the
// order asked, however many there are; unknown ids are skipped.
func TestClaimFinder(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	var batch []Ingested
	var ids []string
	for a := 0; a < 3; a++ {
		path := fmt.Sprintf("a%d.txt", a)
		var claims []extract.Claim
		for i := 0; i < 700; i++ {
			c := testClaim(path, extract.KindInvestment, i, i+1)
			claims = append(claims, c)
			ids = append(ids, c.ID)
		}
		batch = append(batch, Ingested{Article: testArticle(path), Claims: claims})
	}
	if err := s.SaveArticles(ctx, 0, batch); err != nil {
		t.Fatal(err)
	}
	named := append([]string{"c-nope"}, ids[100:1600]...)
	f, err := s.NewClaimFinder(ctx, named)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ids[1500], "c-nope", ids[100], ids[800]}
	got, err := f.Claims(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != ids[1500] || got[1].ID != ids[100] || got[2].ID != ids[800] || got[2].Article != "a1.txt" || got[0].Sentence == "" {
		t.Fatalf("Claims(%v) = %+v", want, got)
	}
	if got, err := f.Claims(ctx, []string{ids[0]}); err != nil || len(got) != 0 {
		t.Errorf("a claim not named in advance was read: %+v, %v", got, err)
	}
}

// TestEachClaimStopsMidway: an error from fn stops a read of many batches
// wherever it comes, in order, without leaving the reader behind.
func TestEachClaimStopsMidway(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	var claims []extract.Claim
	for i := 0; i < 2000; i++ {
		claims = append(claims, testClaim("a.txt", extract.KindInvestment, i, i+1))
	}
	if err := s.SaveArticles(ctx, 0, []Ingested{{Article: testArticle("a.txt"), Claims: claims}}); err != nil {
		t.Fatal(err)
	}
	all := claimIDs(t, s)
	if len(all) != len(claims) {
		t.Fatalf("EachClaim read %d claims of %d", len(all), len(claims))
	}
	stop := errors.New("stop")
	for _, at := range []int{1, 255, 256, 257, 700, 1999} {
		var seen []string
		err := s.EachClaim(ctx, func(c extract.Claim) error {
			seen = append(seen, c.Article+"/"+c.ID)
			if len(seen) == at {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || !reflect.DeepEqual(seen, all[:at]) {
			t.Fatalf("stopping at %d: %v after %d claims, want fn's error after the first %d in order", at, err, len(seen), at)
		}
	}
	// The store is free for the next read.
	if got := claimIDs(t, s); !reflect.DeepEqual(got, all) {
		t.Fatal("a read after the stopped ones differs")
	}
}
