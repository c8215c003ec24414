package api

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// bigPack is a default pack's JSON: large enough to be indexed in several slices.
func bigPack(t testing.TB) (id string, data []byte) {
	t.Helper()
	data = packs.Default()[0]
	var head struct{ ID string }
	if err := json.Unmarshal(data, &head); err != nil {
		t.Fatal(err)
	}
	return head.ID, data
}

func stampedHandler(stamp string) *Handler {
	h := New(knowledge.NewBase())
	h.SetImageStamp(func() []byte { return []byte(stamp) })
	return h
}

// raw sends a request and returns the status and the body as bytes.
func raw(t testing.TB, h *Handler, method, target, contentType string, body []byte) (int, []byte) {
	t.Helper()
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.Bytes()
}

func framed(pack, img []byte) []byte {
	return append(append([]byte(fmt.Sprintf("sufler-pack 1 %d\n", len(pack))), pack...), img...)
}

func jsonOf(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, b)
	}
	return out
}

// exportImage PUTs a pack into a fresh engine and returns its pack image.
func exportImage(t testing.TB, stamp, id string, pack []byte) []byte {
	t.Helper()
	h := stampedHandler(stamp)
	if code, body := raw(t, h, "PUT", "/v1/packs/"+id, "application/json", pack); code != 200 {
		t.Fatalf("PUT: %d %s", code, body)
	}
	code, img := raw(t, h, "GET", "/v1/packs/"+id+"/image", "", nil)
	if code != 200 || !bytes.HasPrefix(img, []byte(packImageMagic)) {
		t.Fatalf("GET image: %d %.200q", code, img)
	}
	return img
}

func searchOf(t testing.TB, h *Handler, q string) string {
	t.Helper()
	code, body := raw(t, h, "GET", "/v1/search?limit=20&q="+q, "", nil)
	if code != 200 {
		t.Fatalf("search: %d %s", code, body)
	}
	return string(body)
}

// TestPackImageRoundTrip: a pack PUT with the image an engine exported for it answers
// every search as the same pack indexed from scratch; the image of a pack loaded from an
// image is usable again (the host keeps one across many starts).
func TestPackImageRoundTrip(t *testing.T) {
	id, pack := bigPack(t)
	img := exportImage(t, "v1", id, pack)

	fresh := stampedHandler("v1")
	raw(t, fresh, "PUT", "/v1/packs/"+id, "", pack)
	loaded := stampedHandler("v1")
	code, body := raw(t, loaded, "PUT", "/v1/packs/"+id, PackImageType, framed(pack, img))
	out := jsonOf(t, body)
	if code != 200 || out["image"].(map[string]any)["used"] != true {
		t.Fatalf("PUT with image: %d %s", code, body)
	}
	found := 0
	for _, q := range []string{"возврат", "полис", "страховка+не+пришла", "таможня", "срок"} {
		a, b := searchOf(t, fresh, q), searchOf(t, loaded, q)
		if a != b {
			t.Fatalf("search %q differs:\nindexed: %s\nimage:   %s", q, a, b)
		}
		if strings.Contains(a, `"hits":[{`) {
			found++
		}
	}
	if found < 3 {
		t.Fatalf("only %d of the queries find anything: the comparison proves little", found)
	}
	again := exportImage(t, "v1", id, pack)
	if _, err := index.Digest(indexPart(t, again)); err != nil {
		t.Fatal(err)
	}
	code, img2 := raw(t, loaded, "GET", "/v1/packs/"+id+"/image", "", nil)
	if code != 200 {
		t.Fatalf("image of an image-loaded pack: %d %s", code, img2)
	}
	third := stampedHandler("v1")
	if code, body := raw(t, third, "PUT", "/v1/packs/"+id, PackImageType, framed(pack, img2)); code != 200 || !strings.Contains(string(body), `"used":true`) {
		t.Fatalf("PUT with the image of an image-loaded pack: %d %s", code, body)
	}
}

// indexPart returns the index image inside a pack image.
func indexPart(t testing.TB, img []byte) []byte {
	t.Helper()
	rest := img[len(packImageMagic)+64:]
	n := binary.BigEndian.Uint64(rest[:8])
	return rest[8+n:]
}

