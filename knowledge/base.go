// Package knowledge is the set of loaded packs (Base): it puts packs in and takes them out,
// runs their rules over a reply, searches and suggests their templates and cases, and
// guesses a customer's segment. The pack format is knowledge/pack; each pack's search
// index is knowledge/index, the only package that imports bleve.
package knowledge

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
	"github.com/tidwall/gjson"
)

// Base is the set of loaded packs. It is safe for concurrent use: readers share a read
// lock for the whole of a query, and Put builds a new pack's index outside any lock, then
// swaps it in under the write lock, so a query sees either the old pack or the new one.
type Base struct {
	// Yield, when set, is called between index batches of a pack loaded in the background.
	// On a single-threaded host (js/wasm) it hands control back so requests are answered
	// while the index builds. Set it before the first Put.
	Yield func()

	mu      sync.RWMutex
	packs   []*loaded       // sorted by pack id
	builtin map[string]bool // ids of built-in packs, reserved (limits.go)
}

// PutOptions change how PutWith loads a pack.
type PutOptions struct {
	// Background swaps the pack in as soon as it is parsed, so its rules answer at once, and
	// builds its search index afterwards; searches of the pack wait for the index.
	Background bool
	// Trusted skips running the rules' examples: for the embedded default packs, whose
	// examples run in the project's tests. Imported packs are never trusted.
	Trusted bool
	// ID, when set, is the id the pack must have, as in PUT /v1/packs/{id}.
	ID string
	// BuiltIn marks the pack as one the engine ships: its id is reserved from then on, and
	// a Put without BuiltIn of that id is refused with a *BuiltInError.
	BuiltIn bool
	// Image, when set, is the pack's index as index.Image made it: taken in instead of
	// built. The bytes must not change afterwards. An image that does not hold the pack's
	// entries is refused with an error and the pack is not loaded; with Background, it is
	// read with the index, after the pack is in, and a bad one is built over instead.
	Image []byte
}

// loaded is a pack with its index and lookups.
type loaded struct {
	pack      *pack.Pack
	templates map[string]*pack.Template
	cases     map[string]*pack.Case
	signals   map[string][]*rules.Pattern // segment id → compiled signals
	trade     []*rules.Pattern            // the pack's own signals: its company's trade

	image  []byte        // PutOptions.Image
	ready  chan struct{} // closed once idx (or idxErr) is set
	idx    *index.Index
	idxErr error
}

// index returns the pack's search index, waiting for it if it is still being built.
func (l *loaded) index() (*index.Index, error) {
	<-l.ready
	return l.idx, l.idxErr
}

// built reports whether the index is done (or failed).
func (l *loaded) built() bool {
	select {
	case <-l.ready:
		return true
	default:
		return false
	}
}

// close frees the index; one still being built is freed when it is done.
func (l *loaded) close() {
	if !l.built() {
		go func() {
			<-l.ready // blocks: on js/wasm a polling loop would starve the build it waits for
			l.close()
		}()
		return
	}
	if l.idx != nil {
		l.idx.Close()
	}
}

// NewBase returns an empty Base.
func NewBase() *Base { return &Base{} }

// Put parses, checks and indexes a pack and puts it in place of any pack with the same id.
// On any problem nothing changes and the error is an *InvalidPackError listing them; other
// errors mean the index could not be built.
func (b *Base) Put(data []byte) (pack.PackInfo, []pack.Problem, error) {
	return b.PutWith(data, PutOptions{})
}

// PutWith is Put with options: see PutOptions.
func (b *Base) PutWith(data []byte, opt PutOptions) (pack.PackInfo, []pack.Problem, error) {
	if err := b.reserve(opt, data, nil); err != nil {
		return pack.PackInfo{}, nil, err // before parsing: a refused id costs nothing
	}
	parse := pack.Parse
	if opt.Trusted {
		parse = pack.ParseTrusted
	}
	p, problems := parse(data)
	if want := opt.ID; want != "" {
		got := ""
		if p != nil {
			got = p.ID
		} else if r := gjson.GetBytes(data, "id"); r.Type == gjson.String {
			got = r.String()
		}
		if got != want && (p != nil || got != "") {
			problems = append(problems, pack.Problem{Path: "id", Problem: fmt.Sprintf("%q does not match %q in the request", got, want), Pack: got})
		}
	}
	if len(problems) > 0 {
		return pack.PackInfo{}, problems, invalid(p, data, problems)
	}
	return b.put(p, opt)
}

