package knowledge

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"golang.org/x/tools/txtar"
)

// fuzzSeeds are the test packs, the golden packs and a few broken documents.
func fuzzSeeds(f *testing.F) {
	f.Add(testPack)
	f.Add(testPack2)
	files, _ := filepath.Glob("pack/testdata/validate/*.txtar")
	if len(files) == 0 {
		f.Fatal("no golden packs in pack/testdata/validate")
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, x := range ar.Files {
			if x.Name == "pack.json" {
				f.Add(x.Data)
			}
		}
	}
	for _, s := range []string{"", "{}", "[]", "null", `{"id":`, `{"id":"a","segments":[{}]}`, strings.Repeat("[", 20000)} {
		f.Add([]byte(s))
	}
}

// FuzzParse: any bytes give either a valid pack or problems, never a panic; a valid pack
// holds together (every template speaks to every segment, rules are compiled).
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems := pack.Parse(data)
		if (p == nil) == (len(problems) == 0) {
			t.Fatalf("pack %v with %d problems", p != nil, len(problems))
		}
		for _, pr := range problems {
			if pr.Problem == "" {
				t.Fatalf("problem without text at %q", pr.Path)
			}
		}
		if p == nil {
			return
		}
		if p.Rules == nil || !pack.IsID(p.ID) || len(p.Segments) == 0 {
			t.Fatalf("accepted a broken pack: %+v", p)
		}
		for _, tp := range p.Templates {
			for _, s := range p.Segments {
				if strings.TrimSpace(tp.Variants[s.ID].Text) == "" {
					t.Fatalf("template %s has no text for %s", tp.ID, s.ID)
				}
			}
		}
		pack.Lint(p)
	})
}

// FuzzPut: Put of any bytes either loads a pack that answers queries or changes nothing.
func FuzzPut(f *testing.F) {
	fuzzSeeds(f)
	b := NewBase()
	f.Cleanup(b.Close)
	if _, _, err := b.Put(testPack); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, problems, err := b.Put(data)
		if err != nil {
			if len(problems) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
		} else {
			defer func() {
				if info.ID != "vector-test" {
					b.Delete(info.ID)
				} else if _, _, err := b.Put(testPack); err != nil {
					t.Fatal(err)
				}
			}()
			for _, s := range info.Segments {
				if _, err := b.Search("груз", s, "", 5); err != nil {
					t.Fatalf("loaded pack's segment %s: %v", s, err)
				}
				if _, err := b.Check("Гарантируем выпуск.", s); err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		// Refused: the test pack still answers.
		if res, err := b.Search("задержка груза", "smb", "", 3); err != nil || len(res.Hits) == 0 {
			t.Fatalf("old pack lost after a refused Put: %v %v", res, err)
		}
	})
}

// FuzzQuery: whatever the agent or the customer types, queries answer without panics and
// fragments stay escaped text with balanced marks.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"задержали груз", "", "<b>груз</b> & «счёт»", "ё", "\xff\xfe", "груз\u0301", "100%", strings.Repeat("груз ", 300)} {
		f.Add(s)
	}
	b := NewBase()
	f.Cleanup(b.Close)
	for _, p := range [][]byte{testPack, testPack2} {
		if _, _, err := b.Put(p); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		res, err := b.Search(s, "", "", 10)
		if err != nil {
			t.Fatal(err)
		}
		checkFragments(t, res.Hits)
		if _, err := b.Suggest(s, s, "smb", 5); err != nil {
			t.Fatal(err)
		}
		b.GuessSegment(s)
		if _, err := b.Check(s, ""); err != nil {
			t.Fatal(err)
		}
	})
}
