package rules

import (
	"slices"
	"unsafe"
)

// anchorIndex finds, in one pass over a text's tokens, where each pattern of a set can
// start: the positions of its first required word. Patterns are keyed by the first two
// runes of their anchor words, so a token costs one hash probe however many rules the
// set holds, and a rule whose anchor words are absent costs nothing at all.
type anchorIndex struct {
	words   headTable // whole-word anchors, by a hash of the word
	two     headTable // prefix anchors of two runes or more, by their first two runes
	one     headTable // prefix anchors of one rune ("в*"), by that rune
	entries []anchorEntry
	// groups are the slots whose anchors share one lemma's forms: such a list (shared
	// between rules, see UseCompiledLemmas) is entered once for all of them, which halved
	// the entries of a default pack and the time a start took to index them.
	groups [][]int32
	slots  int // pattern slots: every pattern of every rule, in set order
}

// anchorEntry is one anchor word of a pattern slot or, when slot is negative, of the slots
// of groups[-slot-1].
type anchorEntry struct {
	word   string
	prefix bool
	slot   int32
}

// headTable is an open-addressing hash table from a packed head to a range of entries.
type headTable struct {
	keys   []uint64
	lo, hi []int32
	shift  uint
}

// anchored is a matcher whose hits start at pattern anchors (sequence and count).
type anchored interface {
	anchors() []*Pattern
}

// newAnchorIndex indexes the anchors of groups of patterns (a set: one group per rule);
// base receives each group's first pattern slot.
func newAnchorIndex(groups [][]*Pattern) (*anchorIndex, []int32) {
	ix := &anchorIndex{}
	base := make([]int32, len(groups))
	// Whole words are keyed by the whole word: keyed by their first two runes, as they
	// once were, a lemma's forms (hundreds of words under «по», «за», «не») were compared
	// one by one with every token starting so, a third of a check.
	nwords, nprefix := 0, 0
	lists := map[listKey]int32{} // a forms list's group
	for _, ps := range groups {
		for _, p := range ps {
			a := &p.elems[p.first]
			nwords += len(a.exact)
			nprefix += len(a.prefix)
			for _, fs := range a.forms {
				if _, ok := lists[keyOf(fs)]; !ok && len(fs) > 0 {
					lists[keyOf(fs)] = int32(len(lists))
					nwords += len(fs)
				}
			}
		}
	}
	ix.groups = make([][]int32, len(lists))
	words := make([]anchorEntry, 0, nwords)
	var two, one []anchorEntry
	for i, ps := range groups {
		base[i] = int32(ix.slots)
		for _, p := range ps {
			a := &p.elems[p.first]
			for _, w := range a.exact {
				words = append(words, anchorEntry{w, false, int32(ix.slots)})
			}
			for _, fs := range a.forms {
				if len(fs) == 0 {
					continue
				}
				g := lists[keyOf(fs)]
				if len(ix.groups[g]) == 0 { // the list's first use enters its forms
					for _, w := range fs {
						words = append(words, anchorEntry{w, false, -g - 1})
					}
				}
				ix.groups[g] = append(ix.groups[g], int32(ix.slots))
			}
			for _, w := range a.prefix {
				e := anchorEntry{w, true, int32(ix.slots)}
				if runeCount2(w) == 2 {
					two = append(two, e)
				} else {
					one = append(one, e)
				}
			}
			ix.slots++
		}
	}
	ix.entries = make([]anchorEntry, 0, nwords+nprefix)
	ix.words = buildHeadTable(words, wordHash, &ix.entries)
	ix.two = buildHeadTable(two, headKey2, &ix.entries)
	ix.one = buildHeadTable(one, headKey1, &ix.entries)
	return ix, base
}

// listKey identifies a shared forms list by where it starts and how long it is: two lists
// that start together but end apart (one a prefix of the other) are not one list.
type listKey struct {
	p *string
	n int
}

func keyOf(fs []string) listKey { return listKey{unsafe.SliceData(fs), len(fs)} }

// wordHash hashes a whole word (FNV-1a); never 0, which marks an empty slot.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h | 1
}

func headKey1(w string) uint64 { return headKey(w, 1) }
func headKey2(w string) uint64 { return headKey(w, 2) }

// runeBytes returns the byte length of the first n runes of w (all of w if shorter).
func runeBytes(w string, n int) int {
	i := 0
	for ; n > 0 && i < len(w); n-- {
		switch c := w[i]; {
		case c < 0xE0:
			if c < 0x80 {
				i++
			} else {
				i += 2
			}
		case c < 0xF0:
			i += 3
		default:
			i += 4
		}
	}
	return min(i, len(w))
}

// runeCount2 reports how many runes w has, counting no further than two.
func runeCount2(w string) int {
	n1 := runeBytes(w, 1)
	if n1 >= len(w) {
		return 1
	}
	return 2
}

