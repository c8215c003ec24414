// Package index is a pack's search index: how words become terms (analysis and lemma
// search over rules/morph), the bleve index built of a pack or taken in from its image,
// the queries search and suggest ask it, the pruning of long queries, the reranking of
// suggestions and the <mark>ed fragments of hits. It is the only package of Sufler that
// imports bleve; knowledge (the set of loaded packs) asks it through Index, Query and
// Counter.
package index

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/sufler/sufler/knowledge/pack"
)

// Index is one pack's search index, with the pack it was built of. It is safe for
// concurrent searches; Close it when the pack is unloaded.
type Index struct {
	bleve     bleve.Index
	pack      *pack.Pack
	templates map[string]*pack.Template
	cases     map[string]*pack.Case
	topics    sync.Map // "kind/id" → *topic, for Suggest's reranking (rerank.go)
}

// Build indexes a parsed pack, calling yield (if set) after each batch: on a
// single-threaded host (js/wasm) it hands control back so requests are answered while the
// index builds.
func Build(p *pack.Pack, yield func()) (*Index, error) {
	idx, err := buildIndex(p, yield)
	if err != nil {
		return nil, err
	}
	return wrap(p, idx), nil
}

// Load takes a pack's index in from its image (see Image), calling yield (if set) after
// each segment. An image that does not hold the pack's entries is refused
// with an error that wraps ErrImage.
func Load(p *pack.Pack, img []byte, yield func()) (*Index, error) {
	idx, err := loadImage(p, img, yield)
	if err != nil {
		return nil, err
	}
	return wrap(p, idx), nil
}

func wrap(p *pack.Pack, idx bleve.Index) *Index {
	x := &Index{bleve: idx, pack: p,
		templates: make(map[string]*pack.Template, len(p.Templates)),
		cases:     make(map[string]*pack.Case, len(p.Cases)),
	}
	for i := range p.Templates {
		x.templates[p.Templates[i].ID] = &p.Templates[i]
	}
	for i := range p.Cases {
		x.cases[p.Cases[i].ID] = &p.Cases[i]
	}
	return x
}

// Close frees the index.
func (x *Index) Close() error { return x.bleve.Close() }

// Index fields. Every text field is indexed only: nothing is stored (the pack itself is in
// memory, so hits are resolved by id), there are no term vectors (fragments are marked by
// re-scanning the few hits shown, see highlight.go), no doc values (no sorting or facets)
// and no _all field (queries name their fields). Fields are few on purpose: every field a
// query names multiplies the postings a search walks.
const (
	fieldKind  = "kind"  // "template" or "case", keyword
	fieldTitle = "title" // title
	fieldAsks  = "asks"  // how customers put it: template triggers, case customer_says
	fieldAbout = "about" // situation and tags
	fieldGuide = "guide" // case: do and dont
	fieldRoot  = "root"  // title, asks and about under the root analyzer
	fieldReply = "reply" // template: every word of its variants (all segments, all channels) once
)

// batchSize is how many entries go into one index batch. The in-memory scorch index never
// merges segments (the merger runs only for indexes on disk), so buildIndex merges the
// batches' segments into one when they are all built (merge.go); before that merge, larger
// batches searched faster, smaller ones cap the memory a load needs. Measured on 10k generated entries (BenchmarkPut, BenchmarkSearch): batches of
// 512 / 1024 / 4096 peak at 141 / 172 / 277 MB of heap and search in 5.1 / 4.4 / 3.2 ms of
// CPU.
const batchSize = 1024

// minBatch is the smallest batch: a pack is indexed in at least a few slices, so a
// single-threaded host answers requests between them (see Base.Yield).
const minBatch = 32

// sliceSize is how many entries of a pack of n go into one batch. It depends on the pack
// alone, never on how the pack is loaded: the merged segment numbers entries slice by
// slice, and equal scores rank in that order, so the same pack must always be cut the same
// way for native and wasm answers to stay identical.
func sliceSize(n int) int {
	return min(max(n/4, minBatch), batchSize)
}

// newMapping builds the index mapping. Documents are built directly (see templateDoc) and
// queries are term queries on analysed terms, so the mapping only documents the fields and
// picks the scoring model.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = analyzerText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = bleveindex.BM25Scoring // length-normalised: short titles and triggers are not drowned by long texts

	dm := bleve.NewDocumentStaticMapping()
	dm.Dynamic = false
	kind := plainField(keyword.Name)
	kind.SkipFreqNorm = true
	dm.AddFieldMappingsAt(fieldKind, kind)
	for _, f := range []string{fieldTitle, fieldAsks, fieldAbout, fieldGuide} {
		dm.AddFieldMappingsAt(f, plainField(analyzerText))
	}
	dm.AddFieldMappingsAt(fieldReply, plainField(analyzerText))
	dm.AddFieldMappingsAt(fieldRoot, plainField(analyzerRoot))
	im.DefaultMapping = dm
	return im
}

func plainField(analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// Document ids in the index: kind prefix plus entry id, as templates and cases may share ids.
func templateDocID(id string) string { return "t/" + id }
func caseDocID(id string) string     { return "c/" + id }

// newIndex creates an empty in-memory scorch index with Sufler's mapping and segments.
func newIndex() (bleve.Index, error) {
	return bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, indexConfig())
}

