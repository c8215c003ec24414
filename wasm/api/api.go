// Package api serves Sufler's engine as one JSON-over-HTTP handler, the same natively and in WebAssembly.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
)

// MaxBody is the largest request body the API reads; larger ones get 413.
const MaxBody = 1 << 20

// MaxPackBody is the largest pack PUT /v1/packs/{id} accepts: a company's knowledge base can be
// far larger than any reply, and it arrives as raw bytes that gjson reads without a copy.
const MaxPackBody = 32 << 20

// Handler answers the /v1 API from a knowledge base. It never keeps what it is sent.
type Handler struct {
	base     *knowledge.Base
	routes   []route
	images   images             // pack sums and the engine's stamp (packimages.go)
	builtins map[string]Builtin // built-in packs that may be switched back on (packs.go)
	putMu    sync.Mutex         // one pack change at a time, so a pack and its sum agree
	hub      hubState           // packs installed from the team hub (hubpacks.go)
}

// route binds one path (exact, or a prefix ending in "/" for a trailing id) to its methods.
type route struct {
	path    string
	prefix  bool
	suffix  string // after the id, as "/image"
	methods map[string]func(w http.ResponseWriter, r *http.Request, id string)
}

// New returns the API over base.
func New(base *knowledge.Base) *Handler {
	h := &Handler{base: base}
	h.routes = []route{
		{path: "/v1/check", methods: methods{"POST": h.check}},
		{path: "/v1/suggest", methods: methods{"POST": h.suggest}},
		{path: "/v1/search", methods: methods{"GET": h.search}},
		{path: "/v1/segment", methods: methods{"POST": h.segment}},
		{path: "/v1/segments", methods: methods{"GET": h.segments}},
		{path: "/v1/packs", methods: methods{"GET": h.packs, "POST": h.postPack}},
		{path: "/v1/packs/", prefix: true, methods: methods{"PUT": h.putPack, "DELETE": h.deletePack}},
		{path: "/v1/packs/", prefix: true, suffix: "/image", methods: methods{"GET": h.packImage}},
		{path: "/v1/limits", methods: methods{"GET": h.limits}},
		{path: "/v1/health", methods: methods{"GET": h.health}},
		{path: "/v1/hub", methods: methods{"GET": h.getHub, "PUT": h.putHub, "DELETE": h.deleteHub}},
	}
	return h
}

type methods = map[string]func(w http.ResponseWriter, r *http.Request, id string)

// ServeHTTP routes the request; every answer, errors included, is JSON.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// A bug must cost one request, not the engine the whole browser shares.
		if v := recover(); v != nil {
			writeError(w, http.StatusInternalServerError, fmt.Sprintf("internal error: %v", v), nil)
		}
	}()
	for _, rt := range h.routes {
		id, ok := rt.match(r.URL.Path)
		if !ok {
			continue
		}
		fn, ok := rt.methods[r.Method]
		if !ok {
			allow := make([]string, 0, len(rt.methods))
			for m := range rt.methods {
				allow = append(allow, m)
			}
			sort.Strings(allow)
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, http.StatusMethodNotAllowed,
				fmt.Sprintf("method %s is not allowed on %s (use %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")), nil)
			return
		}
		fn(w, r, id)
		return
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("no such endpoint: %s", r.URL.Path), nil)
}

func (rt route) match(path string) (id string, ok bool) {
	if !rt.prefix {
		return "", path == rt.path
	}
	id, ok = strings.CutPrefix(path, rt.path)
	if ok && rt.suffix != "" {
		id, ok = strings.CutSuffix(id, rt.suffix)
	}
	return id, ok && id != "" && !strings.Contains(id, "/")
}

// errorBody is the shape of every error answer.
type errorBody struct {
	// Error says what went wrong, naming the field where there is one.
	Error string `json:"error"`
	// Problems lists every problem of a rejected pack.
	Problems []pack.Problem `json:"problems,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string, problems []pack.Problem) {
	writeJSON(w, status, errorBody{Error: msg, Problems: problems})
}

// writeJSON answers with v as compact JSON; HTML is not escaped, so native and wasm answers stay byte-identical and readable.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status, buf = http.StatusInternalServerError, *bytes.NewBufferString(`{"error":"cannot encode the answer"}` + "\n")
	}
	writeAnswer(w, status, buf.Bytes())
}

// writeAnswer sends body, a JSON answer, with status.
func writeAnswer(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

// decode reads a JSON object body into dst with strict field names and types.
// It writes the error answer itself and reports whether the caller may go on.
func decode(w http.ResponseWriter, r *http.Request, dst any) bool {
	data, ok := readBody(w, r, MaxBody)
	return ok && decodeBytes(w, data, dst)
}

// decodeBytes is decode for a body already read.
func decodeBytes(w http.ResponseWriter, data []byte, dst any) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		writeError(w, http.StatusBadRequest, "the request body is empty; send a JSON object", nil)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		writeError(w, http.StatusBadRequest, describeJSONError(err), nil)
		return false
	}
	// More is false for a stray ']' or '}' too, so the rest is looked at byte by byte. Only
	// JSON's own whitespace may follow: anything else (a no-break space too) is an error.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		msg := "the request body holds more than one JSON value"
		if !dec.More() {
			msg = fmt.Sprintf("unexpected %q after the JSON object at byte %d", rest[0], len(data)-len(rest))
		}
		writeError(w, http.StatusBadRequest, msg, nil)
		return false
	}
	return true
}

// WholeReader is a request body that can read itself whole into a slice of its final
// size, or fail with *http.MaxBytesError past limit bytes: the wasm engine's bodies, whose
// chunks arrive from JS (io.ReadAll's growing slice cost a large pack's PUT 100 ms of wasm).
type WholeReader interface {
	ReadWhole(limit int64) ([]byte, error)
}

// readBody reads at most limit bytes, answering 413 past that.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	var data []byte
	var err error
	if whole, ok := r.Body.(WholeReader); ok {
		data, err = whole.ReadWhole(limit)
	} else {
		data, err = io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than %d bytes", limit), nil)
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "cannot read the request body: "+err.Error(), nil)
		return nil, false
	}
	return data, true
}

func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return fmt.Sprintf("the request body must be a JSON object, not %s", typeErr.Value)
		}
		return fmt.Sprintf("field %q must be %s, not %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("malformed JSON at byte %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "malformed JSON: the body ends too early"
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Sprintf("unknown field %s", name)
	}
	return "malformed JSON: " + err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	}
	return "an object"
}

// round keeps scores to a stable precision, so answers compare byte for byte across builds.
func round(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return math.Round(f*1e4) / 1e4
}
