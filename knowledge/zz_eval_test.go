package knowledge

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/packs"
)

func TestZZEval(t *testing.T) {
	b := NewBase()
	defer b.Close()
	var ps []*Pack
	for _, d := range packs.Default() {
		if _, pr, err := b.Put(d); err != nil { t.Log(err, pr); continue }
		p, _ := Parse(d)
		ps = append(ps, p)
	}
	type para struct{ Context, Segment string; Expect []string }
	hit := func(sugs []Suggestion, expect map[string]bool) int {
		for i, s := range sugs { if expect[s.ID] { return i } }
		return -1
	}
	for _, p := range ps {
		data, err := os.ReadFile(filepath.Join("packs", "testdata", "paraphrases-"+p.ID+".json"))
		if err != nil { continue }
		var xs []para
		json.Unmarshal(data, &xs)
		top1, top3, rr := 0, 0, 0.0
		for _, x := range xs {
			exp := map[string]bool{}
			for _, e := range x.Expect { exp[e] = true }
			sugs, _ := b.Suggest("", x.Context, x.Segment, 10)
			r := hit(sugs, exp)
			if r == 0 { top1++ }
			if r >= 0 && r < 3 { top3++ } else if os.Getenv("V") != "" { fmt.Printf("  MISS %s %q %v\n", p.ID, x.Context, suggestionIDs(sugs[:min(3, len(sugs))])) }
			if r >= 0 { rr += 1 / float64(r+1) }
		}
		// case phrasings
		c3, cn := 0, 0
		for _, c := range p.Cases {
			exp := map[string]bool{c.ID: true}
			for _, id := range c.Templates { exp[id] = true }
			for _, says := range c.CustomerSays {
				for _, s := range p.Segments {
					sugs, _ := b.Suggest("", says, s.ID, 3)
					cn++
					if hit(sugs, exp) >= 0 { c3++ }
				}
			}
		}
		// search: each template title as query -> template top1
		s1, sn := 0, 0
		for _, tp := range p.Templates {
			for _, tr := range tp.Triggers {
				res, _ := b.Search(tr, p.Segments[0].ID, "", 3)
				sn++
				for _, h := range res.Hits { if h.ID == tp.ID { s1++; break } }
			}
		}
		fmt.Printf("%s: paraphrases top1 %d top3 %d/%d MRR %.3f | case phrasings top3 %d/%d | search trigger→template top3 %d/%d\n", p.ID, top1, top3, len(xs), rr/float64(len(xs)), c3, cn, s1, sn)
		_ = strings.TrimSpace
	}
}
