// Package engine assembles Sufler's engine: the default packs loaded into a knowledge base, served by the API.
package engine

import (
	"fmt"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/wasm/api"
)

// Options change what the engine starts with.
type Options struct {
	// NoDefaultPacks starts with no pack loaded.
	NoDefaultPacks bool
	// Packs are more pack JSON documents to load after the default ones.
	Packs [][]byte
	// Background loads the default packs in two phases: their rules answer as soon as New
	// returns, their search index builds afterwards (searches wait for it).
	Background bool
	// Yield is called between index slices of a background load; see knowledge.Base.Yield.
	Yield func()
	// Loaded, when set, is called once from its own goroutine when the default packs'
	// indexes are in (at once with NoDefaultPacks).
	Loaded func()
}

// New builds the knowledge base and returns the API over it.
func New(opt Options) (*api.Handler, error) {
	defaults, err := defaultPacks()
	if err != nil {
		return nil, fmt.Errorf("default packs: %w", err)
	}
	base := knowledge.NewBase()
	base.Yield = opt.Yield
	h := api.New(base)
	// A pack image holds an index and a binary pack. The default packs' prebuilt files change
	// whenever indexing or the binary form does (TestPrebuilt holds them to a fresh build),
	// so together they name the format this engine writes and reads.
	h.SetImageStamp(func() []byte {
		var stamp []byte
		for _, p := range defaults {
			for _, ext := range []string{".idx", ".pack"} {
				b, _ := images.ReadFile("images/" + p.ID + ext) // New below fails on a missing one
				stamp = append(stamp, b...)
			}
		}
		return stamp
	})
	for _, p := range defaults {
		if opt.NoDefaultPacks {
			break
		}
		img, err := image(p.ID)
		if err != nil {
			return nil, fmt.Errorf("default pack %s: %w", p.ID, err)
		}
		put := knowledge.PutOptions{Trusted: true, BuiltIn: true, Background: true, Image: img}
		h.AddBuiltin(p.ID, api.Builtin{Title: p.Title, Load: func() error {
			if _, problems, err := base.PutPack(p, put); len(problems) > 0 || err != nil {
				return fmt.Errorf("default pack %s: %v %v", p.ID, problems, err)
			}
			return nil
		}})
	}
	if !opt.NoDefaultPacks {
		// The default packs come prebuilt, rules compiled, with their indexes (see
		// prebuilt.go), and their rule examples run in `go test`.
		for _, p := range defaults {
			img, err := image(p.ID)
			if err != nil {
				return nil, fmt.Errorf("default pack %s: %w", p.ID, err)
			}
			put := knowledge.PutOptions{Trusted: true, BuiltIn: true, Background: opt.Background, Image: img}
			if _, problems, err := base.PutPack(p, put); len(problems) > 0 || err != nil {
				return nil, fmt.Errorf("default pack %s: %v %v", p.ID, problems, err)
			}
		}
	}
	if opt.Loaded != nil {
		go func() {
			base.Wait()
			opt.Loaded()
		}()
	}
	for i, doc := range opt.Packs {
		if _, problems, err := base.Put(doc); len(problems) > 0 || err != nil {
			return nil, fmt.Errorf("pack %d: %v %v", i, problems, err)
		}
	}
	return h, nil
}
