package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// walkAll walks root and returns the paths visited and "path: reason" for
// each skip.
func walkAll(t *testing.T, root string) (visited, skipped []string) {
	t.Helper()
	err := Walk(context.Background(), root, func(f File) error {
		visited = append(visited, f.Path)
		return nil
	}, func(s Skipped) {
		if s.Unread {
			s.Reason += " [kept]"
		}
		if s.Problem {
			s.Reason += " [told]"
		}
		skipped = append(skipped, s.Path+": "+s.Reason)
	})
	if err != nil {
		t.Fatal(err)
	}
	return visited, skipped
}

func writeFile(t *testing.T, root, rel, body string) string {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		want Format
		ok   bool
	}{
		{"a.txt", FormatText, true},
		{"A.TXT", FormatText, true},
		{"a.md", FormatMarkdown, true},
		{"a.Markdown", FormatMarkdown, true},
		{"a.html", FormatHTML, true},
		{"dir/a.HTM", FormatHTML, true},
		{"a.pdf", "", false},
		{"txt", "", false},
		{"a.txt.gz", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FormatOf(tc.name)
			if got != tc.want || ok != tc.ok {
				t.Errorf("FormatOf(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"b.txt", "a dir/with space.md", "a dir/new\nline.html", "ünïcødé/é.txt",
		"skip.pdf", ".git/config.txt", ".hidden.txt", "deep/er/c.HTM", "other/x.md"} {
		writeFile(t, dir, rel, "x")
	}
	links := []struct{ target, link string }{
		{dir, "deep/loop"},                                  // back to the root: a loop
		{filepath.Join(dir, "other"), "zlink"},              // a second way into a folder already walked
		{filepath.Join(dir, "b.txt"), "linked.txt"},         // a link to a file is followed
		{filepath.Join(dir, "missing.txt"), "dangling.txt"}, // broken
	}
	for _, l := range links {
		if err := os.Symlink(l.target, filepath.Join(dir, filepath.FromSlash(l.link))); err != nil {
			t.Fatal(err)
		}
	}
	visited, skipped := walkAll(t, dir)
	want := []string{"a dir/new\nline.html", "a dir/with space.md", "b.txt", "deep/er/c.HTM", "linked.txt", "other/x.md", "ünïcødé/é.txt"}
	if strings.Join(visited, "|") != strings.Join(want, "|") {
		t.Errorf("visited %q\nwant    %q", visited, want)
	}
	wantSkipped := []string{
		".git: hidden folder",
		".hidden.txt: hidden file",
		"dangling.txt: broken or looping symbolic link [told]",
		"deep/loop: symbolic link loop: this folder contains itself [told]",
		"skip.pdf: not .txt, .md or .html",
		"zlink: symbolic link to a folder already walked as other",
	}
	if strings.Join(skipped, "\n") != strings.Join(wantSkipped, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(wantSkipped, "\n"))
	}
	again, _ := walkAll(t, dir)
	if strings.Join(again, "|") != strings.Join(visited, "|") {
		t.Errorf("second walk differs: %q", again)
	}
}

func TestWalkFileFields(t *testing.T) {
	dir := t.TempDir()
	abs := writeFile(t, dir, "sub/a.md", "hello")
	var got []File
	if err := Walk(context.Background(), dir, func(f File) error { got = append(got, f); return nil }, func(Skipped) {}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d files", len(got))
	}
	f := got[0]
	if f.Root != dir || f.Path != "sub/a.md" || f.Abs != abs || f.Size != 5 || f.Format != FormatMarkdown || f.ModTime.IsZero() {
		t.Errorf("file %+v", f)
	}

	t.Run("root is a file", func(t *testing.T) {
		var files []File
		if err := Walk(context.Background(), abs, func(f File) error { files = append(files, f); return nil }, func(Skipped) {}); err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || files[0].Path != "a.md" || files[0].Abs != abs {
			t.Errorf("files %+v", files)
		}
	})
	t.Run("root is an unsupported file", func(t *testing.T) {
		pdf := writeFile(t, dir, "x.pdf", "x")
		visited, skipped := walkAll(t, pdf)
		if len(visited) != 0 || len(skipped) != 1 || skipped[0] != "x.pdf: not .txt, .md or .html" {
			t.Errorf("visited %q skipped %q", visited, skipped)
		}
	})
	t.Run("relative root", func(t *testing.T) {
		t.Chdir(dir)
		var files []File
		if err := Walk(context.Background(), ".", func(f File) error { files = append(files, f); return nil }, func(Skipped) {}); err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || !filepath.IsAbs(files[0].Abs) || files[0].Path != "sub/a.md" {
			t.Errorf("files %+v", files)
		}
	})
	t.Run("missing root", func(t *testing.T) {
		err := Walk(context.Background(), filepath.Join(dir, "nope"), func(File) error { return nil }, func(Skipped) {})
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "nope") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestWalkUnreadableFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "x")
	writeFile(t, dir, "locked/b.txt", "x")
	writeFile(t, dir, "z.txt", "x")
	locked := filepath.Join(dir, "locked")
	if os.Geteuid() == 0 {
		// root reads any folder whatever its mode: make this one fail to open.
		t.Cleanup(func() { openDir = os.Open })
		openDir = func(name string) (*os.File, error) {
			if name == locked {
				return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
			}
			return os.Open(name)
		}
	} else {
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(locked, 0o755) })
	}
	visited, skipped := walkAll(t, dir)
	if strings.Join(visited, "|") != "a.txt|z.txt" {
		t.Errorf("visited %q", visited)
	}
	// Its articles exist but cannot be read: what the store holds of them stays.
	if len(skipped) != 1 || skipped[0] != "locked: folder not readable: permission denied [kept] [told]" {
		t.Errorf("skipped %q", skipped)
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		writeFile(t, dir, fmt.Sprintf("f%d.txt", i), "x")
	}
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		n := 0
		err := Walk(ctx, dir, func(File) error { n++; return nil }, func(Skipped) {})
		if !errors.Is(err, context.Canceled) || n != 0 {
			t.Errorf("err = %v after %d files", err, n)
		}
	})
	t.Run("cancelled during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		err := Walk(ctx, dir, func(File) error {
			if n++; n == 2 {
				cancel()
			}
			return nil
		}, func(Skipped) {})
		if !errors.Is(err, context.Canceled) || n != 2 {
			t.Errorf("err = %v after %d files", err, n)
		}
	})
	t.Run("visit error", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := Walk(context.Background(), dir, func(File) error { n++; return stop }, func(Skipped) {})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("err = %v after %d files", err, n)
		}
	})
}

func TestWalkManyFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 100000 // the folder of 100,000 files
	for i := range n {
		name := fmt.Sprintf("f%06d.txt", i)
		if i%10 == 0 {
			name = fmt.Sprintf("f%06d.pdf", i)
		}
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	count, skipped := 0, 0
	last := ""
	err := Walk(context.Background(), dir, func(f File) error {
		if f.Path <= last {
			t.Fatalf("out of order: %s after %s", f.Path, last)
		}
		last = f.Path
		count++
		return nil
	}, func(Skipped) { skipped++ })
	if err != nil || count != n-n/10 || skipped != n/10 {
		t.Errorf("walked %d, skipped %d of %d: %v", count, skipped, n, err)
	}
}
