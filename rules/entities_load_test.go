package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestChunkedEntitiesMatchWhole checks that an entities file decoded a
// chunk at a time gives the entities, lines included, that parsing it whole
// gives, for the built-in file and for the layouts users write.
func TestChunkedEntitiesMatchWhole(t *testing.T) {
	builtin, err := builtinFS.ReadFile("builtin/entities.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var block strings.Builder
	block.WriteString("# people and companies\ntype: entities\n\nentities:\n")
	for i := 0; i < 3*entityChunk+17; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&block, "  - {name: Firm%d Group, type: org, aliases: [Firm%d, \"Firm%d, Inc.\"]}\n", i, i, i)
		case 1:
			fmt.Fprintf(&block, "  - name: Person %d\n    type: person\n    # a comment inside\n\n    aliases:\n      - P. %d\n", i, i)
		case 2:
			fmt.Fprintf(&block, "  -\n    name: Market %d\n    type: market\n", i)
		default:
			fmt.Fprintf(&block, "  - name: Private%d\n    type: org\n    private: true\n    tickers: [\"NYSE:P%d\"]\n# between items\n", i, i)
		}
	}
	for name, data := range map[string]string{"builtin": string(builtin), "block and flow items": block.String()} {
		var chunked, whole Set
		if !chunked.addEntitiesChunked("e.yaml", []byte(data)) {
			t.Fatalf("%s: not read in chunks", name)
		}
		if errs := whole.addParsed("e.yaml", []byte(data)); len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		// Columns place errors; a file with one is read whole (see
		// TestChunkedEntitiesErrors), so chunks need only the lines.
		for i := range whole.Entities {
			whole.Entities[i].Column, whole.Entities[i].typeAt = 0, position{}
		}
		if len(whole.Entities) < 50 || !reflect.DeepEqual(chunked.Entities, whole.Entities) {
			for i := range min(len(chunked.Entities), len(whole.Entities)) {
				if !reflect.DeepEqual(chunked.Entities[i], whole.Entities[i]) {
					t.Fatalf("%s: entity %d: chunked %+v, whole %+v", name, i, chunked.Entities[i], whole.Entities[i])
				}
			}
			t.Fatalf("%s: %d entities chunked, %d whole", name, len(chunked.Entities), len(whole.Entities))
		}
	}
}

// TestChunkedEntitiesErrors checks that a problem deep in a large entities
// file is still reported at its line, and that other layouts are parsed
// whole.
func TestChunkedEntitiesErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("type: entities\nentities:\n")
	for i := 0; i < 5000; i++ {
		if i == 4321 {
			b.WriteString("  - {name: Bad, type: org, alias: [B]}\n")
			continue
		}
		fmt.Fprintf(&b, "  - {name: Firm%d, type: org}\n", i)
	}
	dir := writeRules(t, map[string]string{"entities.yaml": b.String()})
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "entities.yaml")+":4324:") || !strings.Contains(err.Error(), "alias") {
		t.Errorf("err %v: want the unknown key at line 4324", err)
	}
	for _, layout := range []string{
		"type: entities\nentities: [{name: A, type: org}]\n",
		"entities:\n  - {name: A, type: org}\ntype: entities\n",
	} {
		if _, _, ok := splitEntities([]byte(layout)); ok {
			t.Errorf("%q read in chunks: want it parsed whole", layout)
		}
		var s Set
		if errs := s.addFile("e.yaml", []byte(layout)); len(errs) > 0 || len(s.Entities) != 1 {
			t.Errorf("%q: %d entities, %v", layout, len(s.Entities), errs)
		}
	}
}

// TestTooManyEntities checks that a rule set listing more entities than a
// check can hold is refused, naming the file, the line past the limit and
// the limit.
func TestTooManyEntities(t *testing.T) {
	builtin, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	saved := maxEntities
	defer func() { maxEntities = saved }()
	maxEntities = len(builtin.Entities) + 100
	var b strings.Builder
	b.WriteString("type: entities\nentities:\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, "  - {name: Firm%d, type: org}\n", i)
	}
	dir := writeRules(t, map[string]string{"entities.yaml": b.String()})
	_, err = Load(dir)
	// The entity past the limit is this file's 101st, on line 103.
	want := fmt.Sprintf("%s:103: %d entities, more than the %d", filepath.Join(dir, "entities.yaml"), len(builtin.Entities)+150, maxEntities)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err %v: want %q", err, want)
	}
}

// BenchmarkLoadManyEntities loads a rule folder holding 300,000 entities
// (CLAIMCHECK_BENCH_ENTITIES to change it) and reports the heap it keeps.
func BenchmarkLoadManyEntities(b *testing.B) {
	n := 300000
	if v, err := fmt.Sscan(os.Getenv("CLAIMCHECK_BENCH_ENTITIES"), &n); v != 1 || err != nil {
		n = 300000
	}
	dir := b.TempDir()
	f, err := os.Create(filepath.Join(dir, "entities.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintln(f, "type: entities\nentities:")
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			fmt.Fprintf(f, "  - {name: Company%d Holdings, type: org, aliases: [Company%d, CH%d Labs], tickers: [\"NASDAQ:C%d\"]}\n", i, i, i, i)
		} else {
			fmt.Fprintf(f, "  - {name: Firm%d Group, type: org, aliases: [Firm%d]}\n", i, i)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var set *Set
	for i := 0; i < b.N; i++ {
		if set, err = Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-live")
	runtime.KeepAlive(set)
}
