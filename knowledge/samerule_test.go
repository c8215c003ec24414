package knowledge

import (
	"slices"
	"testing"
)

// TestCheckSameRuleIDTwoPacks: two packs may name a rule alike (both default packs have
// «promise-guaranteed-adv»; both test packs have «card-number»). Checked together, with no
// segment, each pack's finding stays its own when they differ, with its pack's reason and
// replacements: merging by rule id and span alone showed one pack's finding on the other
// pack's text. (Findings that say word for word the same are one: TestMergeSameAdvice.)
func TestCheckSameRuleIDTwoPacks(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	text := "Оплатите с карты 4111 1111 1111 1111."
	all, err := b.Check(text, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range all {
		if f.Rule == "card-number" {
			got = append(got, f.Pack+": "+f.Why)
		}
	}
	slices.Sort(got)
	if want := []string{"pulse-test: 152-ФЗ.", "vector-test: 152-ФЗ и тестовая политика, §6."}; !slices.Equal(got, want) {
		t.Errorf("card-number findings %q, want %q", got, want)
	}
	// With a segment only the owner runs, and its finding names it.
	one, _ := b.Check(text, "partner")
	if len(one) != 1 || one[0].Pack != "pulse-test" || one[0].Why != "152-ФЗ." {
		t.Errorf("partner: %+v", one)
	}
}