// PutPack puts a pack that is already parsed in place of any pack with its id: the default
// packs, which wasm/engine carries as Go data generated from their JSON, so a start skips
// reading and checking JSON. p must come from Parse or from such generated data; a nil
// p.Rules is compiled from p.Specs (without examples when opt.Trusted). p is not modified.
func (b *Base) PutPack(p *pack.Pack, opt PutOptions) (pack.PackInfo, []pack.Problem, error) {
	if err := b.reserve(opt, nil, p); err != nil {
		return pack.PackInfo{}, nil, err
	}
	if p.Rules == nil {
		set, problems := pack.CompileRules(p.Specs, !opt.Trusted)
		if len(problems) > 0 {
			return pack.PackInfo{}, problems, &InvalidPackError{ID: p.ID, Problems: problems}
		}
		q := *p
		q.Rules = set
		p = &q
	}
	return b.put(p, opt)
}

// put swaps a parsed pack in, building its index first or, with opt.Background, after.
func (b *Base) put(p *pack.Pack, opt PutOptions) (pack.PackInfo, []pack.Problem, error) {
	b.mu.RLock()
	problems := b.conflicts(p)
	b.mu.RUnlock()
	if len(problems) > 0 {
		return pack.PackInfo{}, problems, &InvalidPackError{ID: p.ID, Problems: problems}
	}
	l, err := prepare(p)
	if err != nil {
		return pack.PackInfo{}, nil, err
	}
	l.image = opt.Image
	if !opt.Background {
		if l.build(nil, false); l.idxErr != nil {
			return pack.PackInfo{}, nil, l.idxErr
		}
	}
	b.mu.Lock()
	if problems = b.conflicts(p); len(problems) > 0 { // another Put got there first
		b.mu.Unlock()
		l.close()
		return pack.PackInfo{}, problems, &InvalidPackError{ID: p.ID, Problems: problems}
	}
	old := b.swap(l)
	b.mu.Unlock()
	if opt.Background {
		go l.build(b.Yield, true)
	}
	if old != nil {
		// Readers hold the read lock while they use a pack, so once the swap is done
		// nobody can still be searching the old index.
		old.close()
	}
	return p.Info(), nil, nil
}

func invalid(p *pack.Pack, data []byte, problems []pack.Problem) error {
	id := ""
	if p != nil {
		id = p.ID
	} else if r := gjson.GetBytes(data, "id"); r.Type == gjson.String && pack.IsID(r.String()) {
		id = r.String()
	}
	return &InvalidPackError{ID: id, Problems: problems}
}

// conflicts reports segments of p that another loaded pack already owns. Caller holds b.mu.
func (b *Base) conflicts(p *pack.Pack) []pack.Problem {
	var out []pack.Problem
	for i, s := range p.Segments {
		if l := b.owner(s.ID); l != nil && l.pack.ID != p.ID {
			out = append(out, pack.Problem{Path: fmt.Sprintf("segments[%d].id", i),
				Problem: fmt.Sprintf("%q already belongs to pack %q", s.ID, l.pack.ID),
				Pack:    p.ID, Kind: "segment", ID: s.ID})
		}
	}
	return out
}

// swap puts l in place of the pack with its id, or inserts it in id order, and returns the
// pack it replaced. Caller holds b.mu for writing.
func (b *Base) swap(l *loaded) *loaded {
	i := sort.Search(len(b.packs), func(i int) bool { return b.packs[i].pack.ID >= l.pack.ID })
	if i < len(b.packs) && b.packs[i].pack.ID == l.pack.ID {
		old := b.packs[i]
		packs := append([]*loaded(nil), b.packs...)
		packs[i] = l
		b.packs = packs
		return old
	}
	packs := make([]*loaded, 0, len(b.packs)+1)
	packs = append(packs, b.packs[:i]...)
	packs = append(packs, l)
	packs = append(packs, b.packs[i:]...)
	b.packs = packs
	return nil
}

// build indexes the pack, or takes its image in, calling yield (if set) before the first
// batch and between batches. In the background, a bad image is built over: the pack is
// loaded already and must not lose its search. Yielding first matters on js/wasm: the
// caller's requests (the first check right after start) are answered before the first
// slice, not after it.
func (l *loaded) build(yield func(), background bool) {
	if yield != nil {
		yield()
	}
	if l.image != nil {
		// Read here, not in Put: a start answers its first check before this.
		l.idx, l.idxErr = index.Load(l.pack, l.image, yield)
		l.image = nil
		if background && errors.Is(l.idxErr, index.ErrImage) {
			l.idxErr = nil // the pack is in already: build its index instead
		}
	}
	if l.idx == nil && l.idxErr == nil {
		l.idx, l.idxErr = index.Build(l.pack, yield)
	}
	close(l.ready)
}

