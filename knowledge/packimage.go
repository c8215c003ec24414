package knowledge

import (
	"fmt"

	"github.com/sufler/sufler/knowledge/index"
)

// A pack the agent imports is read and indexed once, where it is imported; the engine host
// keeps the pack's binary form and index image beside its JSON and hands them back at the
// next start, which then takes the pack and its index in instead of reading the JSON and
// building the index again (seconds for a large pack in wasm).
// index.Image cannot make that image in the browser (it writes temporary files); Export
// takes the segments the engine already built (index.Index.Export).

// Export returns the loaded pack with the id in its binary form (pack.ReadBinary reads it
// back) and its index image, waiting for its index if it is still being built. The image is
// the format index.Image writes (not necessarily the same bytes: a segment's layout is not
// canonical here); the pack loads from both through PutPack with PutOptions.Image.
func (b *Base) Export(id string) (bin, img []byte, err error) {
	b.mu.RLock()
	var l *loaded
	for _, p := range b.packs {
		if p.pack.ID == id {
			l = p
		}
	}
	b.mu.RUnlock()
	if l == nil {
		return nil, nil, &NoPackError{ID: id}
	}
	idx, err := l.index()
	if err != nil {
		return nil, nil, err
	}
	if img, err = idx.Export(); err != nil {
		return nil, nil, fmt.Errorf("pack %s: %w", id, err)
	}
	if bin, err = l.pack.AppendBinary(nil); err != nil {
		return nil, nil, fmt.Errorf("pack %s: %w", id, err)
	}
	return bin, img, nil
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
