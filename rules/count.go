package rules

import (
	"fmt"
	"slices"
)

// count allows a phrase a few times per reply and flags the rest (kind "count"): the
// second and third apology, the fourth «к сожалению». Occurrences of all patterns are
// counted together, in text order; overlapping ones count once.
type count struct {
	patterns []*Pattern
	max      int
}

// newCount compiles a count rule; max must be at least 1 (0 would be a sequence rule).
func newCount(sp *Spec, at string) (matcher, []Problem) {
	ps, probs := compilePatterns(sp.Patterns, at+".patterns", true)
	switch {
	case sp.Max == 0:
		probs = append(probs, Problem{Path: at + ".max", Problem: "missing: a count rule needs max ≥ 1, the occurrences a reply may hold"})
	case sp.Max < 0:
		probs = append(probs, Problem{Path: at + ".max", Problem: fmt.Sprintf("%d: must be at least 1", sp.Max)})
	}
	return &count{patterns: ps, max: sp.Max}, probs
}

// anchors lists the patterns for the set's anchor index.
func (m *count) anchors() []*Pattern { return m.patterns }

// Run appends the occurrences past the first max that survive the filters.
func (m *count) Run(t *Text, f *filters, dst []span) []span {
	occ := t.occurs[:0]
	for j, p := range m.patterns {
		ms := p.appendAnchored(t, t.base+int32(j), t.spans[:0])
		t.spans = ms
		for _, s := range ms {
			if f.keep(t, s) {
				occ = append(occ, s)
			}
		}
	}
	t.occurs = occ
	if len(occ) <= m.max {
		return dst
	}
	slices.SortFunc(occ, func(x, y span) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	seen := 0
	var end int32 = -1
	for _, s := range occ {
		if s.a < end {
			continue // overlaps the previous occurrence: the same phrase found twice
		}
		end = s.b
		seen++
		if seen > m.max {
			dst = append(dst, s)
		}
	}
	return dst
}
