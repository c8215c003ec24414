package index

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyBleveImporter: of the module's packages, only this one imports bleve, so a
// change of search engine, or of bleve's API, stays inside it.
func TestOnlyBleveImporter(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "list", "-f", `{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`, "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list gave %d packages; the check saw nothing", len(lines))
	}
	for _, line := range lines {
		pkg, imports, _ := strings.Cut(line, " ")
		if pkg != "github.com/sufler/sufler/knowledge/index" && strings.Contains(imports, "github.com/blevesearch/") {
			t.Errorf("%s imports bleve; only knowledge/index may", pkg)
		}
	}
}
