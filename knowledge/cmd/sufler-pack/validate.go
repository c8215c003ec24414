package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/tidwall/gjson"
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
		lines := make([]int, len(problems))
		order := make([]int, len(problems))
		for i, p := range problems {
			lines[i], order[i] = locate(data, p.Path), i
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

// locate returns the 1-based line of the value a problem path points at, or of the nearest
// enclosing value that exists (a missing field is reported on its object's line); 0 for
// problems of the whole document, whose messages carry their own position.
func locate(data []byte, path string) int {
	parts := splitPath(path)
	for n := len(parts); n > 0; n-- {
		r := gjson.GetBytes(data, strings.Join(parts[:n], "."))
		if r.Exists() && r.Index > 0 {
			return 1 + strings.Count(string(data[:r.Index]), "\n")
		}
	}
	if path == "" {
		return 0
	}
	return 1
}

// splitPath turns `templates[4].variants.smb` or `["odd key"]` into gjson path components,
// escaped for gjson.
func splitPath(path string) []string {
	var parts []string
	for path != "" {
		switch path[0] {
		case '.':
			path = path[1:]
		case '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return parts
			}
			inner := path[1:end]
			if strings.HasPrefix(inner, `"`) {
				// A quoted key may hold "]": find the closing quote first.
				q, err := strconv.QuotedPrefix(path[1:])
				if err != nil {
					return parts
				}
				key, _ := strconv.Unquote(q)
				parts = append(parts, escape(key))
				path = path[1+len(q):]
				path = strings.TrimPrefix(path, "]")
				continue
			}
			parts = append(parts, inner)
			path = path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			parts = append(parts, escape(path[:end]))
			path = path[end:]
		}
	}
	return parts
}

// escape makes a key safe as one gjson path component.
func escape(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch r {
		case '.', '*', '?', '|', '#', '@', '\\', '!', '=', '<', '>', '%', '"', ':', '(', ')', '[', ']', '{', '}', ',':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
