package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/wasm/hub"
)

// TestBuildSignPublish walks the team lead's path: keygen, build, sign, verify, publish to
// a hub, then a rollback; and the refusals on the way.
func TestBuildSignPublish(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "team")
	if code, out, errOut := runCmd(t, "", "keygen", "-o", key); code != 0 || !strings.Contains(out, "team.pub") {
		t.Fatalf("keygen: %d %s %s", code, out, errOut)
	}
	if st, _ := os.Stat(key + ".key"); st.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v", st.Mode().Perm())
	}
	if code, _, errOut := runCmd(t, "", "keygen", "-o", key); code != 2 || !strings.Contains(errOut, "exists") {
		t.Errorf("keygen over a key: %d %s", code, errOut)
	}

	v1 := filepath.Join(dir, "v1")
	code, out, errOut := runCmd(t, "", "build", "-o", v1, pack1, pack2)
	if code != 0 || !strings.Contains(out, "vector-test 0.1.0:") {
		t.Fatalf("build: %d %s %s", code, out, errOut)
	}
	// The image is what the engine would build, and loads as the pack's index.
	img, _ := os.ReadFile(filepath.Join(v1, "vector-test", imageFile))
	data, _ := os.ReadFile(pack1)
	p, _ := pack.Parse(data)
	want, _ := index.Image(p)
	gd, err1 := index.Digest(img)
	wd, err2 := index.Digest(want)
	if err1 != nil || err2 != nil || gd != wd {
		t.Errorf("index image digest %s, want %s (%v %v)", gd, wd, err1, err2)
	}

	if code, out, errOut := runCmd(t, "", "sign", "-key", key+".key", "-channel", "support", "-serial", "1", v1); code != 0 {
		t.Fatalf("sign: %d %s %s", code, out, errOut)
	}
	manifest := filepath.Join(v1, manifestFile)
	if code, out, _ := runCmd(t, "", "verify", "-pub", key+".pub", manifest); code != 0 || !strings.HasPrefix(out, "ok: channel support, serial 1, 2 packs") {
		t.Fatalf("verify: %d %s", code, out)
	}

	st := hub.NewMemStore()
	pub, _ := os.ReadFile(key + ".pub")
	keys, _ := hub.ParsePublicKeys(string(pub))
	srv := httptest.NewServer(hub.New(st, hub.Config{Token: "tok", Keys: keys}))
	defer srv.Close()

	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 2 || !strings.Contains(errOut, "SUFLER_HUB_TOKEN") {
		t.Errorf("publish without a token: %d %s", code, errOut)
	}
	t.Setenv(tokenEnv, "wrong")
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 1 || !strings.Contains(errOut, "401") {
		t.Errorf("publish with a wrong token: %d %s", code, errOut)
	}
	t.Setenv(tokenEnv, "tok")
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "sales", v1); code != 2 || !strings.Contains(errOut, `signed for channel "support"`) {
		t.Errorf("publish to another channel: %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "publish", "-hub", "http://hub.example.com", "-channel", "support", v1); code != 2 || !strings.Contains(errOut, "in clear") {
		t.Errorf("publish over http: %d %s", code, errOut)
	}
	if code, out, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 0 || !strings.Contains(out, "published: channel support, serial 1") {
		t.Fatalf("publish: %d %s %s", code, out, errOut)
	}
	if got := len(st.Keys("packs/")); got != 8 {
		t.Errorf("stored files: %d, want 8 (2 packs × pack.json, pack.idx and their .sig)", got)
	}

	// v2: a changed pack; then a rollback signs v1's build again with a higher serial.
	v2 := filepath.Join(dir, "v2")
	p2 := filepath.Join(dir, "p.json")
	os.WriteFile(p2, []byte(strings.Replace(string(data), `"version": "0.1.0"`, `"version": "0.2.0"`, 1)), 0o644)
	runCmd(t, "", "build", "-o", v2, p2)
	runCmd(t, "", "sign", "-key", key+".key", "-channel", "support", "-serial", "2", v2)
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v2); code != 0 {
		t.Fatalf("publish v2: %s", errOut)
	}
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 1 || !strings.Contains(errOut, "not newer") {
		t.Errorf("replaying v1's manifest: %d %s", code, errOut)
	}
	runCmd(t, "", "sign", "-key", key+".key", "-channel", "support", "-serial", "3", v1)
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 0 {
		t.Fatalf("rollback: %s", errOut)
	}
	obj, _ := st.Get("channels/support/manifest.json")
	if m, _ := hub.ParseManifest(obj.Body); m == nil || m.Serial != 3 || m.Packs[1].Version != "0.1.0" {
		t.Errorf("after rollback: %s", obj.Body)
	}

	// Tampering is found: a changed image, a manifest signed by another key.
	os.WriteFile(filepath.Join(v1, "vector-test", imageFile), append(img, 0), 0o644)
	if code, out, _ := runCmd(t, "", "verify", "-pub", key+".pub", manifest); code != 1 || !strings.Contains(out, "pack.idx: ") || !strings.Contains(out, "does not match") {
		t.Errorf("tampered image: %d %s", code, out)
	}
	if code, _, errOut := runCmd(t, "", "publish", "-hub", srv.URL, "-channel", "support", v1); code != 1 || !strings.Contains(errOut, "changed since it was signed") {
		t.Errorf("publishing a tampered build: %d %s", code, errOut)
	}
	runCmd(t, "", "keygen", "-o", filepath.Join(dir, "other"))
	if code, out, _ := runCmd(t, "", "verify", "-pub", filepath.Join(dir, "other.pub"), manifest); code != 1 || !strings.Contains(out, "does not match any trusted key") {
		t.Errorf("other key: %d %s", code, out)
	}
	os.Chmod(key+".key", 0o644)
	if code, _, errOut := runCmd(t, "", "sign", "-key", key+".key", "-channel", "support", v1); code != 2 || !strings.Contains(errOut, "chmod 600") {
		t.Errorf("readable key: %d %s", code, errOut)
	}
	// build writes nothing when a pack is invalid.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(string(data), `"version": "0.1.0",`, ``, 1)), 0o644)
	if code, _, errOut := runCmd(t, "", "build", "-o", filepath.Join(dir, "v3"), bad); code != 1 || !strings.Contains(errOut, "nothing written") {
		t.Errorf("build of a bad pack: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "v3")); err == nil {
		t.Error("build wrote a directory for a bad pack")
	}
}
