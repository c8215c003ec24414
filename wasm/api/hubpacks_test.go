package api

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/wasm/hub"
)

// hubPackJSON is the API's test pack under the id "hub-shop" at version, with one more
// rule when extra is set (flagging «бесплатно навсегда»).
func hubPackJSON(t testing.TB, version string, extra bool) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/shop.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"id": "test-shop"`, `"id": "hub-shop"`, 1)
	s = strings.Replace(s, `"version": "1.0.0"`, `"version": "`+version+`"`, 1)
	if extra {
		rule := `{"id": "forever-free", "kind": "sequence", "category": "promise", "severity": "error",
     "message": "Не обещайте «бесплатно навсегда».", "why": "Тест: новое правило хаба",
     "patterns": ["бесплатно навсегда"], "replacements": {"default": ["бесплатно до конца года"]},
     "examples": {"flag": ["Это бесплатно навсегда."], "pass": ["Это бесплатно."]}},
    `
		s = strings.Replace(s, `"rules": [`, `"rules": [`+"\n    "+rule, 1)
	}
	return []byte(s)
}

// signedUpdate builds what the extension would send: manifest, signature, files.
func signedUpdate(t testing.TB, key ed25519.PrivateKey, serial int64, packJSON []byte, withImage bool) hubUpdate {
	t.Helper()
	files := map[string][]byte{"hub-shop/pack.json": packJSON}
	if withImage {
		p, problems := pack.Parse(packJSON)
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		img, err := index.Image(p)
		if err != nil {
			t.Fatal(err)
		}
		files["hub-shop/pack.idx"] = img
	}
	var version string
	{
		var head struct{ Version string }
		json.Unmarshal(packJSON, &head)
		version = head.Version
	}
	mp := hub.ManifestPack{ID: "hub-shop", Version: version}
	for _, name := range []string{"pack.json", "pack.idx"} {
		body, ok := files["hub-shop/"+name]
		if !ok {
			continue
		}
		sum := sha256.Sum256(body)
		mp.Files = append(mp.Files, hub.ManifestFile{Name: name, Size: len(body), SHA256: hex.EncodeToString(sum[:])})
	}
	m := hub.Manifest{Format: 1, Channel: "support", Serial: serial, Packs: []hub.ManifestPack{mp}}
	mb, _ := json.MarshalIndent(m, "", "  ")
	return hubUpdate{
		Keys:      []string{base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))},
		Channel:   "support",
		Manifest:  string(mb),
		Signature: hub.Sign(key, mb),
		Files:     files,
	}
}

func putUpdate(t testing.TB, h *Handler, u hubUpdate) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(u)
	code, _, out := do(t, h, "PUT", "/v1/hub", string(body))
	return code, out
}

// ruleIDs returns the ids of the rules that flag text, waiting for nothing: checks answer
// as soon as a pack is swapped in.
func ruleIDs(t testing.TB, h *Handler, text string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text})
	code, _, out := do(t, h, "POST", "/v1/check", string(body))
	if code != 200 {
		t.Fatalf("check: %d %v", code, out)
	}
	var ids []string
	for _, f := range out["findings"].([]any) {
		ids = append(ids, f.(map[string]any)["rule"].(string))
	}
	return strings.Join(ids, ",")
}

func TestHubUpdate(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	h := New(knowledge.NewBase())
	const newRule = "Это бесплатно навсегда."

	// v1 installs and answers; v2 (a new rule) swaps in on the same handler, no restart.
	v1 := signedUpdate(t, key, 1, hubPackJSON(t, "1.0.0", false), true)
	if code, out := putUpdate(t, h, v1); code != 200 {
		t.Fatalf("v1: %d %v", code, out)
	}
	if got := ruleIDs(t, h, "Я не знаю."); got != "dont-know" {
		t.Fatalf("v1 findings %q", got)
	}
	if got := ruleIDs(t, h, newRule); got != "" {
		t.Fatalf("v1 flags the v2 rule: %q", got)
	}
	if code, out := putUpdate(t, h, v1); code != 200 || out["unchanged"] != true {
		t.Fatalf("v1 again: %d %v", code, out)
	}
	v2 := signedUpdate(t, key, 2, hubPackJSON(t, "2.0.0", true), false)
	if code, out := putUpdate(t, h, v2); code != 200 {
		t.Fatalf("v2: %d %v", code, out)
	}
	if got := ruleIDs(t, h, newRule); got != "forever-free" {
		t.Fatalf("v2 findings %q", got)
	}

	tamper := func(f func(u *hubUpdate)) hubUpdate {
		u := signedUpdate(t, key, 3, hubPackJSON(t, "3.0.0", false), true)
		f(&u)
		return u
	}
	refusals := []struct {
		name string
		u    hubUpdate
		want string
	}{
		{"pack.json changed after signing", tamper(func(u *hubUpdate) {
			u.Files["hub-shop/pack.json"] = []byte(strings.Replace(string(u.Files["hub-shop/pack.json"]), "Тестовый магазин", "Тестовый магазиН", 1))
		}), "does not match its sha256"},
		{"pack.json truncated", tamper(func(u *hubUpdate) {
			b := u.Files["hub-shop/pack.json"]
			u.Files["hub-shop/pack.json"] = b[:len(b)/2]
		}), "truncated"},
		{"image missing", tamper(func(u *hubUpdate) { delete(u.Files, "hub-shop/pack.idx") }), "pack.idx is missing"},
		{"manifest edited", tamper(func(u *hubUpdate) { u.Manifest = strings.Replace(u.Manifest, `"serial": 3`, `"serial": 4`, 1) }), "does not match any trusted key"},
		{"signed by another key", tamper(func(u *hubUpdate) {
			u.Signature = hub.Sign(otherKey, []byte(u.Manifest))
		}), "does not match any trusted key"},
		{"signature garbage", tamper(func(u *hubUpdate) { u.Signature = "bm90IGEgc2lnbmF0dXJl" }), "not a base64 ed25519 signature"},
		{"no keys", tamper(func(u *hubUpdate) { u.Keys = nil }), "no trusted public keys"},
		{"bad key", tamper(func(u *hubUpdate) { u.Keys = []string{"abc"} }), "not a base64 ed25519 public key"},
		{"other channel", tamper(func(u *hubUpdate) { u.Channel = "sales" }), `not "sales"`},
		{"replayed v1", v1, "older than the installed 2"},
		{"serial 2 with other contents", signedUpdate(t, key, 2, hubPackJSON(t, "2.0.1", true), false), "installed with other contents"},
		{"signed pack with broken rules", signedUpdate(t, key, 5, []byte(`{"id":"hub-shop","version":"5.0.0","rules":[{"id":"x"}]}`), false), "problem"},
	}
	for _, tc := range refusals {
		code, out := putUpdate(t, h, tc.u)
		if msg, _ := out["error"].(string); code != 400 || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "unchanged") {
			t.Errorf("%s: %d %v, want 400 with %q", tc.name, code, out, tc.want)
		}
		if got := ruleIDs(t, h, newRule); got != "forever-free" {
			t.Fatalf("%s: v2 no longer serves: %q", tc.name, got)
		}
	}
	code, _, out := do(t, h, "GET", "/v1/hub", "")
	if code != 200 || out["serial"] != float64(2) {
		t.Fatalf("GET /v1/hub: %d %v", code, out)
	}

	// A rollback the team lead signs (older pack, newer serial) is accepted.
	back := signedUpdate(t, key, 6, hubPackJSON(t, "1.0.0", false), false)
	if code, out := putUpdate(t, h, back); code != 200 {
		t.Fatalf("rollback: %d %v", code, out)
	}
	if got := ruleIDs(t, h, newRule); got != "" {
		t.Fatalf("after rollback: %q", got)
	}

	// Turning the hub off drops its packs; the next update counts as a first one.
	if code, _, out := do(t, h, "DELETE", "/v1/hub", ""); code != 200 || len(out["deleted"].([]any)) != 1 {
		t.Fatalf("DELETE /v1/hub: %d %v", code, out)
	}
	if got := ruleIDs(t, h, "Я не знаю."); got != "" {
		t.Fatalf("hub pack still loaded after DELETE: %q", got)
	}
	if code, out := putUpdate(t, h, v1); code != 200 {
		t.Fatalf("v1 after DELETE: %d %v", code, out)
	}
}

// FuzzHubUpdate sends arbitrary bodies to PUT /v1/hub: the engine never panics, always
// answers JSON, and never installs what is not signed by the key.
func FuzzHubUpdate(f *testing.F) {
	// A fixed key: the fuzzing workers rebuild the seeds, and must sign them alike.
	key := ed25519.NewKeyFromSeed([]byte("sufler-fuzz-hub-update-key-seed!"))
	good, _ := json.Marshal(signedUpdate(f, key, 1, hubPackJSON(f, "1.0.0", false), false))
	for _, seed := range []string{string(good), `{}`, `{"keys":["x"]}`, `{"files":{"a":"!!"}}`, `null`, `[`, `{"manifest":"{}","signature":""}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		h := New(knowledge.NewBase())
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("PUT", "/v1/hub", strings.NewReader(body)))
		var out map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, w.Body)
		}
		switch w.Code {
		case 200:
			// Only a manifest the key signed can be accepted: the fuzzer cannot forge one.
			var u hubUpdate
			if json.Unmarshal([]byte(body), &u) != nil || hub.Verify([]ed25519.PublicKey{key.Public().(ed25519.PublicKey)}, []byte(u.Manifest), u.Signature) != nil {
				t.Fatalf("accepted an update not signed by the key: %s", body)
			}
		case 400:
			if msg, _ := out["error"].(string); msg == "" {
				t.Fatalf("400 without an error: %s", w.Body)
			}
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
	})
}
