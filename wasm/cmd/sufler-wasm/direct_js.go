//go:build js && wasm

package main

import (
	"fmt"
	"net/http"
	"syscall/js"

	"github.com/sufler/sufler/wasm/api"
)

// binding is the object syumai/workers puts handleRequest on (globalThis.context.binding, there only while Go
// starts); wasm/js/sufler.mjs finds the direct entry beside it.
var binding = js.Global().Get("context").Get("binding")

// serveDirect puts call(method, path, body, done) on the binding: the thin path for hot requests. The JS side
// hands over three strings (body undefined for none) and a callback; the answer comes back as done(status, text)
// with the bytes api.Handler.Direct writes, which are the HTTP API's. No Request, Headers, stream or Response is
// built on either side, and no promise re-enters Go.
//
// The handler runs on its own goroutine because it may block: a search waits for the index build, which only
// advances when JS's event loop runs (yieldToJS). A handler that does not block has answered before call returns.
func serveDirect(h *api.Handler) {
	binding.Set("call", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 4 || args[3].Type() != js.TypeFunction {
			panic("call(method, path, body, done): done must be a function") // a bug in sufler.mjs, not a request
		}
		method, path, done := args[0].String(), args[1].String(), args[3]
		var body []byte
		hasBody := args[2].Type() == js.TypeString
		if hasBody {
			body = []byte(args[2].String())
		}
		pacer.Begin(packWrite(method, path))
		go func() {
			status, answer := http.StatusInternalServerError, []byte(`{"error":"internal error"}`+"\n")
			defer pacer.End()
			defer func() {
				if v := recover(); v != nil {
					answer = fmt.Appendf(nil, `{"error":%q}`+"\n", fmt.Sprintf("internal error: %v", v))
				}
				done.Invoke(status, string(answer))
			}()
			status, answer = h.Direct(method, path, body, hasBody)
		}()
		return nil
	}))
}
