package hub

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const token = "s3cret-token"

type fixture struct {
	t     *testing.T
	hub   *Hub
	store *MemStore
	key   ed25519.PrivateKey
}

func newFixture(t *testing.T, withKeys bool) *fixture {
	seed := sha256.Sum256([]byte("test key"))
	key := ed25519.NewKeyFromSeed(seed[:])
	cfg := Config{Token: token}
	if withKeys {
		cfg.Keys = []ed25519.PublicKey{key.Public().(ed25519.PublicKey)}
	}
	st := NewMemStore()
	return &fixture{t: t, hub: New(st, cfg), store: st, key: key}
}

func (f *fixture) do(method, path, body string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	f.hub.ServeHTTP(w, r)
	return w
}

func auth() []string { return []string{"Authorization", "Bearer " + token} }

// publish uploads a pack version's files and a manifest naming them, as sufler-pack does.
func (f *fixture) publish(channel string, serial int64, id, version string, files map[string]string) *httptest.ResponseRecorder {
	m := Manifest{Format: 1, Channel: channel, Serial: serial}
	mp := ManifestPack{ID: id, Version: version}
	for name, body := range files {
		if w := f.do("PUT", "/v1/packs/"+id+"/"+version+"/"+name, body, auth()...); w.Code != 201 && w.Code != 200 {
			f.t.Fatalf("PUT %s: %d %s", name, w.Code, w.Body)
		}
		sum := sha256.Sum256([]byte(body))
		mp.Files = append(mp.Files, ManifestFile{Name: name, Size: len(body), SHA256: hex.EncodeToString(sum[:])})
	}
	m.Packs = []ManifestPack{mp}
	mb, _ := json.Marshal(m)
	req, _ := json.Marshal(publishRequest{Manifest: string(mb), Signature: Sign(f.key, mb)})
	return f.do("PUT", "/v1/channels/"+channel, string(req), auth()...)
}

func TestPublishServeRollback(t *testing.T) {
	f := newFixture(t, true)
	if w := f.publish("support", 1, "acme", "1.0.0", map[string]string{"pack.json": `{"v":1}`, "pack.idx": "img1"}); w.Code != 201 {
		t.Fatalf("publish v1: %d %s", w.Code, w.Body)
	}
	w := f.do("GET", "/v1/channels/support/manifest.json", "")
	if w.Code != 200 || w.Header().Get("Cache-Control") != "no-cache" || w.Header().Get("ETag") == "" {
		t.Fatalf("manifest: %d %v", w.Code, w.Header())
	}
	m, err := ParseManifest(w.Body.Bytes())
	if err != nil || m.Packs[0].Version != "1.0.0" {
		t.Fatalf("manifest: %v %+v", err, m)
	}
	sig := f.do("GET", "/v1/channels/support/manifest.json.sig", "")
	if err := Verify([]ed25519.PublicKey{f.key.Public().(ed25519.PublicKey)}, w.Body.Bytes(), sig.Body.String()); err != nil {
		t.Errorf("served signature: %v", err)
	}

	// A conditional GET with the current ETag reads no body.
	etag := w.Header().Get("ETag")
	gets := f.store.Gets
	if w := f.do("GET", "/v1/channels/support/manifest.json", "", "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 || f.store.Gets != gets {
		t.Errorf("If-None-Match: %d, %d body bytes, %d gets", w.Code, w.Body.Len(), f.store.Gets-gets)
	}
	if w := f.do("GET", "/v1/channels/support/manifest.json", "", "If-None-Match", `"other", W/`+etag); w.Code != 304 {
		t.Errorf("weak tag in a list: %d", w.Code)
	}
	if w := f.do("GET", "/v1/packs/acme/1.0.0/pack.idx", ""); w.Code != 200 || w.Body.String() != "img1" || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("file: %d %q %v", w.Code, w.Body, w.Header())
	}

	// v2, then a rollback: a new serial naming 1.0.0 again; both versions stay stored.
	if w := f.publish("support", 2, "acme", "2.0.0", map[string]string{"pack.json": `{"v":2}`, "pack.idx": "img2"}); w.Code != 201 {
		t.Fatalf("publish v2: %d %s", w.Code, w.Body)
	}
	if w := f.do("GET", "/v1/channels/support/manifest.json", "", "If-None-Match", etag); w.Code != 200 || !strings.Contains(w.Body.String(), `"2.0.0"`) {
		t.Errorf("after v2 the old ETag must not match: %d %s", w.Code, w.Body)
	}
	if w := f.publish("support", 3, "acme", "1.0.0", map[string]string{"pack.json": `{"v":1}`, "pack.idx": "img1"}); w.Code != 201 {
		t.Fatalf("rollback: %d %s", w.Code, w.Body)
	}
	w = f.do("GET", "/v1/channels/support/manifest.json", "")
	if m, _ := ParseManifest(w.Body.Bytes()); m == nil || m.Serial != 3 || m.Packs[0].Version != "1.0.0" {
		t.Errorf("after rollback: %s", w.Body)
	}
	if got := len(f.store.Keys("packs/acme/")); got != 4 {
		t.Errorf("stored files: %d, want 4 (every version kept)", got)
	}
	if got := len(f.store.Keys("channels/support/history/")); got != 6 {
		t.Errorf("history: %d objects, want 6", got)
	}
}

