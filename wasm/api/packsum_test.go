package api

import (
	"bytes"
	"strconv"
	"testing"
)

// TestPackSum: changing any byte, swapping two words, adding or cutting a byte all change
// the sum; the same bytes always give the same sum.
func TestPackSum(t *testing.T) {
	base := bytes.Repeat([]byte(`{"id":"shop","templates":[{"title":"Возврат"}]}`), 40)
	want := packSum(base)
	if packSum(bytes.Clone(base)) != want {
		t.Fatal("the same bytes gave another sum")
	}
	seen := map[[32]byte]string{want: "base"}
	add := func(name string, b []byte) {
		t.Helper()
		s := packSum(b)
		if prev, ok := seen[s]; ok {
			t.Fatalf("%s has the sum of %s", name, prev)
		}
		seen[s] = name
	}
	for i := range base {
		b := bytes.Clone(base)
		b[i] ^= 1
		add("a byte flipped at "+strconv.Itoa(i), b)
	}
	for i := 0; i+16 <= len(base); i += 8 {
		b := bytes.Clone(base)
		w := bytes.Clone(b[i : i+8])
		copy(b[i:], b[i+8:i+16])
		copy(b[i+8:], w)
		if !bytes.Equal(b, base) {
			add("words swapped at "+strconv.Itoa(i), b)
		}
	}
	add("a byte added", append(bytes.Clone(base), ' '))
	add("a byte cut", base[:len(base)-1])
	add("empty", nil)
}
