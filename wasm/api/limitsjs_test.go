package api

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
)

// TestLimitsModule: the extension's limits.gen.js is what the generator writes of the
// engine's limits today, and PackIDPattern says what pack.IsID checks.
func TestLimitsModule(t *testing.T) {
	want, err := LimitsModule()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../extension/src/shared/limits.gen.js")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("extension/src/shared/limits.gen.js is not the engine's limits (%v): run go run ./wasm/api/internal/genlimits", err)
	}
	re := regexp.MustCompile(PackIDPattern)
	for _, id := range []string{"shop", "prove-customs", "a1", "", "Shop", "a_b", "a b", "пак", "a/b", "-", "x-"} {
		if re.MatchString(id) != pack.IsID(id) {
			t.Errorf("%q: the pattern says %v, pack.IsID %v", id, re.MatchString(id), pack.IsID(id))
		}
	}
}
