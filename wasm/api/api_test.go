package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/sufler/sufler/knowledge"
)

func newTestHandler(t testing.TB) *Handler {
	t.Helper()
	data, err := os.ReadFile("testdata/shop.json")
	if err != nil {
		t.Fatal(err)
	}
	base := knowledge.NewBase()
	if _, problems, err := base.Put(data); len(problems) > 0 || err != nil {
		t.Fatalf("test pack: %v %v", problems, err)
	}
	return New(base)
}

func do(t testing.TB, h http.Handler, method, target, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var r *http.Request
	if body == "" {
		r = httptest.NewRequest(method, target, nil)
	} else {
		r = httptest.NewRequest(method, target, strings.NewReader(body))
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("%s %s: Content-Type %q", method, target, ct)
	}
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %v\n%s", method, target, err, w.Body)
	}
	return w.Code, w.Header(), out
}

// TestErrors drives every bad input the API promises to answer with a JSON error, and checks
// that the next good request still succeeds.
func TestErrors(t *testing.T) {
	h := newTestHandler(t)
	tests := []struct {
		name, method, target, body string
		status                     int
		errContains                string
	}{
		{"malformed JSON", "POST", "/v1/check", `{"text": "привет`, 400, "malformed JSON"},
		{"wrong type", "POST", "/v1/check", `{"text": 5}`, 400, `field "text" must be a string`},
		{"array body", "POST", "/v1/check", `["text"]`, 400, "must be a JSON object"},
		{"unknown field", "POST", "/v1/check", `{"txt": "привет"}`, 400, `unknown field "txt"`},
		{"empty body", "POST", "/v1/check", ``, 400, "empty"},
		{"two values", "POST", "/v1/check", `{"text":"a"}{"text":"b"}`, 400, "more than one"},
		{"a stray bracket after the object", "POST", "/v1/check", `{"text":"a"} ]`, 400, `unexpected ']' after the JSON object at byte 13`},
		{"a no-break space after the object", "POST", "/v1/check", "{\"text\":\"a\"}\u00a0", 400, "more than one JSON value"},
		{"nested far too deep", "POST", "/v1/check", `{"text":` + strings.Repeat("[", 20000), 400, "exceeded max depth"},
		{"unknown segment lists valid ones", "POST", "/v1/check", `{"text": "x", "segment": "vip"}`, 400, "retail, b2b"},
		{"suggest unknown segment", "POST", "/v1/suggest", `{"text": "x", "segment": "vip"}`, 400, "unknown segment"},
		{"suggest limit type", "POST", "/v1/suggest", `{"text": "x", "limit": "5"}`, 400, `field "limit" must be a number`},
		{"suggest limit range", "POST", "/v1/suggest", `{"text": "x", "limit": 500}`, 400, "between 1 and 50"},
		{"search bad kind", "GET", "/v1/search?q=заказ&kind=video", "", 400, "unknown kind"},
		{"search bad limit", "GET", "/v1/search?q=заказ&limit=ten", "", 400, "whole number"},
		{"search unknown parameter", "GET", "/v1/search?query=заказ", "", 400, `unknown query parameter "query"`},
		{"search unknown segment", "GET", "/v1/search?q=заказ&segment=vip", "", 400, "unknown segment"},
		{"unknown path", "GET", "/v1/nothing", "", 404, "no such endpoint"},
		{"root", "GET", "/", "", 404, "no such endpoint"},
		{"packs with slash", "PUT", "/v1/packs/a/b", "{}", 404, "no such endpoint"},
		{"wrong method", "GET", "/v1/check", "", 405, "use POST"},
		{"wrong method on packs", "POST", "/v1/packs/x", "{}", 405, "DELETE, PUT"},
		{"delete unknown pack", "DELETE", "/v1/packs/nope", "", 404, `no pack "nope"`},
		{"too large", "POST", "/v1/check", `{"text":"` + strings.Repeat("я", MaxBody) + `"}`, 413, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, out := do(t, h, tt.method, tt.target, tt.body)
			if status != tt.status {
				t.Errorf("status %d, want %d (%v)", status, tt.status, out)
			}
			msg, _ := out["error"].(string)
			if !strings.Contains(msg, tt.errContains) {
				t.Errorf("error %q, want it to mention %q", msg, tt.errContains)
			}
			if status, _, _ := do(t, h, "POST", "/v1/check", `{"text":"Я не знаю."}`); status != 200 {
				t.Errorf("the next good request got %d", status)
			}
		})
	}
}

