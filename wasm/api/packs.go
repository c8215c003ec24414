package api

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
)

// postPack answers POST /v1/packs: it loads a pack under the id the pack gives itself.
// An import sends the file as it is: the engine reads the id, and a file that is not JSON
// gets the engine's own line and column, so the pages need no JSON reader of their own.
func (h *Handler) postPack(w http.ResponseWriter, r *http.Request, _ string) {
	data, ok := readBody(w, r, MaxPackBody)
	if !ok {
		return
	}
	h.loadPack(w, packSum(data), data, nil, knowledge.PutOptions{Background: true}, nil)
}

// PackIDPattern is the form of a pack id (and of every id in a pack), as the engine checks it.
const PackIDPattern = "^[a-z0-9-]+$"

// Limits is the answer of GET /v1/limits: what the engine accepts, so that the pages ask
// instead of keeping copies that drift.
type Limits struct {
	// PackMaxBytes is the largest pack PUT or POST /v1/packs accepts.
	PackMaxBytes int `json:"packMaxBytes"`
	// BodyMaxBytes is the largest body of any other request.
	BodyMaxBytes int `json:"bodyMaxBytes"`
	// PackIDPattern is the pattern a pack id matches, as a JavaScript RegExp source.
	PackIDPattern string `json:"packIdPattern"`
	// PackImageType is the Content-Type of a PUT that brings the pack's index image.
	PackImageType string `json:"packImageType"`
}

// engineLimits are the limits GET /v1/limits answers and LimitsModule writes.
var engineLimits = Limits{MaxPackBody, MaxBody, PackIDPattern, PackImageType}

func (h *Handler) limits(w http.ResponseWriter, _ *http.Request, _ string) {
	writeJSON(w, http.StatusOK, engineLimits)
}

// Builtin is a pack the engine ships, which DELETE /v1/packs/{id}?builtin=off switches off
// and PUT /v1/packs/{id}?builtin=on brings back, without a restart.
type Builtin struct {
	// Title names the pack in GET /v1/packs while it is off.
	Title string
	// Load puts the pack into the engine's base again.
	Load func() error
}

// AddBuiltin registers a built-in pack that can be switched back on.
func (h *Handler) AddBuiltin(id string, b Builtin) {
	if h.builtins == nil {
		h.builtins = map[string]Builtin{}
	}
	h.builtins[id] = b
}

// builtinOn answers PUT /v1/packs/{id}?builtin=on.
func (h *Handler) builtinOn(w http.ResponseWriter, r *http.Request, id string) {
	q := r.URL.Query()
	if v := q.Get("builtin"); len(q) != 1 || v != "on" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("query parameter \"builtin\" must be \"on\", not %q, and alone", v), nil)
		return
	}
	b, ok := h.builtins[id]
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no built-in pack %q", id), nil)
		return
	}
	h.putMu.Lock()
	defer h.putMu.Unlock()
	if !h.loaded(id) {
		if err := b.Load(); err != nil {
			writeEngineError(w, err)
			return
		}
	}
	for _, p := range h.base.Packs() {
		if p.ID == id {
			writeJSON(w, http.StatusOK, struct {
				Pack pack.PackInfo `json:"pack"`
			}{p})
			return
		}
	}
	writeError(w, http.StatusInternalServerError, fmt.Sprintf("built-in pack %q did not load", id), nil)
}

func (h *Handler) loaded(id string) bool {
	for _, p := range h.base.Packs() {
		if p.ID == id {
			return true
		}
	}
	return false
}

// builtinIDs lists the ids of the built-in packs, on or off, in order: a host that
// reconciles its stored packs with the engine leaves these alone.
func (h *Handler) builtinIDs() []string {
	out := make([]string, 0, len(h.builtins))
	for id := range h.builtins {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// offPack is a built-in pack that is switched off, as GET /v1/packs lists it.
type offPack struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// offPacks lists the built-in packs that are switched off, by id.
func (h *Handler) offPacks(loaded []pack.PackInfo) []offPack {
	out := []offPack{}
	for id, b := range h.builtins {
		on := false
		for _, p := range loaded {
			on = on || p.ID == id
		}
		if !on {
			out = append(out, offPack{id, b.Title})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
