package api

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzCheck sends arbitrary bodies to /v1/check: the engine must never panic and must always
// answer JSON, with a 200 or a JSON error.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		`{"text":"Я не знаю, но мы гарантируем 100% доставку 🙂","segment":"b2b"}`,
		`{"text":"карта 4111 1111 1111 1111"}`, `{"text":""}`, `{"text":5}`, `{`, `null`, `[]`, `"x"`,
		`{"text":"\u00ad\u00a0ёЁ","segment":""}`, `{"text":"a","segment":"vip"}`,
	} {
		f.Add(seed)
	}
	h := newTestHandler(f)
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/v1/check", strings.NewReader(body)))
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer is not a JSON object: %v\n%s", err, w.Body)
		}
		switch w.Code {
		case 200:
			if _, ok := out["findings"].([]any); !ok {
				t.Fatalf("200 without findings: %s", w.Body)
			}
		case 400:
			if msg, _ := out["error"].(string); msg == "" {
				t.Fatalf("400 without an error message: %s", w.Body)
			}
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
	})
}

// FuzzPutPack loads arbitrary pack bodies: never a panic, always JSON, and a refused pack
// always comes with its problems.
func FuzzPutPack(f *testing.F) {
	for _, seed := range []string{`{}`, `{"id":"test-shop"}`, `[1,2]`, `{"id":"x","segments":[{"id":"retail"}]}`, "\xff"} {
		f.Add(seed)
	}
	h := newTestHandler(f)
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("PUT", "/v1/packs/fuzz", strings.NewReader(body)))
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, w.Body)
		}
		if w.Code == 400 {
			if p, ok := out["problems"].([]any); !ok || len(p) == 0 {
				t.Fatalf("refused without problems: %s", w.Body)
			}
		}
	})
}
