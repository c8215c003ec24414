package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
)

// regex flags every match of an RE2 expression over the normalised text (kind "regex").
type regex struct {
	re *regexp.Regexp
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
	return &regex{re: re}, nil
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
	for _, loc := range m.re.FindAllStringIndex(t.norm, -1) {
		s := span{int32(loc[0]), int32(loc[1])}
		if s.a < s.b && f.keep(t, s) {
			dst = append(dst, s)
		}
	}
	return dst
}
