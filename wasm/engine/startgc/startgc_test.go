package startgc

import (
	"sync"
	"testing"
	"time"
)

// clock is a fake time: sleep advances it and first runs what the test scheduled for then.
type clock struct {
	mu  sync.Mutex
	t   time.Time
	at  map[time.Duration]func() // offsets from the start → what happens then
	t0  time.Time
	out chan bool
}

func newClock(at map[time.Duration]func()) *clock {
	t0 := time.Unix(1000, 0)
	return &clock{t: t0, t0: t0, at: at, out: make(chan bool, 1)}
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) sleep(d time.Duration) {
	for step := time.Duration(0); step < d; step += 10 * time.Millisecond {
		c.mu.Lock()
		c.t = c.t.Add(10 * time.Millisecond)
		f := c.at[c.t.Sub(c.t0)]
		c.mu.Unlock()
		if f != nil {
			f()
		}
	}
}

func (c *clock) pacer() *Pacer {
	p := New(func() { c.out <- true })
	p.now, p.sleep = c.now, c.sleep
	return p
}

// result runs the wait to its end (the test's clock drives it synchronously) and returns
// whether collection came on, and when.
func (c *clock) result(p *Pacer) (collect bool, at time.Duration) {
	p.wait()
	select {
	case collect = <-c.out:
	default:
		collect = false
	}
	return collect, c.now().Sub(c.t0)
}

func TestPacer(t *testing.T) {
	ms := time.Millisecond
	cases := []struct {
		name    string
		at      func(p *Pacer) map[time.Duration]func()
		collect bool
		when    time.Duration // when the wait ended
	}{
		{"idle at once: one look", func(*Pacer) map[time.Duration]func() { return nil }, true, Gap},
		{"a request just before the look postpones it", func(p *Pacer) map[time.Duration]func() {
			return map[time.Duration]func(){200 * ms: func() { p.Begin(false); p.End() }}
		}, true, 2 * Gap},
		{"a request in flight postpones it until it ends", func(p *Pacer) map[time.Duration]func() {
			return map[time.Duration]func(){10 * ms: func() { p.Begin(false) }, 900 * ms: p.End}
		}, true, 5 * Gap},
		{"never idle: on at MaxWait", func(p *Pacer) map[time.Duration]func() {
			m := map[time.Duration]func(){}
			for d := 100 * ms; d <= 2*MaxWait; d += 100 * ms {
				m[d] = func() { p.Begin(false); p.End() }
			}
			return m
		}, true, MaxWait},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clk := newClock(nil)
			p := clk.pacer()
			clk.at = c.at(p)
			collect, when := clk.result(p)
			if collect != c.collect || when != c.when {
				t.Fatalf("collection on: %v after %v, want %v after %v", collect, when, c.collect, c.when)
			}
		})
	}
}

func TestPackWriteTurnsCollectionOnAtOnce(t *testing.T) {
	calls := 0
	p := New(func() { calls++ })
	p.Begin(false)
	p.End()
	if calls != 0 {
		t.Fatalf("a read turned collection on")
	}
	p.Begin(true)
	p.End()
	p.Begin(true) // once only
	p.End()
	if calls != 1 {
		t.Fatalf("collection turned on %d times, want once", calls)
	}
	clk := newClock(nil)
	p.now, p.sleep = clk.now, clk.sleep
	p.wait() // the idle moment that follows changes nothing
	if calls != 1 {
		t.Fatalf("collection turned on %d times, want once", calls)
	}
}
