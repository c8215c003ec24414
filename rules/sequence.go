package rules

import (
	"errors"
	"fmt"
)

// sequence flags every match of its patterns (kind "sequence").
type sequence struct {
	patterns []*Pattern
}

// newSequence compiles a sequence rule; at is the rule's path, e.g. "[3]".
func newSequence(sp *Spec, at string) (matcher, []Problem) {
	ps, probs := compilePatterns(sp.Patterns, at+".patterns", true)
	return &sequence{patterns: ps}, probs
}

// anchors lists the patterns for the set's anchor index.
func (m *sequence) anchors() []*Pattern { return m.patterns }

// Run appends the hits that survive the filters.
func (m *sequence) Run(t *Text, f *filters, dst []span) []span {
	for j, p := range m.patterns {
		ms := p.appendAnchored(t, t.base+int32(j), t.spans[:0])
		t.spans = ms
		for _, s := range ms {
			if f.keep(t, s) {
				dst = append(dst, s)
			}
		}
	}
	return dst
}

// compilePatterns compiles a list of sequence patterns, reporting each bad one by index.
func compilePatterns(src []string, at string, required bool) ([]*Pattern, []Problem) {
	var probs []Problem
	if required && len(src) == 0 {
		return nil, []Problem{{Path: at, Problem: "missing: give at least one pattern"}}
	}
	ps := make([]*Pattern, 0, len(src))
	for i, s := range src {
		p, err := NewPattern(s)
		if err == nil && p.bag && !required {
			err = errors.New("a bag {…} finds a rule's hits; exceptions and unless patterns are phrases")
		}
		if err != nil {
			probs = append(probs, Problem{Path: fmt.Sprintf("%s[%d]", at, i), Problem: err.Error()})
			continue
		}
		ps = append(ps, p)
	}
	return ps, probs
}
