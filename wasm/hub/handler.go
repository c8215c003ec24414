package hub

import (
	"crypto/ed25519"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// MaxFile bounds one uploaded file. A pack of tens of thousands of entries with its index
// image stays well under it; R2 takes far more, but the Worker holds a body in memory.
const MaxFile = 32 << 20

// Cache policy: a version's files never change, so caches keep them for a year; a
// channel's manifest changes on every publish, so caches must ask again each time (a 304
// when nothing changed), which makes a publish or a rollback reach agents at their next poll.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheManifest  = "no-cache"
)

// Config is what the Worker hands the hub from its environment.
type Config struct {
	// Token is the bearer token publishing needs (a Worker secret). Empty: publishing is off.
	Token string
	// Keys, when set, are the team's public keys: the hub then refuses a manifest whose
	// signature does not verify, so a leaked token alone cannot publish.
	Keys []ed25519.PublicKey
}

// Hub serves and stores packs. It is an http.Handler.
type Hub struct {
	store Store
	cfg   Config
}

// New returns a hub over store.
func New(store Store, cfg Config) *Hub { return &Hub{store: store, cfg: cfg} }

// Routes (all under /v1):
//
//	GET  /v1/channels/{channel}/manifest.json       the current manifest
//	GET  /v1/channels/{channel}/manifest.json.sig   its detached signature
//	PUT  /v1/channels/{channel}                      {"manifest": "...", "signature": "..."}
//	GET  /v1/packs/{id}/{version}/{file}             a file of a pack version
//	PUT  /v1/packs/{id}/{version}/{file}             upload it (once; the same bytes again are fine)
//	GET  /v1/health                                  "ok"
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cors(w, r)
	if r.Method == http.MethodOptions {
		if w.Header().Get("Access-Control-Allow-Origin") == "" {
			http.Error(w, "forbidden origin", http.StatusForbidden)
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "v1" && parts[1] == "health":
		io.WriteString(w, "ok\n")
	case len(parts) == 4 && parts[0] == "v1" && parts[1] == "channels" && (parts[3] == "manifest.json" || parts[3] == "manifest.json.sig"):
		if !ValidID(parts[2]) {
			http.NotFound(w, r)
			return
		}
		if !readMethod(w, r) {
			return
		}
		h.getManifest(w, r, parts[2], parts[3] == "manifest.json.sig")
	case len(parts) == 3 && parts[0] == "v1" && parts[1] == "channels":
		if !ValidID(parts[2]) {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodPut {
			methods(w, "PUT")
			return
		}
		if h.authorized(w, r) {
			h.putManifest(w, r, parts[2])
		}
	case len(parts) == 5 && parts[0] == "v1" && parts[1] == "packs":
		id, version, file := parts[2], parts[3], parts[4]
		if !ValidID(id) || !ValidVersion(version) || !ValidFileName(file) {
			http.NotFound(w, r)
			return
		}
		key := fileKey(id, version, file)
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			h.getObject(w, r, key, cacheImmutable)
		case http.MethodPut:
			if h.authorized(w, r) {
				h.putFile(w, r, key)
			}
		default:
			methods(w, "GET, HEAD, PUT")
		}
	default:
		http.NotFound(w, r)
	}
}

func fileKey(id, version, file string) string { return "packs/" + id + "/" + version + "/" + file }

func readMethod(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	methods(w, "GET, HEAD")
	return false
}

func methods(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
}

