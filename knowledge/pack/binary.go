package pack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"unsafe"

	"github.com/sufler/sufler/rules"
)

// A pack's binary form is what the engine keeps beside a pack's index image, so that an
// engine start takes a company's pack in without reading its JSON again: reading and checking
// the JSON of a 10,000-entry pack took about 700 ms of wasm, most of a restart (see
// wasm/bench/README.md). It holds the parsed Pack (without its compiled rules), written in
// field order; it is made by this engine build and read back by it only (the pack image's
// stamp says so), so it has no versioning of its own.
//
// Every length is a uvarint. A string is its length and bytes; a slice or a map is its
// length plus one, zero for nil (a rule's nil Scope and its empty Scope mean different
// things); a map's keys are written sorted, so one pack always gives the same bytes.

// binaryMagic opens the binary form; compiledMagic opens the form that also carries each
// rule's compiled form (rules.AppendCompiled) right after its Spec, which a start reads
// instead of compiling the rules. The default packs ship so (wasm/engine/images); written
// beside the Spec it came from, the compiled form's words sit where gzip finds them again.
const (
	binaryMagic   = "sufler-pack-bin 1\n"
	compiledMagic = "sufler-pack-bin 2\n"
)

// AppendBinary appends p's binary form to b.
func (p *Pack) AppendBinary(b []byte) ([]byte, error) { return p.appendBinary(b, binaryMagic, nil) }

// AppendCompiledBinary appends p's binary form with its rules' compiled form to b; p.Rules
// must be compiled from p.Specs (CompileRules), one rule per spec. A function, not a method:
// the engine only reads this form, and a method would be linked into it with the writer.
func AppendCompiledBinary(b []byte, p *Pack) ([]byte, error) {
	if p.Rules.Len() != len(p.Specs) {
		return nil, fmt.Errorf("pack %s: %d compiled rules for %d specs", p.ID, p.Rules.Len(), len(p.Specs))
	}
	infos := p.Rules.Rules()
	return p.appendBinary(b, compiledMagic, func(i int) ([]byte, error) {
		if infos[i].ID != p.Specs[i].ID {
			return nil, fmt.Errorf("pack %s: compiled rule %d is %s, its spec %s", p.ID, i, infos[i].ID, p.Specs[i].ID)
		}
		return rules.AppendCompiled(nil, p.Rules, i)
	})
}

// appendBinary writes the binary form under magic; record, when set, gives each rule's
// compiled form.
func (p *Pack) appendBinary(b []byte, magic string, record func(i int) ([]byte, error)) ([]byte, error) {
	w := &writer{b: append(b, magic...)}
	w.strs(p.ID, p.Version, p.Title, p.Language, p.Source)
	w.list(p.Signals)
	w.n(len(p.Segments), p.Segments == nil)
	for _, s := range p.Segments {
		w.strs(s.ID, s.Title, s.Pack, s.Style)
		w.list(s.Signals)
		w.str(s.Source)
	}
	w.n(len(p.Templates), p.Templates == nil)
	for _, t := range p.Templates {
		w.strs(t.ID, t.Title, t.Situation)
		w.list(t.Tags)
		w.list(t.Triggers)
		w.list(t.Variables)
		w.n(len(t.Variants), t.Variants == nil)
		for _, k := range slices.Sorted(maps.Keys(t.Variants)) {
			v := t.Variants[k]
			w.strs(k, v.Text, v.Email, v.Messenger)
		}
		w.str(t.Source)
	}
	w.n(len(p.Cases), p.Cases == nil)
	for _, c := range p.Cases {
		w.strs(c.ID, c.Title, c.Situation)
		w.list(c.CustomerSays)
		w.list(c.Do)
		w.list(c.Dont)
		w.list(c.Templates)
		w.str(c.Source)
	}
	w.n(len(p.Specs), p.Specs == nil)
	for i, s := range p.Specs {
		w.strs(s.ID, s.Kind, s.Category, s.Severity, s.Message, s.Why)
		w.list(s.Patterns)
		w.strs(s.Regex, s.Anchor)
		if s.Max < 0 {
			return nil, fmt.Errorf("rule %s: max %d is negative", s.ID, s.Max)
		}
		w.b = binary.AppendUvarint(w.b, uint64(s.Max))
		w.str(s.Detector)
		w.list(s.Allow)
		w.list(s.Exceptions)
		w.list(s.UnlessBefore)
		w.list(s.UnlessAfter)
		w.list(s.Scope)
		w.n(len(s.Replacements), s.Replacements == nil)
		for _, k := range slices.Sorted(maps.Keys(s.Replacements)) {
			w.str(k)
			w.list(s.Replacements[k])
		}
		w.list(s.Examples.Flag)
		w.list(s.Examples.Pass)
		w.str(s.Source)
		if record != nil {
			rec, err := record(i)
			if err != nil {
				return nil, err
			}
			w.str(string(rec))
		}
	}
	return w.b, nil
}

