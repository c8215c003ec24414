package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/wasm/hub"
)

// MaxHubBody bounds PUT /v1/hub: every file of a channel's packs, base64 in JSON.
const MaxHubBody = 64 << 20

// hubUpdate is the body of PUT /v1/hub: what the extension fetched from the team hub,
// byte for byte, and the keys the administrator trusts. Nothing here is trusted until
// the manifest's signature verifies against Keys and every file matches its sha256.
type hubUpdate struct {
	// Keys are the trusted ed25519 public keys, base64 (as sufler-pack keygen writes them).
	Keys []string `json:"keys"`
	// Channel is the channel the extension is configured for; a manifest signed for
	// another channel is refused.
	Channel string `json:"channel"`
	// Manifest is the exact text of manifest.json as the hub served it.
	Manifest string `json:"manifest"`
	// Signature is manifest.json.sig: base64 ed25519 of Manifest.
	Signature string `json:"signature"`
	// Files are the packs' files, "{pack id}/{file name}" → bytes (base64 in JSON).
	Files map[string][]byte `json:"files"`
}

// hubState is what the engine installed from the hub last: the manifest's serial guards
// against a replayed older manifest (a rollback attack) for as long as the engine runs;
// the extension replays the accepted update after a restart, so the guard holds then too.
type hubState struct {
	mu       sync.Mutex
	channel  string
	serial   int64
	manifest []byte
	packs    []hubPack
}

// hubPack is one pack the hub installed.
type hubPack struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// hubAnswer is the answer of PUT and GET /v1/hub.
type hubAnswer struct {
	Channel string    `json:"channel"`
	Serial  int64     `json:"serial"`
	Packs   []hubPack `json:"packs"`
	// Unchanged is true when the update was the manifest already installed.
	Unchanged bool `json:"unchanged,omitempty"`
}

func (h *Handler) getHub(w http.ResponseWriter, _ *http.Request, _ string) {
	s := &h.hub
	s.mu.Lock()
	defer s.mu.Unlock()
	packs := s.packs
	if packs == nil {
		packs = []hubPack{}
	}
	writeJSON(w, http.StatusOK, hubAnswer{Channel: s.channel, Serial: s.serial, Packs: packs})
}

// deleteHub drops the packs the hub installed: the agent or the administrator turned the
// hub off. The next update is then taken as a first one.
func (h *Handler) deleteHub(w http.ResponseWriter, _ *http.Request, _ string) {
	s := &h.hub
	s.mu.Lock()
	defer s.mu.Unlock()
	h.putMu.Lock()
	defer h.putMu.Unlock()
	dropped := []hubPack{}
	for _, p := range s.packs {
		h.images.forget(p.ID)
		if h.base.Delete(p.ID) {
			dropped = append(dropped, p)
		}
	}
	s.channel, s.serial, s.manifest, s.packs = "", 0, nil, nil
	writeJSON(w, http.StatusOK, struct {
		Deleted []hubPack `json:"deleted"`
	}{dropped})
}

// putHub verifies a hub update and, only if all of it holds, swaps its packs in without a
// restart: the packs keep answering checks while the new ones load, and a refused update
// leaves every loaded pack as it was.
func (h *Handler) putHub(w http.ResponseWriter, r *http.Request, _ string) {
	data, ok := readBody(w, r, MaxHubBody)
	if !ok {
		return
	}
	var u hubUpdate
	if !decodeBytes(w, data, &u) {
		return
	}
	s := &h.hub
	s.mu.Lock()
	defer s.mu.Unlock()
	m, packs, err := verifyHub(&u, s.channel, s.serial, s.manifest)
	if err != nil {
		writeError(w, http.StatusBadRequest, "hub update refused, the packs in use are unchanged: "+err.Error(), nil)
		return
	}
	if m == nil { // the manifest already installed
		writeJSON(w, http.StatusOK, hubAnswer{Channel: s.channel, Serial: s.serial, Packs: s.packs, Unchanged: true})
		return
	}
	// Every pack is parsed and checked (its rules' examples run) before the first one is
	// swapped in, so a bad pack in a signed release changes nothing.
	parsed := make([]*pack.Pack, len(packs))
	for i, p := range packs {
		if h.base.BuiltIn(p.ID) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("hub update refused, the packs in use are unchanged: pack %s is built in", p.ID), nil)
			return
		}
		pk, problems := pack.Parse(p.json)
		if len(problems) > 0 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("hub update refused, the packs in use are unchanged: pack %s: %d problem(s)", p.ID, len(problems)), problems)
			return
		}
		parsed[i] = pk
	}
	// One pack change at a time (handlers.go loadPack). A hub pack has no sum of its own: a custom pack of the same
	// id that it replaces must not export its image for it (GET /v1/packs/{id}/image answers 404).
	h.putMu.Lock()
	defer h.putMu.Unlock()
	var installed []hubPack
	for i, p := range packs {
		h.images.forget(p.ID)
		_, problems, err := h.base.PutPack(parsed[i], knowledge.PutOptions{Background: true, Image: p.image})
		if len(problems) > 0 || err != nil {
			// Only a segment another loaded pack owns can fail here, after the checks above.
			msg := fmt.Sprintf("hub update stopped at pack %s (%v); packs before it are in: %s", p.ID, err, ids(installed))
			writeError(w, http.StatusBadRequest, msg, problems)
			return
		}
		installed = append(installed, hubPack{ID: p.ID, Version: p.Version})
	}
	// Packs the previous manifest named and this one does not are the hub's to drop.
	for _, old := range s.packs {
		if !hasPack(installed, old.ID) {
			h.images.forget(old.ID)
			h.base.Delete(old.ID)
		}
	}
	s.channel, s.serial, s.manifest, s.packs = m.Channel, m.Serial, []byte(u.Manifest), installed
	writeJSON(w, http.StatusOK, hubAnswer{Channel: m.Channel, Serial: m.Serial, Packs: installed})
}