// cors lets the extension's pages read answers and nobody else's: web pages get no
// Access-Control-Allow-Origin, so a page an agent opens cannot read the team's packs
// through the agent's browser.
func cors(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if !ExtensionOrigin(origin) {
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", "GET, HEAD")
	h.Set("Access-Control-Allow-Headers", "If-None-Match")
	h.Set("Access-Control-Expose-Headers", "ETag")
	h.Set("Access-Control-Max-Age", "86400")
}

// ExtensionOrigin reports whether origin is a browser extension's: chrome-extension://id
// (Chromium) or moz-extension://uuid (Firefox).
func ExtensionOrigin(origin string) bool {
	rest, ok := strings.CutPrefix(origin, "chrome-extension://")
	if !ok {
		rest, ok = strings.CutPrefix(origin, "moz-extension://")
	}
	if !ok || rest == "" || len(rest) > 64 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// authorized checks the bearer token in constant time.
func (h *Hub) authorized(w http.ResponseWriter, r *http.Request) bool {
	if h.cfg.Token == "" {
		http.Error(w, "publishing is off: the hub has no token (set the HUB_TOKEN secret)", http.StatusForbidden)
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(h.cfg.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sufler-hub"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return false
	}
	return true
}

// getObject answers a GET or HEAD of a stored object. A conditional GET whose ETag still
// matches costs one Head and no body read.
func (h *Hub) getObject(w http.ResponseWriter, r *http.Request, key, cache string) {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		etag, ok, err := h.store.Head(key)
		if err != nil {
			storeError(w, err)
			return
		}
		if ok && etagMatch(inm, etag) {
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", cache)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	obj, err := h.store.Get(key)
	if err != nil {
		storeError(w, err)
		return
	}
	if obj == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", obj.ETag)
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("Content-Type", contentType(key))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", fmt.Sprint(len(obj.Body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(obj.Body)
}

func contentType(key string) string {
	switch {
	case strings.HasSuffix(key, ".json"):
		return "application/json"
	case strings.HasSuffix(key, ".sig"):
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// etagMatch implements If-None-Match's weak comparison over a list of tags or "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

func storeError(w http.ResponseWriter, err error) {
	http.Error(w, "storage: "+err.Error(), http.StatusBadGateway)
}

// readBody reads at most MaxFile bytes of the request.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxFile+1))
	if err != nil {
		http.Error(w, "reading the body: "+err.Error(), http.StatusBadRequest)
		return nil, false
	}
	if len(body) > MaxFile {
		http.Error(w, fmt.Sprintf("body larger than %d bytes", MaxFile), http.StatusRequestEntityTooLarge)
		return nil, false
	}
	return body, true
}

// putFile stores a file of a pack version. Versions are immutable: the same bytes again
// are accepted (a re-run publish), other bytes under a published name are refused, so
// what an agent verified once stays what the hub serves under that name.
func (h *Hub) putFile(w http.ResponseWriter, r *http.Request, key string) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	etag := ETagOf(body)
	old, found, err := h.store.Head(key)
	if err != nil {
		storeError(w, err)
		return
	}
	if found {
		if old != etag {
			http.Error(w, "this version of the pack already has a different "+key[strings.LastIndexByte(key, '/')+1:]+"; publish a new version", http.StatusConflict)
			return
		}
		w.Header().Set("ETag", etag)
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.store.Put(key, body, etag); err != nil {
		storeError(w, err)
		return
	}
	w.Header().Set("ETag", etag)
	w.WriteHeader(http.StatusCreated)
}

// publishRequest is the body of PUT /v1/channels/{channel}: the manifest's exact bytes,
// as signed, and the detached signature.
type publishRequest struct {
	Manifest  string `json:"manifest"`
	Signature string `json:"signature"`
}

// putManifest makes a signed manifest the channel's current one, after checking that it is
// for this channel, newer than the current one, signed by a team key (when the hub has
// keys) and that every file it names is stored with that sha256. Every manifest is also
// kept under its serial, so a channel's history stays.
func (h *Hub) putManifest(w http.ResponseWriter, r *http.Request, channel string) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	var req publishRequest
	if err := json.Unmarshal(body, &req); err != nil || req.Manifest == "" || req.Signature == "" {
		http.Error(w, `body must be {"manifest": "...", "signature": "..."}`, http.StatusBadRequest)
		return
	}
	m, err := ParseManifest([]byte(req.Manifest))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if m.Channel != channel {
		http.Error(w, fmt.Sprintf("manifest is for channel %q, not %q", m.Channel, channel), http.StatusBadRequest)
		return
	}
	if len(h.cfg.Keys) > 0 {
		if err := Verify(h.cfg.Keys, []byte(req.Manifest), req.Signature); err != nil {
			http.Error(w, "manifest "+err.Error(), http.StatusForbidden)
			return
		}
	}
	if cur, err := h.current(channel); err != nil {
		storeError(w, err)
		return
	} else if cur != nil && m.Serial <= cur.Serial {
		http.Error(w, fmt.Sprintf("manifest serial %d is not newer than the current %d; sign again (a rollback is a new serial naming older versions)", m.Serial, cur.Serial), http.StatusConflict)
		return
	}
	for _, p := range m.Packs {
		for _, f := range p.Files {
			etag, found, err := h.store.Head(fileKey(p.ID, p.Version, f.Name))
			if err != nil {
				storeError(w, err)
				return
			}
			if !found {
				http.Error(w, fmt.Sprintf("pack %s %s: %s is not uploaded", p.ID, p.Version, f.Name), http.StatusConflict)
				return
			}
			if etag != `"`+f.SHA256+`"` {
				http.Error(w, fmt.Sprintf("pack %s %s: %s differs from the manifest's sha256", p.ID, p.Version, f.Name), http.StatusConflict)
				return
			}
		}
	}
	sig := strings.TrimSpace(req.Signature) + "\n"
	mb := []byte(req.Manifest)
	hist := fmt.Sprintf("channels/%s/history/%020d", channel, m.Serial)
	// History first, then the signature, then the manifest: a reader that sees the new
	// manifest finds its signature already there.
	for _, o := range []struct {
		key  string
		body []byte
	}{{hist + ".json", mb}, {hist + ".json.sig", []byte(sig)}, {manifestKey(channel) + ".sig", []byte(sig)}, {manifestKey(channel), mb}} {
		if err := h.store.Put(o.key, o.body, ETagOf(o.body)); err != nil {
			storeError(w, err)
			return
		}
	}
	w.Header().Set("ETag", ETagOf(mb))
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, "channel %s: serial %d, %d packs\n", channel, m.Serial, len(m.Packs))
}

func manifestKey(channel string) string { return "channels/" + channel + "/manifest.json" }

// current returns the channel's current manifest, nil when it has none.
func (h *Hub) current(channel string) (*Manifest, error) {
	obj, err := h.store.Get(manifestKey(channel))
	if err != nil || obj == nil {
		return nil, err
	}
	return ParseManifest(obj.Body)
}

func (h *Hub) getManifest(w http.ResponseWriter, r *http.Request, channel string, sig bool) {
	key := manifestKey(channel)
	if sig {
		key += ".sig"
	}
	h.getObject(w, r, key, cacheManifest)
}
