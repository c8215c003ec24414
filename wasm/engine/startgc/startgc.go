// Package startgc decides when the wasm engine turns garbage collection back on after start.
//
// A start allocates about 6 MB and keeps most of it, so collecting while the default packs
// load only costs time, and sufler-wasm keeps collection off until they are in. Turning it on
// at that moment made the next request pay for the first collection of the whole start heap:
// in wasm, where Go has one thread, that was the first search, and it took a third of the
// time from instantiate to search ready. So collection comes back at the engine's first idle
// moment instead (no request in flight, and none arrived or answered within Gap), and runs once there, where nobody
// waits for it. Two things end the wait early: a pack write, since indexing a company's pack
// allocates far more than start and must be paced by the collector (and what start left
// behind is collected first, so it does not stay in the memory the import grows), and MaxWait, so an
// engine that is never idle still collects. The memory limit the caller set for start stays
// the bound meanwhile.
package startgc

import (
	"sync"
	"sync/atomic"
	"time"
)

// Gap is how long the engine must have had no request for it to count as idle.
const Gap = 250 * time.Millisecond

// MaxWait bounds the wait for an idle moment after the default packs are in.
const MaxWait = 5 * time.Second

// Pacer tracks requests and turns collection on once. Its zero value is not usable: use New.
type Pacer struct {
	enable   func() // turns collection on and runs one collection
	now      func() time.Time
	sleep    func(time.Duration)
	once     sync.Once
	inFlight atomic.Int64
	last     atomic.Int64 // UnixNano of the last request's arrival or answer
}

// New returns a Pacer that calls enable once: at an idle moment, or when a pack write cannot
// wait for one.
func New(enable func()) *Pacer {
	return &Pacer{enable: enable, now: time.Now, sleep: time.Sleep}
}

// Begin notes a request's arrival; write says it changes packs. Every Begin needs its End.
func (p *Pacer) Begin(write bool) {
	p.inFlight.Add(1)
	p.last.Store(p.now().UnixNano())
	if write {
		// Collect first: what start left behind would otherwise stay in the heap the import
		// grows, and wasm memory never shrinks.
		p.turnOn()
	}
}

// End notes that a request was answered.
func (p *Pacer) End() {
	p.last.Store(p.now().UnixNano())
	p.inFlight.Add(-1)
}

// Loaded starts the wait for an idle moment; call it once the default packs are in. It
// returns at once: the wait runs on its own goroutine.
func (p *Pacer) Loaded() { go p.wait() }

func (p *Pacer) wait() {
	deadline := p.now().Add(MaxWait)
	for {
		p.sleep(Gap)
		if p.idle() || !p.now().Before(deadline) {
			p.turnOn()
			return
		}
	}
}

// idle says no request is in flight and none arrived or was answered within Gap.
func (p *Pacer) idle() bool {
	return p.inFlight.Load() == 0 && p.now().Sub(time.Unix(0, p.last.Load())) >= Gap
}

func (p *Pacer) turnOn() { p.once.Do(p.enable) }
