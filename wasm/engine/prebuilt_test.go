package engine

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/wasm/engine/internal/packdata"
)

// regenerate is what to run when TestPrebuilt fails: the generator, not the test, writes.
const regenerate = "run go run ./wasm/engine/internal/gen (or go generate ./wasm/engine)"

// TestPrebuilt holds prebuilt_gen.go and images/*.idx to the embedded pack JSON: the Go
// data must be what the generator writes of it today, and read back exactly as parsing it
// gives; each image must hold the index building its pack gives (by content: zap's byte
// layout differs from build to build). It only compares; the generator writes.
func TestPrebuilt(t *testing.T) {
	parsed, err := packdata.Packs()
	if err != nil {
		t.Fatal(err)
	}
	src, err := packdata.Render(parsed)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(defaultPacks(), parsed) {
		t.Errorf("prebuilt_gen.go holds other packs than the embedded JSON; %s", regenerate)
	}
	if disk, err := os.ReadFile("prebuilt_gen.go"); err != nil || !bytes.Equal(disk, src) {
		t.Errorf("prebuilt_gen.go is not what the generator writes (%v); %s", err, regenerate)
	}
	for _, p := range parsed {
		_, want, err := packdata.Image(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := image(p.ID)
		if err != nil {
			t.Errorf("images/%s.idx: %v; %s", p.ID, err, regenerate)
			continue
		}
		if got, err := index.Digest(img); err != nil || got != want {
			t.Errorf("images/%s.idx holds another index than building pack %s gives (%v); %s", p.ID, p.ID, err, regenerate)
		}
	}
}