func TestPublishRefusals(t *testing.T) {
	f := newFixture(t, true)
	if w := f.publish("support", 5, "acme", "1.0.0", map[string]string{"pack.json": "a"}); w.Code != 201 {
		t.Fatalf("publish: %d %s", w.Code, w.Body)
	}
	good := f.do("GET", "/v1/channels/support/manifest.json", "").Body.String()
	mb := func(m Manifest) []byte { b, _ := json.Marshal(m); return b }
	sum := sha256.Sum256([]byte("a"))
	files := []ManifestFile{{Name: "pack.json", Size: 1, SHA256: hex.EncodeToString(sum[:])}}
	newer := mb(Manifest{Format: 1, Channel: "support", Serial: 9, Packs: []ManifestPack{{ID: "acme", Version: "1.0.0", Files: files}}})
	_, other, _ := ed25519.GenerateKey(nil)
	body := func(m []byte, sig string) string {
		b, _ := json.Marshal(publishRequest{Manifest: string(m), Signature: sig})
		return string(b)
	}
	tests := []struct {
		name, method, path, body string
		hdr                      []string
		code                     int
		says                     string
	}{
		{"no token", "PUT", "/v1/channels/support", body(newer, Sign(f.key, newer)), nil, 401, "unauthorized"},
		{"wrong token", "PUT", "/v1/channels/support", body(newer, Sign(f.key, newer)), []string{"Authorization", "Bearer nope"}, 401, "unauthorized"},
		{"file without token", "PUT", "/v1/packs/acme/2.0.0/pack.json", "x", nil, 401, "unauthorized"},
		{"other key", "PUT", "/v1/channels/support", body(newer, Sign(other, newer)), auth(), 403, "does not match"},
		{"tampered", "PUT", "/v1/channels/support", body([]byte(strings.Replace(string(newer), `"serial":9`, `"serial":10`, 1)), Sign(f.key, newer)), auth(), 403, "does not match"},
		{"stale serial", "PUT", "/v1/channels/support", body(mb(Manifest{Format: 1, Channel: "support", Serial: 5, Packs: []ManifestPack{{ID: "acme", Version: "1.0.0", Files: files}}}), ""), auth(), 400, "body must be"},
		{"replayed", "PUT", "/v1/channels/support", body([]byte(good), f.do("GET", "/v1/channels/support/manifest.json.sig", "").Body.String()), auth(), 409, "not newer"},
		{"wrong channel", "PUT", "/v1/channels/sales", body(newer, Sign(f.key, newer)), auth(), 400, "not \"sales\""},
		{"missing file", "PUT", "/v1/channels/support", body(mb(Manifest{Format: 1, Channel: "support", Serial: 9, Packs: []ManifestPack{{ID: "acme", Version: "3.0.0", Files: files}}}), ""), auth(), 400, "body must be"},
		{"overwrite a version", "PUT", "/v1/packs/acme/1.0.0/pack.json", "b", auth(), 409, "already has a different"},
		{"bad id", "GET", "/v1/packs/Acme/1.0.0/pack.json", "", nil, 404, ""},
		{"dot file", "GET", "/v1/packs/acme/1.0.0/..", "", nil, 404, ""},
		{"post", "POST", "/v1/channels/support/manifest.json", "", nil, 405, ""},
		{"unknown channel", "GET", "/v1/channels/sales/manifest.json", "", nil, 404, ""},
		{"bad manifest", "PUT", "/v1/channels/support", body([]byte(`{"format":1}`), "x"), auth(), 400, "channel"},
	}
	for _, tt := range tests {
		w := f.do(tt.method, tt.path, tt.body, tt.hdr...)
		if w.Code != tt.code || !strings.Contains(w.Body.String(), tt.says) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, w.Code, w.Body, tt.code, tt.says)
		}
	}
	// Signed versions of two refusals the table sends unsigned.
	missing := mb(Manifest{Format: 1, Channel: "support", Serial: 9, Packs: []ManifestPack{{ID: "acme", Version: "3.0.0", Files: files}}})
	if w := f.do("PUT", "/v1/channels/support", body(missing, Sign(f.key, missing)), auth()...); w.Code != 409 || !strings.Contains(w.Body.String(), "not uploaded") {
		t.Errorf("missing file: %d %s", w.Code, w.Body)
	}
	stale := mb(Manifest{Format: 1, Channel: "support", Serial: 5, Packs: []ManifestPack{{ID: "acme", Version: "1.0.0", Files: files}}})
	if w := f.do("PUT", "/v1/channels/support", body(stale, Sign(f.key, stale)), auth()...); w.Code != 409 {
		t.Errorf("stale: %d %s", w.Code, w.Body)
	}
	if got := f.do("GET", "/v1/channels/support/manifest.json", "").Body.String(); got != good {
		t.Errorf("a refused publish changed the manifest:\n%s", got)
	}
	// Without a token configured, publishing is off.
	off := New(NewMemStore(), Config{})
	w := httptest.NewRecorder()
	off.ServeHTTP(w, httptest.NewRequest("PUT", "/v1/packs/acme/1.0.0/pack.json", strings.NewReader("x")))
	if w.Code != 403 {
		t.Errorf("no token configured: %d", w.Code)
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t, false)
	f.publish("support", 1, "acme", "1.0.0", map[string]string{"pack.json": "a"})
	for _, tt := range []struct {
		origin string
		allow  bool
	}{
		{"chrome-extension://abcdefghijklmnopabcdefghijklmnop", true},
		{"moz-extension://2b1f6a4e-5c1d-4a53-9a0e-1f7b0c9f3c11", true},
		{"https://evil.example", false},
		{"chrome-extension://abc/../x", false},
		{"chrome-extension://", false},
		{"null", false},
		{"", false},
	} {
		w := f.do("GET", "/v1/channels/support/manifest.json", "", "Origin", tt.origin)
		got := w.Header().Get("Access-Control-Allow-Origin")
		if (got == tt.origin && got != "") != tt.allow || (!tt.allow && got != "") {
			t.Errorf("origin %q: ACAO %q", tt.origin, got)
		}
		pre := f.do("OPTIONS", "/v1/channels/support/manifest.json", "", "Origin", tt.origin, "Access-Control-Request-Method", "GET")
		if (pre.Code == 204) != tt.allow {
			t.Errorf("preflight from %q: %d", tt.origin, pre.Code)
		}
		if tt.allow && strings.Contains(pre.Header().Get("Access-Control-Allow-Methods"), "PUT") {
			t.Errorf("preflight allows PUT: %v", pre.Header())
		}
	}
}

