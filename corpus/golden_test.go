package corpus

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// golden is an Article as a golden file holds it: everything but ModTime,
// Published at its stated precision.
type golden struct {
	ID        string   `json:"id"`
	Path      string   `json:"path"`
	SHA256    string   `json:"sha256"`
	Size      int64    `json:"size"`
	Format    Format   `json:"format"`
	Title     string   `json:"title"`
	Byline    string   `json:"byline"`
	Source    string   `json:"source"`
	Published string   `json:"published"`
	Precision string   `json:"precision"`
	Text      string   `json:"text"`
	Warnings  []string `json:"warnings"`
}

// TestGolden reads every testdata/<case>.{txt,md,html} whole and compares
// the article with <case>.golden.json. Refresh with go test ./corpus -update.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range inputs {
		format, ok := FormatOf(in)
		if !ok {
			continue
		}
		n++
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(name, format, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(golden{a.ID, a.Path, a.SHA256, a.Size, a.Format, a.Title, a.Byline, a.Source,
				a.PublishedString(), string(a.Precision), a.Text, a.Warnings}, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./corpus -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, path, diffLines(string(want), string(got)))
			}
		})
	}
	if n == 0 {
		t.Fatal("no golden cases in testdata")
	}
}

// diffLines shows the first lines where want and got part.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// TestSeeds reads the real scraped articles in ../../shared/seeds when they
// are at hand.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("../../shared/seeds not present")
	}
	read := map[string]*Article{}
	for _, path := range files {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Read(File{Path: filepath.Base(path), Abs: path, Size: fi.Size(), ModTime: fi.ModTime(), Format: FormatText}, ReadOptions{})
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		read[a.Path] = a
		for _, furniture := range []string{"3min read", "Sign up for free", "By continuing, I agree", "Market Data Terms", "No comments yet", "\n\nComments\n\n"} {
			if strings.Contains(a.Text, furniture) || strings.HasSuffix(a.Text, "\n\nComments") {
				t.Errorf("%s keeps %q", a.Path, furniture)
			}
		}
		if a.Title == "" || !strings.HasPrefix(a.Text, a.Title) {
			t.Errorf("%s: title %q does not open the text", a.Path, a.Title)
		}
	}
	if first := read["000_e5b7037b5f042b5c.txt"]; first != nil {
		if first.Byline != "Marcus Lee" || first.PublishedString() != "2025-06-18T14:28:00-04:00" || first.Precision != PrecisionMinute {
			t.Errorf("first seed: byline %q published %q (%s)", first.Byline, first.PublishedString(), first.Precision)
		}
		if !strings.Contains(first.Text, "\n\nThe $15 billion investment in Scale AI, announced") || strings.Contains(first.Text, "Marcus Lee") {
			t.Errorf("first seed text: %.400q", first.Text)
		}
	}
	if second := read["001_9c40ee1f6de1d715.txt"]; second != nil {
		for _, want := range []string{"minefield? The deal", "(e.g., the Defense Llama", "$14.3B valuation", "St. Louis"} {
			if !strings.Contains(second.Text, want) {
				t.Errorf("second seed lacks %q", want)
			}
		}
	}
}
