// Command native measures Sufler's engine natively, for the benchmark's side-by-side table: the
// same engine.New (default packs embedded), the same API handler and knowledge package the wasm
// build runs, fed the same generated pack and queries (see wasm/bench/corpus.mjs). It prints one
// JSON object; wasm/bench/bench.mjs runs it once per run and size.
//
//	native -corpus build/bench/corpus-1000.json -queries build/bench/queries-1000.json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/sufler/sufler/wasm/engine"
)

// query is one line of ground truth from queries-<size>.json.
type query struct {
	Q       string `json:"q"`
	Context string `json:"context"`
	Draft   string `json:"draft"`
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Pack    string `json:"pack"`
}

// queryFile is queries-<size>.json.
type queryFile struct {
	Pack    string   `json:"pack"`
	Queries []query  `json:"queries"`
	Replies []string `json:"replies"`
}

// latency is a summary of one kind of request, in milliseconds.
type latency struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// result is what the program prints; bench.mjs documents each key.
type result struct {
	Engine        string   `json:"engine"`
	Go            string   `json:"go"`
	GOGC          string   `json:"gogc"`
	StartMs       float64  `json:"startMs"`        // engine.New with the default packs
	FirstCheckMs  float64  `json:"firstCheckMs"`   // start plus the first /v1/check answer
	CorpusBytes   int      `json:"corpusBytes"`    // size of the pack JSON
	ReadyMs       float64  `json:"readyMs"`        // PUT /v1/packs/bench: parse, check, index
	ParseMs       float64  `json:"parseMs"`        // the same bytes refused for a wrong id: parse and check only
	Check         latency  `json:"check"`          // POST /v1/check, 2,000-character replies, every pack's rules
	Search        latency  `json:"search"`         // GET /v1/search?q=…&limit=10
	Suggest       latency  `json:"suggest"`        // POST /v1/suggest with draft and context
	Recall5       float64  `json:"recall5"`        // search: the entry among the first five hits
	SuggestRecall float64  `json:"suggestRecall5"` // suggest: the entry among the first five suggestions
	Findings      int      `json:"findingsPerReply"`
	Memory        memStats `json:"memory"`
}

// memStats are Go heap figures after a forced GC.
type memStats struct {
	HeapDefaultBytes uint64 `json:"heapDefaultBytes"` // live heap with only the default packs
	HeapBytes        uint64 `json:"heapBytes"`        // live heap with the corpus indexed
	SysBytes         uint64 `json:"sysBytes"`         // memory obtained from the OS
	PeakRSSBytes     int64  `json:"peakRssBytes"`     // peak resident set, from the kernel
}

func main() {
	corpus := flag.String("corpus", "", "pack JSON to load (required)")
	queries := flag.String("queries", "", "queries JSON with ground truth (required)")
	checks := flag.Int("checks", 200, "number of /v1/check requests to time")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of one phase (-profile) to this file")
	phase := flag.String("profile", "query", "phase -cpuprofile covers: put (indexing the corpus) or query (search and suggest)")
	flag.Parse()
	if *corpus == "" || *queries == "" {
		fmt.Fprintln(os.Stderr, "usage: native -corpus PACK.json -queries QUERIES.json")
		os.Exit(2)
	}
	if *phase != "put" && *phase != "query" {
		fmt.Fprintf(os.Stderr, "native: -profile %q: want put or query\n", *phase)
		os.Exit(2)
	}
	res, err := run(*corpus, *queries, *checks, *cpuprofile, *phase)
	if err != nil {
		fmt.Fprintln(os.Stderr, "native:", err)
		os.Exit(1)
	}
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}

