package morph

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unsafe"
)

// The compiled dictionary (written by internal/build, described in DESIGN.md): magic, version,
// nine length-prefixed sections, then the SHA-256 of everything before it.
const (
	magic   = "SUFMORPH"
	version = 5
)

// u16s and u32s are little-endian arrays read in place.
type (
	u16s []byte
	u32s []byte
)

func (a u16s) at(i int32) uint16 { return binary.LittleEndian.Uint16(a[2*i:]) }
func (a u32s) at(i int32) uint32 { return binary.LittleEndian.Uint32(a[4*i:]) }
func (a u16s) len() int          { return len(a) / 2 }
func (a u32s) len() int          { return len(a) / 4 }

// fixed reads n items of size bytes each, in place.
func (r *reader) fixed(n, size int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)/size {
		r.fail("%d items of %d bytes past the end", n, size)
		return nil
	}
	v := r.b[: n*size : n*size]
	r.b = r.b[n*size:]
	return v
}

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
	// Fast path for numbers of one or two bytes (every id in the dictionary but a few).
	if b := r.b; r.err == nil && len(b) >= 2 {
		if b[0] < 0x80 {
			r.b = b[1:]
			return int(b[0])
		}
		if b[1] < 0x80 {
			r.b = b[2:]
			return int(b[0]&0x7f) | int(b[1])<<7
		}
	}
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

// strings reads a list of strings as views into the dictionary's bytes, which a Dict keeps.
func (r *reader) strings() []string {
	n := r.count(1)
	out := make([]string, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		out = append(out, unsafeString(r.bytes()))
	}
	return out
}

// table is a sorted key → payload map kept in the dictionary's bytes: length-prefixed keys and
// payloads, one after another, found by binary search over where each entry starts.
type table struct {
	at   u32s // where entry i starts in data
	data []byte
}

func (t *table) len() int { return t.at.len() }

// readTable reads a table. An untrusted one is checked whole: every entry where the index
// says, whole, and the keys in order, so lookups need no checks.
func readTable(r *reader, trusted bool) table {
	n := r.count(4)
	t := table{at: r.fixed(n, 4)}
	t.data = r.bytes()
	if r.err != nil || trusted {
		return t
	}
	i, prev := 0, ""
	for k := 0; k < n; k++ {
		if int(t.at.at(int32(k))) != i {
			r.fail("entry %d is not where the index says", k)
			return table{}
		}
		var key []byte
		if key, i = bytesAt(t.data, i); i < 0 {
			r.fail("entry %d cut short", k)
			return table{}
		}
		if _, i = bytesAt(t.data, i); i < 0 {
			r.fail("entry %d cut short", k)
			return table{}
		}
		if k > 0 && unsafeString(key) <= prev {
			r.fail("keys out of order at entry %d", k)
			return table{}
		}
		prev = unsafeString(key)
	}
	if i != len(t.data) {
		r.fail("bytes after entry %d", n)
	}
	return t
}

// entry returns entry i's key and payload.
func (t *table) entry(i int) (key string, payload []byte) {
	k, at := bytesAt(t.data, int(t.at.at(int32(i))))
	payload, _ = bytesAt(t.data, at)
	return unsafeString(k), payload
}

// get returns the payload of key, or nil.
func (t *table) get(key string) []byte {
	lo, hi := 0, t.len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		k, at := bytesAt(t.data, int(t.at.at(int32(mid))))
		switch c := strings.Compare(unsafeString(k), key); {
		case c == 0:
			p, _ := bytesAt(t.data, at)
			return p
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return nil
}

// uvarintAt reads the number at b[i:], returning it and the index after it; a malformed or
// truncated number gives -1 and len(b).
func uvarintAt(b []byte, i int) (v, next int) {
	var x uint64
	for shift := uint(0); i < len(b) && shift < 35; shift += 7 {
		c := b[i]
		i++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(x), i
		}
	}
	return -1, len(b)
}

// bytesAt reads a length-prefixed byte string at b[i:]; next is -1 when it does not fit.
func bytesAt(b []byte, i int) (v []byte, next int) {
	n, i := uvarintAt(b, i)
	if n < 0 || n > len(b)-i {
		return nil, -1
	}
	return b[i : i+n : i+n], i + n
}

