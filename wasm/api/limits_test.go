package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/rules"
)

// TestBuiltInPackRefused: an import over a built-in pack's id is refused with 409 and a
// message the options page shows; a DELETE must say it means to switch the pack off.
func TestBuiltInPackRefused(t *testing.T) {
	good, err := os.ReadFile("testdata/shop.json")
	if err != nil {
		t.Fatal(err)
	}
	base := knowledge.NewBase()
	t.Cleanup(base.Close)
	if _, problems, err := base.PutWith(good, knowledge.PutOptions{BuiltIn: true}); err != nil {
		t.Fatal(problems, err)
	}
	h := New(base)
	_, _, packsBefore := do(t, h, "GET", "/v1/packs", "")

	empty := strings.Replace(string(good), `"version": "1.0.0"`, `"version": "9"`, 1)
	status, _, out := do(t, h, "PUT", "/v1/packs/test-shop", empty)
	if msg, _ := out["error"].(string); status != 409 || !strings.Contains(msg, `pack "test-shop" is built in and cannot be replaced; give your pack another id`) {
		t.Errorf("PUT over a built-in pack: %d %v", status, out)
	}
	status, _, out = do(t, h, "DELETE", "/v1/packs/test-shop", "")
	if msg, _ := out["error"].(string); status != 409 || !strings.Contains(msg, "DELETE /v1/packs/test-shop?builtin=off") {
		t.Errorf("DELETE of a built-in pack: %d %v", status, out)
	}
	for _, q := range []string{"?builtin=yes", "?builtin=", "?force=1"} {
		if status, _, out := do(t, h, "DELETE", "/v1/packs/test-shop"+q, ""); status != 400 {
			t.Errorf("DELETE %s: %d %v", q, status, out)
		}
	}
	if _, _, packs := do(t, h, "GET", "/v1/packs", ""); fmt.Sprint(packs) != fmt.Sprint(packsBefore) {
		t.Errorf("the refusals changed the packs: %v", packs)
	}
	if status, _, out := do(t, h, "DELETE", "/v1/packs/test-shop?builtin=off", ""); status != 200 || out["deleted"] != "test-shop" {
		t.Errorf("switching it off: %d %v", status, out)
	}
	if status, _, _ := do(t, h, "PUT", "/v1/packs/test-shop", empty); status != 409 {
		t.Errorf("PUT after it is off: %d, want 409 (the id stays reserved)", status)
	}
	// A pack that is not built in is deleted as before, with or without the parameter.
	other := strings.Replace(string(good), `"id": "test-shop"`, `"id": "mine"`, 1)
	if status, _, out := do(t, h, "PUT", "/v1/packs/mine", other); status != 200 {
		t.Fatalf("PUT mine: %d %v", status, out)
	}
	if status, _, _ := do(t, h, "DELETE", "/v1/packs/mine", ""); status != 200 {
		t.Errorf("DELETE mine: %d", status)
	}
}

// TestHugeCheckBounded: issue 12's 860 KB reply (27,273 findings in an 11.6 MB answer
// before) answers with at most knowledge.MaxFindings findings and "truncated":true.
func TestHugeCheckBounded(t *testing.T) {
	h := newTestHandler(t)
	const sentence = "Я не знаю, мы гарантируем доставку завтра! "
	text := strings.Repeat(sentence, 860<<10/len(sentence))
	body, _ := json.Marshal(checkRequest{Text: text})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/v1/check", strings.NewReader(string(body))))
	var out struct {
		Findings  []rules.Finding
		Truncated bool
		Skipped   []string
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || w.Code != 200 {
		t.Fatalf("%d %v", w.Code, err)
	}
	t.Logf("%d KB reply: %d findings, %d KB answer", len(text)>>10, len(out.Findings), w.Body.Len()>>10)
	if len(out.Findings) != knowledge.MaxFindings || !out.Truncated || out.Skipped != nil {
		t.Errorf("%d findings, truncated %v, skipped %v", len(out.Findings), out.Truncated, out.Skipped)
	}
	if w.Body.Len() > knowledge.MaxFindings*1024 {
		t.Errorf("answer of %d bytes", w.Body.Len())
	}
	// An ordinary reply's answer has neither field.
	status, _, small := do(t, h, "POST", "/v1/check", `{"text":"Я не знаю"}`)
	if _, ok := small["truncated"]; status != 200 || ok || small["skipped"] != nil {
		t.Errorf("a short reply: %d %v", status, small)
	}
}

// TestSkippedInAnswer: a rule over the check's budget is named in "skipped", and the
// other rules still answer.
func TestSkippedInAnswer(t *testing.T) {
	good, _ := os.ReadFile("testdata/shop.json")
	heavy := `{"id":"heavy","kind":"regex","category":"tone","severity":"hint","message":"Тон.","why":"Политика, §9",
"regex":"(?:[а-я ,]?){498}[0-9a-z]{2}","examples":{"flag":["ааа 01"]}},`
	pack := strings.Replace(string(good), `"rules": [`, `"rules": [`+heavy, 1)
	h := New(knowledge.NewBase())
	if status, _, out := do(t, h, "PUT", "/v1/packs/test-shop", pack); status != 200 {
		t.Fatalf("PUT: %d %v", status, out)
	}
	// One sentence over MaxRegexWork / 1000 bytes, with a phrase another rule flags.
	text := "Я не знаю " + strings.Repeat("слово ", rules.MaxRegexWork/1000/len("слово ")+1)
	body, _ := json.Marshal(checkRequest{Text: text})
	status, _, out := do(t, h, "POST", "/v1/check", string(body))
	if status != 200 || fmt.Sprint(out["skipped"]) != "[heavy]" || len(out["findings"].([]any)) == 0 {
		t.Errorf("%d skipped %v, %d findings", status, out["skipped"], len(out["findings"].([]any)))
	}
}
