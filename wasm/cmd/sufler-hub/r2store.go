//go:build js && wasm

package main

import (
	"bytes"
	"io"

	"github.com/syumai/workers/cloudflare/r2"

	"github.com/sufler/sufler/wasm/hub"
)

// etagMeta is the custom metadata field that holds the hub's ETag (the sha256 of the
// object): R2's own etag is an MD5, and a manifest names files by sha256.
const etagMeta = "sha256-etag"

// r2Store is hub.Store over an R2 bucket. syumai's Get and Put take no conditions, so
// the hub asks Head first for conditional GETs.
type r2Store struct{ b *r2.Bucket }

func (s r2Store) Head(key string) (string, bool, error) {
	o, err := s.b.Head(key)
	if err != nil || o == nil {
		return "", false, err
	}
	return o.CustomMetadata[etagMeta], true, nil
}

func (s r2Store) Get(key string) (*hub.Object, error) {
	o, err := s.b.Get(key)
	if err != nil || o == nil {
		return nil, err
	}
	body, err := io.ReadAll(o.Body)
	if err != nil {
		return nil, err
	}
	return &hub.Object{Body: body, ETag: o.CustomMetadata[etagMeta]}, nil
}

func (s r2Store) Put(key string, body []byte, etag string) error {
	_, err := s.b.Put(key, io.NopCloser(bytes.NewReader(body)), &r2.PutOptions{CustomMetadata: map[string]string{etagMeta: etag}})
	return err
}
