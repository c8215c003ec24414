package index

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v16"
)

// Image cannot make an image in the browser: it rewrites segments through temporary
// files. Export takes the segments of an index already built, as they are in memory: an
// in-memory scorch index never merges, so they are still one per slice, in the order
// buildIndex cut them, which is what readPackImage checks when the image comes back.

// Export returns the image of the built index. Its bytes are the format Image writes (not
// necessarily the same bytes: a segment's layout is not canonical here), and Load takes it.
func (x *Index) Export() ([]byte, error) {
	adv, err := x.bleve.Advanced()
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
	var buf, seg bytes.Buffer
	buf.WriteString(imageMagic)
	for i, s := range snap.Segments() {
		sb, ok := s.Segment().(*zap.SegmentBase)
		if !ok {
			return nil, fmt.Errorf("segment %d is %T, not an in-memory zap segment", i, s.Segment())
		}
		seg.Reset()
		if _, err := sb.WriteTo(&seg); err != nil {
			return nil, fmt.Errorf("write segment %d: %w", i, err)
		}
		buf.Write(binary.AppendUvarint(nil, uint64(seg.Len())))
		buf.Write(seg.Bytes())
	}
	return buf.Bytes(), nil
}

// CheckImage reads an image's framing and every segment's footer and checksum, without a
// pack: a damaged image is refused before the pack it came with is loaded, so the answer
// can say so. Whether the segments hold the pack's entries is checked when it loads.
func CheckImage(img []byte) error {
	_, err := readImage(img)
	return err
}
