package api

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDirectAnswersAsServeHTTP sends each request both ways, the HTTP handler and Direct (the browser's thin path),
// and wants the same status and bytes, errors and limits included.
func TestDirectAnswersAsServeHTTP(t *testing.T) {
	h := newTestHandler(t)
	big := `{"text":"` + strings.Repeat("я", MaxBody) + `"}`
	cases := []struct {
		method, target, body string
		hasBody              bool
	}{
		{"GET", "/v1/health", "", false},
		{"GET", "/v1/segments", "", false},
		{"GET", "/v1/packs", "", false},
		{"GET", "/v1/search?q=%D0%B3%D1%80%D1%83%D0%B7&limit=3", "", false},
		{"GET", "/v1/search?q=груз&kind=video", "", false},
		{"GET", "/v1/search?q=a&limit=-1", "", false},
		{"POST", "/v1/check", `{"text":"Я не знаю, но мы гарантируем 100%","segment":"corporate"}`, true},
		{"POST", "/v1/check", `{"text": "не закрыто`, true},
		{"POST", "/v1/check", `{"text": 42}`, true},
		{"POST", "/v1/check", ``, true},
		{"POST", "/v1/check", ``, false},
		{"POST", "/v1/check", big, true},
		{"POST", "/v1/suggest", `{"text":"Здравствуйте","limit":2}`, true},
		{"POST", "/v1/segment", `{"text":"груз на таможне"}`, true},
		{"GET", "/v1/check", "", false},
		{"PATCH", "/v1/check", "", false},
		{"GET", "/v1/nowhere", "", false},
		{"DELETE", "/v1/packs/not-loaded", "", false},
		{"PUT", "/v1/packs/broken", `{"id": "broken", "segments": []}`, true},
	}
	for _, c := range cases {
		var body *strings.Reader
		if c.hasBody {
			body = strings.NewReader(c.body)
		}
		r := httptest.NewRequest(c.method, "http://sufler"+c.target, nil)
		if body != nil {
			r = httptest.NewRequest(c.method, "http://sufler"+c.target, body)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		status, answer := h.Direct(c.method, c.target, []byte(c.body), c.hasBody)
		name := c.method + " " + c.target
		if status != w.Code || !bytes.Equal(answer, w.Body.Bytes()) {
			t.Errorf("%s: Direct %d %.300s\nServeHTTP %d %.300s", name, status, answer, w.Code, w.Body.Bytes())
		}
	}
}

// TestDirectBadTarget answers a target no URL parser takes with a 400 that says so.
func TestDirectBadTarget(t *testing.T) {
	h := newTestHandler(t)
	status, answer := h.Direct("GET", "/v1/search?q=\x7f", nil, false)
	if status != 400 || !bytes.Contains(answer, []byte(`"error":"bad request: `)) {
		t.Fatalf("got %d %s", status, answer)
	}
}

// FuzzDirect: any method, target and body answers through Direct without a panic, as ServeHTTP answers it.
func FuzzDirect(f *testing.F) {
	h := newTestHandler(f)
	f.Add("POST", "/v1/check", `{"text":"Я не знаю"}`, true)
	f.Add("GET", "/v1/search?q=груз&limit=2", "", false)
	f.Add("PUT", "/v1/packs/x", `{"id":"x"}`, true)
	f.Add("GET", "/v1/%zz", "", false)
	f.Fuzz(func(t *testing.T, method, target, body string, hasBody bool) {
		status, answer := h.Direct(method, target, []byte(body), hasBody)
		r, err := http.NewRequest(method, "http://sufler"+target, nil)
		if err != nil {
			if status != http.StatusBadRequest {
				t.Fatalf("%q %q: %d %s for a target no parser takes", method, target, status, answer)
			}
			return
		}
		r.Body = http.NoBody // as a server hands a request without a body
		if hasBody {
			r.Body = io.NopCloser(strings.NewReader(body))
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if status != w.Code || !bytes.Equal(answer, w.Body.Bytes()) {
			t.Fatalf("%q %q: Direct %d %s\nServeHTTP %d %s", method, target, status, answer, w.Code, w.Body.Bytes())
		}
	})
}