// damagedBinary returns img with the first byte of its binary pack changed.
func damagedBinary(t testing.TB, img []byte) []byte {
	t.Helper()
	out := bytes.Clone(img)
	out[len(packImageMagic)+72] ^= 0xff
	return out
}

// TestPackImageRefused: an image that does not belong to the pack is not used, the answer
// says why, and the pack is indexed anew; a body that cannot be read changes nothing.
func TestPackImageRefused(t *testing.T) {
	id, pack := bigPack(t)
	img := exportImage(t, "v1", id, pack)
	edited := bytes.Replace(pack, []byte(`"title"`), []byte(`"title" `), 1)
	corrupt := bytes.Clone(img)
	corrupt[len(corrupt)-100] ^= 0xff
	for _, c := range []struct {
		name, stamp string
		pack, img   []byte
		want        string
	}{
		{"other pack bytes", "v1", edited, img, "other pack bytes"},
		{"other engine", "v2", pack, img, "another version of the engine"},
		{"damaged segment", "v1", pack, corrupt, "checksum"},
		{"cut short", "v1", pack, img[:len(img)-100], "index image"},
		{"cut in the binary pack", "v1", pack, img[:len(packImageMagic)+72+10], "runs past"},
		{"damaged binary pack", "v1", pack, damagedBinary(t, img), "binary pack"},
		{"not an image", "v1", pack, []byte("hello"), "not a pack image"},
		{"no image", "v1", pack, nil, "not a pack image"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := stampedHandler(c.stamp)
			code, body := raw(t, h, "PUT", "/v1/packs/"+id, PackImageType, framed(c.pack, c.img))
			out := jsonOf(t, body)
			rep, _ := out["image"].(map[string]any)
			if code != 200 || rep == nil || rep["used"] != false || !strings.Contains(rep["error"].(string), c.want) {
				t.Fatalf("%d %s; want the pack loaded and the image refused with %q", code, body, c.want)
			}
			if s := searchOf(t, h, "возврат"); !strings.Contains(s, `"hits":[{`) {
				t.Fatalf("the pack indexed anew finds nothing: %s", s)
			}
		})
	}

	h := stampedHandler("v1")
	raw(t, h, "PUT", "/v1/packs/"+id, "", pack)
	before := searchOf(t, h, "возврат")
	for _, c := range []struct{ name, body, want string }{
		{"no frame", string(pack), "must start with"},
		{"no length", "sufler-pack 1 \n{}", "length"},
		{"bad length", "sufler-pack 1 -3\n{}", "whole number"},
		{"padded length", "sufler-pack 1 02\n{}", "whole number"},
		{"length past the end", "sufler-pack 1 99\n{}", "more than"},
		{"broken pack", "sufler-pack 1 2\n{x" + string(img), "problem"},
		{"other id", string(framed([]byte(`{"id":"other"}`), img)), "problem"},
	} {
		code, body := raw(t, h, "PUT", "/v1/packs/"+id, PackImageType, []byte(c.body))
		if code != 400 || !strings.Contains(string(body), c.want) {
			t.Fatalf("%s: %d %s; want 400 with %q", c.name, code, body, c.want)
		}
		if after := searchOf(t, h, "возврат"); after != before {
			t.Fatalf("%s: the loaded pack changed", c.name)
		}
	}
}

// TestPackImageAsked: only packs loaded through the API have an image to give.
func TestPackImageAsked(t *testing.T) {
	h := newTestHandler(t) // test-shop is in the base, not PUT through the API
	for _, c := range []struct {
		target string
		code   int
		want   string
	}{
		{"/v1/packs/test-shop/image", 404, "PUT or POST"},
		{"/v1/packs/nope/image", 404, "PUT or POST"},
	} {
		code, body := raw(t, h, "GET", c.target, "", nil)
		if code != c.code || !strings.Contains(string(body), c.want) {
			t.Fatalf("%s: %d %s", c.target, code, body)
		}
	}
	if code, body := raw(t, h, "PUT", "/v1/packs/test-shop/image", "", nil); code != 405 {
		t.Fatalf("PUT image: %d %s", code, body)
	}
	pack := mustRead(t, "testdata/shop.json")
	raw(t, h, "PUT", "/v1/packs/test-shop", "", pack)
	if code, _ := raw(t, h, "GET", "/v1/packs/test-shop/image", "", nil); code != 200 {
		t.Fatalf("image after PUT: %d", code)
	}
	raw(t, h, "DELETE", "/v1/packs/test-shop", "", nil)
	if code, _ := raw(t, h, "GET", "/v1/packs/test-shop/image", "", nil); code != 404 {
		t.Fatalf("image after DELETE: %d", code)
	}
}

