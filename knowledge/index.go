package knowledge

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Index fields. Every text field is indexed only: nothing is stored (the pack itself is in
// memory, so hits are resolved by id), there are no term vectors (fragments are marked by
// re-analysing the few hits shown, see highlight.go), no doc values (no sorting or facets
// on fields) and no _all field (queries name their fields).
const (
	fieldKind      = "kind"      // "template" or "case", keyword
	fieldTitle     = "title"     // title
	fieldSituation = "situation" // when it applies
	fieldTags      = "tags"      // template tags
	fieldTriggers  = "triggers"  // template: customer phrasings it answers
	fieldSays      = "says"      // case: customer_says
	fieldGuide     = "guide"     // case: do and dont
	fieldRoot      = "root"      // everything above plus all variants, under the root analyzer
	variantPrefix  = "v_"        // v_<segment>: that segment's variant, every channel
)

// Kinds of entries.
const (
	KindTemplate = "template"
	KindCase     = "case"
)

// batchSize is how many entries go into one index batch. The in-memory scorch index never
// merges segments (the merger runs only for indexes on disk), so each batch stays a segment
// that every search visits; a large batch keeps searches fast, a bounded one caps peak memory.
const batchSize = 4096

// newMapping builds the index mapping for a pack with the given segments.
func newMapping(segments []string) *mapping.IndexMappingImpl {
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
	for _, f := range []string{fieldTitle, fieldSituation, fieldTags, fieldTriggers, fieldSays, fieldGuide} {
		dm.AddFieldMappingsAt(f, plainField(analyzerText))
	}
	for _, s := range segments {
		dm.AddFieldMappingsAt(variantPrefix+s, plainField(analyzerText))
	}
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

// buildIndex indexes a parsed pack in a new in-memory scorch index.
func buildIndex(p *Pack) (bleve.Index, error) {
	idx, err := bleve.NewUsing("", newMapping(p.segmentIDs()), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("pack %s: create index: %w", p.ID, err)
	}
	b := idx.NewBatch()
	flush := func(force bool) error {
		if b.Size() == 0 || (!force && b.Size() < batchSize) {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return err
		}
		b.Reset()
		return nil
	}
	add := func(id string, doc map[string]any) error {
		if err := b.Index(id, doc); err != nil {
			return err
		}
		return flush(false)
	}
	for i := range p.Templates {
		if err := add(templateDocID(p.Templates[i].ID), templateDoc(&p.Templates[i])); err != nil {
			idx.Close()
			return nil, fmt.Errorf("pack %s: index template %s: %w", p.ID, p.Templates[i].ID, err)
		}
	}
	for i := range p.Cases {
		if err := add(caseDocID(p.Cases[i].ID), caseDoc(&p.Cases[i])); err != nil {
			idx.Close()
			return nil, fmt.Errorf("pack %s: index case %s: %w", p.ID, p.Cases[i].ID, err)
		}
	}
	if err := flush(true); err != nil {
		idx.Close()
		return nil, fmt.Errorf("pack %s: index: %w", p.ID, err)
	}
	return idx, nil
}

func templateDoc(t *Template) map[string]any {
	doc := map[string]any{
		fieldKind:      KindTemplate,
		fieldTitle:     t.Title,
		fieldSituation: t.Situation,
		fieldTags:      t.Tags,
		fieldTriggers:  t.Triggers,
	}
	root := []string{t.Title, t.Situation}
	root = append(root, t.Tags...)
	root = append(root, t.Triggers...)
	for seg, v := range t.Variants {
		texts := v.texts()
		doc[variantPrefix+seg] = texts
		root = append(root, texts...)
	}
	doc[fieldRoot] = strings.Join(root, "\n")
	return doc
}

func caseDoc(c *Case) map[string]any {
	guide := append(append([]string(nil), c.Do...), c.Dont...)
	root := []string{c.Title, c.Situation}
	root = append(root, c.CustomerSays...)
	root = append(root, guide...)
	return map[string]any{
		fieldKind:      KindCase,
		fieldTitle:     c.Title,
		fieldSituation: c.Situation,
		fieldSays:      c.CustomerSays,
		fieldGuide:     guide,
		fieldRoot:      strings.Join(root, "\n"),
	}
}

// texts lists the variant's non-empty channel texts.
func (v Variant) texts() []string {
	out := []string{v.Text}
	if v.Email != "" {
		out = append(out, v.Email)
	}
	if v.Messenger != "" {
		out = append(out, v.Messenger)
	}
	return out
}
