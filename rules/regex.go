package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// regex flags every match of an RE2 expression over the normalised text (kind "regex").
// Like a sequence, a match never crosses a sentence boundary: the expression runs over
// each sentence (closing punctuation included) on its own, and only over the sentences
// that hold what every match needs (see need), so most rules skip most replies.
type regex struct {
	src  string
	once sync.Once
	// re is compiled by newRegex, or on first use for a rule read from a pack's compiled
	// form (compiled.go): regexp's compiler was a large share of the code a cold start ran.
	re    *regexp.Regexp
	need  *need // nil when nothing is known
	insts int   // program size, for the check's work budget (limits.go)
}

// prog returns the compiled expression, compiling it on first use if need be. A rule read
// from a compiled form gets the checks newRegex makes here, and its program size from the
// expression itself, not from the record: only a damaged form fails them, and such a rule
// then matches nothing.
func (m *regex) prog() *regexp.Regexp {
	m.once.Do(func() {
		if m.re != nil {
			return
		}
		msg, insts := regexLimit(m.src)
		re, err := regexp.Compile(m.src)
		if err == nil && msg == "" && !re.MatchString("") {
			if tree, err := syntax.Parse(m.src, syntax.Perl); err == nil && regexTrap(tree) == "" {
				m.re, m.insts = re, insts
				return
			}
		}
		m.re, m.insts = regexp.MustCompile(`[^\x00-\x{10FFFF}]`), 1
	})
	return m.re
}

// newRegex compiles a regex rule. Besides syntax errors it rejects what can never work
// on normalised text: \b (ASCII-only in Go, blind to Cyrillic), literals the normaliser
// removes (capitals, ё, curly quotes), and expressions that match the empty string.
func newRegex(sp *Spec, at string) (matcher, []Problem) {
	at += ".regex"
	if sp.Regex == "" {
		return nil, []Problem{{Path: at, Problem: "missing"}}
	}
	msg, insts := regexLimit(sp.Regex) // before compiling: a huge program takes seconds to build
	if msg != "" {
		return nil, []Problem{{Path: at, Problem: msg}}
	}
	re, err := regexp.Compile(sp.Regex)
	if err != nil {
		return nil, []Problem{{Path: at, Problem: err.Error()}}
	}
	tree, err := syntax.Parse(sp.Regex, syntax.Perl)
	if err != nil { // unreachable after Compile, kept for safety
		return nil, []Problem{{Path: at, Problem: err.Error()}}
	}
	if msg := regexTrap(tree); msg != "" {
		return nil, []Problem{{Path: at, Problem: msg}}
	}
	if re.MatchString("") {
		return nil, []Problem{{Path: at, Problem: "matches the empty string"}}
	}
	return &regex{src: sp.Regex, re: re, need: required(tree), insts: insts}, nil
}

// need is what every match of a regex contains: one of lits, or a rune within one of
// ranges. Testing it costs a substring search or one pass over the runes; running the
// regex over a sentence costs a backtracking match at every position.
type need struct {
	lits   []string
	ranges []rune // lo, hi pairs, for classes too large to list (emoji, symbols)
}

// maxNeed caps the literals a rule waits for; past it the prefilter costs more than it saves.
const maxNeed = 16

// rareRunes is where a character class counts as rare in a Russian reply (general
// punctuation, symbols, emoji): such a class filters well even when it is too large to list.
const rareRunes = 0x2000

// in reports whether s holds something every match needs.
func (n *need) in(s string) bool {
	for _, l := range n.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	if n.ranges == nil {
		return false
	}
	for _, r := range s {
		if r < rareRunes {
			continue
		}
		for i := 0; i+1 < len(n.ranges); i += 2 {
			if n.ranges[i] <= r && r <= n.ranges[i+1] {
				return true
			}
		}
	}
	return false
}

// size is how many alternatives the need holds.
func (n *need) size() int { return len(n.lits) + len(n.ranges)/2 }

