package synth

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDeterministic(t *testing.T) {
	sum := func() [32]byte {
		h := sha256.New()
		if _, err := Stream(200, 7, func(name string, data []byte) error { h.Write([]byte(name)); h.Write(data); return nil }); err != nil {
			t.Fatal(err)
		}
		var s [32]byte
		copy(s[:], h.Sum(nil))
		return s
	}
	if first, second := sum(), sum(); first != second {
		t.Error("the same seed gave different corpora")
	}
}

func TestShape(t *testing.T) {
	st, err := Stream(400, 1, func(name string, data []byte) error {
		text := string(data)
		if strings.HasSuffix(name, ".html") {
			if _, err := html.Parse(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			text = stripTags(text)
		}
		if w := len(strings.Fields(text)); w < 400 || w > 1100 {
			t.Errorf("%s: %d words", name, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 400 || st.ByFormat["txt"] == 0 || st.ByFormat["md"] == 0 || st.ByFormat["html"] == 0 || st.PlantedConflicts == 0 {
		t.Errorf("stats %+v", st)
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func BenchmarkStream(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Stream(1000, int64(i), func(string, []byte) error { return nil })
	}
}

func TestChange(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(dir, 20, 3); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadDir(filepath.Join(dir, "000"))
	if err != nil {
		t.Fatal(err)
	}
	removed, rewritten, err := Change(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(removed); !os.IsNotExist(err) {
		t.Errorf("%s still there: %v", removed, err)
	}
	after, _ := os.ReadDir(filepath.Join(dir, "000"))
	if len(after) != len(before)-1 {
		t.Errorf("%d files after the change, want %d", len(after), len(before)-1)
	}
	if b, err := os.ReadFile(rewritten); err != nil || !strings.Contains(string(b), " million") {
		t.Errorf("%s was not rewritten to an amount in millions: %v", rewritten, err)
	}
}
