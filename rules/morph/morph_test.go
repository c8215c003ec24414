package morph

import "testing"

func TestEmbeddedLoads(t *testing.T) {
	d, err := Load(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if d.Info() == "" || len(d.tags) == 0 || len(d.paraCol) == 0 {
		t.Fatalf("empty dictionary: %q", d.Info())
	}
}

func TestGrammemeNames(t *testing.T) {
	for g := Grammeme(1); g < numGrammemes; g++ {
		name := g.String()
		if name == "" {
			t.Fatalf("grammeme %d has no name", g)
		}
		back, err := ParseGrammeme(name)
		if err != nil || back != g {
			t.Errorf("ParseGrammeme(%q) = %v, %v; want %v", name, back, err, g)
		}
	}
}