// buildIndex indexes a parsed pack in a new in-memory scorch index, sliceSize entries at a
// time, calling yield (if set) after each batch.
func buildIndex(p *pack.Pack, yield func()) (bleve.Index, error) {
	batch := sliceSize(len(p.Templates) + len(p.Cases))
	idx, err := newIndex()
	if err != nil {
		return nil, fmt.Errorf("pack %s: create index: %w", p.ID, err)
	}
	fail := func(what string, err error) (bleve.Index, error) {
		idx.Close()
		return nil, fmt.Errorf("pack %s: index %s: %w", p.ID, what, err)
	}
	b := idx.NewBatch()
	flush := func(force bool) error {
		if b.Size() == 0 || (!force && b.Size() < batch) {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return err
		}
		b.Reset()
		if yield != nil {
			yield()
		}
		return nil
	}
	for i := range p.Templates {
		if err := b.IndexAdvanced(templateDoc(&p.Templates[i])); err != nil {
			return fail("template "+p.Templates[i].ID, err)
		}
		if err := flush(false); err != nil {
			return fail("templates", err)
		}
	}
	for i := range p.Cases {
		if err := b.IndexAdvanced(caseDoc(&p.Cases[i])); err != nil {
			return fail("case "+p.Cases[i].ID, err)
		}
		if err := flush(false); err != nil {
			return fail("cases", err)
		}
	}
	if err := flush(true); err != nil {
		return fail("pack", err)
	}
	merged, err := mergeIndex(idx)
	if err != nil {
		return fail("merge", err)
	}
	return merged, nil
}

// Field options: indexed with frequencies and norms for BM25, nothing else.
const indexOnly = bleveindex.IndexField

var keywordAnalyzer = func() analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed(keyword.Name)
	if err != nil {
		panic(err) // bleve's own analyzer: only missing if the build is broken
	}
	return a
}()

// docBuilder assembles a bleve document field by field; lists become one text each.
type docBuilder struct{ doc *document.Document }

func newDoc(id, kind string) docBuilder {
	d := docBuilder{document.NewDocument(id)}
	d.doc.AddField(document.NewTextFieldCustom(fieldKind, nil, []byte(kind), indexOnly|bleveindex.SkipFreqNorm, keywordAnalyzer))
	return d
}

func (d docBuilder) add(field string, a analysis.Analyzer, texts ...string) {
	n := 0
	for _, t := range texts {
		n += len(t) + 1
	}
	if n <= len(texts) {
		return
	}
	value := make([]byte, 0, n)
	for _, t := range texts {
		if t != "" {
			value = append(append(value, t...), '\n')
		}
	}
	d.doc.AddField(document.NewTextFieldCustom(field, nil, value, indexOnly, a))
}

func templateDoc(t *pack.Template) *document.Document {
	text, root := analyzers()
	d := newDoc(templateDocID(t.ID), pack.KindTemplate)
	d.add(fieldTitle, text, t.Title)
	d.add(fieldAsks, text, t.Triggers...)
	d.add(fieldAbout, text, append([]string{t.Situation}, t.Tags...)...)
	// The root field holds the short texts that say what the entry is about, where a
	// customer's other word form must still find it; the long reply texts stay out of it.
	d.add(fieldRoot, root, append(append([]string{t.Title, t.Situation}, t.Tags...), t.Triggers...)...)
	// The variants of one template are one reply worded per segment and channel: mostly
	// the same words. Each word goes in once, which keeps the index small and fast to build;
	// the wording a segment gets is what Search and Suggest then show.
	d.add(fieldReply, text, distinctWords(t)...)
	return d.doc
}

func caseDoc(c *pack.Case) *document.Document {
	text, root := analyzers()
	d := newDoc(caseDocID(c.ID), pack.KindCase)
	d.add(fieldTitle, text, c.Title)
	d.add(fieldAsks, text, c.CustomerSays...)
	d.add(fieldAbout, text, c.Situation)
	d.add(fieldGuide, text, append(append([]string(nil), c.Do...), c.Dont...)...)
	d.add(fieldRoot, root, append([]string{c.Title, c.Situation}, c.CustomerSays...)...)
	return d.doc
}

// distinctWords lists each word of the template's variants once, folded as the analyzer
// folds them.
//
// Words are looked up by a 64-bit hash rather than as strings: in wasm, Go hashes strings
// with its portable fallback, and a string-keyed set was a seventh of indexing a large
// pack. A hash that collides with another word's is caught by comparing the words, so
// the list stays exact.
func distinctWords(t *pack.Template) []string {
	seen := make(map[uint64]int32, 64) // hash → index in out of the first word with it
	var out []string
	var buf []byte
	// Variants in segment order: a map's order would make two builds of a pack differ.
	for _, seg := range slices.Sorted(maps.Keys(t.Variants)) {
		for _, text := range t.Variants[seg].Texts() {
			for i := 0; i < len(text); {
				var start int
				start, i, buf, _, _ = nextWord(text, i, buf)
				if start == i {
					break
				}
				h := fnv64(buf)
				j, ok := seen[h]
				switch {
				case !ok:
					seen[h] = int32(len(out))
				case out[j] == string(buf), slices.Contains(out, string(buf)):
					continue
				}
				out = append(out, string(buf))
			}
		}
	}
	return out
}

// fnv64 is FNV-1a over b.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}