// verifiedPack is a pack of an update whose files all matched the signed manifest.
type verifiedPack struct {
	hubPack
	json  []byte
	image []byte
}

// verifyHub checks an update against the trusted keys and what is installed. It returns a
// nil manifest (and no error) when the update is the installed manifest again.
func verifyHub(u *hubUpdate, channel string, serial int64, installed []byte) (*hub.Manifest, []verifiedPack, error) {
	if len(u.Keys) == 0 {
		return nil, nil, fmt.Errorf("no trusted public keys are configured")
	}
	keys, err := hub.ParsePublicKeys(strings.Join(u.Keys, "\n"))
	if err != nil {
		return nil, nil, err
	}
	mb := []byte(u.Manifest)
	if err := hub.Verify(keys, mb, u.Signature); err != nil {
		return nil, nil, fmt.Errorf("manifest %w", err)
	}
	m, err := hub.ParseManifest(mb)
	if err != nil {
		return nil, nil, err
	}
	if u.Channel != "" && m.Channel != u.Channel {
		return nil, nil, fmt.Errorf("manifest is signed for channel %q, not %q", m.Channel, u.Channel)
	}
	if channel == m.Channel {
		switch {
		case m.Serial < serial:
			return nil, nil, fmt.Errorf("manifest serial %d is older than the installed %d (a replayed manifest)", m.Serial, serial)
		case m.Serial == serial && bytes.Equal(mb, installed):
			return nil, nil, nil
		case m.Serial == serial:
			return nil, nil, fmt.Errorf("manifest serial %d is installed with other contents", m.Serial)
		}
	}
	var packs []verifiedPack
	for _, p := range m.Packs {
		vp := verifiedPack{hubPack: hubPack{ID: p.ID, Version: p.Version}}
		got := map[string][]byte{}
		for _, f := range p.Files {
			body, ok := u.Files[p.ID+"/"+f.Name]
			if !ok {
				return nil, nil, fmt.Errorf("pack %s: file %s is missing", p.ID, f.Name)
			}
			if len(body) != f.Size {
				return nil, nil, fmt.Errorf("pack %s: file %s has %d bytes, the manifest says %d (truncated or altered)", p.ID, f.Name, len(body), f.Size)
			}
			sum := sha256.Sum256(body)
			if hex.EncodeToString(sum[:]) != f.SHA256 {
				return nil, nil, fmt.Errorf("pack %s: file %s does not match its sha256 in the manifest", p.ID, f.Name)
			}
			got[f.Name] = body
		}
		vp.json, vp.image = got["pack.json"], got["pack.idx"]
		if vp.json == nil {
			return nil, nil, fmt.Errorf("pack %s: the manifest names no pack.json", p.ID)
		}
		if id, v := gjson.GetBytes(vp.json, "id").String(), gjson.GetBytes(vp.json, "version").String(); id != p.ID || v != p.Version {
			return nil, nil, fmt.Errorf("pack %s %s: pack.json says %s %s", p.ID, p.Version, id, v)
		}
		packs = append(packs, vp)
	}
	return m, packs, nil
}

func hasPack(packs []hubPack, id string) bool {
	for _, p := range packs {
		if p.ID == id {
			return true
		}
	}
	return false
}

func ids(packs []hubPack) string {
	if len(packs) == 0 {
		return "none"
	}
	out := make([]string, len(packs))
	for i, p := range packs {
		out[i] = p.ID
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
