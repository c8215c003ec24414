package engine

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/rules"
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
	lemmas, err := packdata.Lemmas(parsed)
	if err != nil {
		t.Fatal(err)
	}
	src, err := packdata.Render(parsed, lemmas)
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

// TestCompiledLemmas: the default packs' rules compiled from prebuiltLemmas are the rules
// the dictionary compiles, structure and findings alike, on every rule example.
func TestCompiledLemmas(t *testing.T) {
	ps := defaultPacks() // hands prebuiltLemmas to the rules
	compileAll := func() []*rules.Set {
		var out []*rules.Set
		for _, p := range ps {
			set, problems := rules.CompileTrusted(p.Specs)
			if problems != nil {
				t.Fatalf("pack %s: %v", p.ID, problems)
			}
			out = append(out, set)
		}
		return out
	}
	fromTable := compileAll()
	rules.UseCompiledLemmas(nil)
	fromDict := compileAll()
	defaultPacks()
	fillMaps = sync.Once{} // the next defaultPacks hands the table over again
	defaultPacks()
	if d := firstDifference("rules", reflect.ValueOf(fromTable), reflect.ValueOf(fromDict)); d != "" {
		t.Errorf("rules compiled from prebuiltLemmas differ from the dictionary's at %s", d)
	}
	for i, p := range ps {
		for _, sp := range p.Specs {
			for _, text := range slices.Concat(sp.Examples.Flag, sp.Examples.Pass) {
				for _, seg := range append([]string{""}, slices.Sorted(maps.Keys(sp.Replacements))...) {
					a, b := fromTable[i].Check(text, seg), fromDict[i].Check(text, seg)
					if !reflect.DeepEqual(a, b) {
						t.Errorf("%s %q (segment %q): table %v, dictionary %v", sp.ID, text, seg, a, b)
					}
				}
			}
		}
	}
}

// firstDifference is reflect.DeepEqual that takes two funcs for equal when they are the same
// function (compiled rules hold their detectors), and says where the values differ.
func firstDifference(path string, a, b reflect.Value) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path
			}
			return ""
		}
		return firstDifference(path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDifference(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return path
		}
		for i := range a.Len() {
			if d := firstDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		if a.Len() != b.Len() {
			return path
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() {
				return fmt.Sprintf("%s[%v]", path, k)
			}
			if d := firstDifference(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), v); d != "" {
				return d
			}
		}
	case reflect.Func:
		if a.Pointer() != b.Pointer() {
			return path
		}
	default:
		if fmt.Sprint(a) != fmt.Sprint(b) {
			return path
		}
	}
	return ""
}
