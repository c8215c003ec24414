package rules

import (
	"strconv"
	"testing"
	"unicode/utf16"
)

// slice16 cuts s by UTF-16 code-unit offsets, as JavaScript's s.slice(start, end) does.
// Each invalid UTF-8 byte counts as one unit (it reaches JavaScript as U+FFFD).
func slice16(s string, start, end int) string {
	u := utf16.Encode([]rune(s))
	if start < 0 || end > len(u) || start > end {
		return "<out of range>"
	}
	return string(utf16.Decode(u[start:end]))
}

// len16 is the length of s in UTF-16 code units.
func len16(s string) int { return len(utf16.Encode([]rune(s))) }

// spec builds a valid rule spec for tests; change what the test is about.
func spec(id, kind string, patterns ...string) Spec {
	return Spec{
		ID: id, Kind: kind, Category: "test", Severity: "warning",
		Message: "Сообщение", Why: "Политика, §1", Patterns: patterns,
	}
}

// mustSet compiles specs without running their examples (tests drive rules with texts
// of their own; a placeholder satisfies the flag-example requirement) and fails the test
// on any problem.
func mustSet(t testing.TB, specs ...Spec) *Set {
	t.Helper()
	for i := range specs {
		if len(specs[i].Examples.Flag) == 0 {
			specs[i].Examples.Flag = []string{"__no_example__"}
		}
	}
	set, probs := compileNoExamples(specs)
	if len(probs) > 0 {
		t.Fatalf("compile: %v", probs)
	}
	return set
}

// compileNoExamples compiles like Compile but ignores example outcomes, so tests can
// drive rules with texts of their own.
func compileNoExamples(specs []Spec) (*Set, []Problem) {
	var rules []*rule
	var probs []Problem
	for i := range specs {
		r, ps := compileRule(&specs[i], "["+strconv.Itoa(i)+"]", true)
		probs = append(probs, ps...)
		if len(ps) == 0 {
			rules = append(rules, r)
		}
	}
	return newSet(rules), probs
}

// matches lists the original substrings the set flags in text, checking on the way that
// every finding's UTF-16 offsets cut exactly its Match.
func matches(t testing.TB, set *Set, text string) []string {
	t.Helper()
	out := []string{}
	for _, f := range set.Check(text, "") {
		if got := slice16(text, f.Start, f.End); got != f.Match {
			t.Errorf("finding %s [%d,%d) cuts %q, Match is %q", f.Rule, f.Start, f.End, got, f.Match)
		}
		out = append(out, f.Match)
	}
	return out
}
