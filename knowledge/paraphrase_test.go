package knowledge

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/packs"
)

// paraphraseFloor is the share of held-out messages that must find an answer in the top 3.
const paraphraseFloor = 0.85

// TestSuggestParaphrases runs Suggest on customer messages written apart from the default
// packs and the eval corpus (testdata/paraphrases.txt): other words, other forms, other
// order than the packs' triggers. It fails when fewer than paraphraseFloor of them find an
// answering template or case in the top 3, and lists the misses.
func TestSuggestParaphrases(t *testing.T) {
	data, err := os.ReadFile("testdata/paraphrases.txt")
	if err != nil {
		t.Fatal(err)
	}
	b := newTestBase(t, packs.Default()...)
	var n, top1, top3 int
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, rest, ok1 := strings.Cut(line, ": ")
		msg, ids, ok2 := strings.Cut(rest, " => ")
		pack, segment, ok3 := strings.Cut(head, " ")
		if !ok1 || !ok2 || !ok3 {
			t.Fatalf("malformed line %q", line)
		}
		got, err := b.Suggest("", msg, segment, 5)
		if err != nil {
			t.Fatal(err)
		}
		n++
		want := strings.Fields(ids)
		at := -1
		for i, s := range got {
			if s.Pack == pack && at < 0 && slices.Contains(want, s.ID) {
				at = i
			}
		}
		switch {
		case at == 0:
			top1++
			top3++
		case at > 0 && at < 3:
			top3++
		default:
			t.Logf("miss: %q: want %v, got %v", msg, want, suggestionIDs(got))
		}
	}
	t.Logf("%d messages: top-1 %.2f, top-3 %.2f", n, float64(top1)/float64(n), float64(top3)/float64(n))
	if n < 40 {
		t.Errorf("%d messages, want at least 40", n)
	}
	if float64(top3) < paraphraseFloor*float64(n) {
		t.Errorf("top-3 %d of %d, below %.2f", top3, n, paraphraseFloor)
	}
}