func TestParseManifest(t *testing.T) {
	ok := `{"format":1,"channel":"c","serial":1,"packs":[{"id":"a","version":"1.0","files":[{"name":"pack.json","size":1,"sha256":"` + strings.Repeat("ab", 32) + `"}]}]}`
	if _, err := ParseManifest([]byte(ok)); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		strings.Replace(ok, `"format":1`, `"format":2`, 1),
		strings.Replace(ok, `"serial":1`, `"serial":0`, 1),
		strings.Replace(ok, `"id":"a"`, `"id":"../a"`, 1),
		strings.Replace(ok, `"version":"1.0"`, `"version":"../x"`, 1),
		strings.Replace(ok, `"name":"pack.json"`, `"name":"../pack.json"`, 1),
		strings.Replace(ok, strings.Repeat("ab", 32), "abc", 1),
		strings.Replace(ok, `"channel":"c"`, `"channel":"c","extra":1`, 1),
		`{"format":1,"channel":"c","serial":1,"packs":[]}`,
		"not json",
	} {
		if _, err := ParseManifest([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func FuzzHub(f *testing.F) {
	f.Add("PUT", "/v1/channels/support", `{"manifest":"{}","signature":"x"}`, "")
	f.Add("GET", "/v1/packs/a/1/pack.json", "", `"x"`)
	f.Fuzz(func(t *testing.T, method, path, body, inm string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t\r\n?#%") || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") || method == "" {
			return
		}
		fx := newFixture(t, true)
		r, err := http.NewRequest(method, "http://hub"+path, strings.NewReader(body))
		if err != nil {
			return
		}
		r.Header.Set("If-None-Match", inm)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		fx.hub.ServeHTTP(w, r)
		if w.Code == 201 && method == "PUT" && strings.HasPrefix(path, "/v1/channels/") {
			t.Errorf("fuzz published a manifest: %s", fmt.Sprint(body))
		}
	})
}
