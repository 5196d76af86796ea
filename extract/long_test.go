package extract

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// longClauses writes n clauses of coverage, each stating a claim, with
// names and figures varied so that no two say the same. Joined by "; " they
// are one sentence as long as a scraped table or a page without full stops.
func longClauses(n int) []string {
	buyers := []string{"Orbital Systems", "Harbor Bank", "Norwick Capital", "Pellham Group"}
	targets := []string{"Vega Robotics", "Quillon", "Kaartwerk", "Calder Labs"}
	out := make([]string, n)
	for i := range out {
		b, t := buyers[i%len(buyers)], targets[(i/len(buyers))%len(targets)]
		switch i % 6 {
		case 0:
			out[i] = fmt.Sprintf("%s invested $%d million in %s", b, 10+i%900, t)
		case 1:
			out[i] = fmt.Sprintf("%s bought a %d%% stake in %s", b, 1+i%40, t)
		case 2:
			out[i] = fmt.Sprintf("%s was valued at $%d billion", t, 1+i%90)
		case 3:
			out[i] = fmt.Sprintf("%s cut %d jobs", t, 20+i%700)
		case 4:
			out[i] = fmt.Sprintf("%s reported revenue of $%d million", t, 5+i%400)
		default:
			out[i] = fmt.Sprintf("%s agreed to acquire %s for $%d million", b, t, 100+i%800)
		}
	}
	return out
}

// claimKeys are what claims say, without where they stand: the sentence
// and the byte spans differ between one text and its rewrap.
func claimKeys(cs []Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", c.Kind, c.Subject, c.Object, c.Normalized, c.Text, c.Status, c.Aspect, c.Component)
	}
	sort.Strings(out)
	return out
}

// TestLongSentenceSplit checks that a 200 KB article of one sentence is
// read in clause-sized units: it gives the claims the same clauses give as
// sentences of their own, and it gives them at all (a unit that long used
// to take hours).
func TestLongSentenceSplit(t *testing.T) {
	x := builtinExtractor(t)
	var clauses []string
	size := 0
	for _, c := range longClauses(5000) {
		if size > 200<<10 {
			break
		}
		clauses = append(clauses, c)
		size += len(c) + 2
	}
	one := strings.Join(clauses, "; ") + "."
	split := strings.Join(clauses, ". ") + "."
	pub := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	if n := len(x.seg.split(split)); n != len(clauses) {
		t.Fatalf("the split text has %d sentences, want %d", n, len(clauses))
	}
	want := claimKeys(mustExtract(t, x, "split.txt", split, pub))
	got := claimKeys(mustExtract(t, x, "one.txt", one, pub))
	if len(want) < len(clauses) {
		t.Fatalf("only %d claims from %d clauses", len(want), len(clauses))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		gs, ws := map[string]int{}, map[string]int{}
		for _, k := range got {
			gs[k]++
		}
		for _, k := range want {
			ws[k]++
		}
		n := 0
		for k, c := range ws {
			if gs[k] != c && n < 10 {
				t.Errorf("as sentences %d×, as one %d×: %s", c, gs[k], k)
				n++
			}
		}
		for k, c := range gs {
			if ws[k] != c && n < 20 {
				t.Errorf("as one %d×, as sentences %d×: %s", c, ws[k], k)
				n++
			}
		}
		t.Fatalf("one sentence gives %d claims, the same clauses as sentences %d", len(got), len(want))
	}
}

// TestUnitsBounded checks that no unit the segmenter gives is longer than
// maxUnit, whatever the text: clause punctuation, commas only, or none.
func TestUnitsBounded(t *testing.T) {
	x := builtinExtractor(t)
	words := strings.Repeat("word ", 20000)
	commas := strings.Repeat("Orbital invested $5 million in Vega, ", 3000)
	glued := strings.Repeat("x", 5000) + " " + strings.Repeat("é", 3000)
	for name, text := range map[string]string{"no punctuation": words, "commas": commas, "one long word": glued} {
		sents := x.seg.split(text)
		prev := 0
		for _, s := range sents {
			if len(s.Text) > maxUnit {
				t.Errorf("%s: a unit of %d bytes, want at most %d", name, len(s.Text), maxUnit)
			}
			if s.Start < prev || text[s.Start:s.End] != s.Text {
				t.Fatalf("%s: unit %d-%d out of order or not the text's", name, s.Start, s.End)
			}
			prev = s.End
		}
		if strings.TrimSpace(text[prev:]) != "" {
			t.Errorf("%s: text after the last unit is lost", name)
		}
	}
}

// TestExtractCancelled checks that extraction stops at a cancelled context
// within a sentence or so, and says why.
func TestExtractCancelled(t *testing.T) {
	x := builtinExtractor(t)
	text := strings.Join(longClauses(20000), ". ") + "."
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	cs, err := x.ExtractTextContext(ctx, "big.txt", text, time.Time{})
	if !errors.Is(err, context.Canceled) || cs != nil {
		t.Fatalf("claims %d, err %v: want no claims and context.Canceled", len(cs), err)
	}
	if !strings.Contains(err.Error(), "big.txt") {
		t.Errorf("error %q does not name the article", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a cancelled extraction took %v", d)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = x.ExtractTextContext(ctx, "big.txt", text, time.Time{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v: want the deadline", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("extraction ran %v past a 50ms deadline", d)
	}
}

// BenchmarkLongSentence extracts a 1 MB article of one sentence: clauses
// joined by commas, as a scraped table reads.
func BenchmarkLongSentence(b *testing.B) {
	x := builtinExtractor(b)
	var sb strings.Builder
	for _, c := range longClauses(40000) {
		if sb.Len() > 1<<20 {
			break
		}
		sb.WriteString(c)
		sb.WriteString(", ")
	}
	text := sb.String()
	benchOne(b, x, text)
}

// BenchmarkManyValues extracts one paragraph holding 10,000 figures.
func BenchmarkManyValues(b *testing.B) {
	x := builtinExtractor(b)
	var sb strings.Builder
	sb.WriteString("Orbital Systems invested ")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&sb, "$%d million, ", i+1)
	}
	sb.WriteString("in Vega Robotics, which was valued at $3 billion.")
	benchOne(b, x, sb.String())
}

func benchOne(b *testing.B, x *Extractor, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cs, err := x.ExtractText("long.txt", text, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) == 0 {
			b.Fatal("no claims")
		}
	}
}