// ReadBinary reads a pack's binary form back, its rules compiled without running their
// examples (the engine that wrote it checked them when the pack was first put). The pack's
// strings share data's memory instead of copying it: data must not change afterwards. A
// form that is cut short, or has bytes left over, is an error; ReadBinary never panics.
func ReadBinary(data []byte) (*Pack, error) { return readBinary(data, binaryMagic) }

// ReadPrebuilt reads the binary form AppendCompiledBinary writes, its rules read from their
// compiled form instead of compiled, as ReadBinary otherwise does. Only for packs built into
// the engine (wasm/engine/images, held to their JSON by its tests): a compiled form is trusted
// to be what compiling gave, so what reading checks is the shape, not every problem compiling
// reports (a regex is checked when it first runs, and matches nothing if it fails). A pack
// image from storage goes through ReadBinary, which refuses this form.
func ReadPrebuilt(data []byte) (*Pack, error) { return readBinary(data, compiledMagic) }

func readBinary(data []byte, magic string) (*Pack, error) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, errors.New("not a binary pack of this kind")
	}
	compiled := magic == compiledMagic
	var records [][]byte
	r := &reader{b: rest}
	p := &Pack{ID: r.str(), Version: r.str(), Title: r.str(), Language: r.str(), Source: r.str(), Signals: r.list()}
	if n, ok := r.n(); ok {
		p.Segments = make([]Segment, 0, room(n))
		for i := 0; i < n && r.err == nil; i++ {
			p.Segments = append(p.Segments, Segment{ID: r.str(), Title: r.str(), Pack: r.str(), Style: r.str(), Signals: r.list(), Source: r.str()})
		}
	}
	if n, ok := r.n(); ok {
		p.Templates = make([]Template, 0, room(n))
		for i := 0; i < n && r.err == nil; i++ {
			p.Templates = append(p.Templates, Template{})
			t := &p.Templates[len(p.Templates)-1]
			t.ID, t.Title, t.Situation = r.str(), r.str(), r.str()
			t.Tags, t.Triggers, t.Variables = r.list(), r.list(), r.list()
			if n, ok := r.n(); ok {
				t.Variants = make(map[string]Variant, room(n))
				for i := 0; i < n && r.err == nil; i++ {
					k := r.str()
					t.Variants[k] = Variant{Text: r.str(), Email: r.str(), Messenger: r.str()}
				}
			}
			t.Source = r.str()
		}
	}
	if n, ok := r.n(); ok {
		p.Cases = make([]Case, 0, room(n))
		for i := 0; i < n && r.err == nil; i++ {
			p.Cases = append(p.Cases, Case{ID: r.str(), Title: r.str(), Situation: r.str(), CustomerSays: r.list(),
				Do: r.list(), Dont: r.list(), Templates: r.list(), Source: r.str()})
		}
	}
	if n, ok := r.n(); ok {
		p.Specs = make([]rules.Spec, 0, room(n))
		for i := 0; i < n && r.err == nil; i++ {
			p.Specs = append(p.Specs, rules.Spec{})
			s := &p.Specs[len(p.Specs)-1]
			s.ID, s.Kind, s.Category, s.Severity, s.Message, s.Why = r.str(), r.str(), r.str(), r.str(), r.str(), r.str()
			s.Patterns = r.list()
			s.Regex, s.Anchor = r.str(), r.str()
			s.Max = r.int()
			s.Detector = r.str()
			s.Allow, s.Exceptions, s.UnlessBefore, s.UnlessAfter, s.Scope = r.list(), r.list(), r.list(), r.list(), r.list()
			if n, ok := r.n(); ok {
				s.Replacements = make(map[string][]string, room(n))
				for i := 0; i < n && r.err == nil; i++ {
					k := r.str()
					s.Replacements[k] = r.list()
				}
			}
			s.Examples.Flag, s.Examples.Pass = r.list(), r.list()
			s.Source = r.str()
			if compiled {
				rec := r.str()
				records = append(records, unsafe.Slice(unsafe.StringData(rec), len(rec)))
			}
		}
	}
	switch {
	case r.err != nil:
		return nil, r.err
	case len(r.b) > 0:
		return nil, fmt.Errorf("binary pack: %d bytes left over", len(r.b))
	}
	if compiled {
		set, err := rules.ReadCompiled(p.Specs, records)
		if err != nil {
			return nil, fmt.Errorf("binary pack %s: %w", p.ID, err)
		}
		p.Rules = set
		return p, nil
	}
	set, problems := CompileRules(p.Specs, false)
	if len(problems) > 0 {
		return nil, &BinaryRulesError{ID: p.ID, Problems: problems}
	}
	p.Rules = set
	return p, nil
}