// TestPostPack: POST /v1/packs takes the id from the pack, and a file that is not JSON is
// refused with the engine's line and column.
func TestPostPack(t *testing.T) {
	h := New(knowledge.NewBase())
	pack := mustRead(t, "testdata/shop.json")
	code, _, out := do(t, h, "POST", "/v1/packs", string(pack))
	if code != 200 || out["pack"].(map[string]any)["id"] != "test-shop" {
		t.Fatalf("POST: %d %v", code, out)
	}
	broken := strings.Replace(string(pack), `"b2b",`, `"b2b"`, 1)
	code, _, out = do(t, h, "POST", "/v1/packs", broken)
	problems, _ := out["problems"].([]any)
	if code != 400 || len(problems) == 0 || !strings.Contains(fmt.Sprint(problems[0]), "line 9, column") {
		t.Fatalf("broken JSON: %d %v", code, out)
	}
	if _, _, out := do(t, h, "GET", "/v1/packs", ""); len(out["packs"].([]any)) != 1 {
		t.Fatalf("the loaded pack changed: %v", out)
	}
}

// TestLimits: the pages read the engine's limits instead of copying them.
func TestLimits(t *testing.T) {
	h := New(knowledge.NewBase())
	code, _, out := do(t, h, "GET", "/v1/limits", "")
	if code != 200 || out["packMaxBytes"] != float64(MaxPackBody) || out["packIdPattern"] != PackIDPattern || out["packImageType"] != PackImageType {
		t.Fatalf("%d %v", code, out)
	}
	// The pattern is the one the engine checks: an id it refuses is refused by the engine.
	for _, id := range []string{"Shop", "shop_1", "магазин"} {
		pack := strings.Replace(string(mustRead(t, "testdata/shop.json")), `"test-shop"`, fmt.Sprintf("%q", id), 1)
		if code, _, _ := do(t, h, "POST", "/v1/packs", pack); code != 400 {
			t.Fatalf("id %q: %d, want 400", id, code)
		}
	}
}

// TestBuiltinOffOn: a built-in pack switched off is listed as off and comes back without a restart.
func TestBuiltinOffOn(t *testing.T) {
	base := knowledge.NewBase()
	id, data := bigPack(t)
	p, problems := pack.ParseTrusted(data)
	if problems != nil {
		t.Fatal(problems)
	}
	load := func() error {
		_, _, err := base.PutPack(p, knowledge.PutOptions{Trusted: true, BuiltIn: true})
		return err
	}
	if err := load(); err != nil {
		t.Fatal(err)
	}
	h := New(base)
	h.AddBuiltin(id, Builtin{Title: p.Title, Load: load})
	if code, _, out := do(t, h, "DELETE", "/v1/packs/"+id+"?builtin=off", ""); code != 200 {
		t.Fatalf("off: %d %v", code, out)
	}
	_, _, out := do(t, h, "GET", "/v1/packs", "")
	if off := out["off"].([]any); len(off) != 1 || off[0].(map[string]any)["title"] != p.Title {
		t.Fatalf("off list: %v", out)
	}
	for _, bad := range []string{"?builtin=yes", "?builtin=on&x=1"} {
		if code, _, _ := do(t, h, "PUT", "/v1/packs/"+id+bad, ""); code != 400 {
			t.Fatalf("%s: %d", bad, code)
		}
	}
	if code, _, _ := do(t, h, "PUT", "/v1/packs/nope?builtin=on", ""); code != 404 {
		t.Fatalf("unknown built-in: %d", code)
	}
	code, _, out := do(t, h, "PUT", "/v1/packs/"+id+"?builtin=on", "")
	if code != 200 || out["pack"].(map[string]any)["id"] != id {
		t.Fatalf("on: %d %v", code, out)
	}
	if _, _, out := do(t, h, "GET", "/v1/packs", ""); len(out["packs"].([]any)) != 1 || len(out["off"].([]any)) != 0 || fmt.Sprint(out["builtin"]) != "["+id+"]" {
		t.Fatalf("after on: %v", out)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