// Ready reports whether every loaded pack's index is built, so searches answer at once.
func (b *Base) Ready() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, l := range b.packs {
		if !l.built() {
			return false
		}
	}
	return true
}

// Wait blocks until every pack loaded when it is called has its index built (or failed).
func (b *Base) Wait() {
	b.mu.RLock()
	packs := b.packs
	b.mu.RUnlock()
	for _, l := range packs {
		<-l.ready
	}
}

// await waits, outside the lock, until the indexes a query of segment needs are built, so
// a query never holds the read lock while it waits (a waiting Put would stall checks).
func (b *Base) await(segment string) {
	b.mu.RLock()
	scope, _ := b.scope(segment)
	b.mu.RUnlock()
	for _, l := range scope {
		<-l.ready
	}
}

// prepare builds a parsed pack's lookups; its index comes from build.
func prepare(p *pack.Pack) (*loaded, error) {
	l := &loaded{
		pack:      p,
		ready:     make(chan struct{}),
		templates: make(map[string]*pack.Template, len(p.Templates)),
		cases:     make(map[string]*pack.Case, len(p.Cases)),
		signals:   make(map[string][]*rules.Pattern, len(p.Segments)),
	}
	for i := range p.Templates {
		l.templates[p.Templates[i].ID] = &p.Templates[i]
	}
	for i := range p.Cases {
		l.cases[p.Cases[i].ID] = &p.Cases[i]
	}
	for _, sig := range p.Signals {
		c, err := rules.NewPattern(sig)
		if err != nil { // Parse checked every signal; this is a bug, not bad input
			return nil, fmt.Errorf("pack %s: signal %q: %w", p.ID, sig, err)
		}
		l.trade = append(l.trade, c)
	}
	for _, s := range p.Segments {
		for _, sig := range s.Signals {
			c, err := rules.NewPattern(sig)
			if err != nil { // Parse checked every signal; this is a bug, not bad input
				return nil, fmt.Errorf("pack %s: segment %s: signal %q: %w", p.ID, s.ID, sig, err)
			}
			l.signals[s.ID] = append(l.signals[s.ID], c)
		}
	}
	return l, nil
}

// Delete unloads the pack with the id and reports whether there was one.
func (b *Base) Delete(id string) bool {
	b.mu.Lock()
	i := sort.Search(len(b.packs), func(i int) bool { return b.packs[i].pack.ID >= id })
	if i == len(b.packs) || b.packs[i].pack.ID != id {
		b.mu.Unlock()
		return false
	}
	old := b.packs[i]
	packs := make([]*loaded, 0, len(b.packs)-1)
	packs = append(packs, b.packs[:i]...)
	b.packs = append(packs, b.packs[i+1:]...)
	b.mu.Unlock()
	old.close()
	return true
}

// Close unloads every pack and frees their indexes.
func (b *Base) Close() {
	b.mu.Lock()
	old := b.packs
	b.packs = nil
	b.mu.Unlock()
	for _, l := range old {
		l.close()
	}
}

// Packs lists the loaded packs in id order.
func (b *Base) Packs() []pack.PackInfo {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]pack.PackInfo, len(b.packs))
	for i, l := range b.packs {
		out[i] = l.pack.Info()
	}
	return out
}

// Segments lists the segments of all loaded packs, by pack id and then in pack order.
func (b *Base) Segments() []pack.Segment {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := []pack.Segment{}
	for _, l := range b.packs {
		out = append(out, l.pack.Segments...)
	}
	return out
}

// owner returns the loaded pack that has the segment, or nil. Caller holds b.mu.
func (b *Base) owner(segment string) *loaded {
	for _, l := range b.packs {
		for _, s := range l.pack.Segments {
			if s.ID == segment {
				return l
			}
		}
	}
	return nil
}

// scope returns the packs a query with the segment covers: all of them for "", else the
// owner. Caller holds b.mu.
func (b *Base) scope(segment string) ([]*loaded, error) {
	if segment == "" {
		return b.packs, nil
	}
	if l := b.owner(segment); l != nil {
		return []*loaded{l}, nil
	}
	e := &SegmentError{Segment: segment, Valid: []string{}}
	for _, l := range b.packs {
		e.Valid = append(e.Valid, l.pack.SegmentIDs()...)
	}
	return nil, e
}

// Check runs the rules over a reply. With a segment, the owning pack's rules run with that
// segment's replacements; with "", every pack's rules run with their default replacements.
// The findings are never nil; they are CheckAll's, without what bounded them.
func (b *Base) Check(text, segment string) ([]rules.Finding, error) {
	res, err := b.CheckAll(text, segment)
	return res.Findings, err
}
