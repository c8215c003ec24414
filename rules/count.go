package rules

import "slices"

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
	if sp.Max < 1 {
		probs = append(probs, Problem{at + ".max", "missing: a count rule needs max ≥ 1, the occurrences a reply may hold"})
	}
	return &count{patterns: ps, max: sp.Max}, probs
}

// Run appends the occurrences past the first max that survive the filters.
func (m *count) Run(t *Text, f *filters, dst []span) []span {
	occ := t.occurs[:0]
	for _, p := range m.patterns {
		ms := p.appendMatches(t, t.spans[:0])
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