func TestMethodNotAllowedSetsAllow(t *testing.T) {
	_, hdr, _ := do(t, newTestHandler(t), "DELETE", "/v1/search", "")
	if got := hdr.Get("Allow"); got != "GET" {
		t.Errorf("Allow %q", got)
	}
}

// utf16Slice cuts s the way JavaScript's String.prototype.slice does.
func utf16Slice(s string, start, end int) string {
	u := utf16.Encode([]rune(s))
	return string(utf16.Decode(u[start:end]))
}

func TestCheckOffsetsAreUTF16AndReplacementsFollowSegment(t *testing.T) {
	h := newTestHandler(t)
	text := "🙂🙂 Я не знаю, но мы гарантируем 100% доставку 🙂"
	for _, tt := range []struct{ segment, want string }{
		{"b2b", "Уточню у коллег и напишу до конца дня"},
		{"retail", "Уточню и вернусь с ответом"},
		{"", "Уточню и вернусь с ответом"},
	} {
		body, _ := json.Marshal(map[string]string{"text": text, "segment": tt.segment})
		status, _, out := do(t, h, "POST", "/v1/check", string(body))
		if status != 200 {
			t.Fatalf("status %d: %v", status, out)
		}
		findings := out["findings"].([]any)
		if len(findings) != 2 {
			t.Fatalf("segment %q: %d findings: %v", tt.segment, len(findings), findings)
		}
		wantCut := []string{"Я не знаю", "гарантируем 100% доставку"}
		for i, f := range findings {
			m := f.(map[string]any)
			start, end := int(m["start"].(float64)), int(m["end"].(float64))
			if got := utf16Slice(text, start, end); got != wantCut[i] || got != m["match"] {
				t.Errorf("finding %d cuts %q (match %q), want %q", i, got, m["match"], wantCut[i])
			}
		}
		first := findings[0].(map[string]any)
		if reps := first["replacements"].([]any); len(reps) == 0 || reps[0] != tt.want {
			t.Errorf("segment %q: replacements %v, want %q", tt.segment, reps, tt.want)
		}
	}
}

func TestCleanTextHasEmptyFindingsArray(t *testing.T) {
	status, _, out := do(t, newTestHandler(t), "POST", "/v1/check", `{"text":"Спасибо, что написали!"}`)
	if status != 200 {
		t.Fatal(status)
	}
	if f, ok := out["findings"].([]any); !ok || len(f) != 0 {
		t.Errorf("findings = %#v, want []", out["findings"])
	}
}

