package hub

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Manifest says what a channel serves: which packs, at which versions, and the sha256 of
// each of their files. The team lead signs its exact bytes (ed25519); the extension checks
// that signature with the team's public key, then each file against its sha256, so the hub
// itself need not be trusted.
type Manifest struct {
	// Format is always 1 for now.
	Format int `json:"format"`
	// Channel names the channel the manifest is for; a manifest signed for one channel is
	// refused on another.
	Channel string `json:"channel"`
	// Serial grows with every manifest signed for the channel. Clients refuse a serial lower
	// than the one they hold (a replayed old manifest); a rollback is a new manifest, with a
	// higher serial, that names older pack versions.
	Serial int64 `json:"serial"`
	// Signed is when the manifest was signed (RFC 3339), for people.
	Signed string `json:"signed,omitempty"`
	// Packs are the packs the channel serves.
	Packs []ManifestPack `json:"packs"`
}

// ManifestPack is one pack of a manifest.
type ManifestPack struct {
	ID      string         `json:"id"`
	Version string         `json:"version"`
	Files   []ManifestFile `json:"files"`
}

// ManifestFile is one file of a pack version: pack.json, its index image, their signatures.
type ManifestFile struct {
	Name   string `json:"name"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// ParseManifest reads and checks a manifest's shape: ids, versions and file names the hub
// can store, hex sha256 sums, no pack twice.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Format != 1 {
		return nil, fmt.Errorf("manifest: format %d, want 1", m.Format)
	}
	if !ValidID(m.Channel) {
		return nil, fmt.Errorf("manifest: channel %q must match [a-z0-9-]{1,64}", m.Channel)
	}
	if m.Serial <= 0 {
		return nil, errors.New("manifest: serial must be positive")
	}
	if len(m.Packs) == 0 {
		return nil, errors.New("manifest: no packs")
	}
	seen := map[string]bool{}
	for i, p := range m.Packs {
		if !ValidID(p.ID) || !ValidVersion(p.Version) {
			return nil, fmt.Errorf("manifest: packs[%d]: bad id %q or version %q", i, p.ID, p.Version)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("manifest: pack %s named twice", p.ID)
		}
		seen[p.ID] = true
		if len(p.Files) == 0 {
			return nil, fmt.Errorf("manifest: pack %s has no files", p.ID)
		}
		for _, f := range p.Files {
			if !ValidFileName(f.Name) {
				return nil, fmt.Errorf("manifest: pack %s: bad file name %q", p.ID, f.Name)
			}
			if b, err := hex.DecodeString(f.SHA256); err != nil || len(b) != sha256.Size {
				return nil, fmt.Errorf("manifest: pack %s: %s: sha256 must be 64 hex digits", p.ID, f.Name)
			}
		}
	}
	return &m, nil
}

// Sign returns the base64 ed25519 signature of data: the content of a detached .sig file.
func Sign(key ed25519.PrivateKey, data []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, data)) + "\n"
}

// Verify checks a detached signature (as Sign writes it) of data against any of the keys.
func Verify(keys []ed25519.PublicKey, data []byte, sig string) error {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(sig))
	if err != nil || len(raw) != ed25519.SignatureSize {
		return errors.New("signature: not a base64 ed25519 signature")
	}
	for _, k := range keys {
		if ed25519.Verify(k, data, raw) {
			return nil
		}
	}
	return errors.New("signature: does not match any trusted key")
}

// ParsePublicKeys reads public keys as keygen writes them: base64, one a line or separated
// by commas or spaces.
func ParsePublicKeys(s string) ([]ed25519.PublicKey, error) {
	var keys []ed25519.PublicKey
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		raw, err := base64.StdEncoding.DecodeString(f)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("public key %.12q…: not a base64 ed25519 public key", f)
		}
		keys = append(keys, ed25519.PublicKey(raw))
	}
	return keys, nil
}

// ETagOf is the entity tag the hub serves for body: the quoted hex sha256.
func ETagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// ValidID reports whether s is a pack or channel id: [a-z0-9-], 1 to 64 bytes.
func ValidID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidVersion reports whether s is a version the hub stores: [0-9A-Za-z.+-], 1 to 64
// bytes, not starting with a dot.
func ValidVersion(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}

// ValidFileName reports whether s is a file name of a pack version: [a-z0-9._-], 1 to 64
// bytes, not starting with a dot.
func ValidFileName(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
