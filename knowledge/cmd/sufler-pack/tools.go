package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/internal/gen"
	"github.com/sufler/sufler/knowledge/packs"
)

// packFiles is a repeatable -pack flag.
type packFiles []string

func (p *packFiles) String() string     { return strings.Join(*p, ",") }
func (p *packFiles) Set(v string) error { *p = append(*p, v); return nil }

// load builds a Base from the -pack files, or from the embedded default packs.
func load(files packFiles, stderr io.Writer) (*knowledge.Base, bool) {
	b := knowledge.NewBase()
	var datas [][]byte
	names := []string(files)
	if len(files) == 0 {
		datas = packs.Default()
		for i := range datas {
			names = append(names, fmt.Sprintf("default pack %d", i+1))
		}
		if len(datas) == 0 {
			fmt.Fprintln(stderr, "sufler-pack: no default packs are embedded; pass -pack file.json")
			return nil, false
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return nil, false
		}
		datas = append(datas, data)
	}
	for i, data := range datas {
		if _, problems, err := b.Put(data); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", names[i], err)
			for _, p := range problems {
				fmt.Fprintf(stderr, "  %s\n", p)
			}
			fmt.Fprintln(stderr, "run sufler-pack validate for every problem with its line")
			b.Close()
			return nil, false
		}
	}
	return b, true
}

// withInput reads stdin and loads the packs, the steps check, suggest and guess share.
// It reports the problem itself and returns ok=false (exit code 2) when either fails.
func withInput(files packFiles, stdin io.Reader, stderr io.Writer) (string, *knowledge.Base, bool) {
	in, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return "", nil, false
	}
	b, ok := load(files, stderr)
	return string(in), b, ok
}

// check prints the findings for the text on stdin, one a line:
// line:col-line:col severity rule «match»: message → replacement | replacement
func check(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	segment := fs.String("segment", "", "segment whose pack and replacements to use (default: every pack, default replacements)")
	var files packFiles
	fs.Var(&files, "pack", "pack file to load (repeatable; default: the embedded packs)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	text, b, ok := withInput(files, stdin, stderr)
	if !ok {
		return 2
	}
	defer b.Close()
	findings, err := b.Check(text, *segment)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	pos := newPositions(text)
	for _, f := range findings {
		sl, sc := pos.at(f.Start)
		el, ec := pos.at(f.End)
		fmt.Fprintf(stdout, "%d:%d-%d:%d %s %s «%s»: %s", sl, sc, el, ec, f.Severity, f.Rule, f.Match, f.Message)
		if len(f.Replacements) > 0 {
			fmt.Fprintf(stdout, " → %s", strings.Join(f.Replacements, " | "))
		}
		fmt.Fprintln(stdout)
	}
	if len(findings) > 0 {
		return 1
	}
	return 0
}

// positions maps UTF-16 offsets (as findings give them) to 1-based line and column in runes.
type positions struct {
	line, col []int // per UTF-16 unit
}

func newPositions(s string) positions {
	var p positions
	line, col := 1, 1
	for _, r := range s {
		n := utf16.RuneLen(r)
		if n < 1 {
			n = 1
		}
		for i := 0; i < n; i++ {
			p.line = append(p.line, line)
			p.col = append(p.col, col)
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	p.line = append(p.line, line)
	p.col = append(p.col, col)
	return p
}

func (p positions) at(off int) (int, int) {
	off = min(max(off, 0), len(p.line)-1)
	return p.line[off], p.col[off]
}

// search prints the hits for the words given, with their fragments.
func search(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	segment := fs.String("segment", "", "segment (default: every pack)")
	kind := fs.String("kind", "", "template or case (default: both)")
	limit := fs.Int("limit", knowledge.DefaultLimit, "how many hits")
	var files packFiles
	fs.Var(&files, "pack", "pack file to load (repeatable; default: the embedded packs)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	b, ok := load(files, stderr)
	if !ok {
		return 2
	}
	defer b.Close()
	res, err := b.Search(strings.Join(fs.Args(), " "), *segment, *kind, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	fmt.Fprintf(stdout, "%d found\n", res.Total)
	for _, h := range res.Hits {
		fmt.Fprintf(stdout, "%.3f %s %s/%s  %s\n", h.Score, h.Kind, h.Pack, h.ID, h.Title)
		for _, f := range h.Fragments {
			fmt.Fprintf(stdout, "      %s\n", strings.ReplaceAll(f, "\n", " "))
		}
	}
	return 0
}

// suggest prints the suggestions for the customer's message on stdin.
func suggest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	segment := fs.String("segment", "", "segment (default: every pack, each with its first segment's texts)")
	draft := fs.String("draft", "", "what the agent has typed so far")
	limit := fs.Int("limit", 5, "how many suggestions")
	var files packFiles
	fs.Var(&files, "pack", "pack file to load (repeatable; default: the embedded packs)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	context, b, ok := withInput(files, stdin, stderr)
	if !ok {
		return 2
	}
	defer b.Close()
	got, err := b.Suggest(*draft, context, *segment, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	for _, s := range got {
		via := ""
		if s.Via != "" {
			via = " (via case " + s.Via + ")"
		}
		fmt.Fprintf(stdout, "%.3f %s %s/%s  %s%s\n      %s\n", s.Score, s.Kind, s.Pack, s.ID, s.Title, via,
			strings.ReplaceAll(s.Text, "\n", "\n      "))
	}
	return 0
}

// guess prints the segment the message on stdin points to, and the words that say so.
func guess(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("guess", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var files packFiles
	fs.Var(&files, "pack", "pack file to load (repeatable; default: the embedded packs)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	msg, b, ok := withInput(files, stdin, stderr)
	if !ok {
		return 2
	}
	defer b.Close()
	g := b.GuessSegment(msg)
	if g.Segment == "" {
		fmt.Fprintln(stdout, "no segment: no signal of any pack or segment in the message")
		return 1
	}
	by := ""
	if g.By == "pack" {
		by = ", by the trade's words only"
	}
	fmt.Fprintf(stdout, "%s (pack %s%s), score %.2f: %s\n", g.Segment, g.Pack, by, g.Score, strings.Join(g.Signals, ", "))
	return 0
}

// generate writes a large valid pack for benchmarks and load tests.
func generate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	entries := fs.Int("entries", 10000, "templates and cases in all (70/30)")
	id := fs.String("id", "gen", "pack id (segments are <id>-s1, <id>-s2, <id>-s3)")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *entries < 0 {
		fmt.Fprintln(stderr, "sufler-pack: -entries must not be negative")
		return 2
	}
	if _, err := stdout.Write(append(gen.Pack(gen.Entries(*id, *entries, *seed)), '\n')); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	return 0
}
