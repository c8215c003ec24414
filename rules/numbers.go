package rules

import (
	"strings"
	"unicode/utf8"
)

// joinKind says what stands between two digit groups of one written number.
type joinKind uint8

const (
	joinNone  joinKind = iota // the group ends its run
	joinSpace                 // spaces only: "4506 123456"
	joinDash                  // one hyphen: "123-45-67"
	joinMixed                 // spaces, hyphens and parentheses: "(916) 123", "12 - 34"
	joinDoc                   // № or the word «номер»: "4506 № 123456"
)

// numGroup is a run of ASCII digits in the normalised text and what follows it.
type numGroup struct {
	a, b int32
	join joinKind // joiner to the next group, joinNone if the number ends here
}

// number is a candidate for the PII detectors: one or more consecutive digit groups.
type number struct {
	a, b   int32      // from the first digit to just past the last
	digits []byte     // the digits alone
	sizes  []int      // digits per group
	groups []numGroup // the groups, joiners included
	plus   bool       // a + stands right before the first digit
	paren  bool       // a ( stands right before the first digit
	inside bool       // the groups continue a longer run: "8 916 …" tried from "916"
}

// joins reports whether every joiner inside n is one of ks.
func (n *number) joins(ks ...joinKind) bool {
	for _, g := range n.groups[:len(n.groups)-1] {
		ok := false
		for _, k := range ks {
			ok = ok || g.join == k
		}
		if !ok {
			return false
		}
	}
	return true
}

// layout reports whether the group sizes are exactly want.
func (n *number) layout(want ...int) bool {
	if len(n.sizes) != len(want) {
		return false
	}
	for i, w := range want {
		if n.sizes[i] != w {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// numberGroups finds the digit groups of the text once per check. A group glued to a
// letter ("A123", "12шт") is no part of any number; groups join into a run when at most
// five spaces, hyphens, parentheses, № or «номер» stand between them.
func (t *Text) numberGroups() []numGroup {
	if t.numsOK {
		return t.nums
	}
	s := t.norm
	gs := t.nums[:0]
	resume := 0 // groups start at tokens that begin with a digit, after the last joiner read
	for _, tk := range t.tokens {
		i := int(tk.start)
		if i < resume || !isASCIIDigit(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := decodeAt(s, j)
		if i > 0 && isLetterRune(prev) || isLetterRune(next) || prev == '_' || next == '_' {
			if n := len(gs); n > 0 && gs[n-1].join != joinNone && gs[n-1].b < int32(i) {
				gs[n-1].join = joinNone // the group it was joining turned out to be glued
			}
			resume = j
			continue
		}
		k, join := scanJoiner(s, j)
		if join != joinNone && !t.startsToken(k) {
			join, k = joinNone, j // "45.06": the next digits are inside a token
		}
		gs = append(gs, numGroup{int32(i), int32(j), join})
		resume = k
	}
	t.nums, t.numsOK = gs, true
	return gs
}

// startsToken reports whether a token begins at normalised offset i.
func (t *Text) startsToken(i int) bool {
	k := t.tokensStartingBefore(int32(i))
	return k < len(t.tokens) && t.tokens[k].start == int32(i)
}

// scanJoiner reads what follows a digit group at j: the joiner kind when another group
// follows it, and where to continue scanning.
func scanJoiner(s string, j int) (int, joinKind) {
	k, n := j, 0
	var spaces, dashes, parens, docs int
	for k < len(s) && n < 5 {
		switch {
		case s[k] == ' ':
			spaces++
			k++
		case s[k] == '-':
			dashes++
			k++
		case s[k] == '(' || s[k] == ')':
			parens++
			k++
		case strings.HasPrefix(s[k:], "№"):
			docs++
			k += len("№")
		case strings.HasPrefix(s[k:], "номер"):
			if next, _ := decodeAt(s, k+len("номер")); isLetterRune(next) {
				return j, joinNone
			}
			docs++
			k += len("номер")
		default:
			n = 5
			continue
		}
		n++
	}
	if k == j || k >= len(s) || !isASCIIDigit(s[k]) {
		return j, joinNone
	}
	switch {
	case docs > 0:
		if docs > 1 || dashes > 0 || parens > 0 {
			return j, joinNone
		}
		return k, joinDoc
	case dashes == 0 && parens == 0:
		return k, joinSpace
	case dashes == 1 && spaces == 0 && parens == 0:
		return k, joinDash
	}
	return k, joinMixed
}

// number assembles the candidate made of groups gs, reusing the text's scratch space.
func (t *Text) number(gs []numGroup, inside bool) *number {
	n := &t.num
	n.inside = inside
	n.groups = gs
	n.a, n.b = gs[0].a, gs[len(gs)-1].b
	n.digits, n.sizes = t.digits[:0], t.sizes[:0]
	for _, g := range gs {
		n.digits = append(n.digits, t.norm[g.a:g.b]...)
		n.sizes = append(n.sizes, int(g.b-g.a))
	}
	t.digits, t.sizes = n.digits, n.sizes
	n.plus = n.a > 0 && t.norm[n.a-1] == '+'
	n.paren = n.a > 0 && t.norm[n.a-1] == '('
	return n
}

// allSame reports whether every digit is the same ("0000 0000 0000 0000").
func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}
