package pack

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// TestNoBleve: the pack format links no search engine. The validator (sufler-pack) and
// anything else that only reads packs must stay small; bleve belongs to knowledge/index.
func TestNoBleve(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-json=ImportPath", ".")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for {
		var p struct{ ImportPath string }
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		if strings.Contains(p.ImportPath, "blevesearch") || strings.HasSuffix(p.ImportPath, "/knowledge/index") {
			t.Errorf("knowledge/pack depends on %s", p.ImportPath)
		}
	}
	if n < 10 {
		t.Fatalf("go list gave %d packages; the check saw nothing", n)
	}
}
