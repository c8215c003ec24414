//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"syscall/js"

	"github.com/sufler/sufler/wasm/api"
)

// rawBodyWriter is the hook syumai/workers' ResponseWriter offers for a body that already is
// a JS value (its jsutil.RawJSBodyWriter, matched by shape since that package is internal).
type rawBodyWriter interface {
	WriteRawJSBody(body js.Value)
}

// wholeBodies answers every request with its body handed to JS in one Uint8Array, and
// reads request bodies with streamBody.
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
		switch body := r.Body.(type) {
		case nil: // a POST without a body: as net/http gives it, not nil
			r.Body = http.NoBody
		case rawBodyGetter:
			sb := &streamBody{stream: body.GetRawJSBody()}
			r.Body = sb
			defer sb.Close() // a handler that stopped at its size limit leaves the rest unread
		}
		rec := api.NewRecorder(w.Header())
		h.ServeHTTP(rec, r)
		w.WriteHeader(rec.Status())
		body := uint8Array.New(len(rec.Body()))
		js.CopyBytesToJS(body, rec.Body())
		raw.WriteRawJSBody(body)
	})
}

// rawBodyGetter is the matching hook on syumai/workers' request bodies: the JS stream behind
// them (its jsutil.RawJSBodyGetter).
type rawBodyGetter interface {
	GetRawJSBody() js.Value
}

// streamBody reads a request body from its JS stream. It replaces syumai/workers' reader,
// which copies each whole chunk into Go (a 64 MB single-chunk body grew wasm memory by
// 150 MB before the API's size limit could refuse it) and ends the engine when a stream
// fails with undefined. Here a chunk stays in JS and Go copies out only what the handler
// reads, so http.MaxBytesReader stops an oversized or endless body after limit+1 bytes,
// and Close cancels the stream.
type streamBody struct {
	stream js.Value
	reader js.Value // the stream's reader, from the first Read on
	chunk  js.Value // Uint8Array: the part of the current chunk not yet read
	err    error
}

func (b *streamBody) Read(p []byte) (int, error) {
	for b.err == nil && (b.chunk.IsUndefined() || b.chunk.Length() == 0) {
		if b.reader.IsUndefined() {
			// A request whose body is not a stream (Firefox's Request has no .body at all) would make
			// Call panic; it is a clear error instead. sufler.mjs hands such bodies over as streams.
			if b.stream.Type() != js.TypeObject || b.stream.Get("getReader").Type() != js.TypeFunction {
				b.err = fmt.Errorf("the request body is not a ReadableStream (it is %s)", b.stream.Type())
				break
			}
			b.reader = b.stream.Call("getReader")
		}
		var res js.Value
		if res, b.err = awaitPromise(b.reader.Call("read")); b.err != nil {
			break
		}
		if res.Get("done").Bool() {
			b.err = io.EOF
			break
		}
		b.chunk = res.Get("value")
	}
	if b.err != nil {
		return 0, b.err
	}
	n := js.CopyBytesToGo(p, b.chunk)
	b.chunk = b.chunk.Call("subarray", n)
	return n, nil
}

// Close cancels the stream if it was not read to its end.
func (b *streamBody) Close() error {
	if !b.reader.IsUndefined() && b.err == nil {
		b.reader.Call("cancel")
	}
	b.err = io.ErrClosedPipe
	return nil
}

// awaitPromise blocks until promise settles; other goroutines and JS run meanwhile. A
// rejection becomes an error carrying the reason's text, whatever the reason is.
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
		ch <- result{err: errors.New(js.Global().Call("String", args[0]).String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	promise.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
