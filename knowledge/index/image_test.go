package index

import (
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// TestImageSlices: a default pack's image holds one zap segment per slice Build cuts, each
// with exactly the ids of its slice, and Load takes it in.
func TestImageSlices(t *testing.T) {
	for _, doc := range packs.Default() {
		p, problems := pack.ParseTrusted(doc)
		if problems != nil {
			t.Fatal(problems)
		}
		img, err := Image(p)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := readPackImage(p, img)
		if err != nil || len(segs) < 2 {
			t.Fatalf("%s: %d segments, %v; want the pack in several slices", p.ID, len(segs), err)
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
