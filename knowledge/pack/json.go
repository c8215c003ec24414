package pack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// checker collects problems while walking a pack with gjson. Every helper reports what is
// wrong at a path and carries on, so one run lists all the problems of a pack.
type checker struct {
	examples bool // run the rules' examples (Parse) or not (ParseTrusted)
	signals  bool // compile the segments' signals: false when there are too many (limits.go)
	problems []Problem
}

func (c *checker) add(path, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Problem: fmt.Sprintf(format, args...)})
}

// bom is the byte order mark editors on Windows put before a pack.
var bom = []byte("\xef\xbb\xbf")

// document checks that data is one JSON object and returns it. Syntax errors carry the
// line, column and byte offset, because pack authors edit these files by hand.
func (c *checker) document(data []byte) (gjson.Result, bool) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		c.add("", "empty document; a pack is a JSON object")
		return gjson.Result{}, false
	}
	if JSONDepth(data) > maxDepth {
		c.add("", "JSON nested deeper than %d levels; a pack needs 5", maxDepth)
		return gjson.Result{}, false
	}
	// gjson's validator is fast; on failure encoding/json finds the error's position.
	if !gjson.ValidBytes(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		var syn *json.SyntaxError
		switch {
		case errors.As(err, &syn):
			// Offset counts the bytes read, the bad one included; point at the bad one.
			at := int(syn.Offset)
			if strings.HasPrefix(syn.Error(), "invalid character") && at > 0 {
				at--
			}
			line, col := lineCol(data, at)
			c.add("", "invalid JSON at line %d, column %d (byte %d): %s", line, col, at, syn.Error())
			c.problems[len(c.problems)-1].Line, c.problems[len(c.problems)-1].Column = line, col
		case err != nil:
			c.add("", "invalid JSON: %v", err)
		default:
			c.add("", "invalid JSON")
		}
		return gjson.Result{}, false
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		c.add("", "a pack must be a JSON object, not %s", typeName(root))
		return gjson.Result{}, false
	}
	return root, true
}

// maxDepth bounds nesting before anything recursive reads the document: a pack is five
// levels deep, and a hostile one must not grow the stack without end.
const maxDepth = 32

// JSONDepth returns the deepest nesting of arrays and objects in data, outside strings.
// Check it before anything recursive (gjson's validator) reads untrusted JSON: in wasm
// every Go call is on V8's stack, and ten thousand brackets would end the engine. Strings
// are skipped with IndexByte: they are most of a pack's bytes.
func JSONDepth(data []byte) int {
	d, deepest := 0, 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			for {
				j := bytes.IndexByte(data[i+1:], '"')
				if j < 0 {
					return deepest // an unterminated string: the validator refuses it
				}
				i += 1 + j
				// The quote closes the string unless an odd run of backslashes escapes it.
				k := i - 1
				for data[k] == '\\' {
					k--
				}
				if (i-1-k)%2 == 0 {
					break
				}
			}
		case '[', '{':
			d++
			deepest = max(deepest, d)
		case ']', '}':
			d--
		}
	}
	return deepest
}

// lineCol turns a byte offset into a 1-based line and a 1-based column counted in characters.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

// typeName names a JSON value's type the way problems mention it.
func typeName(v gjson.Result) string {
	switch {
	case !v.Exists():
		return "missing"
	case v.Type == gjson.Null:
		return "null"
	case v.Type == gjson.True || v.Type == gjson.False:
		return "a boolean"
	case v.Type == gjson.Number:
		return "a number"
	case v.Type == gjson.String:
		return "a string"
	case v.IsArray():
		return "an array"
	default:
		return "an object"
	}
}

// member is one key of a JSON object with its value and path.
type member struct {
	key  string
	path string
	val  gjson.Result
}

// object checks that v is an object and returns its members in document order. Duplicate
// keys are problems: gjson would silently read the first one, and the author meant one of them.
func (c *checker) object(path string, v gjson.Result) ([]member, bool) {
	if !v.IsObject() {
		c.add(path, "must be an object, not %s", typeName(v))
		return nil, false
	}
	var out []member
	seen := map[string]bool{}
	v.ForEach(func(k, val gjson.Result) bool {
		key := k.String()
		p := join(path, key)
		if seen[key] {
			c.add(p, "duplicate key")
			return true
		}
		seen[key] = true
		out = append(out, member{key: key, path: p, val: val})
		return true
	})
	return out, true
}

