package pack

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// A problem's reference is filled in from its path after the checks, in one place, so no
// check has to carry it: the pack's id, the entry the path is inside (kind and id), and
// where in the JSON text the value at the path starts.

// entryKinds maps a pack's top-level arrays to the kind of entry they hold.
var entryKinds = map[string]string{"segments": "segment", "templates": "template", "cases": "case", "rules": "rule"}

// step is one step of a problem path: an object key or an array index.
type step struct {
	key   string
	index int // -1 for a key
}

// splitPath reads a path as join and index write it: a.b, a[3], a["odd key"].
func splitPath(path string) []step {
	var out []step
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			if i+1 < len(path) && path[i+1] == '"' {
				q, err := strconv.QuotedPrefix(path[i+1:])
				if err != nil {
					return out
				}
				key, _ := strconv.Unquote(q)
				out = append(out, step{key: key, index: -1})
				i += 1 + len(q) + 1 // [ "…" ]
				continue
			}
			j := strings.IndexByte(path[i:], ']')
			if j < 0 {
				return out
			}
			n, err := strconv.Atoi(path[i+1 : i+j])
			if err != nil {
				return out
			}
			out = append(out, step{index: n})
			i += j + 1
		default:
			j := strings.IndexAny(path[i:], ".[")
			if j < 0 {
				j = len(path) - i
			}
			out = append(out, step{key: path[i : i+j], index: -1})
			i += j
		}
	}
	return out
}

// gjsonPath writes steps as a gjson path.
func gjsonPath(steps []step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		if s.index >= 0 {
			parts[i] = strconv.Itoa(s.index)
		} else {
			parts[i] = gjson.Escape(s.key)
		}
	}
	return strings.Join(parts, ".")
}

// entry returns the kind of entry a path is inside and its index, if it is inside one.
func entry(steps []step) (kind string, i int, ok bool) {
	if len(steps) < 2 || steps[0].index >= 0 || steps[1].index < 0 {
		return "", 0, false
	}
	kind, ok = entryKinds[steps[0].key]
	return kind, steps[1].index, ok
}

// refer fills in the references of problems found in data, whose root object is root.
func refer(data []byte, root gjson.Result, ps []Problem) {
	packID := ""
	if r := root.Get("id"); r.Type == gjson.String {
		packID = r.String()
	}
	for i := range ps {
		p := &ps[i]
		if p.Pack == "" {
			p.Pack = packID
		}
		steps := splitPath(p.Path)
		if kind, _, ok := entry(steps); ok && p.Kind == "" {
			p.Kind = kind
			if r := root.Get(gjsonPath(steps[:2]) + ".id"); r.Type == gjson.String {
				p.ID = r.String()
			}
		}
		if p.Line == 0 && p.Path != "" {
			p.Line, p.Column = locate(data, root, steps)
		}
	}
}

// Locate fills in the line and column of problems about data, a pack's JSON, that have
// none: Lint's, found on the parsed pack. Problems about the document as a whole (path
// "") stay unlocated.
func Locate(data []byte, ps []Problem) {
	data = bytes.TrimPrefix(data, bom)
	root := gjson.ParseBytes(data)
	for i := range ps {
		if p := &ps[i]; p.Line == 0 && p.Path != "" {
			p.Line, p.Column = locate(data, root, splitPath(p.Path))
		}
	}
}

// locate returns where the value at the path starts or, when it is missing, the nearest
// object that would hold it (the document's start when nothing of the path is there).
func locate(data []byte, root gjson.Result, steps []step) (line, col int) {
	for n := len(steps); n > 0; n-- {
		if r := root.Get(gjsonPath(steps[:n])); r.Exists() {
			return lineCol(data, r.Index)
		}
	}
	return lineCol(data, root.Index)
}

// referPack fills in the references of problems about a parsed pack (Lint's): its id and
// the entry each is inside. Lines are unknown: the pack may never have been JSON.
func referPack(pk *Pack, ps []Problem) {
	for i := range ps {
		p := &ps[i]
		p.Pack = pk.ID
		kind, n, ok := entry(splitPath(p.Path))
		if !ok {
			continue
		}
		p.Kind = kind
		switch {
		case kind == "segment" && n < len(pk.Segments):
			p.ID = pk.Segments[n].ID
		case kind == "template" && n < len(pk.Templates):
			p.ID = pk.Templates[n].ID
		case kind == "case" && n < len(pk.Cases):
			p.ID = pk.Cases[n].ID
		case kind == "rule" && n < len(pk.Specs):
			p.ID = pk.Specs[n].ID
		}
	}
}
