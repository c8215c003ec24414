package api

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/sufler/sufler/knowledge"
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

// FuzzPutPackImage sends arbitrary framed bodies (a pack and its image) to PUT: never a
// panic, always JSON; a loaded pack says whether its image was used, a refused one why.
func FuzzPutPackImage(f *testing.F) {
	pack := mustRead(f, "testdata/shop.json")
	img := exportImage(f, "", "test-shop", pack)
	f.Add(framed(pack, img))
	f.Add(framed(pack, img[:len(img)-7]))
	f.Add(framed(pack[:40], img))
	f.Add([]byte("sufler-pack 1 0\n"))
	f.Add([]byte("sufler-pack 1 3\n{}x" + packImageMagic))
	h := New(knowledge.NewBase())
	f.Fuzz(func(t *testing.T, body []byte) {
		code, answer := raw(t, h, "PUT", "/v1/packs/test-shop", PackImageType, body)
		// The index builds in the background: let it finish inside this input, so its
		// coverage is not counted to the next one.
		for !h.base.Ready() {
			time.Sleep(time.Millisecond)
		}
		out := jsonOf(t, answer)
		switch code {
		case 200:
			rep, ok := out["image"].(map[string]any)
			if _, has := out["pack"].(map[string]any); !has || !ok || (rep["used"] != true && rep["error"] == nil) {
				t.Fatalf("200 without the pack or what became of its image: %s", answer)
			}
		case 400:
			if msg, _ := out["error"].(string); msg == "" {
				t.Fatalf("400 without an error message: %s", answer)
			}
		default:
			t.Fatalf("status %d: %s", code, answer)
		}
	})
}
