package morph

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// resign recomputes the checksum of a changed dictionary, so Load's other checks are reached.
func resign(b []byte) []byte {
	out := append([]byte(nil), b[:len(b)-sha256.Size]...)
	sum := sha256.Sum256(out)
	return append(out, sum[:]...)
}

func TestLoadRefusesBadData(t *testing.T) {
	flipped := append([]byte(nil), embedded...)
	flipped[len(flipped)/2] ^= 1
	badVersion := append([]byte(nil), embedded...)
	badVersion[len(magic)] = 99
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a compiled dictionary"},
		{"other file", []byte("PK\x03\x04 not ours at all, and long enough for a checksum......"), "not a compiled dictionary"},
		{"truncated", embedded[:len(embedded)/3], "checksum"},
		{"one bit flipped", flipped, "checksum"},
		{"other version", resign(badVersion), "format 99"},
		{"bytes after the sections", resign(append(append([]byte(nil), embedded[:len(embedded)-sha256.Size]...), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), "after the last section"},
		{"cut section", resign(embedded[:len(embedded)-sha256.Size-100]), "morph:"},
	}
	for _, c := range cases {
		d, err := Load(c.data)
		if err == nil || d != nil {
			t.Errorf("%s: Load accepted it", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not say %q", c.name, err, c.want)
		}
	}
}

// The committed dict.bin is what the generator makes from the pinned source. Where the source
// is installed (npm ci in internal/gen) it is rebuilt and compared byte for byte; everywhere
// the file must name the source version package-lock.json pins.
func TestDictionaryIsGenerated(t *testing.T) {
	lock, err := os.ReadFile(filepath.Join("internal", "gen", "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lock), `"node_modules/az": {`+"\n"+`      "version": "0.2.3"`) {
		t.Fatal("package-lock.json no longer pins az 0.2.3: rebuild dict.bin and update this test and DESIGN.md")
	}
	info := Default().Info()
	for _, want := range []string{"npm az 0.2.3", "OpenCorpora 0.92 rev 394551", "license=CC BY-SA 3.0"} {
		if !strings.Contains(info, want) {
			t.Errorf("dict.bin's meta lacks %q:\n%s", want, info)
		}
	}
	if _, err := os.Stat("LICENSE-dictionary.txt"); err != nil {
		t.Error("the dictionary's licence must ship beside it:", err)
	}
	src := filepath.Join("internal", "gen", "node_modules", "az", "dicts")
	if _, err := os.Stat(src); err != nil || testing.Short() || runtime.GOOS == "js" {
		t.Skip("source not installed (cd rules/morph/internal/gen && npm ci), -short, or js/wasm: compared the pinned version only")
	}
	data, _, err := buildFromSource(src, filepath.Join("internal", "gen", "vocabulary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != string(embedded) {
		t.Fatal("dict.bin differs from the generator's output: go run ./rules/morph/internal/gen")
	}
}
