//go:build js && wasm

package main

import "syscall/js"

// yieldToJS blocks until a JS timer fires. Go's wasm runtime hands control back to the
// JS event loop only when every goroutine is blocked; a time.Sleep would not do, since the
// scheduler keeps running the indexing goroutine. Waiting on a setTimeout callback lets the
// page (or worker) deliver the requests that queued up meanwhile.
func yieldToJS() {
	done := make(chan struct{})
	cb := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", cb, 0)
	<-done
	cb.Release()
}
