package rules

import (
	"reflect"

	"gopkg.in/yaml.v3"
)

// position is where something is written in a rule file: 1-based line and
// column, zero when unknown.
type position struct{ line, column int }

func positionOf(n *yaml.Node) position {
	if n == nil {
		return position{}
	}
	return position{n.Line, n.Column}
}

// errorAt is a problem of file at p.
func errorAt(file string, p position, msg string) Error {
	return Error{File: file, Line: p.line, Column: p.column, Msg: msg}
}

// child is one step into a node: a mapping's value under a key (a string)
// or a sequence's item (an int). key returns the mapping's key node instead.
func child(n *yaml.Node, step any, key bool) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	switch s := step.(type) {
	case string:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == s {
				if key {
					return n.Content[i]
				}
				return n.Content[i+1]
			}
		}
	case int:
		if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
			return n.Content[s]
		}
	}
	return nil
}

// nodeAt follows path (keys and indices) from n; nil when a step is missing.
func nodeAt(n *yaml.Node, path ...any) *yaml.Node {
	for _, step := range path {
		if n = child(n, step, false); n == nil {
			return nil
		}
	}
	return n
}

// keyAt is nodeAt, ending on the last step's key rather than its value:
// where a key with no usable value is written.
func keyAt(n *yaml.Node, path ...any) *yaml.Node {
	if len(path) == 0 {
		return n
	}
	return child(nodeAt(n, path[:len(path)-1]...), path[len(path)-1], true)
}

// firstOf returns the first node that is not nil: what an error is placed
// at when the node it is about is missing.
func firstOf(ns ...*yaml.Node) *yaml.Node {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}

// onLine finds, depth first, the node on line that holds token (a key or a
// scalar), else the first node on the line: the decoder's messages give a
// line, and the token they quote places the column.
func onLine(n *yaml.Node, line int, token string) *yaml.Node {
	var first, match *yaml.Node
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil || match != nil {
			return
		}
		if n.Line == line {
			if first == nil && n.Kind != yaml.DocumentNode {
				first = n
			}
			if token != "" && n.Kind == yaml.ScalarNode && n.Value == token {
				match = n
				return
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return firstOf(match, first)
}

var patternType = reflect.TypeOf(Pattern{})

// stampFile records file in every Pattern v holds (through its exported
// fields, slices, maps and pointers), so that an error in one names the
// file it came from after lists of several files are merged.
func stampFile(v any, file string) {
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if v.Type() == patternType {
				if v.CanSet() {
					v.FieldByName("File").SetString(file)
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			if v.Type().Elem().Kind() == reflect.Pointer {
				for it := v.MapRange(); it.Next(); {
					walk(it.Value())
				}
			}
		}
	}
	walk(reflect.ValueOf(v))
}
