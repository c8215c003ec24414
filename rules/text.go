package rules

import (
	"slices"
	"strings"
	"sync"
)

// Text is a reply analysed once for every rule and pattern: normalised, tokenised, with
// sentence boundaries and a map back to the original. Analyse a text once and run many
// patterns or sets over it. A Text is not safe for concurrent use.
type Text struct {
	orig   string
	norm   string
	buf    []byte   // backing store for norm while it is built
	at     []origin // at[i] is where the normalised rune starting at byte i came from
	tokens []token
	bounds []int32 // normalised offsets of sentence-ending marks and newlines, ascending
	quotes []int32 // scratch: token counts at the open quotation marks while tokenizing

	sorted   []int32 // token indices ordered by word, built on first use
	keys     []uint64
	sortedOK bool
	nums     []numGroup // digit groups for the PII detectors, built on first use
	numsOK   bool
	sents    []span // sentences with their closing punctuation, built on first use
	sentsOK  bool

	// Scratch space reused across rules within one check.
	memo   []uint64
	starts []int32
	found  []int32
	spans  []span
	hits   []span
	occurs []span
	digits []byte
	sizes  []int
	upto   []int32
	num    number

	// Anchor hits of the set being checked (see anchorIndex.scan).
	pairs     []slotPair
	slotStart []int32
	slotPos   []int32
	slotFill  []int32
	base      int32 // first pattern slot of the rule being run

	lim budget // what the check may still spend (limits.go)
}

// span is a hit as a half-open range of normalised byte offsets.
type span struct{ a, b int32 }

// Analyze normalises and tokenises text once so that several patterns or sets can share it.
// Release it when done: the next Analyze then reuses its buffers instead of allocating.
func Analyze(text string) *Text {
	t := textPool.Get().(*Text)
	t.reset(text)
	return t
}

// Release hands t back for reuse by a later Analyze or Check; t must not be used afterwards.
// Findings and words taken from t stay valid: they never share its buffers. It drops t's
// references to the caller's string, so a pooled Text never keeps a reply alive.
func (t *Text) Release() {
	t.orig, t.norm = "", ""
	textPool.Put(t)
}

// Len returns the number of word tokens.
func (t *Text) Len() int { return len(t.tokens) }

// Original returns the text as it was given.
func (t *Text) Original() string { return t.orig }

// Normalized returns the text as rules see it (see Normalize).
func (t *Text) Normalized() string { return strings.Clone(t.norm) }

// Words returns the normalised word tokens in text order, symbols such as % included.
func (t *Text) Words() []string {
	norm := strings.Clone(t.norm) // the words must not alias a reusable buffer
	out := make([]string, len(t.tokens))
	for i, tk := range t.tokens {
		out[i] = norm[tk.start:tk.end]
	}
	return out
}

// Words returns the normalised word tokens of s; see Text.Words.
func Words(s string) []string {
	if plainWord(s) {
		return []string{s}
	}
	t := Analyze(s) // patterns are compiled word by word: reuse the buffers
	defer t.Release()
	return t.Words()
}

// plainWord reports whether s is one word already in normal form: lower-case ASCII or basic
// Russian letters only (no ё, digits, hyphens or marks), so that Words(s) is s itself. Most
// words of a compiled pattern are such (a lemma's forms run to hundreds per rule), and
// analysing each as a text was most of a default pack's rule compile (TestPlainWord holds
// the shortcut to Analyze).
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
		case i+1 < len(s) && (c == 0xD0 && s[i+1] >= 0xB0 && s[i+1] <= 0xBF || c == 0xD1 && s[i+1] >= 0x80 && s[i+1] <= 0x8F):
			i++ // а–п, р–я
		default:
			return false
		}
	}
	return true
}

var textPool = sync.Pool{New: func() any { return new(Text) }}

func (t *Text) reset(s string) {
	t.sortedOK, t.numsOK, t.sentsOK = false, false, false
	t.lim.reset()
	t.normalize(s)
	t.tokenize()
}

func (t *Text) word(i int) string {
	tk := t.tokens[i]
	return t.norm[tk.start:tk.end]
}

// original maps a hit back to UTF-16 offsets and the original substring. Hits start
// and end on rune boundaries of the normalised text.
func (t *Text) original(s span) (start, end int, match string) {
	last := s.b - 1
	for last > s.a && t.norm[last]&0xC0 == 0x80 {
		last-- // back to the start of the last rune
	}
	o0, o1 := t.at[s.a], t.at[last]
	return int(o0.u0), int(o1.u1), t.orig[o0.b0:o1.b1]
}

// tokensEndingBy counts the tokens that end at or before normalised offset a.
func (t *Text) tokensEndingBy(a int32) int {
	lo, hi := 0, len(t.tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.tokens[m].end <= a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// tokensStartingBefore counts the tokens that start before normalised offset b.
func (t *Text) tokensStartingBefore(b int32) int {
	lo, hi := 0, len(t.tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.tokens[m].start < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// boundaryIn reports whether a sentence ends somewhere in [a, b) of the normalised text.
func (t *Text) boundaryIn(a, b int32) bool {
	lo, hi := 0, len(t.bounds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.bounds[m] < a {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(t.bounds) && t.bounds[lo] < b
}

// sentences splits the normalised text at sentence boundaries; a run of marks ("?!",
// "...") stays with the sentence it closes. Together the spans cover the whole text.
func (t *Text) sentences() []span {
	if t.sentsOK {
		return t.sents
	}
	out := t.sents[:0]
	var start int32
	for i, b := range t.bounds {
		if i+1 < len(t.bounds) && t.bounds[i+1] == b+1 {
			continue // the run of marks goes on
		}
		out = append(out, span{start, b + 1})
		start = b + 1
	}
	if int(start) < len(t.norm) {
		out = append(out, span{start, int32(len(t.norm))})
	}
	t.sents, t.sentsOK = out, true
	return out
}

// sortedTokens returns token indices ordered by word (then position), for anchor lookups.
func (t *Text) sortedTokens() []int32 {
	if t.sortedOK {
		return t.sorted
	}
	// Sort by the first eight bytes packed in an integer, comparing whole words only on
	// ties: several times faster than comparing strings throughout.
	s, keys := t.sorted[:0], t.keys[:0]
	for i := range t.tokens {
		s = append(s, int32(i))
		keys = append(keys, wordKey(t.word(i)))
	}
	t.keys = keys
	slices.SortFunc(s, func(a, b int32) int {
		if ka, kb := keys[a], keys[b]; ka != kb {
			if ka < kb {
				return -1
			}
			return 1
		}
		if c := strings.Compare(t.word(int(a)), t.word(int(b))); c != 0 {
			return c
		}
		return int(a - b)
	})
	t.sorted, t.sortedOK = s, true
	return s
}

// wordKey packs the first eight bytes of w big-endian, so keys order as the words do.
func wordKey(w string) uint64 {
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(w) {
			k |= uint64(w[i])
		}
	}
	return k
}

// lowerBound finds the first position in sorted whose word is >= w.
func (t *Text) lowerBound(sorted []int32, w string) int {
	lo, hi := 0, len(sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.word(int(sorted[m])) < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// wordRange returns the part of sorted whose words equal w (prefix false) or start with w.
func (t *Text) wordRange(sorted []int32, w string, prefix bool) []int32 {
	i := t.lowerBound(sorted, w)
	j := i
	for j < len(sorted) {
		x := t.word(int(sorted[j]))
		if prefix && !strings.HasPrefix(x, w) || !prefix && x != w {
			break
		}
		j++
	}
	return sorted[i:j]
}
