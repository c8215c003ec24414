package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// TestGolden runs every testdata/*.txtar archive: rules.json is compiled; problems.json
// holds the expected problems; when input.txt is present it is checked (for the segment
// in segment.txt, if any) and findings.json holds the expected findings.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := &archive{Archive: a}
			var specs []Spec
			dec := json.NewDecoder(bytes.NewReader(ar.get("rules.json")))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&specs); err != nil {
				t.Fatalf("rules.json: %v", err)
			}
			set, probs := Compile(specs)
			if ar.has("problems.json") || len(probs) > 0 {
				ar.check(t, "problems.json", jsonLines(probs))
			}
			if ar.has("input.txt") {
				segment := strings.TrimSpace(string(ar.get("segment.txt")))
				text := string(ar.get("input.txt"))
				fs := set.Check(text, segment)
				for _, f := range fs {
					if cut := slice16(text, f.Start, f.End); cut != f.Match {
						t.Errorf("%s: UTF-16 [%d,%d) cuts %q, Match is %q", f.Rule, f.Start, f.End, cut, f.Match)
					}
				}
				ar.check(t, "findings.json", jsonLines(fs))
			}
			if *update && ar.changed {
				if err := os.WriteFile(file, txtar.Format(ar.Archive), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// jsonLines renders a list as a JSON array with one element per line, readable in diffs.
func jsonLines[T any](list []T) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i, x := range list {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			panic(err)
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
	}
	if len(list) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// archive is a golden txtar file; changed marks sections rewritten under -update.
type archive struct {
	*txtar.Archive
	changed bool
}

func (ar *archive) file(name string) *txtar.File {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			return &ar.Files[i]
		}
	}
	return nil
}

func (ar *archive) has(name string) bool { return ar.file(name) != nil }

func (ar *archive) get(name string) []byte {
	if f := ar.file(name); f != nil {
		return f.Data
	}
	return nil
}

// check compares file name with got, or replaces it under -update.
func (ar *archive) check(t *testing.T, name string, got []byte) {
	t.Helper()
	if bytes.Equal(ar.get(name), got) {
		return
	}
	if *update {
		if f := ar.file(name); f != nil {
			f.Data = got
		} else {
			ar.Files = append(ar.Files, txtar.File{Name: name, Data: got})
		}
		ar.changed = true
		return
	}
	t.Errorf("%s differs (go test ./rules -run TestGolden -update to accept)\n got:\n%s\nwant:\n%s", name, got, ar.get(name))
}
