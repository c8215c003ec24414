package index

import (
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// TestImageOneSegment: a default pack (indexed in several slices) has an image of one zap
// segment holding every entry, and Load takes it in.
func TestImageOneSegment(t *testing.T) {
	for _, doc := range packs.Default() {
		p, problems := pack.ParseTrusted(doc)
		if problems != nil {
			t.Fatal(problems)
		}
		img, err := Image(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(p.Templates) + len(p.Cases); n <= sliceSize(n) {
			t.Fatalf("%s: %d entries in one slice; the test wants a pack of several", p.ID, n)
		}
		segs, err := readPackImage(p, img)
		if err != nil || len(segs) != 1 {
			t.Fatalf("%s: %d segments, %v; want one", p.ID, len(segs), err)
		}
		x, err := Load(p, img, nil)
		if err != nil {
			t.Fatal(err)
		}
		ms, total, err := x.Search(AnyTerms(Analyse(p.Templates[0].Title, MaxQueryTerms, false), ""), 5)
		x.Close()
		if err != nil || total == 0 || len(ms) == 0 {
			t.Fatalf("%s: search of a loaded image: %v, %d, %v", p.ID, ms, total, err)
		}
	}
}
