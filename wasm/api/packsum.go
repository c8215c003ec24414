package api

import (
	"encoding/binary"
	"math/bits"
)

// packSum names a pack's bytes in a pack image, in 32 bytes: their length and a 64-bit
// hash of them, the rest zero. It tells a stale image from a current one (a pack edited,
// replaced or cut short after its image was made); it is no defence against someone who
// can write where the host keeps packs, as they can write the pack too.
//
// The hash reads eight bytes per step with two multiplications: a restart sums every pack
// it loads, and CRC-64 (eight table lookups per eight bytes) took 40 ms of wasm for a
// 24 MiB pack. Each step mixes the running value with the next word, so a changed, moved
// or missing byte changes the sum but for a chance of one in 2^64.
func packSum(pack []byte) (sum [32]byte) {
	binary.BigEndian.PutUint64(sum[:8], uint64(len(pack)))
	binary.BigEndian.PutUint64(sum[8:16], hash64(pack))
	return sum
}

const (
	mix1 = 0x9e3779b97f4a7c15 // 2^64 / golden ratio, odd
	mix2 = 0xc2b2ae3d27d4eb4f // xxHash's PRIME64_2
)

func hash64(b []byte) uint64 {
	h := uint64(len(b)) * mix1
	for len(b) >= 8 {
		h = bits.RotateLeft64(h^binary.LittleEndian.Uint64(b)*mix2, 31) * mix1
		b = b[8:]
	}
	for _, c := range b {
		h = bits.RotateLeft64(h^uint64(c)*mix2, 31) * mix1
	}
	h ^= h >> 33
	h *= mix2
	h ^= h >> 29
	return h
}