func TestSuggestSearchSegments(t *testing.T) {
	h := newTestHandler(t)
	status, _, out := do(t, h, "POST", "/v1/suggest", `{"text":"Здравствуйте!","context":"Где мой заказ? Курьер так и не приехал","segment":"b2b","limit":3}`)
	if status != 200 {
		t.Fatalf("suggest %d %v", status, out)
	}
	sugs := out["suggestions"].([]any)
	if len(sugs) == 0 {
		t.Fatal("no suggestions")
	}
	top := sugs[0].(map[string]any)
	if top["id"] != "late-delivery" || !strings.Contains(top["text"].(string), "партия задерживается") || !strings.Contains(top["text"].(string), "{{deadline}}") {
		t.Errorf("top suggestion %v", top)
	}

	status, _, out = do(t, h, "GET", "/v1/search?q=вернуть+деньги&segment=retail&kind=template", "")
	if status != 200 {
		t.Fatalf("search %d %v", status, out)
	}
	hits := out["hits"].([]any)
	if out["total"].(float64) < 1 || len(hits) == 0 || hits[0].(map[string]any)["id"] != "refund" {
		t.Fatalf("search hits %v", out)
	}
	frags := hits[0].(map[string]any)["fragments"].([]any)
	if len(frags) == 0 || !strings.Contains(frags[0].(string), "<mark>") {
		t.Errorf("fragments %v", frags)
	}

	_, _, out = do(t, h, "GET", "/v1/segments", "")
	if segs := out["segments"].([]any); len(segs) != 2 || segs[0].(map[string]any)["id"] != "retail" {
		t.Errorf("segments %v", out)
	}
	_, _, out = do(t, h, "POST", "/v1/segment", `{"text":"Нужен счёт на оптовую партию по договору"}`)
	if out["segment"] != "b2b" || len(out["signals"].([]any)) == 0 {
		t.Errorf("segment guess %v", out)
	}
	_, _, out = do(t, h, "GET", "/v1/health", "")
	if out["ok"] != true || out["packs"].(float64) != 1 {
		t.Errorf("health %v", out)
	}
}

func TestPutAndDeletePack(t *testing.T) {
	h := newTestHandler(t)
	good, _ := os.ReadFile("testdata/shop.json")

	// A pack with problems is refused, every problem has a path, and the old pack keeps answering.
	broken := strings.Replace(string(good), `"retail": "{{customer_name}}, заказ`, `"vip": "{{customer_name}}, заказ`, 1)
	broken = strings.Replace(broken, `"patterns": ["я? не знаю|знаем"]`, `"kind2": 1, "patterns": ["я? не знаю|знаем"]`, 1)
	status, _, out := do(t, h, "PUT", "/v1/packs/test-shop", broken)
	if status != 400 {
		t.Fatalf("broken pack: %d %v", status, out)
	}
	problems := out["problems"].([]any)
	var paths []string
	for _, p := range problems {
		paths = append(paths, p.(map[string]any)["path"].(string))
	}
	joined := strings.Join(paths, " ")
	for _, want := range []string{"templates[0].variants.vip", "rules[0]"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems %v do not name %s", problems, want)
		}
	}
	// Each problem names its pack, its entry and where it is in the JSON text.
	for _, p := range problems {
		m := p.(map[string]any)
		if m["path"] != "templates[0].variants.vip" {
			continue
		}
		if m["pack"] != "test-shop" || m["kind"] != "template" || m["id"] == nil || m["line"].(float64) < 2 || m["column"].(float64) < 1 {
			t.Errorf("problem without its reference: %v", m)
		}
	}
	if _, _, out := do(t, h, "GET", "/v1/search?q=заказ&segment=retail", ""); out["total"].(float64) < 1 {
		t.Errorf("old pack stopped answering: %v", out)
	}

	// The id in the URL must be the pack's id.
	if status, _, out := do(t, h, "PUT", "/v1/packs/other", string(good)); status != 400 {
		t.Errorf("id mismatch: %d %v", status, out)
	}

	// Replacing with a good version works; deleting removes it.
	newer := strings.Replace(string(good), `"version": "1.0.0"`, `"version": "1.1.0"`, 1)
	if status, _, out := do(t, h, "PUT", "/v1/packs/test-shop", newer); status != 200 || out["pack"].(map[string]any)["version"] != "1.1.0" {
		t.Fatalf("replace: %d %v", status, out)
	}
	if status, _, _ := do(t, h, "DELETE", "/v1/packs/test-shop", ""); status != 200 {
		t.Fatalf("delete: %d", status)
	}
	if _, _, out := do(t, h, "GET", "/v1/packs", ""); len(out["packs"].([]any)) != 0 {
		t.Errorf("packs after delete: %v", out)
	}
	if status, _, out := do(t, h, "POST", "/v1/check", `{"text":"Я не знаю","segment":"retail"}`); status != 400 {
		t.Errorf("segment of a deleted pack: %d %v", status, out)
	}
}
