package morph

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// The compiled dictionary (written by internal/build, described in DESIGN.md): magic, version,
// seven length-prefixed sections, then the SHA-256 of everything before it.
const (
	magic   = "SUFMORPH"
	version = 1
)

// reader walks a byte slice; the first error sticks and later reads return zero values, so
// Load checks once per section instead of after every number.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *reader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<31 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.fail("length %d past the end", n)
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

// count reads a list length and refuses one the remaining bytes cannot hold (each item takes
// at least min bytes), so bad data cannot make Load allocate without bound.
func (r *reader) count(min int) int {
	n := r.uvarint()
	if r.err == nil && n*min > len(r.b) {
		r.fail("%d items cannot fit in %d bytes", n, len(r.b))
		return 0
	}
	return n
}

func (r *reader) strings() []string {
	n := r.count(1)
	out := make([]string, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		out = append(out, string(r.bytes()))
	}
	return out
}

// table is a sorted key → payload map kept in the embedded bytes: front-coded blocks of keys,
// found by binary search over the blocks' first keys.
type table struct {
	n       int
	block   int
	offsets []uint32
	data    []byte
}

func readTable(r *reader) table {
	var t table
	t.n = r.uvarint()
	t.block = r.uvarint()
	nb := r.count(4)
	if r.err != nil {
		return t
	}
	if t.block <= 0 || nb != (t.n+t.block-1)/t.block {
		r.fail("table of %d keys has %d blocks of %d", t.n, nb, t.block)
		return t
	}
	t.offsets = make([]uint32, nb)
	for i := range t.offsets {
		t.offsets[i] = binary.LittleEndian.Uint32(r.b[4*i:])
	}
	r.b = r.b[4*nb:]
	t.data = r.bytes()
	return t
}

// entry is one key of a table with its payload.
type entry struct {
	key     []byte
	payload []byte
}

// scan calls fn for each entry of block i, in order, until fn returns false. It returns an
// error for malformed data (Load scans every block once, so lookups never meet one).
func (t *table) scan(i int, key []byte, fn func(entry) bool) error {
	if int(t.offsets[i]) > len(t.data) {
		return errors.New("block offset past the end")
	}
	r := reader{b: t.data[t.offsets[i]:]}
	end := min(t.n, (i+1)*t.block)
	key = key[:0]
	for k := i * t.block; k < end; k++ {
		shared := r.uvarint()
		rest := r.bytes()
		payload := r.bytes()
		if r.err != nil {
			return r.err
		}
		if shared > len(key) || (k == i*t.block && shared != 0) {
			return errors.New("bad front coding")
		}
		key = append(key[:shared], rest...)
		if !fn(entry{key, payload}) {
			return nil
		}
	}
	return nil
}

// get returns the payload of key, or nil.
func (t *table) get(key string) []byte {
	if len(t.offsets) == 0 {
		return nil
	}
	// The last block whose first key is <= key.
	lo, hi := 0, len(t.offsets)
	var buf [64]byte
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		var first []byte
		t.scan(mid, buf[:0], func(e entry) bool { first = e.key; return false })
		if bytes.Compare(first, []byte(key)) <= 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	var found []byte
	t.scan(lo, buf[:0], func(e entry) bool {
		c := strings.Compare(string(e.key), key)
		if c == 0 {
			found = e.payload
		}
		return c < 0
	})
	return found
}

