package rules

import (
	"fmt"
	"slices"
	"testing"
)

func TestPatternSet(t *testing.T) {
	ps, err := NewPatternSet([]string{"логистическ* отдел*", "тендер*", "sla", "kpi", "я? не знаю", "* %", "в"})
	if err != nil {
		t.Fatal(err)
	}
	if ps.Len() != 7 {
		t.Fatalf("Len() = %d", ps.Len())
	}
	text := "Наш логистический отдел ведёт тендер; SLA 99 %, KPI в норме. Тендеры в мае"
	got := []string{}
	for _, m := range ps.Find(text) {
		if cut := slice16(text, m.Start, m.End); cut != m.Match {
			t.Errorf("pattern %d: offsets cut %q, Match %q", m.Pattern, cut, m.Match)
		}
		got = append(got, fmt.Sprintf("%d:%s", m.Pattern, m.Match))
	}
	want := []string{"0:логистический отдел", "1:тендер", "2:SLA", "5:99 %", "3:KPI", "6:в", "1:Тендеры", "6:в"}
	if !slices.Equal(got, want) {
		t.Errorf("matches\n got %q\nwant %q", got, want)
	}
	// The set and the patterns one by one agree.
	a := Analyze(text)
	var one []string
	for i, src := range []string{"логистическ* отдел*", "тендер*", "sla", "kpi", "я? не знаю", "* %", "в"} {
		p, _ := NewPattern(src)
		for _, m := range p.FindIn(a) {
			one = append(one, fmt.Sprintf("%d:%s", i, m.Match))
		}
	}
	slices.Sort(one)
	slices.Sort(got)
	if !slices.Equal(one, got) {
		t.Errorf("one by one %q, set %q", one, got)
	}
	if _, err := NewPatternSet([]string{"ok", "a ~x b"}); err == nil || err.Error() != `[1]: unknown token "~x"` {
		t.Errorf("error = %v", err)
	}
	if got := ps.Find(""); got == nil || len(got) != 0 {
		t.Errorf("Find(\"\") = %#v", got)
	}
}
