package morph

import (
	"testing"
	"unsafe"
)

// TestAnalyzeOwnsWord: a caller may pass a word that views a buffer it reuses (rules reads
// words out of a pooled text). The cache must not keep that view: when the buffer is
// rewritten, the word must still get its own readings, and readings handed out before
// must keep their Word. Before the fix, «в» came back with «под»'s readings.
func TestAnalyzeOwnsWord(t *testing.T) {
	d, err := Load(embedded)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, w := range []string{"в", "и", "по"} {
		want[w] = d.Analyze(w)[0].Lemma
	}
	d, _ = Load(embedded) // a fresh cache
	buf := []byte("в")
	view := unsafe.String(&buf[0], len(buf))
	first := d.Analyze(view)
	copy(buf, "и") // the caller reuses its buffer
	if got := first[0].Word; got != "в" {
		t.Errorf("a reading's Word changed with the caller's buffer: %q", got)
	}
	buf2 := []byte("по")
	view2 := unsafe.String(&buf2[0], len(buf2))
	d.Analyze(view2)
	copy(buf2, "в ")
	for w, lemma := range want {
		if ps := d.Analyze(w); len(ps) == 0 || ps[0].Lemma != lemma || ps[0].Word != w {
			t.Errorf("%q after the caller's buffers changed: %+v, want lemma %q", w, ps, lemma)
		}
	}
}