// decode reads the compiled dictionary into d, checking every id so lookups can trust it.
func (d *Dict) decode(data []byte) error {
	if len(data) < len(magic)+1+sha256.Size || string(data[:len(magic)]) != magic {
		return errors.New("morph: not a compiled dictionary")
	}
	if data[len(magic)] != version {
		return fmt.Errorf("morph: dictionary format %d, this build reads %d", data[len(magic)], version)
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
		return errors.New("morph: dictionary checksum mismatch")
	}
	r := &reader{b: body[len(magic)+1:]}
	section := func(name string) *reader {
		s := &reader{b: r.bytes()}
		if r.err != nil {
			r.err = fmt.Errorf("morph: section %s: %w", name, r.err)
			s.err = r.err
		}
		return s
	}
	d.meta = string(section("meta").b)
	sec := section("tags")
	for _, s := range sec.strings() {
		t, err := ParseTag(s)
		if err != nil {
			return err
		}
		d.tags = append(d.tags, t)
	}
	if sec.err != nil {
		return fmt.Errorf("morph: tags: %w", sec.err)
	}
	sec = section("suffixes")
	d.suffixes = sec.strings()
	sec2 := section("prefixes")
	d.prefixes = sec2.strings()
	if err := errors.Join(sec.err, sec2.err); err != nil {
		return fmt.Errorf("morph: suffixes: %w", err)
	}
	if len(d.prefixes) == 0 || d.prefixes[0] != "" {
		return errors.New("morph: the first form prefix must be empty")
	}
	d.suffixIndex = make(map[string]uint16, len(d.suffixes))
	for i, s := range d.suffixes {
		d.suffixIndex[s] = uint16(i)
	}
	if len(d.suffixes) > 1<<16 || len(d.tags) > 1<<16 {
		return errors.New("morph: too many suffixes or tags")
	}

	sec = section("columns")
	ncols := sec.count(1)
	d.colStart = make([]int32, 0, ncols+1)
	for c := 0; c < ncols && sec.err == nil; c++ {
		d.colStart = append(d.colStart, int32(len(d.colTag)))
		n := sec.count(2)
		for f := 0; f < n && sec.err == nil; f++ {
			t, p := sec.uvarint(), sec.uvarint()
			if t >= len(d.tags) || p >= len(d.prefixes) {
				sec.fail("column %d form %d: tag %d or prefix %d out of range", c, f, t, p)
			}
			d.colTag = append(d.colTag, uint16(t))
			d.colPrefix = append(d.colPrefix, uint8(p))
		}
	}
	d.colStart = append(d.colStart, int32(len(d.colTag)))
	if sec.err != nil {
		return fmt.Errorf("morph: columns: %w", sec.err)
	}
	sec = section("paradigms")
	npara := sec.count(1)
	for p := 0; p < npara && sec.err == nil; p++ {
		c := sec.uvarint()
		if c >= ncols {
			sec.fail("paradigm %d: column %d out of range", p, c)
			break
		}
		d.paraCol = append(d.paraCol, uint32(c))
		d.paraStart = append(d.paraStart, int32(len(d.paraSuffix)))
		n := int(d.colStart[c+1] - d.colStart[c])
		for f := 0; f < n && sec.err == nil; f++ {
			s := sec.uvarint()
			if s >= len(d.suffixes) {
				sec.fail("paradigm %d: suffix %d out of range", p, s)
			}
			d.paraSuffix = append(d.paraSuffix, uint16(s))
		}
	}
	d.paraStart = append(d.paraStart, int32(len(d.paraSuffix)))
	if sec.err != nil {
		return fmt.Errorf("morph: paradigms: %w", sec.err)
	}
	d.stems = readTable(section("stems"))
	d.endings = readTable(section("endings"))
	if r.err != nil {
		return r.err
	}
	if len(r.b) != 0 {
		return errors.New("morph: bytes after the last section")
	}
	// Every payload must name paradigms that exist.
	check := func(name string, t *table, pairs bool) error {
		var prev []byte
		for i := range t.offsets {
			var bad error
			err := t.scan(i, nil, func(e entry) bool {
				if prev != nil && bytes.Compare(prev, e.key) >= 0 {
					bad = errors.New("keys out of order")
					return false
				}
				prev = append(prev[:0], e.key...)
				pr := reader{b: e.payload}
				n := pr.count(1)
				for j := 0; j < n; j++ {
					if p := pr.uvarint(); p >= npara {
						pr.fail("paradigm %d out of range", p)
					}
					if pairs {
						pr.uvarint()
					}
				}
				bad = pr.err
				return bad == nil
			})
			if err = errors.Join(err, bad); err != nil {
				return fmt.Errorf("morph: %s block %d: %w", name, i, err)
			}
		}
		return nil
	}
	return errors.Join(check("stems", &d.stems, false), check("endings", &d.endings, true))
}
