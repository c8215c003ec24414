package index

import (
	"os"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
)

// testPack is the test pack's JSON (shared with knowledge's tests), read once.
var testPack = func() []byte {
	data, err := os.ReadFile("../testdata/pack.json")
	if err != nil {
		panic(err)
	}
	return data
}()

// parseTestPack parses the test pack, failing the test on any problem.
func parseTestPack(t testing.TB) *pack.Pack {
	t.Helper()
	p, problems := pack.Parse(testPack)
	if len(problems) > 0 {
		t.Fatalf("test pack: %v", problems)
	}
	return p
}