// headKey packs the first n runes of w (at most eight bytes) into an integer.
func headKey(w string, n int) uint64 { return packKey(w[:runeBytes(w, n)]) }

// packKey packs up to eight bytes into an integer that is never 0 (0 marks an empty slot).
func packKey(b string) uint64 {
	k := uint64(1)
	for i := 0; i < len(b); i++ {
		k = k<<8 | uint64(b[i])
	}
	return k
}

func buildHeadTable(es []anchorEntry, key func(string) uint64, all *[]anchorEntry) headTable {
	var t headTable
	if len(es) == 0 {
		return t
	}
	size, shift := 8, uint(61)
	for size < 2*len(es) {
		size, shift = size*2, shift-1
	}
	t.keys, t.lo, t.hi, t.shift = make([]uint64, size), make([]int32, size), make([]int32, size), shift
	// Group entries by key, in slot order and, within a key, in the order given: count
	// the entries of each slot, turn the counts into ranges, then place every entry.
	slot := make([]int32, len(es))
	for i, e := range es {
		k := key(e.word)
		h, found := t.find(k)
		if !found {
			t.keys[h] = k
		}
		slot[i] = int32(h)
		t.hi[h]++
	}
	next := int32(len(*all))
	for h, k := range t.keys {
		if k != 0 {
			t.lo[h], next = next, next+t.hi[h]
			t.hi[h] = t.lo[h] // a cursor until every entry is placed
		}
	}
	*all = slices.Grow(*all, len(es))[:next]
	for i, e := range es {
		h := slot[i]
		(*all)[t.hi[h]] = e
		t.hi[h]++
	}
	return t
}

// find returns the slot of key k, or the empty slot where it would go.
func (t *headTable) find(k uint64) (int, bool) {
	mask := len(t.keys) - 1
	for h := int((k * 0x9E3779B97F4A7C15) >> t.shift); ; h = (h + 1) & mask {
		switch t.keys[h] {
		case k:
			return h, true
		case 0:
			return h, false
		}
	}
}

// scan records, for every pattern slot, the tokens where its anchor word stands.
func (ix *anchorIndex) scan(t *Text) {
	pairs := t.pairs[:0]
	for k := range t.tokens {
		w := t.word(k)
		if len(ix.words.keys) > 0 {
			if h, ok := ix.words.find(wordHash(w)); ok {
				pairs = ix.collect(pairs, ix.words.lo[h], ix.words.hi[h], w, k)
			}
		}
		n1 := runeBytes(w, 1)
		if n1 < len(w) && len(ix.two.keys) > 0 {
			n2 := n1 + runeBytes(w[n1:], 1)
			if h, ok := ix.two.find(packKey(w[:n2])); ok {
				pairs = ix.collect(pairs, ix.two.lo[h], ix.two.hi[h], w, k)
			}
		}
		if len(ix.one.keys) > 0 {
			if h, ok := ix.one.find(packKey(w[:n1])); ok {
				pairs = ix.collect(pairs, ix.one.lo[h], ix.one.hi[h], w, k)
			}
		}
	}
	t.pairs = pairs
	// Counting sort by slot keeps each slot's positions in text order.
	start := t.slotStart[:0]
	for i := 0; i <= ix.slots; i++ {
		start = append(start, 0)
	}
	for _, p := range pairs {
		start[p.slot+1]++
	}
	for i := 1; i <= ix.slots; i++ {
		start[i] += start[i-1]
	}
	pos := grow(t.slotPos, len(pairs))
	fill := append(t.slotFill[:0], start[:ix.slots]...)
	for _, p := range pairs {
		pos[fill[p.slot]] = p.pos
		fill[p.slot]++
	}
	t.slotStart, t.slotPos, t.slotFill = start, pos, fill
}

func (ix *anchorIndex) collect(pairs []slotPair, lo, hi int32, w string, k int) []slotPair {
	for _, e := range ix.entries[lo:hi] {
		if e.prefix && len(w) >= len(e.word) && w[:len(e.word)] == e.word || !e.prefix && w == e.word {
			if e.slot >= 0 {
				pairs = append(pairs, slotPair{e.slot, int32(k)})
				continue
			}
			for _, slot := range ix.groups[-e.slot-1] {
				pairs = append(pairs, slotPair{slot, int32(k)})
			}
		}
	}
	return pairs
}

// grow returns s resized to n, reallocating only when it is too small.
func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n, n+n/2)
	}
	return s[:n]
}

// slotPair is one anchor hit: pattern slot and token position.
type slotPair struct{ slot, pos int32 }

// anchorsOf returns the token positions of pattern slot's anchor, ascending; a token
// appears twice when two alternatives of the anchor match it.
func (t *Text) anchorsOf(slot int32) []int32 {
	return t.slotPos[t.slotStart[slot]:t.slotStart[slot+1]]
}
