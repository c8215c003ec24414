package rules

import (
	"fmt"
	"strings"
)

// pii flags a customer's personal data (kind "pii"): passport, SNILS, INN, card and
// phone numbers, each recognised by its layout and, where one exists, its checksum.
type pii struct {
	detect detector
	allow  map[string]bool // phone: national 10-digit numbers that are the company's own
}

// A detector decides whether a candidate number is the personal data it looks for and
// returns the hit, which may reach beyond the digits (a leading + or parenthesis).
type detector func(t *Text, n *number, allow map[string]bool) (span, bool)

// detectors by name, in the order error messages list them.
var detectorNames = []string{"passport", "snils", "inn", "card", "phone"}

var detectors = map[string]detector{
	"passport": detectPassport,
	"snils":    detectSNILS,
	"inn":      detectINN,
	"card":     detectCard,
	"phone":    detectPhone,
}

// newPII compiles a pii rule; allow is only for the phone detector and every entry must
// be a Russian phone number.
func newPII(sp *Spec, at string) (matcher, []Problem) {
	d, ok := detectors[sp.Detector]
	if !ok {
		msg := fmt.Sprintf("unknown detector %q (%s)", sp.Detector, strings.Join(detectorNames, ", "))
		if sp.Detector == "" {
			msg = "missing (" + strings.Join(detectorNames, ", ") + ")"
		}
		return nil, []Problem{{Path: at + ".detector", Problem: msg}}
	}
	m := &pii{detect: d}
	if len(sp.Allow) > 0 && sp.Detector != "phone" {
		return nil, []Problem{{Path: at + ".allow", Problem: "only the phone detector takes allow"}}
	}
	var probs []Problem
	for i, a := range sp.Allow {
		nat, ok := nationalNumber(digitsOf(a))
		if !ok {
			probs = append(probs, Problem{Path: fmt.Sprintf("%s.allow[%d]", at, i), Problem: fmt.Sprintf("%q is not a Russian phone number (10 digits, or 11 starting with 7 or 8)", a)})
			continue
		}
		if m.allow == nil {
			m.allow = map[string]bool{}
		}
		m.allow[nat] = true
	}
	return m, probs
}

// Run appends the numbers the detector accepts. A run of digit groups may hold several
// numbers separated by spaces only ("паспорт 4506 123456 тел 8 916 …" has words, but
// "4506 123456 8 916 123-45-67" does not), so every sub-run that splits at a plain space
// is tried, longest first from each start.
func (m *pii) Run(t *Text, f *filters, dst []span) []span {
	groups := t.numberGroups()
	for r0 := 0; r0 < len(groups); {
		r1 := r0 + 1
		for r1 < len(groups) && groups[r1-1].join != joinNone {
			r1++
		}
		// upto[i] counts the digits of the run's groups before group r0+i.
		upto := append(t.upto[:0], 0)
		for _, g := range groups[r0:r1] {
			upto = append(upto, upto[len(upto)-1]+(g.b-g.a))
		}
		t.upto = upto
		for g0 := r0; g0 < r1 && upto[r1-r0]-upto[g0-r0] >= minPIIDigits; {
			hit := false
			for g1 := r1; g1 > g0; g1-- {
				if g1 < r1 && !splits(groups[g1-1].join) {
					continue // would cut a number in the middle of "123-45-67"
				}
				if d := upto[g1-r0] - upto[g0-r0]; d < minPIIDigits || d > maxPIIDigits {
					continue
				}
				n := t.number(groups[g0:g1], g0 > r0)
				if s, ok := m.detect(t, n, m.allow); ok {
					if f.keep(t, s) {
						dst = append(dst, s)
					}
					g0, hit = g1, true
					break
				}
			}
			if !hit {
				// Start the next try after a space, never inside "123-45-67".
				g0++
				for g0 < r1 && !splits(groups[g0-1].join) {
					g0++
				}
			}
		}
		r0 = r1
	}
	return dst
}

// splits reports whether two numbers may meet at joiner j: spaces or a document mark.
func splits(j joinKind) bool { return j == joinSpace || j == joinDoc }

// The fewest and most digits any detector accepts: passport and INN 10, cards 19.
const (
	minPIIDigits = 10
	maxPIIDigits = 19
)

// digitsOf keeps the ASCII digits of s.
func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// hasContext reports whether one of the words ctx matches comes at most window tokens
// before normalised offset a, in the same sentence.
func (t *Text) hasContext(a int32, ctx *elem, window int) bool {
	k := t.tokensEndingBy(a)
	for j := k - 1; j >= 0 && j >= k-window; j-- {
		if t.boundaryIn(t.tokens[j].end, a) {
			return false
		}
		if ctx.matches(t.word(j)) {
			return true
		}
	}
	return false
}

// contextWords builds the word test for a detector's context ("пасп*|сери*").
func contextWords(src string) *elem {
	els, err := parseField(src)
	if err != nil || len(els) != 1 {
		panic("rules: bad context " + src) // a programming error, caught by tests
	}
	return &els[0]
}
