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
		rec := newRecorder()
		writeError(rec, http.StatusBadRequest, "bad request: "+err.Error(), nil)
		return rec.status, rec.body.Bytes()
	}
	r.Body = http.NoBody
	if rd != nil {
		r.Body = readCloser{rd}
		r.ContentLength = int64(len(body))
	}
	rec := newRecorder()
	h.ServeHTTP(rec, r)
	return rec.status, rec.body.Bytes()
}

// readCloser is a request body over bytes already in memory.
type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// recorder keeps one answer in memory, as Direct returns it.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}
