package rules

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// entityChunk is the number of list items decoded at once from a large
// entities file.
const entityChunk = 2048

// entityItem is one item of an entities file's list: the bytes of its
// lines and the line its content starts on.
type entityItem struct {
	start, end int // byte span of its lines in the file
	line       int // 1-based line of its first content, as the YAML parser reports it
}

// splitEntities reads an entities file laid out as usual (a 'type:' and
// other keys at column 0, then 'entities:' at column 0 followed by its
// block list to the end of the file) into its header and list items. It
// reports false for any other layout: the caller then parses the file
// whole.
//
// A parsed YAML file holds about 200 bytes a node, and a list of 300,000
// entities about 4.5 million nodes; decoded a few thousand items at a
// time, it never holds more than those.
func splitEntities(data []byte) (header []byte, items []entityItem, ok bool) {
	listAt := -1  // byte offset just past the 'entities:' line
	indent := -1  // the items' dash column
	current := -1 // index in items of the item being read
	needLine := false
	line := 0
	for pos := 0; pos < len(data); {
		line++
		end := bytes.IndexByte(data[pos:], '\n')
		next := len(data)
		if end < 0 {
			end = len(data)
		} else {
			end += pos
			next = end + 1
		}
		text := data[pos:end]
		trimmed := bytes.TrimLeft(text, " ")
		blank := len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#'
		col := len(text) - len(trimmed)
		switch {
		case bytes.ContainsRune(text, '\t') && !blank:
			return nil, nil, false // tabs: leave the layout to the parser
		case listAt < 0:
			if col == 0 && !blank && bytes.HasPrefix(text, []byte("entities:")) {
				rest := bytes.TrimSpace(text[len("entities:"):])
				if len(rest) > 0 && rest[0] != '#' {
					return nil, nil, false // a flow list: "entities: [...]"
				}
				listAt = next
				header = data[:pos]
			} else if col == 0 && !blank && (bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))) {
				return nil, nil, false
			}
		case blank:
			if current >= 0 {
				items[current].end = next
			}
		case col == 0:
			return nil, nil, false // a key or document after the list
		case indent < 0 || col == indent:
			if trimmed[0] != '-' || len(trimmed) > 1 && trimmed[1] != ' ' {
				return nil, nil, false
			}
			indent = col
			items = append(items, entityItem{start: pos, end: next})
			current = len(items) - 1
			rest := bytes.TrimSpace(trimmed[1:])
			if len(rest) > 0 && rest[0] != '#' {
				items[current].line = line
				needLine = false
			} else {
				needLine = true // "-" alone: the item's content starts below
			}
		case col < indent:
			return nil, nil, false
		default:
			items[current].end = next
			if needLine {
				items[current].line = line
				needLine = false
			}
		}
		pos = next
	}
	if listAt < 0 || needLine {
		return nil, nil, false
	}
	return header, items, true
}

// addEntitiesChunked adds the entities of a file laid out as splitEntities
// reads, decoding its list a chunk at a time. It reports false, having
// added nothing, when the file is not so laid out or any part of it fails
// to decode: the caller then parses it whole, for errors with positions.
func (s *Set) addEntitiesChunked(file string, data []byte) bool {
	header, items, ok := splitEntities(data)
	if !ok {
		return false
	}
	var h entitiesFile
	if errs, _ := decodeStrict(file, append(append([]byte(nil), header...), "entities: []\n"...), &h, nil); len(errs) > 0 || h.Type != "entities" {
		return false
	}
	// Chunks decode in parallel, each into its own place in the list,
	// which is grown once: a copy of 300,000 entities is 40 MB.
	base := len(s.Entities)
	s.Entities = slices.Grow(s.Entities, len(items))[:base+len(items)]
	all := s.Entities[base:]
	failed := atomic.Bool{}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for lo := range next {
				hi := min(lo+entityChunk, len(items))
				buf = append(buf[:0], "entities:\n"...)
				buf = append(buf, data[items[lo].start:items[hi-1].end]...)
				var f entitiesFile
				if errs, _ := decodeStrict(file, buf, &f, nil); len(errs) > 0 || len(f.Entities) != hi-lo {
					failed.Store(true)
					continue
				}
				for i := range f.Entities {
					f.Entities[i].File, f.Entities[i].Line = file, items[lo+i].line
				}
				copy(all[lo:hi], f.Entities)
			}
		}()
	}
	for lo := 0; lo < len(items) && !failed.Load(); lo += entityChunk {
		next <- lo
	}
	close(next)
	wg.Wait()
	// A problem an entity has is reported at its key or value: the file
	// is then read whole, which knows where each is written.
	seen := make(map[string]bool, len(all))
	for i := range all {
		e := &all[i]
		if failed.Load() || strings.TrimSpace(e.Name) == "" || !knownEntities[e.Type] || seen[e.Name] {
			failed.Store(true)
			break
		}
		seen[e.Name] = true
	}
	if failed.Load() {
		clear(all)
		s.Entities = s.Entities[:base]
		return false
	}
	return true
}
