package knowledge

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCorpus runs the queries of wasm/bench's generated corpus (written by
// `make bench` or `node wasm/bench/corpus.mjs --size N --out build/bench`) as the bench's
// native and wasm runs ask them: search with limit 10, suggest with the draft and the
// customer's message. It reports CPU per query besides wall time, since CPU is what
// stays comparable on a shared machine, and Recall@5 of each, so a lever's cost in
// quality shows beside its gain. Skipped when the corpus is not there.
//
//	go test ./knowledge -run '^$' -bench Corpus -benchtime 300x
func BenchmarkCorpus(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := filepath.Join("..", "build", "bench")
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("corpus-%d.json", n)))
		if err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("queries-%d.json", n)))
		if err != nil {
			b.Fatal(err)
		}
		var qf struct {
			Queries []struct {
				Q, Context, Draft, Kind, ID, Pack string
			}
		}
		if err := json.Unmarshal(raw, &qf); err != nil {
			b.Fatal(err)
		}
		base := benchBase(b, data)
		hit := func(i int, ids []string, kinds []string) bool {
			q := qf.Queries[i%len(qf.Queries)]
			for k := range min(5, len(ids)) {
				if ids[k] == q.ID && kinds[k] == q.Kind {
					return true
				}
			}
			return false
		}
		b.Run(fmt.Sprintf("entries=%d/search", n), func(b *testing.B) {
			found, i := 0, 0
			latencies(b, []string{""}, func(string) {
				res, err := base.Search(qf.Queries[i%len(qf.Queries)].Q, "", "", DefaultLimit)
				if err != nil {
					b.Fatal(err)
				}
				var ids, kinds []string
				for _, h := range res.Hits {
					ids, kinds = append(ids, h.ID), append(kinds, h.Kind)
				}
				if hit(i, ids, kinds) {
					found++
				}
				i++
			})
			b.ReportMetric(float64(found)/float64(i), "recall5")
		})
		b.Run(fmt.Sprintf("entries=%d/suggest", n), func(b *testing.B) {
			found, i := 0, 0
			latencies(b, []string{""}, func(string) {
				q := qf.Queries[i%len(qf.Queries)]
				res, err := base.Suggest(q.Draft, q.Context, "", 5)
				if err != nil {
					b.Fatal(err)
				}
				var ids, kinds []string
				for _, s := range res {
					ids, kinds = append(ids, s.ID), append(kinds, s.Kind)
				}
				if hit(i, ids, kinds) {
					found++
				}
				i++
			})
			b.ReportMetric(float64(found)/float64(i), "recall5")
		})
	}
}
