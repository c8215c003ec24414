package build

import (
	"encoding/binary"
)

// writer appends the compiled dictionary's pieces; package morph's reader mirrors it.
type writer struct{ buf []byte }

func (w *writer) raw(b []byte)  { w.buf = append(w.buf, b...) }
func (w *writer) uvarint(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }

func (w *writer) bytes(b []byte) {
	w.uvarint(len(b))
	w.raw(b)
}

func (w *writer) strings(list []string) {
	w.uvarint(len(list))
	for _, s := range list {
		w.bytes([]byte(s))
	}
}

// section writes what fill writes, prefixed by its length, so a reader can skip or bound it.
func (w *writer) section(fill func(*writer)) {
	var b writer
	fill(&b)
	w.bytes(b.buf)
}

// table writes sorted keys with their payloads as front-coded blocks of blockSize keys; the
// block offsets (fixed-width, for binary search) come first.
func (w *writer) table(keys []string, payload func(string, *writer)) {
	var data writer
	var offsets []uint32
	prev := ""
	for i, k := range keys {
		shared := 0
		if i%blockSize == 0 {
			offsets = append(offsets, uint32(len(data.buf)))
		} else {
			for shared < len(k) && shared < len(prev) && k[shared] == prev[shared] {
				shared++
			}
		}
		data.uvarint(shared)
		data.bytes([]byte(k[shared:]))
		var p writer
		payload(k, &p)
		data.bytes(p.buf)
		prev = k
	}
	w.uvarint(len(keys))
	w.uvarint(blockSize)
	w.uvarint(len(offsets))
	for _, o := range offsets {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, o)
	}
	w.bytes(data.buf)
}
