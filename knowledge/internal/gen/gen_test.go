package gen

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestPackIsReproducibleJSON(t *testing.T) {
	a := Pack(Entries("bench", 50, 1))
	b := Pack(Entries("bench", 50, 1))
	if !bytes.Equal(a, b) {
		t.Fatal("same options gave different packs")
	}
	if c := Pack(Entries("bench", 50, 2)); bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same pack")
	}
	var p struct {
		Templates []json.RawMessage `json:"templates"`
		Cases     []json.RawMessage `json:"cases"`
	}
	if err := json.Unmarshal(a, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Templates) != 35 || len(p.Cases) != 15 {
		t.Fatalf("got %d templates and %d cases, want 35 and 15", len(p.Templates), len(p.Cases))
	}
}
