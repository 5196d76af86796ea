package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// File is a supported article file found by Walk.
type File struct {
	Root    string    // the folder (or file) given to Walk
	Path    string    // relative to Root, slash-separated; the base name when Root is a file
	Abs     string    // where to open it
	Size    int64     // bytes on disk
	ModTime time.Time // modification time on disk
	Format  Format
}

// Skipped is something Walk passed over, and why.
type Skipped struct {
	Path   string
	Reason string
}

// FormatOf returns the format a file name says it has.
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return FormatText, true
	case ".md", ".markdown":
		return FormatMarkdown, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	}
	return "", false
}

// dirBatch is how many entries Walk reads from a folder at a time, so that
// a folder of 100,000 files is never one slice of names in memory twice.
const dirBatch = 4096

// Walk calls visit for every supported file under root, in lexical order,
// and skip for everything it passes over: other extensions, hidden folders,
// unreadable folders, symbolic-link loops. Only an error from visit or a
// cancelled context stops it; root itself missing is an error.
func Walk(ctx context.Context, root string, visit func(File) error, skip func(Skipped)) error {
	info, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("%s: %w", root, friendly(err))
	}
	if !info.IsDir() {
		format, ok := FormatOf(root)
		if !ok {
			skip(Skipped{Path: filepath.Base(root), Reason: "not .txt, .md or .html"})
			return nil
		}
		return visit(File{Root: root, Path: filepath.Base(root), Abs: root, Size: info.Size(), ModTime: info.ModTime(), Format: format})
	}
	w := &walker{ctx: ctx, root: root, visit: visit, skip: skip, seen: map[fileID]bool{}}
	w.enter(info)
	return w.dir(root, "")
}

type fileID struct{ dev, ino uint64 }

type walker struct {
	ctx   context.Context
	root  string
	visit func(File) error
	skip  func(Skipped)
	seen  map[fileID]bool // folders on the current path: a link back to one is a loop
}

func idOf(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}

func (w *walker) enter(info fs.FileInfo) bool {
	id, ok := idOf(info)
	if !ok {
		return true
	}
	if w.seen[id] {
		return false
	}
	w.seen[id] = true
	return true
}

func (w *walker) leave(info fs.FileInfo) {
	if id, ok := idOf(info); ok {
		delete(w.seen, id)
	}
}

func (w *walker) dir(abs, rel string) error {
	f, err := os.Open(abs)
	if err != nil {
		w.skip(Skipped{Path: relOrDot(rel), Reason: "folder not readable: " + friendly(err).Error()})
		return nil
	}
	defer f.Close()
	var names []string
	for {
		entries, err := f.ReadDir(dirBatch)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if err == io.EOF || len(entries) == 0 {
			break
		}
		if err != nil {
			w.skip(Skipped{Path: relOrDot(rel), Reason: "folder not fully readable: " + friendly(err).Error()})
			break
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		childAbs := filepath.Join(abs, name)
		childRel := path.Join(rel, name)
		if strings.HasPrefix(name, ".") {
			continue // .git, .DS_Store: not articles, not worth a line each
		}
		info, err := os.Stat(childAbs) // follows links
		if err != nil {
			reason := "not readable: " + friendly(err).Error()
			if lst, lerr := os.Lstat(childAbs); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
				reason = "broken or looping symbolic link"
			}
			w.skip(Skipped{Path: childRel, Reason: reason})
			continue
		}
		if info.IsDir() {
			if !w.enter(info) {
				w.skip(Skipped{Path: childRel, Reason: "symbolic link loop: this folder contains itself"})
				continue
			}
			err := w.dir(childAbs, childRel)
			w.leave(info)
			if err != nil {
				return err
			}
			continue
		}
		if !info.Mode().IsRegular() {
			w.skip(Skipped{Path: childRel, Reason: "not a regular file"})
			continue
		}
		format, ok := FormatOf(name)
		if !ok {
			w.skip(Skipped{Path: childRel, Reason: "not .txt, .md or .html"})
			continue
		}
		if err := w.visit(File{Root: w.root, Path: childRel, Abs: childAbs, Size: info.Size(), ModTime: info.ModTime(), Format: format}); err != nil {
			return err
		}
	}
	return nil
}

func relOrDot(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

// friendly strips the path from an os error (the caller names the file) and
// keeps what went wrong.
func friendly(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