// unsafeString views b as a string for a comparison; b must not change while it is used.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// decode reads the compiled dictionary into d, checking every id so lookups can trust it.
// The embedded dictionary is trusted: the package's tests load it with every check, so at
// start-up the checksum and the payload walk (most of the decoding time in wasm) are skipped.
func (d *Dict) decode(data []byte, trusted bool) error {
	if len(data) < len(magic)+1+sha256.Size || string(data[:len(magic)]) != magic {
		return errors.New("morph: not a compiled dictionary")
	}
	if data[len(magic)] != version {
		return fmt.Errorf("morph: dictionary format %d, this build reads %d", data[len(magic)], version)
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if !trusted {
		if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) {
			return errors.New("morph: dictionary checksum mismatch")
		}
	}
	// Readers are values on the stack: a reader on the heap paid a GC write barrier for
	// every number it read (its slice moves on), most of decoding in wasm.
	r := reader{b: body[len(magic)+1:]}
	section := func(name string) reader {
		s := reader{b: r.bytes()}
		if r.err != nil {
			r.err = fmt.Errorf("morph: section %s: %w", name, r.err)
			s.err = r.err
		}
		return s
	}
	d.meta = string(section("meta").b)
	sec := section("tags")
	d.tagName = sec.strings()
	if sec.err != nil {
		return fmt.Errorf("morph: tags: %w", sec.err)
	}
	d.tags = make([]Tag, len(d.tagName))
	if trusted {
		d.tagOnce = make([]sync.Once, len(d.tagName))
	} else {
		for i, s := range d.tagName {
			t, err := ParseTag(s)
			if err != nil {
				return err
			}
			d.tags[i] = t
		}
	}
	sec = section("priors")
	d.priors = make([]uint32, len(d.tags))
	for i := range d.priors {
		d.priors[i] = uint32(sec.uvarint())
	}
	if sec.err != nil || len(sec.b) != 0 {
		return fmt.Errorf("morph: priors: %v (%d bytes left)", sec.err, len(sec.b))
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
	for _, x := range d.suffixes {
		d.maxSuffix = max(d.maxSuffix, len(x))
	}
	if !trusted {
		for i := 1; i < len(d.suffixes); i++ {
			if d.suffixes[i-1] >= d.suffixes[i] {
				return fmt.Errorf("morph: suffixes out of order at %d", i)
			}
		}
	}
	if len(d.suffixes) > 1<<16 || len(d.tags) > 1<<16 {
		return errors.New("morph: too many suffixes or tags")
	}

	sec = section("columns")
	ncols, nforms := sec.count(4), sec.count(3)
	d.colStart = sec.fixed(ncols+1, 4)
	d.colTag = sec.fixed(nforms, 2)
	d.colPrefix = sec.fixed(nforms, 1)
	if sec.err == nil && len(sec.b) != 0 {
		sec.fail("%d bytes after the columns", len(sec.b))
	}
	if sec.err == nil && !trusted {
		sec.err = d.checkColumns(ncols, nforms)
	}
	if sec.err != nil {
		return fmt.Errorf("morph: columns: %w", sec.err)
	}
	sec = section("paradigms")
	npara, nsuf := sec.count(6), sec.count(2)
	d.paraCol = sec.fixed(npara, 2)
	d.paraStart = sec.fixed(npara+1, 4)
	d.paraSuffix = sec.fixed(nsuf, 2)
	if sec.err == nil && len(sec.b) != 0 {
		sec.fail("%d bytes after the paradigms", len(sec.b))
	}
	if sec.err == nil && !trusted {
		sec.err = d.checkParadigms(ncols, npara, nsuf)
	}
	if sec.err != nil {
		return fmt.Errorf("morph: paradigms: %w", sec.err)
	}
	sec = section("stems")
	d.stems = readTable(&sec, trusted)
	sec2 = section("endings")
	d.endings = readTable(&sec2, trusted)
	if err := errors.Join(r.err, sec.err, sec2.err); err != nil {
		return fmt.Errorf("morph: tables: %w", err)
	}
	if len(r.b) != 0 {
		return errors.New("morph: bytes after the last section")
	}
	// Every payload must name paradigms (and forms) that exist.
	check := func(name string, t *table, guesses bool) error {
		for i := range t.len() {
			_, payload := t.entry(i)
			pr := reader{b: payload}
			n := pr.count(1)
			for j := 0; j < n && pr.err == nil; j++ {
				p := pr.uvarint()
				if p >= npara {
					pr.fail("paradigm %d out of range", p)
					break
				}
				if guesses {
					if f := pr.uvarint(); f >= d.paraLen(int32(p)) {
						pr.fail("paradigm %d has no form %d", p, f)
					}
					pr.uvarint()
				}
			}
			if pr.err != nil {
				return fmt.Errorf("morph: %s entry %d: %w", name, i, pr.err)
			}
		}
		return nil
	}
	if trusted {
		return nil
	}
	return errors.Join(check("stems", &d.stems, false), check("endings", &d.endings, true))
}

// checkColumns checks, for an untrusted dictionary, that the columns' ranges are in order and
// name tags and prefixes that exist.
func (d *Dict) checkColumns(ncols, nforms int) error {
	for c := range int32(ncols) {
		if a, b := d.colStart.at(c), d.colStart.at(c+1); a > b || int(b) > nforms || c == 0 && a != 0 {
			return fmt.Errorf("column %d: forms %d to %d out of order or range", c, a, b)
		}
	}
	if int(d.colStart.at(int32(ncols))) != nforms {
		return errors.New("columns do not cover every form")
	}
	for f := range int32(nforms) {
		if t, p := d.colTag.at(f), d.colPrefix[f]; int(t) >= len(d.tags) || int(p) >= len(d.prefixes) {
			return fmt.Errorf("form %d: tag %d or prefix %d out of range", f, t, p)
		}
	}
	return nil
}

// checkParadigms checks, for an untrusted dictionary, that every paradigm names a column, has
// as many suffixes as its column has forms, and names suffixes that exist.
func (d *Dict) checkParadigms(ncols, npara, nsuf int) error {
	for p := range int32(npara) {
		c := int32(d.paraCol.at(p))
		if int(c) >= ncols {
			return fmt.Errorf("paradigm %d: column %d out of range", p, c)
		}
		a, b := d.paraStart.at(p), d.paraStart.at(p+1)
		if p == 0 && a != 0 || a > b || int(b) > nsuf || b-a != d.colStart.at(c+1)-d.colStart.at(c) {
			return fmt.Errorf("paradigm %d: suffixes %d to %d do not fit its column", p, a, b)
		}
	}
	if int(d.paraStart.at(int32(npara))) != nsuf {
		return errors.New("paradigms do not cover every suffix")
	}
	for i := range int32(nsuf) {
		if int(d.paraSuffix.at(i)) >= len(d.suffixes) {
			return fmt.Errorf("suffix %d out of range", d.paraSuffix.at(i))
		}
	}
	return nil
}
