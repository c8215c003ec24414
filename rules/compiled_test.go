package rules

import (
	"reflect"
	"strings"
	"testing"
)

// compiledSpecs are rules whose patterns take every element a compiled form writes: fields
// derive reads (plain words, lemma tokens, prefixes, gaps, *, optional words) and fields it
// leaves to parseField (capitals, ё, a field of two tokens, a word with a hyphen), bags,
// exceptions and unless patterns, a count, regexes with and without a need, and pii.
func compiledSpecs() []Spec {
	specs := benchSpecs()
	lemma := spec("lemma", "sequence", "<гарантировать> ~2 <одобрение:NOUN>|выпуск*", "{<гарантировать> <одобрение>}",
		"Ёлку|ЁЛКА ещё?", "100%", "по-чёрному", "* случае", "в обход", "клиринг|clearance 100% guaranteed")
	lemma.Exceptions = []string{"не <гарантировать>"}
	lemma.Scope = []string{"quote"}
	counted := spec("sorry", "count", "<извинить:impr>|простите")
	counted.Max = 2
	plain := spec("re-plain", "regex")
	plain.Regex = `(?i)x{2,}`
	return append(specs, lemma, counted, plain)
}

// compiledRecords compiles specs and writes each rule's compiled form.
func compiledRecords(t testing.TB, specs []Spec) (*Set, [][]byte) {
	t.Helper()
	set, probs := CompileTrusted(specs)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	records := make([][]byte, len(specs))
	for i := range specs {
		rec, err := AppendCompiled(nil, set, i)
		if err != nil {
			t.Fatal(err)
		}
		records[i] = rec
	}
	return set, records
}

// sameRule is reflect.DeepEqual for rules, which cannot compare a pii rule's detector (a
// func) or a regex compiled on first use: those are compared by function and by source.
func sameRule(a, b *rule) bool {
	ca, cb := *a, *b
	ca.m, cb.m = nil, nil
	if !reflect.DeepEqual(ca, cb) {
		return false
	}
	switch ma := a.m.(type) {
	case *regex:
		mb, ok := b.m.(*regex)
		return ok && ma.src == mb.src && ma.insts == mb.insts && reflect.DeepEqual(ma.need, mb.need) &&
			ma.prog().String() == mb.prog().String()
	case *pii:
		mb, ok := b.m.(*pii)
		return ok && reflect.ValueOf(ma.detect).Pointer() == reflect.ValueOf(mb.detect).Pointer() &&
			reflect.DeepEqual(ma.allow, mb.allow)
	}
	return reflect.DeepEqual(a.m, b.m)
}

func TestCompiledRoundTrip(t *testing.T) {
	prev := currentMorphology()
	UseMorphology(Dictionary())
	defer UseMorphology(prev)
	specs := compiledSpecs()
	want, records := compiledRecords(t, specs)
	got, err := ReadCompiled(specs, records)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.rules {
		if !sameRule(got.rules[i], want.rules[i]) {
			t.Errorf("rule %s reads back as another rule", specs[i].ID)
		}
	}
	if !reflect.DeepEqual(got.index, want.index) || !reflect.DeepEqual(got.base, want.base) {
		t.Error("the anchor index differs")
	}
	for _, text := range []string{benchReply(), "Мы гарантировали одобрение. Ёлка ещё тут, 100% по-черному.", "Одобрение гарантируем, clearance 100% guaranteed. Извините, извините, извините!"} {
		for _, seg := range []string{"", "smb"} {
			if a, b := got.Check(text, seg), want.Check(text, seg); !reflect.DeepEqual(a, b) {
				t.Errorf("%q: read %v, compiled %v", text, a, b)
			}
		}
	}
	if len(want.Check("Мы гарантировали одобрение, clearance 100% guaranteed.", "")) < 2 {
		t.Error("the lemma rules found nothing: the round trip tested nothing")
	}
}

// TestCompiledDamaged: a record cut short, or one of another rule, is an error naming the
// rule; no damage makes ReadCompiled panic.
func TestCompiledDamaged(t *testing.T) {
	prev := currentMorphology()
	UseMorphology(Dictionary())
	defer UseMorphology(prev)
	specs := compiledSpecs()
	_, records := compiledRecords(t, specs)
	last := len(specs) - 3 // the lemma rule: its record is the longest
	for cut := 0; cut < len(records[last]); cut++ {
		damaged := append([][]byte(nil), records...)
		damaged[last] = records[last][:cut]
		if _, err := ReadCompiled(specs, damaged); err == nil || !strings.Contains(err.Error(), "lemma") {
			t.Fatalf("cut at %d of %d: %v", cut, len(records[last]), err)
		}
	}
	for k := range records[last] {
		for _, b := range []byte{0, 1, 0x7f, 0xff} {
			damaged := append([][]byte(nil), records...)
			damaged[last] = append([]byte(nil), records[last]...)
			damaged[last][k] = b
			if set, err := ReadCompiled(specs, damaged); err == nil {
				set.Check(benchReply(), "")
			}
		}
	}
	swapped := append([][]byte(nil), records...)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	if _, err := ReadCompiled(specs, swapped); err == nil {
		t.Error("records of other rules were read")
	}
	if _, err := ReadCompiled(specs, records[1:]); err == nil {
		t.Error("one record short was read")
	}
}

// FuzzReadCompiled: whatever a record holds, reading it never panics, and a set it gives
// checks a reply without panicking.
func FuzzReadCompiled(f *testing.F) {
	prev := currentMorphology()
	UseMorphology(Dictionary())
	f.Cleanup(func() { UseMorphology(prev) })
	specs := compiledSpecs()
	_, records := compiledRecords(f, specs)
	for i, rec := range records {
		f.Add(uint8(i), rec)
	}
	f.Fuzz(func(t *testing.T, i uint8, rec []byte) {
		k := int(i) % len(specs)
		damaged := append([][]byte(nil), records...)
		damaged[k] = rec
		if set, err := ReadCompiled(specs, damaged); err == nil {
			set.Check("Мы гарантировали одобрение, clearance 100% guaranteed. Ёлка ещё тут.", "")
		}
	})
}

// TestCompiledRegexChecked: a regex read from a compiled form is checked when it first runs,
// as newRegex checks one, and charged by its own program size whatever the record says; one
// that fails the checks (only a damaged form has one) matches nothing.
func TestCompiledRegexChecked(t *testing.T) {
	good := spec("exclaim", "regex")
	good.Regex = `!{2,}`
	set, records := compiledRecords(t, []Spec{good})
	want := set.rules[0].m.(*regex).insts
	zero := append([]byte{0}, records[0][1:]...) // the program size, first in the record, as 0
	read, err := ReadCompiled([]Spec{good}, [][]byte{zero})
	if err != nil {
		t.Fatal(err)
	}
	if fs := read.Check("Срочно!!! Ответьте.", ""); len(fs) != 1 {
		t.Errorf("found %v, want the «!!!»", fs)
	}
	if got := read.rules[0].m.(*regex).insts; got != want || want == 0 {
		t.Errorf("charged %d instructions a match, the expression has %d", got, want)
	}
	for _, src := range []string{`[`, `^Срочно`, `\bсрочно`, `x*`, strings.Repeat("(a|b)", 3000)} {
		bad := spec("bad", "regex")
		bad.Regex = src
		read, err := ReadCompiled([]Spec{bad}, [][]byte{zero})
		if err != nil {
			t.Fatalf("%.20q: %v", src, err)
		}
		if fs := read.Check("Срочно!!! xx aab", ""); len(fs) != 0 {
			t.Errorf("%.20q, which newRegex refuses, found %v", src, fs)
		}
	}
}