// fields reads an object whose keys are fixed: unknown keys are problems (they are almost
// always typos, and a typo would silently drop content), with the closest known key offered.
func (c *checker) fields(path string, v gjson.Result, known ...string) (map[string]member, bool) {
	ms, ok := c.object(path, v)
	if !ok {
		return nil, false
	}
	out := make(map[string]member, len(ms))
	for _, m := range ms {
		if !contains(known, m.key) {
			if near := closest(m.key, known); near != "" {
				c.add(m.path, "unknown field (did you mean %q?)", near)
			} else {
				c.add(m.path, "unknown field; expected one of: %s", strings.Join(known, ", "))
			}
			continue
		}
		out[m.key] = m
	}
	return out, true
}

// str reads an optional string field; "" when absent or wrong.
func (c *checker) str(fs map[string]member, path, key string) string {
	m, ok := fs[key]
	if !ok {
		return ""
	}
	return c.stringValue(m.path, m.val)
}

// required reads a string field that must be present and not blank.
func (c *checker) required(fs map[string]member, path, key string) string {
	m, ok := fs[key]
	if !ok {
		c.add(join(path, key), "missing")
		return ""
	}
	s := c.stringValue(m.path, m.val)
	if m.val.Type == gjson.String && strings.TrimSpace(s) == "" {
		c.add(m.path, "empty")
	}
	return s
}

func (c *checker) stringValue(path string, v gjson.Result) string {
	if v.Type != gjson.String {
		c.add(path, "must be a string, not %s", typeName(v))
		return ""
	}
	s := v.String()
	if !utf8.ValidString(s) {
		c.add(path, "not valid UTF-8")
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// strings reads an optional array of non-blank, distinct strings.
func (c *checker) strings(fs map[string]member, key string) []string {
	m, ok := fs[key]
	if !ok {
		return nil
	}
	return c.stringList(m.path, m.val)
}

func (c *checker) stringList(path string, v gjson.Result) []string {
	if !v.IsArray() {
		c.add(path, "must be an array of strings, not %s", typeName(v))
		return nil
	}
	var out []string
	first := map[string]int{}
	for i, item := range v.Array() {
		p := index(path, i)
		if item.Type != gjson.String {
			c.add(p, "must be a string, not %s", typeName(item))
			continue
		}
		s := c.stringValue(p, item)
		if strings.TrimSpace(s) == "" {
			c.add(p, "empty")
			continue
		}
		if j, dup := first[s]; dup {
			c.add(p, "duplicate of %s", index(path, j))
			continue
		}
		first[s] = i
		out = append(out, s)
	}
	return out
}

// array checks that an optional field is an array and returns its items.
func (c *checker) array(fs map[string]member, key string) ([]gjson.Result, string) {
	m, ok := fs[key]
	if !ok {
		return nil, key
	}
	if !m.val.IsArray() {
		c.add(m.path, "must be an array, not %s", typeName(m.val))
		return nil, m.path
	}
	return m.val.Array(), m.path
}

// IsID reports whether s is [a-z0-9-]+, the form of every id in a pack (at most 64 long).
func IsID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// id reads a required id field: [a-z0-9-]+, at most 64 characters.
func (c *checker) id(fs map[string]member, path string) string {
	s := c.required(fs, path, "id")
	if s == "" {
		return ""
	}
	p := join(path, "id")
	if !IsID(s) {
		c.add(p, "must match [a-z0-9-]+")
		return ""
	}
	if len(s) > 64 {
		c.add(p, "longer than 64 characters")
		return ""
	}
	return s
}

// plainKey reports whether a key can stand in a path unquoted: [A-Za-z0-9_$-]+.
func plainKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$' || c == '-') {
			return false
		}
	}
	return true
}

// join appends an object key to a path: a.b, or a["odd key"] when the key needs quoting.
func join(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends an array index to a path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closest returns the known key within two edits of key, if there is exactly one best.
func closest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b in runes, cut off for long keys.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
