package pack

import (
	"encoding/json"
	"os"
	"testing"
)

// testPack is the test pack's JSON (shared with knowledge's tests), read once.
var testPack = func() []byte {
	data, err := os.ReadFile("../testdata/pack.json")
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

// problemStrings renders problems as the validator prints them.
func problemStrings(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}
