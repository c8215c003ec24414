package index

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Image cannot make an image in the browser: it rewrites segments through temporary
// files. Export takes the segments of an index already built, as they are in memory: an
// in-memory scorch index never merges, so they are still one per slice, in the order
// buildIndex cut them, which is what readPackImage checks when the image comes back.

// Export returns the image of the built index. Its bytes are the format Image writes (not
// necessarily the same bytes: a segment's layout is not canonical here), and Load takes it.
func (x *Index) Export() ([]byte, error) {
	segs, err := segmentsOf(x.bleve)
	if err != nil {
		return nil, err
	}
	var buf, seg bytes.Buffer
	buf.WriteString(imageMagic)
	for i, sb := range segs {
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
