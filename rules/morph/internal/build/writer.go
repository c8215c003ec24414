package build

import (
	"encoding/binary"
)

// writer appends the compiled dictionary's pieces; package morph's reader mirrors it.
type writer struct{ buf []byte }

func (w *writer) raw(b []byte)  { w.buf = append(w.buf, b...) }
func (w *writer) u16(n int)     { w.buf = binary.LittleEndian.AppendUint16(w.buf, uint16(n)) }
func (w *writer) u32(n int)     { w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(n)) }
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

// table writes sorted keys with their payloads, each length-prefixed, after where each entry
// starts (little-endian uint32s). Keys are not front-coded: the reader binary-searches them in
// place, with no walk to find the entries, and gzip removes the redundancy in transit.
func (w *writer) table(keys []string, payload func(string, *writer)) {
	w.uvarint(len(keys))
	var data writer
	for _, k := range keys {
		w.u32(len(data.buf))
		data.bytes([]byte(k))
		var p writer
		payload(k, &p)
		data.bytes(p.buf)
	}
	w.bytes(data.buf)
}
