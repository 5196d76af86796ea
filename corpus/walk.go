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
	Abs     string    // absolute path, where to open it
	Size    int64     // bytes on disk
	ModTime time.Time // modification time on disk
	Format  Format
}

// Skipped is something Walk passed over, and why.
type Skipped struct {
	Path   string
	Reason string
	// Unread is a file or folder that is there but could not be read:
	// what an earlier run stored from it is not gone, and must stay.
	Unread bool
	// Problem marks what a user should be told about: a folder or file
	// that could not be read, a broken link, a link loop. The rest (other
	// extensions, hidden files) is passed over by design.
	Problem bool
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

// dirBatch is how many entries Walk reads from a folder at a time: a folder
// of 100,000 files costs its sorted names (lexical order needs them all)
// but never 100,000 FileInfos at once.
const dirBatch = 4096

// Walk calls visit for every supported file under root, in lexical order,
// and skip for everything it passes over: other extensions, hidden files and
// folders (.git, .DS_Store; a hidden folder is named once, not entered),
// unreadable folders, broken links, symbolic-link loops and folders reached
// a second time through a link. It follows symbolic links to files and
// folders. Only an error from visit or a cancelled context stops it; root
// itself missing is an error.
func Walk(ctx context.Context, root string, visit func(File) error, skip func(Skipped)) error {
	info, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("%s: %w", root, friendly(err))
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	if !info.IsDir() {
		format, ok := FormatOf(root)
		if !ok {
			skip(Skipped{Path: filepath.Base(root), Reason: unsupported})
			return nil
		}
		return visit(File{Root: root, Path: filepath.Base(root), Abs: abs, Size: info.Size(), ModTime: info.ModTime(), Format: format})
	}
	w := &walker{ctx: ctx, root: root, visit: visit, skip: skip, onPath: map[fileID]bool{}, walked: map[fileID]string{}}
	_, _ = w.enter(info, ".")
	return w.dir(abs, "")
}

const unsupported = "not .txt, .md or .html"

type fileID struct{ dev, ino uint64 }

type walker struct {
	ctx    context.Context
	root   string
	visit  func(File) error
	skip   func(Skipped)
	onPath map[fileID]bool   // folders being walked: a link back to one is a loop
	walked map[fileID]string // every folder walked, by where it was first met
}

func idOf(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}

// enter marks a folder as being walked. It returns why not to walk it: it
// contains itself (loop), or it was walked already under another name.
func (w *walker) enter(info fs.FileInfo, rel string) (why string, loop bool) {
	id, ok := idOf(info)
	if !ok {
		return "", false
	}
	if w.onPath[id] {
		return "symbolic link loop: this folder contains itself", true
	}
	if first, ok := w.walked[id]; ok {
		return "symbolic link to a folder already walked as " + first, false
	}
	w.onPath[id] = true
	w.walked[id] = rel
	return "", false
}

func (w *walker) leave(info fs.FileInfo) {
	if id, ok := idOf(info); ok {
		delete(w.onPath, id)
	}
}

// openDir opens a folder for reading; tests replace it to simulate a
// folder that cannot be read (root reads everything).
var openDir = os.Open

// names lists a folder, sorted, reading its entries in batches.
func (w *walker) names(abs, rel string) ([]string, bool) {
	f, err := openDir(abs)
	if err != nil {
		w.skip(Skipped{Path: relOrDot(rel), Reason: "folder not readable: " + friendly(err).Error(), Unread: !errors.Is(err, fs.ErrNotExist), Problem: true})
		return nil, false
	}
	defer f.Close()
	var names []string
	for {
		entries, err := f.ReadDir(dirBatch)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if err == io.EOF || err == nil && len(entries) == 0 {
			break
		}
		if err != nil {
			w.skip(Skipped{Path: relOrDot(rel), Reason: "folder not fully readable: " + friendly(err).Error(), Unread: true, Problem: true})
			break
		}
	}
	sort.Strings(names)
	return names, true
}

func (w *walker) dir(abs, rel string) error {
	names, ok := w.names(abs, rel)
	if !ok {
		return nil
	}
	for _, name := range names {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		childAbs := filepath.Join(abs, name)
		childRel := path.Join(rel, name)
		info, err := os.Stat(childAbs) // follows links
		if err != nil {
			// A broken or looping link holds nothing; anything else (a
			// permission, an I/O error) hides articles that are still there.
			skipped := Skipped{Path: childRel, Reason: "not readable: " + friendly(err).Error(),
				Unread: !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ELOOP), Problem: true}
			if lst, lerr := os.Lstat(childAbs); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 && !skipped.Unread {
				skipped.Reason = "broken or looping symbolic link"
			}
			w.skip(skipped)
			continue
		}
		if strings.HasPrefix(name, ".") {
			if info.IsDir() {
				w.skip(Skipped{Path: childRel, Reason: "hidden folder"})
			} else {
				w.skip(Skipped{Path: childRel, Reason: "hidden file"})
			}
			continue
		}
		if info.IsDir() {
			if why, loop := w.enter(info, childRel); why != "" {
				w.skip(Skipped{Path: childRel, Reason: why, Problem: loop})
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
			w.skip(Skipped{Path: childRel, Reason: unsupported})
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
