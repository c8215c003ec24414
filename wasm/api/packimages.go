package api

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"sync"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
)

// The engine host keeps each imported pack with what the engine made of it, so an engine
// start takes the pack in instead of reading its JSON and indexing it again. The image the
// host keeps is a pack image: the pack in its binary form (pack.ReadBinary) and its index
// image, bound to the exact pack bytes they were made from and to the engine that made them.
//
//	GET /v1/packs/{id}/image → application/octet-stream:
//	    "sufler-pack-image 2\n", the pack's sum (32 bytes), the engine's stamp (32 bytes),
//	    the binary pack's length (8 bytes, big-endian), the binary pack, the index image
//
// The pack's sum (packSum) guards against a stale image (a pack edited or replaced after
// its image was made), not against an attacker: whoever can write the image where the host
// keeps it can write the pack beside it too.
//	PUT /v1/packs/{id} with Content-Type: application/vnd.sufler.pack+image and the body
//	    "sufler-pack 1 <n>\n", the n bytes of the pack JSON, a pack image
//
// The image is used only when it was made from these very bytes by an engine with the same
// stamp, and its binary pack and index segments read back whole: then the JSON is not read
// at all (reading a 10,000-entry pack's JSON took about 700 ms of wasm, its binary form a
// tenth of that). Otherwise the pack JSON is checked as any PUT checks it and indexed anew,
// and the answer's "image" says why. A refused pack leaves the loaded packs as they were,
// image or not.

// PackImageType is the Content-Type of a PUT that carries a pack image after the pack.
const PackImageType = "application/vnd.sufler.pack+image"

const (
	packImageMagic = "sufler-pack-image 2\n"
	packFrameMagic = "sufler-pack 1 "
	// MaxImageBody bounds a PUT with an image: the pack, and an index a few times its size.
	MaxImageBody = 4 * MaxPackBody
)

// images remembers, per pack loaded through the API, the sum of the JSON it came from,
// so an exported image names the pack bytes it indexes. Built-in packs are not in it.
type images struct {
	mu      sync.Mutex
	sums    map[string][32]byte // packSum of each pack's JSON
	stampOf func() []byte       // SetImageStamp's; summed on first use, not at start
	once    sync.Once
	stamp   [32]byte
}

// SetImageStamp names the engine build that makes and reads pack images: an image made by
// an engine with another stamp (another analyser, another index layout, another binary
// pack form) is not used. The default engine passes its default packs' prebuilt files,
// which change whenever either does (TestPrebuilt holds them to a fresh build). Set it before the
// first request; it is called once, when an image is first made or read.
func (h *Handler) SetImageStamp(stamp func() []byte) { h.images.stampOf = stamp }

// engineStamp returns packSum of the stamp (of nothing, when none was set): it names a
// build and guards against no attacker; SHA-256 of the default packs' images took 20 ms of
// wasm at the first restart.
func (im *images) engineStamp() [32]byte {
	im.once.Do(func() {
		var b []byte
		if im.stampOf != nil {
			b = im.stampOf()
		}
		im.stamp = packSum(b)
	})
	return im.stamp
}

func (im *images) remember(id string, sum [32]byte) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.sums == nil {
		im.sums = map[string][32]byte{}
	}
	im.sums[id] = sum
}

func (im *images) forget(id string) {
	im.mu.Lock()
	delete(im.sums, id)
	im.mu.Unlock()
}

func (im *images) lookup(id string) (sum, stamp [32]byte, ok bool) {
	im.mu.Lock()
	sum, ok = im.sums[id]
	im.mu.Unlock()
	return sum, im.engineStamp(), ok
}

