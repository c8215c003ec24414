package api

import (
	"bytes"
	"net/http"
)

// Direct answers one request given as its parts, without an HTTP connection or a JS Request: the thin path the
// browser's engine Worker takes for every call with a small body (wasm/cmd/sufler-wasm). The answer's status and
// bytes are exactly what ServeHTTP writes for the same request; hasBody false is a request without a body.
func (h *Handler) Direct(method, target string, body []byte, hasBody bool) (status int, answer []byte) {
	var rd *bytes.Reader
	if hasBody {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequest(method, "http://sufler"+target, nil)
	if err != nil {
		rec := NewRecorder(nil)
		writeError(rec, http.StatusBadRequest, "bad request: "+err.Error(), nil)
		return rec.status, rec.body.Bytes()
	}
	r.Body = http.NoBody
	if rd != nil {
		r.Body = readCloser{rd}
		r.ContentLength = int64(len(body))
	}
	rec := NewRecorder(nil)
	h.ServeHTTP(rec, r)
	return rec.status, rec.body.Bytes()
}

// readCloser is a request body over bytes already in memory.
type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// Recorder keeps one answer in memory: Direct returns it, and the wasm entry's HTTP path
// hands it to JS in one piece. Its header map may be a real writer's.
type Recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

// NewRecorder returns a recorder over header (a fresh map when nil), status 200 until told.
func NewRecorder(header http.Header) *Recorder {
	if header == nil {
		header = http.Header{}
	}
	return &Recorder{header: header, status: http.StatusOK}
}

// Header is the answer's header map.
func (r *Recorder) Header() http.Header { return r.header }

// WriteHeader keeps the first status written.
func (r *Recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

// Write appends to the body.
func (r *Recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}

// Status is the answer's status.
func (r *Recorder) Status() int { return r.status }

// Body is the answer's body, as written.
func (r *Recorder) Body() []byte { return r.body.Bytes() }
