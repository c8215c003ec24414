package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := parseTxtar(data)
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
				if err := os.WriteFile(file, ar.format(), 0o644); err != nil {
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

// archive is a txtar file: a comment, then files introduced by "-- name --" lines.
// (A tiny reader instead of golang.org/x/tools/txtar keeps go.mod untouched.)
type archive struct {
	comment []byte
	names   []string
	data    [][]byte
	changed bool
}

func parseTxtar(data []byte) *archive {
	ar := &archive{}
	cur := &ar.comment
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if name, ok := markerName(line); ok {
			ar.names = append(ar.names, name)
			ar.data = append(ar.data, nil)
			cur = &ar.data[len(ar.data)-1]
		} else {
			*cur = append(*cur, line...)
			*cur = append(*cur, '\n')
		}
		data = rest
	}
	return ar
}

func markerName(line []byte) (string, bool) {
	s := string(line)
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

func (ar *archive) has(name string) bool {
	for _, n := range ar.names {
		if n == name {
			return true
		}
	}
	return false
}

func (ar *archive) get(name string) []byte {
	for i, n := range ar.names {
		if n == name {
			return ar.data[i]
		}
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
		for i, n := range ar.names {
			if n == name {
				ar.data[i] = got
				ar.changed = true
				return
			}
		}
		ar.names, ar.data, ar.changed = append(ar.names, name), append(ar.data, got), true
		return
	}
	t.Errorf("%s differs (go test ./rules -run TestGolden -update to accept)\n got:\n%s\nwant:\n%s", name, got, ar.get(name))
}

func (ar *archive) format() []byte {
	var b bytes.Buffer
	b.Write(ar.comment)
	for i, n := range ar.names {
		b.WriteString("-- " + n + " --\n")
		b.Write(ar.data[i])
	}
	return b.Bytes()
}

func TestTxtarRoundTrip(t *testing.T) {
	src := "comment\n-- a.txt --\nline 1\n\n-- b --\n-- c.json --\n[]\n"
	ar := parseTxtar([]byte(src))
	if string(ar.comment) != "comment\n" || len(ar.names) != 3 || string(ar.get("a.txt")) != "line 1\n\n" || ar.get("b") != nil {
		t.Fatalf("parsed %q %q %q", ar.comment, ar.names, ar.data)
	}
	if got := string(ar.format()); got != src {
		t.Errorf("format = %q, want %q", got, src)
	}
}
