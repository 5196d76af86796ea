package reconcile

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimcheck/claimcheck/extract"
)

// everySet is the articles of every set in one corpus, each set's named
// apart: their parties meet, so facts span sets and conflicts abound.
func everySet() []article {
	var arts []article
	for i, tc := range articleSets {
		for _, a := range tc.arts {
			arts = append(arts, article{fmt.Sprintf("set%03d/%s", i, a.name), a.text, a.published})
		}
	}
	return arts
}

func findingsJSON(t *testing.T, fs []Finding) string {
	t.Helper()
	b, err := json.MarshalIndent(fs, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// An incremental reconciliation gives exactly the findings of a full one,
// in the same order, while checking again only the facts an edit touched.
func TestIncrementalGivesFullFindings(t *testing.T) {
	set, x := builtinExtractor(t)
	opts := Options{Rules: set, Listing: testListing()}
	claims := extractSet(t, x, everySet())
	var memo Memo
	step := func(name, salt string, cs []extract.Claim) MemoStats {
		t.Helper()
		want := findingsJSON(t, Reconcile(cs, opts))
		got, next, stats, err := Incremental(memorySource(cs), opts, salt, memo)
		if err != nil {
			t.Fatal(err)
		}
		if g := findingsJSON(t, got); g != want {
			t.Fatalf("%s: incremental findings differ from a full reconciliation:\n%s\nwant\n%s", name, g, want)
		}
		if len(next) != stats.Facts {
			t.Errorf("%s: next memo holds %d facts, the run had %d", name, len(next), stats.Facts)
		}
		memo = next
		return stats
	}
	if s := step("first run", "rules-1", claims); s.Checked != s.Facts-s.Agreeing || s.Checked < 20 {
		t.Fatalf("first run checked %d of %d facts (%d agreeing), want every disagreeing one, at least 20", s.Checked, s.Facts, s.Agreeing)
	}
	if s := step("nothing changed", "rules-1", claims); s.Checked != 0 {
		t.Errorf("an unchanged corpus checked %d of %d facts again, want none", s.Checked, s.Facts)
	}
	edits := []struct {
		name string
		edit func([]extract.Claim) []extract.Claim
	}{
		{"an article removed", func(cs []extract.Claim) []extract.Claim {
			return slices.DeleteFunc(slices.Clone(cs), func(c extract.Claim) bool { return c.Article == "set000/b.txt" })
		}},
		{"a value changed", func(cs []extract.Claim) []extract.Claim {
			cs = slices.Clone(cs)
			for i := range cs {
				if cs[i].Article == "set000/a.txt" && cs[i].Kind == extract.KindInvestment {
					cs[i].Value.Lo, cs[i].Value.Hi, cs[i].Normalized = 16e9, 16e9, "USD 16000000000"
				}
			}
			return cs
		}},
		{"an article added", func(cs []extract.Claim) []extract.Claim {
			return append(slices.Clone(cs), extractSet(t, x, []article{{"new/a.txt",
				"Orbital invested $13 billion in Helix Robotics. Helix Robotics named Dana Reyes chief executive.", "2024-05-04"}})...)
		}},
		{"a party renamed", func(cs []extract.Claim) []extract.Claim {
			cs = slices.Clone(cs)
			for i := range cs {
				if cs[i].Subject == "Orbital" && strings.HasPrefix(cs[i].Article, "set001/") {
					cs[i].Subject = "Orbital Group"
				}
			}
			return cs
		}},
	}
	for _, e := range edits {
		claims = e.edit(claims)
		if s := step(e.name, "rules-1", claims); s.Checked == 0 || s.Checked*2 > s.Facts-s.Agreeing {
			t.Errorf("%s: checked %d of %d facts again (%d agreeing), want some, far from all", e.name, s.Checked, s.Facts, s.Agreeing)
		}
	}
	if s := step("new rules", "rules-2", claims); s.Checked != s.Facts-s.Agreeing {
		t.Errorf("new rules checked %d of %d facts again (%d agreeing), want every disagreeing one", s.Checked, s.Facts, s.Agreeing)
	}
}

// Every field of a claim is in its digest: a field left out would let a
// changed claim pass for unchanged.
func TestClaimDigestCoversEveryField(t *testing.T) {
	r := newRun(Options{})
	var base extract.Claim
	digest := func(c *extract.Claim) string { return string(r.claimDigest(nil, c, "v1")) }
	zero := digest(&base)
	var visit func(v reflect.Value, path string)
	visit = func(v reflect.Value, path string) {
		for i := 0; i < v.NumField(); i++ {
			f, name := v.Field(i), path+v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.Struct:
				visit(f, name+".")
				continue
			case reflect.String:
				f.SetString("x")
			case reflect.Int:
				f.SetInt(7)
			case reflect.Float64:
				f.SetFloat(7)
			case reflect.Bool:
				f.SetBool(true)
			case reflect.Slice:
				if name == "Refs" {
					continue // references name parties already read; reconciliation never reads them
				}
				t.Fatalf("claim field %s: a slice the digest test does not know", name)
			default:
				t.Fatalf("claim field %s: a kind the digest test does not know", name)
			}
			if digest(&base) == zero {
				t.Errorf("claim field %s is not in the fact digest", name)
			}
			f.Set(reflect.Zero(f.Type()))
		}
	}
	visit(reflect.ValueOf(&base).Elem(), "")
	if string(r.claimDigest(nil, &base, "v2")) == zero {
		t.Error("the article's version is not in the fact digest")
	}
}

// A fact's findings can change with no claim of it changing: an article
// dating its pair's deal moves the holdings around the deal. The memo
// must see it.
func TestIncrementalSeesDealDates(t *testing.T) {
	set, x := builtinExtractor(t)
	opts := Options{Rules: set, Listing: testListing()}
	tests := []struct {
		name        string
		base, added []article
	}{
		{"a completion splits holdings", []article{
			{"a.txt", "Orbital Systems owns 12% of Helix Robotics.", "2024-10-15"},
			{"b.txt", "Orbital Systems owns 21% of Helix Robotics.", "2024-12-01"},
		}, []article{
			{"c.txt", "Orbital Systems said on Tuesday it had completed its acquisition of Helix Robotics.", "2024-11-20"},
		}},
		{"an announcement places a holding before the deal", []article{
			{"a.txt", "Orbital Systems already owned 12% of Helix Robotics before the deal.", "2024-10-16"},
			{"b.txt", "Orbital Systems already owned 21% of Helix Robotics before the deal.", "2025-07-09"},
		}, []article{
			{"c.txt", "Orbital Systems said on Tuesday it had agreed to buy Helix Robotics for €8.7 billion.", "2024-10-15"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := extractSet(t, x, tc.base)
			all := append(slices.Clone(base), extractSet(t, x, tc.added)...)
			before, after := findingsJSON(t, Reconcile(base, opts)), findingsJSON(t, Reconcile(all, opts))
			if before == after {
				t.Fatalf("the added article changes no finding: the case tests nothing\n%s", after)
			}
			_, memo, _, err := Incremental(memorySource(base), opts, "rules", nil)
			if err != nil {
				t.Fatal(err)
			}
			got, _, _, err := Incremental(memorySource(all), opts, "rules", memo)
			if err != nil {
				t.Fatal(err)
			}
			if g := findingsJSON(t, got); g != after {
				t.Errorf("incremental findings:\n%s\nwant those of a full reconciliation:\n%s", g, after)
			}
		})
	}
}

// Facts whose claims all agree are never read back: the findings are
// those of checking every fact, on each set and on all of them at once.
func TestAgreeingFactsNeedNoCheck(t *testing.T) {
	set, x := builtinExtractor(t)
	opts := Options{Rules: set, Listing: testListing()}
	corpora := [][]article{everySet()}
	for _, tc := range articleSets {
		corpora = append(corpora, tc.arts)
	}
	skipped := 0
	for i, arts := range corpora {
		claims := extractSet(t, x, arts)
		_, _, stats, err := Incremental(memorySource(claims), opts, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		skipped += stats.Agreeing
		r := newRun(opts)
		r.readAll = true
		all, err := r.stream(memorySource(claims), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := findingsJSON(t, Reconcile(claims, opts)), findingsJSON(t, all); got != want {
			t.Errorf("corpus %d: skipping agreeing facts changed the findings:\n%s\nwant\n%s", i, got, want)
		}
	}
	if skipped == 0 {
		t.Error("no fact agreed: the test shows nothing")
	}
}
