package knowledge

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
)

// testPack is the test pack's JSON, read once.
var testPack = func() []byte {
	data, err := os.ReadFile("testdata/pack.json")
	if err != nil {
		panic(err)
	}
	return data
}()

// packMap decodes the test pack so a test can change one thing in it.
func packMap(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(testPack, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// encode turns a changed pack back into JSON.
func encode(t testing.TB, m map[string]any) []byte {
	t.Helper()
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// item returns element i of the array under key.
func item(m map[string]any, key string, i int) map[string]any {
	return m[key].([]any)[i].(map[string]any)
}

// newTestBase loads the test pack into a fresh Base and closes it when the test ends.
func newTestBase(t testing.TB, packs ...[]byte) *Base {
	t.Helper()
	if len(packs) == 0 {
		packs = [][]byte{testPack}
	}
	b := NewBase()
	t.Cleanup(b.Close)
	for _, p := range packs {
		if _, problems, err := b.Put(p); err != nil {
			t.Fatalf("Put: %v %v", err, problems)
		}
	}
	return b
}

// problemStrings renders problems as the validator prints them.
func problemStrings(ps []pack.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// hitIDs lists hits as kind/id.
func hitIDs(hs []Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Kind + "/" + h.ID
	}
	return out
}

// suggestionIDs lists suggestions as kind/id.
func suggestionIDs(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Kind + "/" + s.ID
	}
	return out
}

// rank returns the place of kind/id in ids, or -1.
func rank(ids []string, want string) int {
	return slices.Index(ids, want)
}

// hasPrefixIn reports whether any string in list starts with prefix.
func hasPrefixIn(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