func run(corpusPath, queriesPath string, checks int, cpuprofile, phase string) (*result, error) {
	pack, err := os.ReadFile(corpusPath)
	if err != nil {
		return nil, err
	}
	var qf queryFile
	if b, err := os.ReadFile(queriesPath); err != nil {
		return nil, err
	} else if err := json.Unmarshal(b, &qf); err != nil {
		return nil, fmt.Errorf("%s: %v", queriesPath, err)
	}
	if len(qf.Replies) == 0 || qf.Pack == "" {
		return nil, fmt.Errorf("%s: no replies or no pack id", queriesPath)
	}
	res := &result{Engine: "native", Go: runtime.Version(), GOGC: os.Getenv("GOGC"), CorpusBytes: len(pack)}

	t0 := time.Now()
	h, err := engine.New(engine.Options{})
	if err != nil {
		return nil, err
	}
	res.StartMs = ms(time.Since(t0))
	var first struct{ Findings []json.RawMessage }
	if err := call(h, "POST", "/v1/check", map[string]string{"text": qf.Replies[0]}, &first); err != nil {
		return nil, err
	}
	res.FirstCheckMs = ms(time.Since(t0))
	res.Memory.HeapDefaultBytes = heap()

	stop := func() {}
	if cpuprofile != "" && phase == "put" {
		if stop, err = profile(cpuprofile); err != nil {
			return nil, err
		}
	}
	t1 := time.Now()
	if err := call(h, "PUT", "/v1/packs/"+qf.Pack, json.RawMessage(pack), nil); err != nil {
		return nil, err
	}
	// The PUT answers once the pack is parsed; its index builds in the background, as in the
	// wasm build, so ready is when health says so.
	if err := untilReady(h); err != nil {
		return nil, err
	}
	res.ReadyMs = ms(time.Since(t1))
	stop()
	res.Memory.HeapBytes = heap()
	var mst runtime.MemStats
	runtime.ReadMemStats(&mst)
	res.Memory.SysBytes = mst.Sys

	// Check: every reply in turn; the first round warms up.
	var lat []float64
	for i := range checks + len(qf.Replies) {
		var out struct{ Findings []json.RawMessage }
		t := time.Now()
		if err := call(h, "POST", "/v1/check", map[string]string{"text": qf.Replies[i%len(qf.Replies)]}, &out); err != nil {
			return nil, err
		}
		if i >= len(qf.Replies) {
			lat = append(lat, since(t))
		}
		res.Findings = len(out.Findings)
	}
	res.Check = summarize(lat)

	// Search and suggest: every query once, after a warm-up of 20.
	if cpuprofile != "" && phase == "query" {
		stop, err := profile(cpuprofile)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	var searchLat, suggestLat []float64
	found, suggested := 0, 0
	for i := -20; i < len(qf.Queries); i++ {
		q := qf.Queries[max(i, 0)%len(qf.Queries)]
		var sr struct{ Hits []hit }
		t := time.Now()
		if err := call(h, "GET", "/v1/search?"+url.Values{"q": {q.Q}, "limit": {"10"}}.Encode(), nil, &sr); err != nil {
			return nil, err
		}
		d := since(t)
		var sg struct{ Suggestions []hit }
		t = time.Now()
		if err := call(h, "POST", "/v1/suggest", map[string]any{"text": q.Draft, "context": q.Context, "limit": 5}, &sg); err != nil {
			return nil, err
		}
		d2 := since(t)
		if i < 0 {
			continue
		}
		searchLat, suggestLat = append(searchLat, d), append(suggestLat, d2)
		if top5(sr.Hits, q) {
			found++
		}
		if top5(sg.Suggestions, q) {
			suggested++
		}
	}
	res.Search, res.Suggest = summarize(searchLat), summarize(suggestLat)
	if n := len(qf.Queries); n > 0 {
		res.Recall5 = round4(float64(found) / float64(n))
		res.SuggestRecall = round4(float64(suggested) / float64(n))
	}
	res.Memory.PeakRSSBytes = peakRSS()

	// The same bytes under another id: read, parsed and checked in full, then refused.
	t2 := time.Now()
	if err := call(h, "PUT", "/v1/packs/"+qf.Pack+"-parse-only", json.RawMessage(pack), nil); err == nil || !strings.Contains(err.Error(), ": 400 ") {
		return nil, fmt.Errorf("PUT under a wrong id: want 400, got %v", err)
	}
	res.ParseMs = ms(time.Since(t2))
	return res, nil
}

// profile starts a CPU profile into path and returns the function that ends it.
func profile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// untilReady polls /v1/health until every pack answers search.
func untilReady(h http.Handler) error {
	for t := time.Now(); ; time.Sleep(time.Millisecond) {
		var health struct {
			Ready *bool `json:"ready"`
		}
		if err := call(h, "GET", "/v1/health", nil, &health); err != nil {
			return err
		}
		if health.Ready == nil || *health.Ready {
			return nil
		}
		if time.Since(t) > 2*time.Minute {
			return fmt.Errorf("health: not ready after 2 minutes")
		}
	}
}

// hit is the part of a search hit or suggestion the benchmark reads.
type hit struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Pack string `json:"pack"`
}

func top5(hits []hit, q query) bool {
	for i, h := range hits {
		if i == 5 {
			break
		}
		if h.ID == q.ID && h.Kind == q.Kind && h.Pack == q.Pack {
			return true
		}
	}
	return false
}

// call sends one request through the handler, as the wasm build's JS side does, and decodes
// the answer into out; any status but 200 is an error.
func call(h http.Handler, method, target string, body, out any) error {
	var r *http.Request
	if body == nil {
		r = httptest.NewRequest(method, "http://sufler"+target, nil)
	} else {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = httptest.NewRequest(method, "http://sufler"+target, bytes.NewReader(b))
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, strings.SplitN(target, "?", 2)[0], w.Code, truncate(w.Body.String(), 500))
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(w.Body.Bytes(), out)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func heap() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// peakRSS reads VmHWM from /proc/self/status (Linux); 0 elsewhere.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb * 1024
		}
	}
	return 0
}

func ms(d time.Duration) float64 { return round3(float64(d.Nanoseconds()) / 1e6) }
func since(t time.Time) float64  { return float64(time.Since(t).Nanoseconds()) / 1e6 }
func round3(x float64) float64   { return math.Round(x*1000) / 1000 }
func round4(x float64) float64   { return math.Round(x*10000) / 10000 }

// summarize computes nearest-rank percentiles, as stats.mjs does for the JS side.
func summarize(xs []float64) latency {
	if len(xs) == 0 {
		return latency{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	pct := func(p float64) float64 {
		k := int(math.Ceil(p/100*float64(len(s)))) - 1
		return round3(s[min(max(k, 0), len(s)-1)])
	}
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return latency{N: len(s), P50: pct(50), P95: pct(95), P99: pct(99), Max: round3(s[len(s)-1]), Mean: round3(sum / float64(len(s)))}
}
