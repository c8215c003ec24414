package engine

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
	"github.com/sufler/sufler/wasm/engine/internal/packdata"
)

// regenerate is what to run when TestPrebuilt fails: the generator, not the test, writes.
const regenerate = "run go run ./wasm/engine/internal/gen (or go generate ./wasm/engine)"

// TestPrebuilt holds images/ to the embedded pack JSON: each .pack and lemmas.txt must be
// the bytes the generator writes of it today, and the packs must read back exactly as
// parsing the JSON gives them, but for their rules' examples (packdata.Shipped); each .idx must hold the index building its pack gives (by
// content: zap's byte layout differs from build to build). It only compares; the
// generator writes.
func TestPrebuilt(t *testing.T) {
	parsed, err := packdata.Packs()
	if err != nil {
		t.Fatal(err)
	}
	lemmas, err := packdata.Lemmas(parsed)
	if err != nil {
		t.Fatal(err)
	}
	table, err := packdata.LemmaFile(lemmas)
	if err != nil {
		t.Fatal(err)
	}
	if disk, err := os.ReadFile("images/lemmas.txt"); err != nil || !bytes.Equal(disk, table) {
		t.Errorf("images/lemmas.txt is not what the generator writes (%v); %s", err, regenerate)
	}
	defaults, err := defaultPacks()
	if err != nil {
		t.Fatalf("the prebuilt packs do not read: %v; %s", err, regenerate)
	}
	byID := map[string]*pack.Pack{}
	for _, p := range defaults {
		q := *p
		q.Rules = nil // compiled by ReadBinary; TestCompiledLemmas compares them
		byID[p.ID] = &q
	}
	for _, p := range parsed {
		bin, err := packdata.PackFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if disk, err := os.ReadFile("images/" + p.ID + ".pack"); err != nil || !bytes.Equal(disk, bin) {
			t.Errorf("images/%s.pack is not what the generator writes (%v); %s", p.ID, err, regenerate)
		}
		if !reflect.DeepEqual(byID[p.ID], packdata.Shipped(p)) {
			t.Errorf("images/%s.pack reads back as another pack than its JSON; %s", p.ID, regenerate)
		}
	}
	if len(defaults) != len(parsed) {
		t.Errorf("%d prebuilt packs for %d default packs; %s", len(defaults), len(parsed), regenerate)
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

// TestCompiledLemmas: the default packs' rules compiled from images/lemmas.txt are the rules
// the dictionary compiles, structure and findings alike, on every rule example.
func TestCompiledLemmas(t *testing.T) {
	ps, err := defaultPacks() // hands lemmas.txt's table to the rules
	if err != nil {
		t.Fatal(err)
	}
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
	table, err := images.ReadFile("images/lemmas.txt")
	if err != nil {
		t.Fatal(err)
	}
	lemmas, err := readLemmas(string(table))
	if err != nil {
		t.Fatal(err)
	}
	rules.UseCompiledLemmas(lemmas) // as defaultPacks left it, for the tests after this one
	// The anchor index enters a lemma's forms once for all the rules that share the list, and
	// only the table's lists are shared: the findings below compare what it finds.
	if d := firstDifference("rules", reflect.ValueOf(fromTable), reflect.ValueOf(fromDict), "anchorIndex"); d != "" {
		t.Errorf("rules compiled from lemmas.txt differ from the dictionary's at %s", d)
	}
	specs := jsonSpecs(t)
	for i, p := range ps {
		sameFindings(t, specs[p.ID], fromTable[i], fromDict[i])
	}
}

// jsonSpecs are the default packs' rules as their JSON has them, examples and all (the
// shipped packs carry none), by pack id.
func jsonSpecs(t *testing.T) map[string][]rules.Spec {
	parsed, err := packdata.Packs()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]rules.Spec{}
	for _, p := range parsed {
		out[p.ID] = p.Specs
	}
	return out
}

// sameFindings checks that two sets find the same on every example of specs, in every
// segment a rule has replacements for and in none.
func sameFindings(t *testing.T, specs []rules.Spec, a, b *rules.Set) {
	t.Helper()
	n := 0
	for _, sp := range specs {
		for _, text := range slices.Concat(sp.Examples.Flag, sp.Examples.Pass) {
			for _, seg := range append([]string{""}, slices.Sorted(maps.Keys(sp.Replacements))...) {
				n++
				if fa, fb := a.Check(text, seg), b.Check(text, seg); !reflect.DeepEqual(fa, fb) {
					t.Errorf("%s %q (segment %q): %v against %v", sp.ID, text, seg, fa, fb)
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d example checks: the comparison tested little", n)
	}
}

// TestCompiledRules: the default packs' rules read from the compiled form in images/*.pack
// are the rules compiling their specs gives, structure and findings alike, on every example
// of every rule (from the JSON: the shipped packs carry none) in every segment it names.
func TestCompiledRules(t *testing.T) {
	ps, err := defaultPacks()
	if err != nil {
		t.Fatal(err)
	}
	specs := jsonSpecs(t)
	for _, p := range ps {
		compiled, problems := rules.CompileTrusted(p.Specs)
		if problems != nil {
			t.Fatalf("pack %s: %v", p.ID, problems)
		}
		if d := firstDifference(p.ID, reflect.ValueOf(p.Rules), reflect.ValueOf(compiled)); d != "" {
			t.Errorf("rules read from images/%s.pack differ from the compiled ones at %s", p.ID, d)
		}
		sameFindings(t, specs[p.ID], p.Rules, compiled)
	}
}

// firstDifference is reflect.DeepEqual that takes two funcs for equal when they are the same
// function (compiled rules hold their detectors), and says where the values differ. What a
// rule builds on first use is not compared: a regex read from its compiled form is compiled
// when first run (its source is compared), and an element's word set is made of its words;
// nor are values of the types named in skip.
func firstDifference(path string, a, b reflect.Value, skip ...string) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Type() {
	case reflect.TypeFor[sync.Once](), reflect.TypeFor[*regexp.Regexp]():
		return ""
	}
	if a.Kind() == reflect.Pointer && (a.Type().Elem().Name() == "wordSet" || slices.Contains(skip, a.Type().Elem().Name())) {
		return ""
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path
			}
			return ""
		}
		return firstDifference(path, a.Elem(), b.Elem(), skip...)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDifference(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), skip...); d != "" {
				return d
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return path
		}
		for i := range a.Len() {
			if d := firstDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), skip...); d != "" {
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
			if d := firstDifference(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), v, skip...); d != "" {
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

// TestLemmaFile: what packdata writes of lemmas, readLemmas reads back form for form,
// forms with no stem in common and one-form lemmas included; a damaged line is an error.
func TestLemmaFile(t *testing.T) {
	want := []packdata.Lemma{
		{Token: "<идти>", Forms: []string{"идти", "иду", "шёл", "шла"}},
		{Token: "<кот>", Forms: []string{"кот", "кота", "котом"}},
		{Token: "<ой>", Forms: []string{"ой"}},
		{Token: "<ёж>", Forms: []string{"ёж", "ежа"}},
	}
	text, err := packdata.LemmaFile(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readLemmas(string(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range want {
		if !reflect.DeepEqual(got[l.Token], l.Forms) {
			t.Errorf("%s: got %q, want %q", l.Token, got[l.Token], l.Forms)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d lemmas read, %d written", len(got), len(want))
	}
	for _, bad := range []string{"1\n а\n<кот>\tкот\n", "1\n а\n\tкот\t0\n", "1\n а\n<кот>\n", "1\n а\n<кот>\tкот\t1\n", "x\n<кот>\tкот\t0\n", "5\n а\n"} {
		if _, err := readLemmas(bad); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
	// One long ending list shared by many long stems would spell out gigabytes.
	huge := "1\n" + strings.Repeat(" а", 10000) + "\n" + strings.Repeat("<кот>\t"+strings.Repeat("к", 100)+"\t0\n", 10000)
	if _, err := readLemmas(huge); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a file that spells out gigabytes of forms: %v", err)
	}
	if _, err := packdata.LemmaFile([]packdata.Lemma{{Token: "<x>", Forms: []string{"a b"}}}); err == nil {
		t.Error("a form with a space was written")
	}
}
