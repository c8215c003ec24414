package pack

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sufler/sufler/rules"
)

// naiveDepth is depth byte by byte: the reference the fast one must agree with.
func naiveDepth(data []byte) int {
	d, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			d++
			deepest = max(deepest, d)
		case ']', '}':
			d--
		}
	}
	return deepest
}

func TestDepth(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{`{}`, 1},
		{`{"a":[{"b":"c"}]}`, 3},
		{`{"a":"[[[{{{"}`, 1},
		{`{"a":"quote \" [[[ still inside"}`, 1},
		{`{"a":"backslash \\","b":[[1]]}`, 3},
		{`{"a":"three \\\" [ inside"}`, 1},
		{`["\\\\",[["\\"]]]`, 3},
		{`{"a":"unterminated [[[`, 1},
		{strings.Repeat("[", 40) + strings.Repeat("]", 40), 40},
		{`"`, 0}, {``, 0},
	} {
		if got, ref := JSONDepth([]byte(tt.in)), naiveDepth([]byte(tt.in)); got != tt.want || ref != tt.want {
			t.Errorf("JSONDepth(%s) = %d, reference %d, want %d", tt.in, got, ref, tt.want)
		}
	}
}

// FuzzDepth: JSONDepth agrees with the byte-by-byte one on any input.
func FuzzDepth(f *testing.F) {
	for _, s := range []string{`{"a":"\\\"[","b":[{}]}`, `["\\`, `{"x":"\u005c"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := JSONDepth(data), naiveDepth(data); got != want {
			t.Fatalf("JSONDepth(%q) = %d, want %d", data, got, want)
		}
	})
}

// The id and variable-name checks are loops; these regexps say what they must accept.
var (
	idForm      = regexp.MustCompile(`^[a-z0-9-]+$`)
	varNameForm = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func TestForms(t *testing.T) {
	for _, s := range []string{"", "a", "prove-customs", "Prove", "x_y", "9lives", "customer_name", "a-b_c", "ё", "a b", "-", "_a", "a\n"} {
		if got, want := IsID(s), idForm.MatchString(s); got != want {
			t.Errorf("IsID(%q) = %v, want %v", s, got, want)
		}
		if got, want := rules.IsVarName(s), varNameForm.MatchString(s); got != want {
			t.Errorf("rules.IsVarName(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzForms: the loops agree with the regexps on any string.
func FuzzForms(f *testing.F) {
	f.Add("customer_name")
	f.Add("prove-customs")
	f.Fuzz(func(t *testing.T, s string) {
		if IsID(s) != idForm.MatchString(s) || rules.IsVarName(s) != varNameForm.MatchString(s) {
			t.Fatalf("%q: IsID %v, isVarName %v; regexps %v, %v", s, IsID(s), rules.IsVarName(s), idForm.MatchString(s), varNameForm.MatchString(s))
		}
	})
}
