//go:build js && wasm

package main

import (
	"errors"
	"io"
	"net/http"
	"syscall/js"
)

// rawBodyWriter is the hook syumai/workers' ResponseWriter offers for a body that already is
// a JS value (its jsutil.RawJSBodyWriter, matched by shape since that package is internal).
type rawBodyWriter interface {
	WriteRawJSBody(body js.Value)
}

// wholeBodies answers every request with its body handed to JS in one Uint8Array.
//
// Without it, syumai/workers streams a body through an io.Pipe into a ReadableStream whose
// every pull is a promise that re-enters Go: three round trips between JS and Go for an
// answer of a few hundred bytes, about half of what the bridge cost. The API's handlers write
// each answer in one piece anyway, so nothing streams that could.
func wholeBodies(h http.Handler) http.Handler {
	uint8Array := js.Global().Get("Uint8Array")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := w.(rawBodyWriter)
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		if body, ok := r.Body.(rawBodyGetter); ok {
			r.Body = &wholeBody{stream: body.GetRawJSBody()}
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		h.ServeHTTP(rec, r)
		w.WriteHeader(rec.status)
		body := uint8Array.New(len(rec.body))
		js.CopyBytesToJS(body, rec.body)
		raw.WriteRawJSBody(body)
	})
}

// recorder keeps an answer in memory; the header map is the real writer's.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	r.body = append(r.body, p...)
	return len(p), nil
}

// rawBodyGetter is the matching hook on syumai/workers' request bodies: the JS stream behind
// them (its jsutil.RawJSBodyGetter).
type rawBodyGetter interface {
	GetRawJSBody() js.Value
}

// wholeBody reads a request body from JS in one piece: one promise (the stream's bytes
// gathered by a Response) where syumai/workers awaits one per chunk plus one for the end.
// The bytes stay in JS until read, so a handler's size limit still stops an oversized body
// before it reaches Go's memory.
type wholeBody struct {
	stream js.Value
	buf    js.Value // Uint8Array, once fetched
	off    int
	err    error
}

func (b *wholeBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.buf.IsUndefined() {
		b.buf, b.err = awaitPromise(js.Global().Get("Response").New(b.stream).Call("arrayBuffer"))
		if b.err != nil {
			return 0, b.err
		}
		b.buf = js.Global().Get("Uint8Array").New(b.buf)
	}
	n := b.buf.Length() - b.off
	if n == 0 {
		b.err = io.EOF
		return 0, io.EOF
	}
	n = js.CopyBytesToGo(p, b.buf.Call("subarray", b.off, b.off+min(n, len(p))))
	b.off += n
	return n, nil
}

func (b *wholeBody) Close() error { return nil }

// awaitPromise blocks until promise settles; other goroutines and JS run meanwhile. A
// rejection becomes an error carrying the JS error's text.
func awaitPromise(promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	promise.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
