package rules

import (
	"slices"
	"strings"
)

// Set is a compiled list of rules, ready to check replies. It is immutable and safe for
// concurrent use.
type Set struct {
	rules []*rule
	index *anchorIndex
	base  []int32 // each rule's first pattern slot in index
}

// newSet builds a set over compiled rules, indexing their anchor words.
func newSet(rules []*rule) *Set {
	groups := make([][]*Pattern, len(rules))
	for i, r := range rules {
		if a, ok := r.m.(anchored); ok {
			groups[i] = a.anchors()
		}
	}
	s := &Set{rules: rules}
	s.index, s.base = newAnchorIndex(groups)
	return s
}

// A matcher is one rule kind: it finds the rule's hits and keeps those the filters allow.
type matcher interface {
	Run(t *Text, f *filters, dst []span) []span
}

// rule is one compiled Spec.
type rule struct {
	info RuleInfo
	m    matcher
	f    filters
	repl map[string][]string
}

// RuleInfo describes a compiled rule for listings (ids to ignore, categories to show).
type RuleInfo struct {
	// ID names the rule inside its pack.
	ID string `json:"id"`
	// Kind is sequence, regex, count or pii.
	Kind string `json:"kind"`
	// Category groups rules (promise, pii, ...).
	Category string `json:"category"`
	// Severity is error, warning or hint.
	Severity string `json:"severity"`
	// Message tells the agent what is wrong.
	Message string `json:"message"`
	// Why names the policy behind the rule.
	Why string `json:"why"`
}

// Len returns the number of rules in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.rules)
}

// Rules describes the rules in the order the pack lists them.
func (s *Set) Rules() []RuleInfo {
	out := make([]RuleInfo, 0, s.Len())
	if s != nil {
		for _, r := range s.rules {
			out = append(out, r.info)
		}
	}
	return out
}

// Categories returns the distinct categories of the rules, sorted.
func (s *Set) Categories() []string {
	out := []string{}
	if s != nil {
		for _, r := range s.rules {
			out = append(out, r.info.Category)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Check finds every place in text that breaks a rule, with replacements for segment
// (the "default" ones when the segment has none). Findings come in text order: by start,
// then end, then rule id. The result is never nil.
func (s *Set) Check(text, segment string) []Finding {
	if s.Len() == 0 || text == "" {
		return []Finding{}
	}
	t := Analyze(text)
	defer t.Release()
	return s.CheckText(t, segment)
}

// CheckText is Check over an already analysed text, so several sets can share one analysis
// and one budget: a rule that would cost more than the limits allow (limits.go) is
// skipped, and t.Skipped names it.
func (s *Set) CheckText(t *Text, segment string) []Finding {
	out := []Finding{}
	if s.Len() == 0 || len(t.norm) == 0 {
		return out
	}
	s.index.scan(t)
	for i, r := range s.rules {
		t.base = s.base[i]
		if !t.runRule(r) { // over the check's budget: named in t.Skipped
			continue
		}
		out = t.appendFindings(r, segment, out)
	}
	return sortFindings(out)
}

// finding renders hit h of rule r.
func (r *rule) finding(t *Text, h span, segment string) Finding {
	f := Finding{
		Rule:     r.info.ID,
		Category: r.info.Category,
		Severity: r.info.Severity,
		Message:  r.info.Message,
		Why:      r.info.Why,
	}
	f.Start, f.End, f.Match = t.original(h)
	repl, ok := r.repl[segment]
	if !ok {
		repl = r.repl["default"]
	}
	f.Replacements = make([]string, len(repl))
	var place hitPlace
	for i, x := range repl {
		f.Replacements[i] = fit(t, h, x, &place)
	}
	return f
}

// Merge joins the findings of several sets (say, every loaded pack when no segment is
// chosen) into one list in Check's order, without duplicates. A finding is a duplicate only
// of one with the same pack, rule and span: two packs' rules of one id stay apart, each
// with its own replacements.
func Merge(lists ...[]Finding) []Finding {
	out := []Finding{}
	for _, l := range lists {
		out = append(out, l...)
	}
	return sortFindings(out)
}

// sortFindings orders findings by start, end, rule id and pack and drops repeats on the same
// span: of a pack's rule, and of a rule two packs share word for word (the same id, message,
// severity and replacements: the personal-data rules every pack carries), which the agent
// would otherwise see as two underlines and two cards saying the same. Two packs' rules that
// share an id but say different things stay apart, each with its pack's reason.
func sortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return strings.Compare(a.Pack, b.Pack)
	})
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		if a.Rule != b.Rule || a.Start != b.Start || a.End != b.End {
			return false
		}
		return a.Pack == b.Pack || a.Message == b.Message && a.Severity == b.Severity &&
			a.Category == b.Category && slices.Equal(a.Replacements, b.Replacements)
	})
}

// SeverityRank orders severities: error 3, warning 2, hint 1, anything else 0.
func SeverityRank(severity string) int {
	switch severity {
	case "error":
		return 3
	case "warning":
		return 2
	case "hint":
		return 1
	}
	return 0
}

// AtLeast keeps the findings whose severity is at least min ("warning" keeps errors and
// warnings), e.g. for a pack checking its own templates against its rules.
func AtLeast(fs []Finding, min string) []Finding {
	out := []Finding{}
	for _, f := range fs {
		if SeverityRank(f.Severity) >= SeverityRank(min) {
			out = append(out, f)
		}
	}
	return out
}
