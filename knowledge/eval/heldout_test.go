package eval

import (
	"os"
	"testing"
)

// The held-out corpus (heldout/) was written blind, after the packs, so that its figures
// are not flattered by rules tuned on the main corpus. It is not embedded: only
// `sufler-eval -corpus knowledge/eval/heldout` and this test read it.
const minHeldoutViolations, minHeldoutClean, minHeldoutMessages = 40, 40, 20

// TestHeldout holds the held-out corpus to the main corpus's checks, to its own size per
// pack, and keeps its ids and texts apart from the main corpus.
func TestHeldout(t *testing.T) {
	h, err := Load(os.DirFS("heldout"))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, h)
	checkMessages(t, h)
	main := loadCorpus(t)
	checkFresh(t, main, h)

	ids := map[string]bool{}
	for _, r := range main.Replies {
		ids[r.ID] = true
	}
	for _, m := range main.Messages {
		ids[m.ID] = true
	}
	count := map[string]map[string]int{}
	add := func(pack, kind, id, line string) {
		if ids[id] {
			t.Errorf("%s: id %s is also an id of the main corpus", line, id)
		}
		if count[pack] == nil {
			count[pack] = map[string]int{}
		}
		count[pack][kind]++
	}
	for _, r := range h.Replies {
		kind := "violation"
		if r.Clean() {
			kind = "clean"
		}
		add(r.Pack, kind, r.ID, r.Line)
	}
	for _, m := range h.Messages {
		add(m.Pack, "message", m.ID, m.Line)
	}
	for id := range defaultPacks(t) {
		for kind, min := range map[string]int{"violation": minHeldoutViolations, "clean": minHeldoutClean, "message": minHeldoutMessages} {
			if n := count[id][kind]; n < min {
				t.Errorf("pack %s: %d held-out %s items, want at least %d", id, n, kind, min)
			}
		}
	}
}
