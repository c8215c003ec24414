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
		b.next()
	}
	if b.err != nil {
		return 0, b.err
	}
	n := js.CopyBytesToGo(p, b.chunk)
	b.chunk = b.chunk.Call("subarray", n)
	return n, nil
}

// next waits for the stream's next chunk and makes it the current one, or sets b.err (io.EOF
// at the end).
func (b *streamBody) next() {
	if b.reader.IsUndefined() {
		// A request whose body is not a stream (Firefox's Request has no .body at all) would make
		// Call panic; it is a clear error instead. sufler.mjs hands such bodies over as streams.
		if !isStream(b.stream) {
			b.err = fmt.Errorf("the request body is not a ReadableStream (it is %s)", b.stream.Type())
			return
		}
		b.reader = b.stream.Call("getReader")
	}
	res, err := awaitPromise(b.reader.Call("read"))
	switch {
	case err != nil:
		b.err = err
	case res.Get("done").Bool():
		b.err = io.EOF
	default:
		b.chunk = res.Get("value")
	}
}

// ReadWhole reads the rest of the body into one slice, allocated once at its final size, or
// fails with *http.MaxBytesError past limit bytes (api.readBody uses it). The JS side drains
// the stream (sufler.mjs's drain, on the binding) and Go copies the chunks once they have
// all come: read chunk by chunk into a growing Go slice, a 24 MiB pack spent 100 ms of wasm
// growing and clearing it and 70 ms in round trips, and grew linear memory by twice its size.
func (b *streamBody) ReadWhole(limit int64) ([]byte, error) {
	drain := binding.Get("drain")
	if b.err != nil || !b.reader.IsUndefined() || drain.Type() != js.TypeFunction || !isStream(b.stream) {
		data, err := io.ReadAll(io.LimitReader(b, limit+1)) // Read says what is wrong with the stream
		if err == nil && int64(len(data)) > limit {
			return nil, &http.MaxBytesError{Limit: limit}
		}
		return data, err
	}
	res, err := awaitPromise(drain.Invoke(b.stream, float64(limit)))
	b.err = io.EOF // read to its end, or cancelled by drain
	switch {
	case err != nil:
		return nil, err
	case res.Get("tooBig").Truthy():
		return nil, &http.MaxBytesError{Limit: limit}
	}
	out := make([]byte, res.Get("total").Int())
	chunks := res.Get("chunks")
	off := 0
	for i, n := 0, chunks.Length(); i < n; i++ {
		off += js.CopyBytesToGo(out[off:], chunks.Index(i))
	}
	return out, nil
}

// isStream reports whether v can be read as a ReadableStream.
func isStream(v js.Value) bool {
	return v.Type() == js.TypeObject && v.Get("getReader").Type() == js.TypeFunction
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