// BinaryRulesError is a binary pack whose rules do not compile with this engine.
type BinaryRulesError struct {
	ID       string
	Problems []Problem
}

func (e *BinaryRulesError) Error() string {
	return fmt.Sprintf("binary pack %s: %d rule problem(s), the first: %s: %s", e.ID, len(e.Problems), e.Problems[0].Path, e.Problems[0].Problem)
}

// writer appends the binary form.
type writer struct{ b []byte }

// n writes a count: with nilable, n+1 (0 for nil).
func (w *writer) n(n int, isNil bool) {
	switch {
	case isNil:
		w.b = binary.AppendUvarint(w.b, 0)
	default:
		w.b = binary.AppendUvarint(w.b, uint64(n)+1)
	}
}

func (w *writer) str(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) strs(ss ...string) {
	for _, s := range ss {
		w.str(s)
	}
}

func (w *writer) list(ss []string) {
	w.n(len(ss), ss == nil)
	for _, s := range ss {
		w.str(s)
	}
}

// room is the capacity to set aside for n items of a count just read: a damaged count, which
// n() only bounds by the bytes left, must not claim hundreds of bytes of memory per byte of
// input before the items run out; a good one grows the list as it reads.
func room(n int) int { return min(n, 256) }

// reader reads the binary form; after the first error every read returns zero values.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errors.New("binary pack: cut short or damaged")
		return 0
	}
	r.b = r.b[k:]
	return v
}

// n reads a count written by writer.n; ok is false for nil. A count can never exceed the
// bytes left (every item takes at least one), which bounds what a damaged form allocates.
func (r *reader) n() (int, bool) {
	v := r.uvarint()
	if v == 0 {
		return 0, false
	}
	if v-1 > uint64(len(r.b)) {
		r.err = errors.New("binary pack: a count runs past the end")
		return 0, false
	}
	return int(v - 1), true
}

// int reads a rule's max.
func (r *reader) int() int {
	v := r.uvarint()
	if v > 1<<31 {
		if r.err == nil {
			r.err = errors.New("binary pack: a number is out of range")
		}
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		if r.err == nil {
			r.err = errors.New("binary pack: a string runs past the end")
		}
		return ""
	}
	if v == 0 {
		return ""
	}
	s := unsafe.String(&r.b[0], int(v))
	r.b = r.b[v:]
	return s
}

func (r *reader) list() []string {
	n, ok := r.n()
	if !ok {
		return nil
	}
	out := make([]string, 0, room(n))
	for i := 0; i < n && r.err == nil; i++ {
		out = append(out, r.str())
	}
	return out
}
