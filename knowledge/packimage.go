package knowledge

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	zap "github.com/blevesearch/zapx/v16"
)

// A pack the agent imports is indexed once, where it is imported; the engine host keeps
// the index image beside the pack's JSON and hands both back at the next start, which then
// takes the index in instead of building it again (seconds for a large pack in wasm).
// IndexImage cannot make that image in the browser: it rewrites segments through temporary
// files. Export takes the segments of the index the engine already built, as they are in
// memory: an in-memory scorch index never merges, so they are still one per slice, in the
// order buildIndex cut them, which is what readPackImage checks when the image comes back.

// Export returns the index image of the loaded pack with the id, waiting for its index if
// it is still being built. Its bytes are the same image format IndexImage writes (not
// necessarily the same bytes: a segment's layout is not canonical here), and the pack
// loads from it through PutOptions.Image.
func (b *Base) Export(id string) ([]byte, error) {
	b.mu.RLock()
	var l *loaded
	for _, p := range b.packs {
		if p.pack.ID == id {
			l = p
		}
	}
	b.mu.RUnlock()
	if l == nil {
		return nil, &NoPackError{ID: id}
	}
	idx, err := l.index()
	if err != nil {
		return nil, err
	}
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
		return nil, fmt.Errorf("pack %s: index reader is %T, not a scorch snapshot", id, r)
	}
	var buf bytes.Buffer
	buf.WriteString(imageMagic)
	var seg bytes.Buffer
	for i, s := range snap.Segments() {
		sb, ok := s.Segment().(*zap.SegmentBase)
		if !ok {
			return nil, fmt.Errorf("pack %s: segment %d is %T, not an in-memory zap segment", id, i, s.Segment())
		}
		seg.Reset()
		if _, err := sb.WriteTo(&seg); err != nil {
			return nil, fmt.Errorf("pack %s: write segment %d: %w", id, i, err)
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

// NoPackError is returned for a pack id that is not loaded.
type NoPackError struct {
	// ID is the id asked for.
	ID string
}

func (e *NoPackError) Error() string { return fmt.Sprintf("no pack %q is loaded", e.ID) }
