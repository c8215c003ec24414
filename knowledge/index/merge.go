package index

import (
	"bytes"
	"fmt"
	"io"
	_ "unsafe" // go:linkname

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v16"
)

// A pack is indexed in slices (see sliceSize) so a single-threaded host answers requests
// between them, and so a slice's analysis garbage, not the whole pack's, is what the heap
// must hold. But the in-memory scorch index never merges, and every segment is a
// dictionary each term of a query is looked up in and a posting list it walks: a 10k pack
// in ten segments asked suggest's 100-odd term queries a thousand times. Once the slices
// are built they are merged into one segment, in memory, and the pack's index is that
// segment alone (the same way an image comes in). One segment also gives BM25 the pack's
// statistics instead of a slice's.
//
// zap merges only into a file (ZapPlugin.Merge), which js/wasm in a browser does not
// have; its writer-level merge is unexported, so it is linked by name. zapx is pinned in
// go.mod, and TestMergeIsZapMerge fails if they stop writing what zap's Merge writes.

//go:linkname zapMergeToWriter github.com/blevesearch/zapx/v16.mergeToWriter
func zapMergeToWriter(segments []*zap.SegmentBase, drops []*roaring.Bitmap, chunkMode uint32,
	cr *zap.CountHashWriter, closeCh chan struct{}) (newDocNums [][]uint64, numDocs, storedIndexOffset uint64,
	fieldsInv []string, fieldsMap map[string]uint16, sectionsIndexOffset uint64, err error)

//go:linkname zapPersistFooter github.com/blevesearch/zapx/v16.persistFooter
func zapPersistFooter(numDocs, storedIndexOffset, fieldsIndexOffset, sectionsIndexOffset, docValueOffset uint64,
	chunkMode uint32, crcBeforeFooter uint32, writerIn io.Writer) error

// mergeSegments writes segs as one zap v16 file, in order, as ZapPlugin.Merge would
// write it to disk.
func mergeSegments(segs []*zap.SegmentBase) ([]byte, error) {
	size := 0
	for _, s := range segs {
		size += s.Size() // a little more than its bytes: room enough for the merged file
	}
	var buf bytes.Buffer
	buf.Grow(size)
	cr := zap.NewCountHashWriter(&buf)
	mode := zap.DefaultChunkMode
	_, numDocs, stored, _, _, sections, err := zapMergeToWriter(segs, make([]*roaring.Bitmap, len(segs)), mode, cr, nil)
	if err != nil {
		return nil, err
	}
	// As zap's Merge does: the sections index stands for the fields index, no doc values.
	if err := zapPersistFooter(numDocs, stored, sections, sections, 0, mode, cr.Sum32(), cr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// segmentsOf returns the segments of idx's current snapshot.
func segmentsOf(idx bleve.Index) ([]*zap.SegmentBase, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("index reader is %T, not a scorch snapshot", r)
	}
	var out []*zap.SegmentBase
	for _, s := range snap.Segments() {
		switch sb := s.Segment().(type) {
		case *zap.SegmentBase:
			out = append(out, sb)
		case *zap.Segment:
			out = append(out, &sb.SegmentBase)
		default:
			return nil, fmt.Errorf("segment is %T, not zap", sb)
		}
	}
	return out, nil
}

// mergeIndex returns an index of idx's segments merged into one, and closes idx; an index
// of one segment is returned as it is.
func mergeIndex(idx bleve.Index) (bleve.Index, error) {
	segs, err := segmentsOf(idx)
	if err != nil || len(segs) <= 1 {
		return idx, err
	}
	file, err := mergeSegments(segs)
	if err != nil {
		return idx, err
	}
	sb, err := openSegment(file)
	if err != nil {
		return idx, fmt.Errorf("merged segment: %w", err)
	}
	out, err := indexOf(sb)
	if err != nil {
		return idx, err
	}
	idx.Close()
	return out, nil
}

// indexOf makes a new index of one segment.
func indexOf(sb *zap.SegmentBase) (bleve.Index, error) {
	idx, err := newIndex()
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	err = b.IndexAdvanced(imageDoc(sb))
	if err == nil {
		err = idx.Batch(b)
	}
	if err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}
