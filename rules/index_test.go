package rules

import (
	"reflect"
	"testing"
)

// TestAnchorGroups: rules whose anchors share a lemma's forms list are entered once, as a
// group, and find what each finds on its own; a list that is a prefix of another (the same
// memory, a shorter length) is a list of its own.
func TestAnchorGroups(t *testing.T) {
	prev := currentMorphology()
	UseMorphology(Dictionary())
	forms := []string{"гарантирую", "гарантируем", "гарантировали"}
	UseCompiledLemmas(map[string][]string{"<гарантировать>": forms, "<гарантировать:pres>": forms[:2]})
	defer func() { UseCompiledLemmas(nil); UseMorphology(prev) }()

	specs := []Spec{
		spec("approval", "sequence", "<гарантировать> одобрение"),
		spec("approval-now", "sequence", "<гарантировать:pres> одобрение"),
		spec("release", "sequence", "<гарантировать> выпуск"),
	}
	set := mustSet(t, specs...)
	if got := len(set.index.groups); got != 2 {
		t.Errorf("%d groups, want 2: the shared list and its prefix", got)
	}
	if got, want := set.index.groups[0], []int32{0, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("the shared list's group holds slots %v, want %v", got, want)
	}
	if n := len(set.index.entries); n != len(forms)+2 {
		t.Errorf("%d anchor entries, want each list's forms once (%d)", n, len(forms)+2)
	}
	text := "Гарантировали одобрение, гарантируем выпуск, гарантируем одобрение."
	got := map[string][]string{}
	for _, f := range set.Check(text, "") {
		got[f.Rule] = append(got[f.Rule], f.Match)
	}
	want := map[string][]string{
		"approval":     {"Гарантировали одобрение", "гарантируем одобрение"},
		"approval-now": {"гарантируем одобрение"},
		"release":      {"гарантируем выпуск"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	for _, sp := range specs {
		alone := mustSet(t, sp)
		if a, b := alone.Check(text, ""), set.Check(text, ""); len(a) == 0 || !containsAll(b, a) {
			t.Errorf("%s alone finds %v, in the set %v", sp.ID, a, b)
		}
	}
}

func containsAll(all, some []Finding) bool {
	for _, s := range some {
		found := false
		for _, a := range all {
			found = found || a.Rule == s.Rule && a.Start == s.Start && a.End == s.End
		}
		if !found {
			return false
		}
	}
	return true
}
