package knowledge

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
)

// TestExport: the image Export takes from a running index (no files: it runs in wasm too)
// loads into another base, which answers every search as the base that built the index;
// the image of a pack loaded from an image is an image of it again. The pack read back from
// its binary form loads with the image as the parsed pack does.
func TestExport(t *testing.T) {
	p := defaultParsed(t)[0]
	built := NewBase()
	t.Cleanup(built.Close)
	if _, problems, err := built.PutPack(p, PutOptions{Trusted: true, Background: true}); err != nil {
		t.Fatal(err, problems)
	}
	bin, img, err := built.Export(p.ID) // waits for the background index
	if err != nil {
		t.Fatal(err)
	}
	read, err := pack.ReadBinary(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckImage(img); err != nil {
		t.Fatal(err)
	}
	loaded := NewBase()
	t.Cleanup(loaded.Close)
	if _, problems, err := loaded.PutPack(read, PutOptions{Trusted: true, Image: img}); err != nil {
		t.Fatal(err, problems)
	}
	for _, tp := range p.Templates {
		want, err1 := built.Search(tp.Title, "", "", 10)
		got, err2 := loaded.Search(tp.Title, "", "", 10)
		if err1 != nil || err2 != nil || len(want.Hits) == 0 || !reflect.DeepEqual(got, want) {
			t.Fatalf("search %q from the exported image differs:\n got %+v (%v)\nwant %+v (%v)", tp.Title, got, err2, want, err1)
		}
	}
	_, again, err := loaded.Export(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	d1, err1 := index.Digest(img)
	d2, err2 := index.Digest(again)
	if err1 != nil || err2 != nil || d1 != d2 {
		t.Fatalf("the image of an image-loaded pack holds another index (%v %v)", err1, err2)
	}
	var none *NoPackError
	if _, _, err := loaded.Export("nope"); !errors.As(err, &none) {
		t.Fatalf("Export of a pack not loaded: %v", err)
	}
	if err := CheckImage(img[:len(img)-3]); !errors.Is(err, index.ErrImage) {
		t.Fatalf("a cut image: %v", err)
	}
}
