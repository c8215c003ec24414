package build

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// dawg reads the dawgdic layout the az package's words.dawg uses: a uint32 unit count, the
// units (a double-array trie whose leaves hold values), a uint32 guide length and the guide
// (for each unit its first child's label and its next sibling's label), which lets the keys
// be listed in order without trying every byte at every node.
type dawg struct {
	units []uint32
	guide []byte
}

const (
	hasLeafBit   = 1 << 8
	extensionBit = 1 << 9
	isLeafBit    = 1 << 31
)

func readDAWG(b []byte) (*dawg, error) {
	if len(b) < 8 {
		return nil, errors.New("dawg: file too short")
	}
	n := int(binary.LittleEndian.Uint32(b))
	if 4+4*n+4 > len(b) {
		return nil, fmt.Errorf("dawg: %d units do not fit in %d bytes", n, len(b))
	}
	d := &dawg{units: make([]uint32, n)}
	for i := range d.units {
		d.units[i] = binary.LittleEndian.Uint32(b[4+4*i:])
	}
	g := int(binary.LittleEndian.Uint32(b[4+4*n:]))
	start := 8 + 4*n
	if start+2*g > len(b) {
		return nil, fmt.Errorf("dawg: guide of %d units does not fit", g)
	}
	d.guide = b[start : start+2*g]
	return d, nil
}

func offset(u uint32) uint32 { return (u >> 10) << ((u & extensionBit) >> 6) }
func label(u uint32) uint32  { return u & (isLeafBit | 0xFF) }

func (d *dawg) follow(c byte, i uint32) (uint32, bool) {
	next := i ^ offset(d.units[i]) ^ uint32(c)
	if int(next) >= len(d.units) || label(d.units[next]) != uint32(c) {
		return 0, false
	}
	return next, true
}

func (d *dawg) hasValue(i uint32) bool { return d.units[i]&hasLeafBit != 0 }

// walk calls fn for every key in the dawg, in byte order.
func (d *dawg) walk(fn func(key []byte)) error {
	var key []byte
	var visit func(i uint32, depth int) error
	visit = func(i uint32, depth int) error {
		if depth > 200 {
			return errors.New("dawg: key longer than 200 bytes")
		}
		if d.hasValue(i) {
			fn(key)
		}
		if int(2*i+1) >= len(d.guide) {
			return nil
		}
		c := d.guide[2*i]
		for c != 0 {
			next, ok := d.follow(c, i)
			if !ok {
				return fmt.Errorf("dawg: broken guide at unit %d", i)
			}
			key = append(key, c)
			if err := visit(next, depth+1); err != nil {
				return err
			}
			key = key[:len(key)-1]
			if int(2*next+1) >= len(d.guide) {
				break
			}
			c = d.guide[2*next+1]
		}
		return nil
	}
	return visit(0, 0)
}
