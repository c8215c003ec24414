package rules

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

func TestCheckReplacements(t *testing.T) {
	r := spec("promise", "sequence", "гарантир*")
	r.Replacements = map[string][]string{
		"default":   {"Сделаем всё, что от нас зависит"},
		"corporate": {"Контролируем каждый этап", "Держим вас в курсе"},
	}
	bare := spec("bare", "sequence", "гарантир*")
	set := mustSet(t, r, bare)
	for _, tt := range []struct {
		segment string
		want    []string
	}{
		{"corporate", []string{"Контролируем каждый этап", "Держим вас в курсе"}},
		{"smb", []string{"Сделаем всё, что от нас зависит"}},
		{"", []string{"Сделаем всё, что от нас зависит"}},
	} {
		fs := set.Check("Гарантируем", tt.segment)
		if len(fs) != 2 || fs[0].Rule != "bare" || fs[1].Rule != "promise" {
			t.Fatalf("findings %+v", fs)
		}
		if fs[0].Replacements == nil || len(fs[0].Replacements) != 0 {
			t.Errorf("rule without replacements: %#v, want an empty non-nil slice", fs[0].Replacements)
		}
		if !slices.Equal(fs[1].Replacements, tt.want) {
			t.Errorf("segment %q: replacements %q, want %q", tt.segment, fs[1].Replacements, tt.want)
		}
		// Callers may change what they got without changing the set.
		fs[1].Replacements[0] = "испорчено"
	}
	if fs := set.Check("Гарантируем", "corporate"); fs[1].Replacements[0] != "Контролируем каждый этап" {
		t.Error("a finding's replacements share memory with the set")
	}
}

func TestCheckOrderAndFields(t *testing.T) {
	b := spec("b-rule", "sequence", "не знаю")
	b.Severity, b.Category, b.Message, b.Why = "hint", "uncertainty", "Уточните", "§2"
	a := spec("a-rule", "sequence", "не знаю")
	long := spec("long", "sequence", "я не знаю")
	word := spec("word", "sequence", "знаю")
	word.Scope = []string{} // «не знаю» holds «знаю» negated: count it all the same
	set := mustSet(t, b, a, long, word)
	fs := set.Check("Я не знаю. Не знаю", "")
	got := []string{}
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %d-%d", f.Rule, f.Start, f.End))
	}
	want := []string{"long 0-9", "a-rule 2-9", "b-rule 2-9", "word 5-9", "a-rule 11-18", "b-rule 11-18", "word 14-18"}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
	f := fs[2]
	if f.Category != "uncertainty" || f.Severity != "hint" || f.Message != "Уточните" || f.Why != "§2" || f.Match != "не знаю" {
		t.Errorf("fields: %+v", f)
	}
}

func TestCheckNoDuplicates(t *testing.T) {
	// Two patterns of one rule finding the same words give one finding.
	r := spec("dup", "sequence", "не знаю", "не|нет знаю")
	set := mustSet(t, r)
	if fs := set.Check("не знаю", ""); len(fs) != 1 {
		t.Errorf("findings %+v, want one", fs)
	}
	// "…" is three points in the normalised text; a regex for one point hits each of
	// them, but they are one character of the original.
	dot := spec("dot", "regex")
	dot.Regex = `\.`
	set = mustSet(t, dot)
	if fs := set.Check("Ну…", ""); len(fs) != 1 || fs[0].Match != "…" {
		t.Errorf("findings %+v, want one on …", fs)
	}
}

func TestMergeAndAtLeast(t *testing.T) {
	fs := Merge(
		[]Finding{{Rule: "b", Start: 5, End: 7, Severity: "hint"}, {Rule: "a", Start: 0, End: 2, Severity: "error"}},
		[]Finding{{Rule: "b", Start: 5, End: 7, Severity: "hint"}, {Rule: "c", Start: 0, End: 1, Severity: "warning"}},
		nil,
	)
	got := []string{}
	for _, f := range fs {
		got = append(got, f.Rule)
	}
	if !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Errorf("Merge order %q", got)
	}
	for _, tt := range []struct {
		min  string
		want int
	}{{"error", 1}, {"warning", 2}, {"hint", 3}, {"", 3}} {
		if got := AtLeast(fs, tt.min); len(got) != tt.want {
			t.Errorf("AtLeast(%q) kept %d, want %d", tt.min, len(got), tt.want)
		}
	}
	if got := Merge(); got == nil || len(got) != 0 {
		t.Errorf("Merge() = %#v", got)
	}
}

// TestMergeSameAdvice: two packs' findings of one rule id on one span are one finding when
// they say the same (message, severity, category, replacements), two when anything differs.
func TestMergeSameAdvice(t *testing.T) {
	card := Finding{Rule: "card-number", Start: 3, End: 22, Severity: "error", Category: "pii", Message: "Номер карты в чате", Replacements: []string{""}}
	other := card
	other.Pack = "b"
	card.Pack = "a"
	if got := Merge([]Finding{card}, []Finding{other}); len(got) != 1 || got[0].Pack != "a" {
		t.Errorf("the same advice from two packs: %+v", got)
	}
	for _, change := range []func(f *Finding){
		func(f *Finding) { f.Message = "Карта" },
		func(f *Finding) { f.Severity = "warning" },
		func(f *Finding) { f.Category = "privacy" },
		func(f *Finding) { f.Replacements = []string{"{{card}}"} },
	} {
		differ := other
		change(&differ)
		if got := Merge([]Finding{card}, []Finding{differ}); len(got) != 2 {
			t.Errorf("findings that differ were merged: %+v", got)
		}
	}
}

func TestCheckTextShared(t *testing.T) {
	s1 := mustSet(t, spec("one", "sequence", "гарантир*"))
	s2 := mustSet(t, spec("two", "sequence", "не знаю"))
	a := Analyze("Не знаю, но гарантируем")
	got := Merge(s1.CheckText(a, ""), s2.CheckText(a, ""))
	if len(got) != 2 || got[0].Rule != "two" || got[1].Rule != "one" {
		t.Errorf("findings %+v", got)
	}
	if a.Original() != "Не знаю, но гарантируем" || a.Normalized() != "не знаю, но гарантируем" {
		t.Errorf("Original/Normalized = %q / %q", a.Original(), a.Normalized())
	}
}

// TestCheckConcurrent runs one set from many goroutines (go test -race makes it count).
func TestCheckConcurrent(t *testing.T) {
	set := benchSet(t)
	text := benchReply()
	want := set.Check(text, "smb")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if got := set.Check(text, "smb"); len(got) != len(want) {
					t.Errorf("concurrent check: %d findings, want %d", len(got), len(want))
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCompileTrustedWithoutExamples: a rule with no examples is refused by Compile (an
// imported pack must prove its rules) and compiled by CompileTrusted (the default packs ship
// without their examples, which run in the project's tests).
func TestCompileTrustedWithoutExamples(t *testing.T) {
	s := spec("bare", "sequence", "гарантир*")
	if _, probs := Compile([]Spec{s}); len(probs) == 0 {
		t.Error("Compile took a rule with no examples")
	}
	set, probs := CompileTrusted([]Spec{s})
	if len(probs) > 0 || len(set.Check("Гарантируем выпуск", "")) != 1 {
		t.Errorf("CompileTrusted: %v", probs)
	}
}
