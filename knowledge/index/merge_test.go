package index

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v16"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// TestMergeOneSegment: a pack built in slices ends as one segment that answers as an index
// built of the whole pack in one batch does: the same entries with the same scores (the
// order of equal scores may differ, as entries are numbered slice by slice).
func TestMergeOneSegment(t *testing.T) {
	for _, doc := range packs.Default() {
		p, problems := pack.ParseTrusted(doc)
		if problems != nil {
			t.Fatal(problems)
		}
		x, err := Build(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if segs, err := segmentsOf(x.bleve); err != nil || len(segs) != 1 {
			t.Fatalf("%s: %d segments after Build, %v; want one", p.ID, len(segs), err)
		}
		whole, err := newIndex()
		if err != nil {
			t.Fatal(err)
		}
		b := whole.NewBatch()
		for i := range p.Templates {
			b.IndexAdvanced(templateDoc(&p.Templates[i]))
		}
		for i := range p.Cases {
			b.IndexAdvanced(caseDoc(&p.Cases[i]))
		}
		if err := whole.Batch(b); err != nil {
			t.Fatal(err)
		}
		want := wrap(p, whole)
		defer want.Close()
		n := len(p.Templates) + len(p.Cases)
		for i, tpl := range p.Templates {
			if i%7 != 0 {
				continue
			}
			for _, q := range []Query{AnyTerms(Analyse(tpl.Title, MaxQueryTerms, false), ""),
				Suggestion(Analyse(tpl.Situation, 48, false), Analyse(tpl.Title, 24, true))} {
				got, gn, err1 := x.Search(q, n)
				exp, en, err2 := want.Search(q, n)
				if err1 != nil || err2 != nil || gn != en || len(got) != len(exp) {
					t.Fatalf("%s %q: %d/%d hits, %v %v", p.ID, tpl.Title, gn, en, err1, err2)
				}
				scores := map[string]float64{}
				for _, m := range exp {
					scores[m.Kind+"/"+m.ID] = m.Score
				}
				for _, m := range got {
					if s, ok := scores[m.Kind+"/"+m.ID]; !ok || math.Abs(s-m.Score) > 1e-9*math.Abs(s) {
						t.Fatalf("%s %q: %s/%s scores %g merged, %g whole", p.ID, tpl.Title, m.Kind, m.ID, m.Score, s)
					}
				}
			}
		}
	}
}

// TestMergeIsZapMerge: the in-memory merge writes what zap's own Merge writes to a file
// (the same length, and the same entries and postings: zap writes a field's sections in
// map order, so two merges' bytes differ), so the functions merge.go links by name still
// are what it takes them for.
func TestMergeIsZapMerge(t *testing.T) {
	p, problems := pack.ParseTrusted(packs.Default()[0])
	if problems != nil {
		t.Fatal(problems)
	}
	idx, err := newIndex()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for i := range p.Templates {
		b := idx.NewBatch()
		b.IndexAdvanced(templateDoc(&p.Templates[i]))
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			break
		}
	}
	segs, err := segmentsOf(idx)
	if err != nil || len(segs) < 2 {
		t.Fatalf("%d segments, %v; want several", len(segs), err)
	}
	got, err := mergeSegments(segs)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "merged.zap")
	in := make([]segment.Segment, len(segs))
	for i, s := range segs {
		in[i] = s
	}
	if _, _, err := (&zap.ZapPlugin{}).Merge(in, make([]*roaring.Bitmap, len(segs)), path, nil, nil); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	image := func(file []byte) string {
		d, err := Digest(append(binary.AppendUvarint([]byte(imageMagic), uint64(len(file))), file...))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if len(got) != len(want) || image(got) != image(want) {
		t.Fatalf("in-memory merge: %d bytes, zap's Merge: %d bytes, not the same segment", len(got), len(want))
	}
}
