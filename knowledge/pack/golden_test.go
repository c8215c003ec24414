package pack

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGoldenValidation runs Parse, and Lint when Parse accepts the pack, over every
// testdata/validate/*.txtar: the "pack.json" section goes in, "problems" and "lint" must
// come out as the validator prints them. Run with -update to rewrite the expected sections.
func TestGoldenValidation(t *testing.T) {
	files, err := filepath.Glob("testdata/validate/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var data []byte
			for _, f := range ar.Files {
				if f.Name == "pack.json" {
					data = f.Data
				}
			}
			if data == nil {
				t.Fatal("no pack.json section")
			}
			p, problems := Parse(data)
			got := map[string]string{"problems": lines(problemStrings(problems))}
			if p != nil {
				got["lint"] = lines(problemStrings(Lint(p)))
			}
			if *update {
				var files []txtar.File
				files = append(files, txtar.File{Name: "pack.json", Data: data})
				for _, name := range []string{"problems", "lint"} {
					if out, ok := got[name]; ok {
						files = append(files, txtar.File{Name: name, Data: []byte(out)})
					}
				}
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			seen := 0
			for _, f := range ar.Files {
				want, ok := got[f.Name]
				if f.Name == "pack.json" {
					continue
				}
				if !ok {
					t.Errorf("section %q expected, but the pack %s", f.Name, map[bool]string{true: "parsed", false: "did not parse"}[p != nil])
					continue
				}
				seen++
				if !bytes.Equal(f.Data, []byte(want)) {
					t.Errorf("%s:\n got:\n%s\nwant:\n%s", f.Name, want, f.Data)
				}
			}
			if seen != len(got) {
				t.Errorf("golden file lacks sections; run go test -run TestGoldenValidation -update")
			}
		})
	}
}

func lines(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return strings.Join(ss, "\n") + "\n"
}