// better reports whether n filters better than o: literals of three runes or more beat
// shorter ones (short literals such as «на» occur in most sentences), then fewer
// alternatives beat more, then longer literals beat shorter.
func (n *need) better(o *need) bool {
	if o == nil {
		return true
	}
	nl, ol := n.shortest(), o.shortest()
	if (nl >= 3) != (ol >= 3) {
		return nl >= 3
	}
	if n.size() != o.size() {
		return n.size() < o.size()
	}
	return nl > ol
}

// shortest is the rune length of the shortest literal; a range counts as one rune.
func (n *need) shortest() int {
	m := 1 << 30
	if len(n.ranges) > 0 {
		m = 1
	}
	for _, l := range n.lits {
		m = min(m, utf8.RuneCountInString(l))
	}
	return m
}

// required returns what every match of re contains, or nil when that is unknown or too
// broad to filter with.
func required(re *syntax.Regexp) *need {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return &need{lits: []string{string(re.Rune)}}
	case syntax.OpCharClass:
		return classNeed(re.Rune)
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		n := required(re.Sub[0])
		if n != nil && re.Min >= 2 && len(n.lits) == 1 && n.ranges == nil && len(n.lits[0])*re.Min <= 8 {
			return &need{lits: []string{strings.Repeat(n.lits[0], re.Min)}} // !{2,} needs "!!"
		}
		if re.Min >= 1 {
			return n
		}
	case syntax.OpConcat:
		var best *need
		for _, sub := range re.Sub {
			if n := required(sub); n != nil && n.better(best) {
				best = n
			}
		}
		return best
	case syntax.OpAlternate:
		out := &need{}
		for _, sub := range re.Sub {
			n := required(sub)
			if n == nil {
				return nil
			}
			for _, l := range n.lits {
				if !slices.Contains(out.lits, l) {
					out.lits = append(out.lits, l)
				}
			}
			out.ranges = append(out.ranges, n.ranges...)
			if len(out.lits) > maxNeed {
				return nil
			}
		}
		return out
	}
	return nil
}

// classNeed lists a small class as literals and keeps a large one as ranges, if every
// rune of it is rare in replies; a large class of common runes filters nothing.
func classNeed(ranges []rune) *need {
	size := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		size += int(ranges[i+1]-ranges[i]) + 1
	}
	if size <= maxNeed {
		n := &need{}
		for i := 0; i+1 < len(ranges); i += 2 {
			for r := ranges[i]; r <= ranges[i+1]; r++ {
				n.lits = append(n.lits, string(r))
			}
		}
		return n
	}
	for i := 0; i < len(ranges); i += 2 {
		if ranges[i] < rareRunes {
			return nil
		}
	}
	return &need{ranges: slices.Clone(ranges)}
}

// regexTrap finds the first construct that cannot match normalised text.
func regexTrap(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return `\b and \B are ASCII-only in Go and never fire next to Cyrillic; use a sequence rule`
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			for _, r := range re.Rune {
				if out, class := fold(r); class != foldKeep || out != r {
					return fmt.Sprintf("%q never occurs in normalised text (lowercase, ё→е, plain quotes and dashes); write %q", string(r), normalizedLiteral(r))
				}
			}
		}
	}
	for _, sub := range re.Sub {
		if msg := regexTrap(sub); msg != "" {
			return msg
		}
	}
	return ""
}

func normalizedLiteral(r rune) string {
	return Normalize(string(r))
}

// Run appends the hits that survive the filters.
func (m *regex) Run(t *Text, f *filters, dst []span) []span {
	if m.need != nil && !m.need.in(t.norm) { // most replies: one pass, no sentence loop
		return dst
	}
	for _, w := range t.sentences() {
		if m.need != nil && !m.need.in(t.norm[w.a:w.b]) {
			continue
		}
		if dst = m.scan(t, w, f, dst); t.lim.abandon {
			return dst
		}
	}
	return dst
}
