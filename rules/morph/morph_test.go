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

// Readers share one Dict: the cache is the only mutable state, behind a lock.
func TestConcurrentAnalyze(t *testing.T) {
	d, err := Load(embedded)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i := 0; i < 300; i++ {
				c := analyzeCases[(i+g)%len(analyzeCases)]
				if len(d.Analyze(c.word)) == 0 {
					t.Errorf("no reading for %q", c.word)
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// A caller changing what Analyze returned does not change what the next caller gets.
func TestAnalyzeReturnsCopies(t *testing.T) {
	ps := Analyze("схеме")
	ps[0].Lemma = "испорчено"
	if Analyze("схеме")[0].Lemma != "схема" {
		t.Fatal("the cache handed out its own slice")
	}
}
