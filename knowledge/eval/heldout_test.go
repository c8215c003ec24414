package eval

import (
	"os"
	"testing"
)

// The held-out corpora (heldout/ to heldout4/) were written blind, after the
// packs, so that their figures are not flattered by rules tuned on the main corpus. They
// are not embedded: only `sufler-eval -corpus knowledge/eval/heldout…` and this test read
// them. heldout2/ was written later, by another hand, to check that figures on heldout/
// were not a lucky sample; heldout3/ is a third, larger sample written after both, and
// heldout4/ a fourth, one hand per pack, written after the rules had caught up with heldout3/;
// heldout5/ is a second customs round, written after heldout4/'s fixes.
var heldouts = []struct {
	dir                         string
	violations, clean, messages int    // the least each of its packs must hold
	only                        string // the one default pack it was written for; "" for all
}{
	{"heldout", 40, 40, 20, ""},
	{"heldout2", 45, 45, 25, ""},
	{"heldout3", 84, 64, 36, ""},
	{"heldout4", 77, 60, 30, ""},
	{"heldout5", 90, 63, 32, "prove-customs"},
}

// TestHeldout holds each held-out corpus to the main corpus's checks and to its own size
// per pack, and keeps ids and texts apart across the main corpus and every held-out one.
func TestHeldout(t *testing.T) {
	main := loadCorpus(t)
	all := []*Corpus{main}
	owner := map[string]string{} // id -> corpus it first appeared in
	for _, r := range main.Replies {
		owner[r.ID] = "the main corpus"
	}
	for _, m := range main.Messages {
		owner[m.ID] = "the main corpus"
	}
	for _, hd := range heldouts {
		t.Run(hd.dir, func(t *testing.T) {
			h, err := Load(os.DirFS(hd.dir))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, h)
			checkSpans(t, h)
			checkMessages(t, h)

			count := map[string]map[string]int{}
			add := func(pack, kind, id, line string) {
				if o, ok := owner[id]; ok {
					t.Errorf("%s: id %s is also an id of %s", line, id, o)
				}
				owner[id] = hd.dir
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
				if hd.only != "" && id != hd.only {
					if n := count[id]["violation"] + count[id]["clean"] + count[id]["message"]; n > 0 {
						t.Errorf("pack %s: %d items in %s, which was written for %s only", id, n, hd.dir, hd.only)
					}
					continue
				}
				for kind, min := range map[string]int{"violation": hd.violations, "clean": hd.clean, "message": hd.messages} {
					if n := count[id][kind]; n < min {
						t.Errorf("pack %s: %d %s items in %s, want at least %d", id, n, kind, hd.dir, min)
					}
				}
			}
		})
	}
	checkFresh(t, all...)
}
