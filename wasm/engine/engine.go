// Package engine assembles Sufler's engine: the default packs loaded into a knowledge base, served by the API.
package engine

import (
	"fmt"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/wasm/api"
)

// Options change what the engine starts with.
type Options struct {
	// NoDefaultPacks starts with no pack loaded.
	NoDefaultPacks bool
	// Packs are more pack JSON documents to load after the default ones.
	Packs [][]byte
}

// New builds the knowledge base and returns the API over it.
func New(opt Options) (*api.Handler, error) {
	base := knowledge.NewBase()
	var docs [][]byte
	if !opt.NoDefaultPacks {
		docs = append(docs, packs.Default()...)
	}
	docs = append(docs, opt.Packs...)
	for i, doc := range docs {
		if _, problems, err := base.Put(doc); len(problems) > 0 || err != nil {
			return nil, fmt.Errorf("pack %d: %v %v", i, problems, err)
		}
	}
	return api.New(base), nil
}
