package knowledge

import (
	"fmt"

	"github.com/sufler/sufler/knowledge/index"
)

// A pack the agent imports is indexed once, where it is imported; the engine host keeps
// the index image beside the pack's JSON and hands both back at the next start, which then
// takes the index in instead of building it again (seconds for a large pack in wasm).
// index.Image cannot make that image in the browser (it writes temporary files); Export
// takes the segments the engine already built (index.Index.Export).

// Export returns the index image of the loaded pack with the id, waiting for its index if
// it is still being built. Its bytes are the same image format index.Image writes (not
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
	img, err := idx.Export()
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", id, err)
	}
	return img, nil
}

// CheckImage reads an image's framing and every segment's checksum, without a pack, so a
// damaged image is refused before the pack it came with is loaded.
func CheckImage(img []byte) error { return index.CheckImage(img) }

// NoPackError is returned for a pack id that is not loaded.
type NoPackError struct {
	// ID is the id asked for.
	ID string
}

func (e *NoPackError) Error() string { return fmt.Sprintf("no pack %q is loaded", e.ID) }
