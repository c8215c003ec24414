package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
)

// validate loads every pack into one Base, as the engine would load them together, and
// prints each problem as "file:line: path: problem". With -lint (the default) it also runs
// pack.Lint, which asks for what a pack that ships must have.
func validate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lint := fs.Bool("lint", true, "also require what a shipped pack needs: own rules pass, 3+ customer phrasings, triggers, signals, sources")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: sufler-pack validate [-lint=false] pack.json [more.json ...]")
		return 2
	}
	base := knowledge.NewBase()
	defer base.Close()
	status := 0
	var total pack.PackInfo
	packs, examples := 0, 0
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			status = 2
			continue
		}
		info, problems, err := base.Put(data)
		var invalid *knowledge.InvalidPackError
		if err != nil && !errors.As(err, &invalid) {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			status = max(status, 1)
			continue
		}
		if *lint && err == nil {
			p, _ := pack.Parse(data)
			problems = pack.Lint(p)
			for _, s := range p.Specs {
				examples += len(s.Examples.Flag) + len(s.Examples.Pass)
			}
		}
		pack.Locate(data, problems) // Lint's and Base's problems come without lines
		lines := make([]int, len(problems))
		order := make([]int, len(problems))
		for i, p := range problems {
			order[i] = i
			if p.Path != "" { // a syntax error says its line and column in its text
				lines[i] = p.Line
			}
		}
		// In file order, so an author can walk down the file fixing them.
		sort.SliceStable(order, func(i, j int) bool { return lines[order[i]] < lines[order[j]] })
		for _, i := range order {
			if lines[i] > 0 {
				fmt.Fprintf(stdout, "%s:%d: %s\n", name, lines[i], problems[i])
			} else {
				fmt.Fprintf(stdout, "%s: %s\n", name, problems[i])
			}
		}
		if len(problems) > 0 {
			status = max(status, 1)
			continue
		}
		packs++
		total.Templates += info.Templates
		total.Cases += info.Cases
		total.Rules += info.Rules
		total.Segments = append(total.Segments, info.Segments...)
	}
	if status == 0 {
		fmt.Fprintf(stdout, "ok: %d %s, %d segments, %d templates, %d cases, %d rules",
			packs, plural(packs, "pack", "packs"), len(total.Segments), total.Templates, total.Cases, total.Rules)
		if *lint {
			fmt.Fprintf(stdout, " (%d rule examples hold)", examples)
		}
		fmt.Fprintln(stdout)
	}
	return status
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
