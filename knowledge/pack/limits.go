package pack

import "github.com/tidwall/gjson"

// What a pack may cost is bounded where it is read: rules.Compile bounds the rules (see
// rules/limits.go); this file bounds the segment signals. What one answer may cost is the
// loaded packs' business (knowledge/limits.go).

// MaxSignals is how many segment signals a pack may hold, all segments together. Each is a
// sequence pattern run over every customer message the segment is guessed from.
const MaxSignals = 2000

// signalLimit counts the segments' signals before any is compiled and refuses too many.
// It reports whether the signals may be compiled.
func (c *checker) signalLimit(fs map[string]member) bool {
	m, ok := fs["segments"]
	if !ok || !m.val.IsArray() {
		return true
	}
	n := 0
	m.val.ForEach(func(_, seg gjson.Result) bool {
		if sig := seg.Get("signals"); sig.IsArray() {
			sig.ForEach(func(_, _ gjson.Result) bool { n++; return true })
		}
		return true
	})
	if n > MaxSignals {
		c.add(m.path, "%d signals in all; a pack's segments may hold at most %d", n, MaxSignals)
		return false
	}
	return true
}
