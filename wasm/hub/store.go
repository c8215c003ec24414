// Package hub is the team hub's logic: it keeps every published version of a team's packs
// and their index images, serves a signed manifest per channel and the files it names, and
// takes new versions from the team lead's sufler-pack publish. It knows nothing of
// Cloudflare: the Worker (wasm/cmd/sufler-hub) gives it an R2 bucket through Store, and
// tests give it a map, so all of it runs and is tested natively.
package hub

import (
	"sort"
	"strings"
	"sync"
)

// Object is one stored object: its bytes and the entity tag the hub serves for them
// (the quoted sha256 of the bytes, computed when the object was put).
type Object struct {
	Body []byte
	ETag string
}

// Store is where the hub keeps objects: R2 in the Worker, a map in tests. It is this small
// so that any key-value store with a cheap metadata read fits.
type Store interface {
	// Head returns the object's ETag without its body, ok=false when there is none; it is
	// what answers a conditional GET cheaply (one R2 class B operation, no body read).
	Head(key string) (etag string, ok bool, err error)
	// Get returns the object, or nil when there is none.
	Get(key string) (*Object, error)
	// Put stores body under key with the given ETag, replacing what was there.
	Put(key string, body []byte, etag string) error
}

// MemStore is a Store in memory, for tests and for running the hub natively.
type MemStore struct {
	mu    sync.Mutex
	objs  map[string]Object
	Heads int // how many Head calls, so tests can see that a 304 read no body
	Gets  int // how many Get calls
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{objs: map[string]Object{}} }

// Head implements Store.
func (m *MemStore) Head(key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Heads++
	o, ok := m.objs[key]
	return o.ETag, ok, nil
}

// Get implements Store.
func (m *MemStore) Get(key string) (*Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Gets++
	o, ok := m.objs[key]
	if !ok {
		return nil, nil
	}
	return &Object{Body: append([]byte(nil), o.Body...), ETag: o.ETag}, nil
}

// Put implements Store.
func (m *MemStore) Put(key string, body []byte, etag string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.objs[key] = Object{Body: append([]byte(nil), body...), ETag: etag}
	return nil
}

// Keys lists the stored keys with the given prefix, sorted; for tests.
func (m *MemStore) Keys(prefix string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for k := range m.objs {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
