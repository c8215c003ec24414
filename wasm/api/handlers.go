package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
)

// checkRequest is the body of POST /v1/check.
type checkRequest struct {
	Text    string `json:"text"`
	Segment string `json:"segment"`
}

func (h *Handler) check(w http.ResponseWriter, r *http.Request, _ string) {
	data, ok := readBody(w, r, MaxBody)
	if !ok {
		return
	}
	req, ok := readCheck(data)
	if !ok && !decodeBytes(w, data, &req) {
		return
	}
	res, err := h.base.CheckAll(req.Text, req.Segment)
	if err != nil {
		writeEngineError(w, err)
		return
	}
	writeFindings(w, res)
}

// suggestRequest is the body of POST /v1/suggest.
type suggestRequest struct {
	Text    string `json:"text"`
	Context string `json:"context"`
	Segment string `json:"segment"`
	Limit   int    `json:"limit"`
}

func (h *Handler) suggest(w http.ResponseWriter, r *http.Request, _ string) {
	var req suggestRequest
	if !decode(w, r, &req) {
		return
	}
	limit, ok := checkLimit(w, "limit", req.Limit, 5)
	if !ok {
		return
	}
	sugs, err := h.base.Suggest(req.Text, req.Context, req.Segment, limit)
	if err != nil {
		writeEngineError(w, err)
		return
	}
	for i := range sugs {
		sugs[i].Score = round(sugs[i].Score)
	}
	if sugs == nil {
		sugs = []knowledge.Suggestion{}
	}
	writeJSON(w, http.StatusOK, struct {
		Suggestions []knowledge.Suggestion `json:"suggestions"`
	}{sugs})
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request, _ string) {
	q := r.URL.Query()
	for key := range q {
		switch key {
		case "q", "segment", "kind", "limit":
		default:
			writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query parameter %q (q, segment, kind, limit)", key), nil)
			return
		}
	}
	limit := 0
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("query parameter \"limit\" must be a whole number, not %q", s), nil)
			return
		}
		limit = n
	}
	limit, ok := checkLimit(w, "limit", limit, 10)
	if !ok {
		return
	}
	res, err := h.base.Search(q.Get("q"), q.Get("segment"), q.Get("kind"), limit)
	if err != nil {
		writeEngineError(w, err)
		return
	}
	for i := range res.Hits {
		res.Hits[i].Score = round(res.Hits[i].Score)
	}
	if res.Hits == nil {
		res.Hits = []knowledge.Hit{}
	}
	writeJSON(w, http.StatusOK, res)
}

// segmentRequest is the body of POST /v1/segment.
type segmentRequest struct {
	Text string `json:"text"`
}

func (h *Handler) segment(w http.ResponseWriter, r *http.Request, _ string) {
	var req segmentRequest
	if !decode(w, r, &req) {
		return
	}
	g := h.base.GuessSegment(req.Text)
	g.Score = round(g.Score)
	if g.Signals == nil {
		g.Signals = []string{}
	}
	writeJSON(w, http.StatusOK, g)
}

func (h *Handler) segments(w http.ResponseWriter, _ *http.Request, _ string) {
	segs := h.base.Segments()
	if segs == nil {
		segs = []pack.Segment{}
	}
	writeJSON(w, http.StatusOK, struct {
		Segments []pack.Segment `json:"segments"`
	}{segs})
}

func (h *Handler) packs(w http.ResponseWriter, _ *http.Request, _ string) {
	packs := h.base.Packs()
	if packs == nil {
		packs = []pack.PackInfo{}
	}
	writeJSON(w, http.StatusOK, struct {
		Packs   []pack.PackInfo `json:"packs"`
		Off     []offPack       `json:"off"`
		BuiltIn []string        `json:"builtin"`
	}{packs, h.offPacks(packs), h.builtinIDs()})
}

