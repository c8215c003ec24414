package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// defaultParsed parses the default packs, which are large enough to be cut into slices.
func defaultParsed(t *testing.T) []*pack.Pack {
	t.Helper()
	var out []*pack.Pack
	for _, doc := range packs.Default() {
		p, problems := pack.ParseTrusted(doc)
		if problems != nil {
			t.Fatal(problems)
		}
		out = append(out, p)
	}
	return out
}

// TestIndexImage: an image holds the same index at every build, and a pack loaded from its
// image answers searches and suggestions exactly as the same pack built from scratch.
func TestIndexImage(t *testing.T) {
	for _, p := range defaultParsed(t) {
		img, err := index.Image(p)
		if err != nil {
			t.Fatal(err)
		}
		digest, err := index.Digest(img)
		if err != nil {
			t.Fatal(err)
		}
		again, err := index.Image(p)
		if err != nil {
			t.Fatal(err)
		}
		if d, err := index.Digest(again); err != nil || d != digest {
			t.Fatalf("%s: two builds hold different indexes (%v)", p.ID, err)
		}
		changed := *p
		changed.Templates = append([]pack.Template{p.Templates[1], p.Templates[0]}, p.Templates[2:]...)
		changed.Templates[0].Title += " полис"
		if other, err := index.Image(&changed); err != nil {
			t.Fatal(err)
		} else if d, _ := index.Digest(other); d == digest {
			t.Fatalf("%s: a changed title leaves the digest as it was", p.ID)
		}
		built, loaded := NewBase(), NewBase()
		t.Cleanup(built.Close)
		t.Cleanup(loaded.Close)
		if _, problems, err := built.PutPack(p, PutOptions{Trusted: true}); err != nil {
			t.Fatal(err, problems)
		}
		if _, problems, err := loaded.PutPack(p, PutOptions{Trusted: true, Image: img, Background: true}); err != nil {
			t.Fatal(err, problems)
		}
		var queries []string
		for _, tp := range p.Templates {
			queries = append(queries, tp.Title, tp.Triggers[0])
		}
		for _, c := range p.Cases {
			queries = append(queries, c.CustomerSays...)
		}
		for _, q := range queries {
			want, err1 := built.Search(q, "", "", 10)
			got, err2 := loaded.Search(q, "", "", 10)
			if err1 != nil || err2 != nil || len(want.Hits) == 0 || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: search %q from the image differs:\n got %+v (%v)\nwant %+v (%v)", p.ID, q, got, err2, want, err1)
			}
			wantS, err1 := built.Suggest(q, "", "", 5)
			gotS, err2 := loaded.Suggest(q, "", "", 5)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(gotS, wantS) {
				t.Fatalf("%s: suggest %q from the image differs:\n got %+v (%v)\nwant %+v (%v)", p.ID, q, gotS, err2, wantS, err1)
			}
		}
	}
}

// TestIndexImageRefused: an image that is damaged or belongs to other entries is refused
// with a specific error, and the pack loaded before stays as it was.
func TestIndexImageRefused(t *testing.T) {
	ps := defaultParsed(t)
	p, other := ps[0], ps[1]
	img, err := index.Image(p)
	if err != nil {
		t.Fatal(err)
	}
	otherImg, err := index.Image(other)
	if err != nil {
		t.Fatal(err)
	}
	fewer := *p
	fewer.Cases = fewer.Cases[:len(fewer.Cases)-1]
	renamed := *p
	renamed.Templates = slices.Clone(p.Templates)
	renamed.Templates[len(renamed.Templates)-1].ID += "-renamed"
	n := len(p.Templates) + len(p.Cases)
	flipped := bytes.Clone(img)
	flipped[len("sufler-index 1\n")+100] ^= 0x55

	tests := []struct {
		name string
		pack *pack.Pack
		img  []byte
		want string
	}{
		{"not an image", p, []byte("{}"), `does not start with "sufler-index 1"`},
		{"cut short", p, img[:len(img)/2], "segment 0: bad length"},
		{"damaged", p, flipped, "segment 0: checksum"},
		{"another pack's", p, otherImg, fmt.Sprintf("%d entries, the pack has %d", len(other.Templates)+len(other.Cases), n)},
		{"a pack with fewer entries", &fewer, img, fmt.Sprintf("%d entries, the pack has %d", n, n-1)},
		{"a pack with an entry renamed", &renamed, img, "want \"t/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBase()
			defer b.Close()
			if _, _, err := b.PutPack(p, PutOptions{Trusted: true, Image: img}); err != nil {
				t.Fatal(err)
			}
			before, _ := b.Search(p.Templates[0].Title, "", "", 5)
			_, _, err := b.PutPack(tt.pack, PutOptions{Trusted: true, Image: tt.img})
			if !errors.Is(err, index.ErrImage) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "pack "+p.ID) {
				t.Fatalf("error %v, want one about the index image with %q", err, tt.want)
			}
			after, err := b.Search(p.Templates[0].Title, "", "", 5)
			if err != nil || len(after.Hits) == 0 || !reflect.DeepEqual(after, before) {
				t.Errorf("the loaded pack changed: %+v (%v), was %+v", after, err, before)
			}
		})
	}
}

// TestIndexImageBackground: a pack loaded in the background with a bad image is in at once
// and gets its index built instead, so its search still answers.
func TestIndexImageBackground(t *testing.T) {
	p := defaultParsed(t)[0]
	b := NewBase()
	defer b.Close()
	if _, _, err := b.PutPack(p, PutOptions{Trusted: true, Background: true, Image: []byte("not an image")}); err != nil {
		t.Fatal(err)
	}
	res, err := b.Search(p.Templates[0].Title, "", "", 5)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != p.Templates[0].ID {
		t.Fatalf("search after a bad image: %+v, %v", res, err)
	}
}
