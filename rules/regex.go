package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// regex flags every match of an RE2 expression over the normalised text (kind "regex").
// Like a sequence, a match never crosses a sentence boundary: the expression runs over
// each sentence (closing punctuation included) on its own, and only over the sentences
// that contain a literal every match needs, so most rules skip most replies.
type regex struct {
	re   *regexp.Regexp
	need []string // every match contains one of these; nil when nothing is known
}

// newRegex compiles a regex rule. Besides syntax errors it rejects what can never work
// on normalised text: \b (ASCII-only in Go, blind to Cyrillic), literals the normaliser
// removes (capitals, ё, curly quotes), and expressions that match the empty string.
func newRegex(sp *Spec, at string) (matcher, []Problem) {
	at += ".regex"
	if sp.Regex == "" {
		return nil, []Problem{{at, "missing"}}
	}
	re, err := regexp.Compile(sp.Regex)
	if err != nil {
		return nil, []Problem{{at, err.Error()}}
	}
	tree, err := syntax.Parse(sp.Regex, syntax.Perl)
	if err != nil { // unreachable after Compile, kept for safety
		return nil, []Problem{{at, err.Error()}}
	}
	if msg := regexTrap(tree); msg != "" {
		return nil, []Problem{{at, msg}}
	}
	if re.MatchString("") {
		return nil, []Problem{{at, "matches the empty string"}}
	}
	return &regex{re: re, need: required(tree)}, nil
}

// maxNeed caps the literals a rule waits for; past it the prefilter costs more than it saves.
const maxNeed = 8

// required returns literals one of which occurs in every match of re, or nil.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == maxNeed {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		need := required(re.Sub[0])
		if re.Min >= 2 && len(need) == 1 && len(need[0])*re.Min <= 8 {
			return []string{strings.Repeat(need[0], re.Min)} // !{2,} needs "!!"
		}
		if re.Min >= 1 {
			return need
		}
	case syntax.OpConcat:
		// The child with the longest shortest literal filters best.
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			if need := required(sub); need != nil {
				if l := shortest(need); l > bestLen {
					best, bestLen = need, l
				}
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			need := required(sub)
			if need == nil || len(out)+len(need) > maxNeed {
				return nil
			}
			out = append(out, need...)
		}
		return out
	}
	return nil
}

func shortest(ss []string) int {
	n := len(ss[0])
	for _, s := range ss[1:] {
		n = min(n, len(s))
	}
	return n
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
	for _, w := range t.sentences() {
		sent := t.norm[w.a:w.b]
		if m.need != nil && !containsAny(sent, m.need) {
			continue
		}
		for _, loc := range m.re.FindAllStringIndex(sent, -1) {
			s := span{w.a + int32(loc[0]), w.a + int32(loc[1])}
			if s.a < s.b && f.keep(t, s) {
				dst = append(dst, s)
			}
		}
	}
	return dst
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