func (h *Handler) putPack(w http.ResponseWriter, r *http.Request, id string) {
	if r.URL.Query().Has("builtin") {
		h.builtinOn(w, r, id)
		return
	}
	framed := withImage(r)
	limit := int64(MaxPackBody)
	if framed {
		limit = MaxImageBody
	}
	data, ok := readBody(w, r, limit)
	if !ok {
		return
	}
	opt := knowledge.PutOptions{ID: id, Background: true}
	var report *imageReport
	var parsed *pack.Pack
	var sum [32]byte
	if framed {
		packJSON, img, err := splitFramed(data)
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error(), nil)
			return
		}
		data, sum = packJSON, packSum(packJSON)
		bin, idx, err := h.usableImage(sum, img)
		if err == nil {
			parsed, err = imagePack(id, bin)
		}
		if err != nil {
			report = &imageReport{Error: fmt.Sprintf("the index image was not used (%v); the pack is indexed anew", err)}
		} else {
			// This engine build made the image from these very bytes, so it has run their
			// rules' examples already: a start need not run them again.
			report, opt.Trusted, opt.Image = &imageReport{Used: true}, true, bytes.Clone(idx)
		}
	}
	if !framed {
		sum = packSum(data)
	}
	h.loadPack(w, sum, data, parsed, opt, report)
}

// loadPack puts a pack and answers with it, or with why it was refused: parsed, when it is
// set (from a pack image), else the pack JSON in data. sum is packSum of the JSON either way.
func (h *Handler) loadPack(w http.ResponseWriter, sum [32]byte, data []byte, parsed *pack.Pack, opt knowledge.PutOptions, report *imageReport) {
	// The pack answers checks as soon as it is validated; searches wait for its index.
	// On a single-threaded host that keeps a large import from freezing the checks.
	h.putMu.Lock()
	defer h.putMu.Unlock()
	var info pack.PackInfo
	var problems []pack.Problem
	var err error
	if parsed != nil {
		info, problems, err = h.base.PutPack(parsed, opt)
	} else {
		info, problems, err = h.base.PutWith(data, opt)
	}
	name := "the pack"
	if opt.ID != "" {
		name = "pack " + strconv.Quote(opt.ID)
	}
	switch {
	case len(problems) > 0:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s was not loaded: %d problem(s); the loaded packs are unchanged", name, len(problems)), problems)
	case err != nil:
		writeEngineError(w, err)
	default:
		h.images.remember(info.ID, sum)
		writeJSON(w, http.StatusOK, struct {
			Pack  pack.PackInfo `json:"pack"`
			Image *imageReport  `json:"image,omitempty"`
		}{info, report})
	}
}

func (h *Handler) deletePack(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	for key := range q {
		if key != "builtin" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query parameter %q (builtin)", key), nil)
			return
		}
	}
	if v := q.Get("builtin"); q.Has("builtin") && v != "off" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("query parameter \"builtin\" must be \"off\", not %q", v), nil)
		return
	}
	// Switching a built-in pack off must be meant: a stray DELETE must not drop the policy.
	if h.base.BuiltIn(id) && !q.Has("builtin") {
		writeError(w, http.StatusConflict, fmt.Sprintf("pack %q is built in; to switch it off, send DELETE /v1/packs/%s?builtin=off", id, id), nil)
		return
	}
	h.putMu.Lock()
	defer h.putMu.Unlock()
	h.images.forget(id)
	if !h.base.Delete(id) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no pack %q is loaded", id), nil)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Deleted string `json:"deleted"`
	}{id})
}

func (h *Handler) health(w http.ResponseWriter, _ *http.Request, _ string) {
	writeJSON(w, http.StatusOK, struct {
		OK    bool `json:"ok"`
		Packs int  `json:"packs"`
		Ready bool `json:"ready"`
	}{true, len(h.base.Packs()), h.base.Ready()})
}

// checkLimit applies the default for 0 and refuses negatives and absurd sizes.
func checkLimit(w http.ResponseWriter, name string, n, def int) (int, bool) {
	switch {
	case n == 0:
		return def, true
	case n < 0 || n > 50:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%q must be between 1 and 50, not %d", name, n), nil)
		return 0, false
	}
	return n, true
}

// writeEngineError maps the engine's input errors to 400; anything else is the engine's fault.
func writeEngineError(w http.ResponseWriter, err error) {
	var segErr *knowledge.SegmentError
	var kindErr *knowledge.KindError
	var packErr *knowledge.InvalidPackError
	var builtIn *knowledge.BuiltInError
	switch {
	case errors.As(err, &builtIn):
		writeError(w, http.StatusConflict, err.Error(), nil)
		return
	case errors.As(err, &packErr):
		writeError(w, http.StatusBadRequest, err.Error(), packErr.Problems)
		return
	case errors.As(err, &segErr), errors.As(err, &kindErr):
		writeError(w, http.StatusBadRequest, err.Error(), nil)
		return
	}
	writeError(w, http.StatusInternalServerError, err.Error(), nil)
}
