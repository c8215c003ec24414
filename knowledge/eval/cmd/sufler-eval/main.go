// Command sufler-eval runs the project's own evaluation (`make eval`): every reply and
// customer message of the corpus in knowledge/eval/corpus through the engine's HTTP API,
// then prints recall, precision and false alarms per pack and category, and the accuracy of
// suggestions and segment guesses. It is a report: it exits 0 whatever the figures.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/sufler/sufler/knowledge/eval"
	"github.com/sufler/sufler/wasm/engine"
)

func main() {
	verbose := flag.Bool("v", false, "list every missed violation, false alarm and unanswered message")
	asJSON := flag.Bool("json", false, "print the figures as JSON instead of tables")
	url := flag.String("url", "", "evaluate a running server (e.g. http://127.0.0.1:8787) instead of the engine in process")
	dir := flag.String("corpus", "", "read the corpus from this directory instead of the built-in one")
	var packs packFiles
	flag.Var(&packs, "pack", "load this pack JSON file instead of the default packs (repeatable)")
	flag.Parse()

	if err := run(*verbose, *asJSON, *url, *dir, packs.data); err != nil {
		fmt.Fprintln(os.Stderr, "sufler-eval:", err)
		os.Exit(1)
	}
}

func run(verbose, asJSON bool, url, dir string, packs [][]byte) error {
	corpus, err := eval.Load(nil)
	if dir != "" {
		corpus, err = eval.Load(os.DirFS(dir))
	}
	if err != nil {
		return err
	}
	client := &eval.Client{URL: url}
	if url == "" {
		// The same engine the extension and sufler-serve run: the default packs as built
		// in, or the given pack files read and checked as an imported pack is.
		h, err := engine.New(engine.Options{NoDefaultPacks: len(packs) > 0, Packs: packs})
		if err != nil {
			return err
		}
		client.Handler = h
	}
	scores, err := eval.Run(client, corpus)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(scores.JSON())
	}
	where := "knowledge/eval/corpus"
	if dir != "" {
		where = dir
	}
	fmt.Printf("Sufler evaluation: %d replies, %d customer messages (%s)\n\n", len(corpus.Replies), len(corpus.Messages), where)
	scores.Print(os.Stdout, verbose)
	return nil
}

// packFiles collects -pack flags.
type packFiles struct{ data [][]byte }

func (p *packFiles) String() string { return fmt.Sprintf("%d pack file(s)", len(p.data)) }

func (p *packFiles) Set(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	p.data = append(p.data, b)
	return nil
}