// packImage answers GET /v1/packs/{id}/image.
func (h *Handler) packImage(w http.ResponseWriter, _ *http.Request, id string) {
	sum, stamp, ok := h.images.lookup(id)
	if !ok {
		if h.base.BuiltIn(id) {
			writeError(w, http.StatusConflict, fmt.Sprintf("pack %q is built in: the engine carries its index already", id), nil)
			return
		}
		writeError(w, http.StatusNotFound, fmt.Sprintf("no pack %q was loaded through PUT or POST /v1/packs", id), nil)
		return
	}
	bin, img, err := h.base.Export(id)
	var none *knowledge.NoPackError
	switch {
	case errors.As(err, &none):
		writeError(w, http.StatusNotFound, err.Error(), nil)
		return
	case err != nil:
		writeEngineError(w, err)
		return
	}
	// The pack may have been replaced while its index was exported: only a sum taken
	// after the export, equal to the one before, names the bytes the image holds.
	if again, _, ok := h.images.lookup(id); !ok || again != sum {
		writeError(w, http.StatusConflict, fmt.Sprintf("pack %q changed while its image was made; ask again", id), nil)
		return
	}
	out := make([]byte, 0, len(packImageMagic)+72+len(bin)+len(img))
	out = append(out, packImageMagic...)
	out = append(out, sum[:]...)
	out = append(out, stamp[:]...)
	out = binary.BigEndian.AppendUint64(out, uint64(len(bin)))
	out = append(out, bin...)
	out = append(out, img...)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(out)
}

// withImage reports whether a PUT carries a pack image (by its Content-Type).
func withImage(r *http.Request) bool {
	t, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && t == PackImageType
}

// splitFramed cuts a framed PUT body into the pack JSON and the pack image.
func splitFramed(body []byte) (pack, img []byte, err error) {
	rest, ok := bytes.CutPrefix(body, []byte(packFrameMagic))
	if !ok {
		return nil, nil, fmt.Errorf("a %s body must start with %q", PackImageType, packFrameMagic+"<length>\\n")
	}
	line, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || len(line) == 0 || len(line) > 10 {
		return nil, nil, fmt.Errorf("a %s body must give the pack's length in bytes, then a newline", PackImageType)
	}
	n, err := strconv.Atoi(string(line))
	if err != nil || n < 0 || strconv.Itoa(n) != string(line) {
		return nil, nil, fmt.Errorf("the pack length %q is not a whole number of bytes", line)
	}
	if n > len(rest) {
		return nil, nil, fmt.Errorf("the pack length %d is more than the %d bytes that follow", n, len(rest))
	}
	if n > MaxPackBody {
		return nil, nil, fmt.Errorf("the pack is larger than %d bytes", MaxPackBody)
	}
	return rest[:n], rest[n:], nil
}

// usableImage returns the binary pack and the index image inside a pack image when they
// may stand for the pack JSON with the sum (packSum), or why they may not.
func (h *Handler) usableImage(sum [32]byte, img []byte) (bin, idx []byte, err error) {
	rest, ok := bytes.CutPrefix(img, []byte(packImageMagic))
	if !ok || len(rest) < 72 {
		return nil, nil, errors.New("it is not a pack image of this engine's format")
	}
	stamp := h.images.engineStamp()
	if !bytes.Equal(rest[:32], sum[:]) {
		return nil, nil, errors.New("it was built from other pack bytes")
	}
	if !bytes.Equal(rest[32:64], stamp[:]) {
		return nil, nil, errors.New("it was built by another version of the engine")
	}
	n := binary.BigEndian.Uint64(rest[64:72])
	rest = rest[72:]
	if n > uint64(len(rest)) {
		return nil, nil, errors.New("its binary pack runs past its end")
	}
	bin, idx = rest[:n], rest[n:]
	if err := knowledge.CheckImage(idx); err != nil {
		return nil, nil, err
	}
	return bin, idx, nil
}

// imagePack reads the binary pack of a usable image, as the pack with the id. Its bytes
// are copied out of the request body first: the pack's strings point into them, and the
// body (the pack's JSON too) can then be freed.
func imagePack(id string, bin []byte) (*pack.Pack, error) {
	p, err := pack.ReadBinary(bytes.Clone(bin))
	switch {
	case err != nil:
		return nil, err
	case p.ID != id:
		return nil, fmt.Errorf("it holds pack %q", p.ID)
	}
	return p, nil
}

// imageReport says in an answer whether the image sent with a pack was used.
type imageReport struct {
	// Used is true when the pack's index came from the image.
	Used bool `json:"used"`
	// Error says why the image was not used; the pack was indexed anew.
	Error string `json:"error,omitempty"`
}
