package rules

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/sufler/sufler/rules/word"
)

// origin ties one rune of the normalised text to the original character it came from,
// both as Go byte offsets (to cut Match) and as UTF-16 offsets (what JavaScript indexes).
// Text.at holds one per normalised byte, filled at rune starts only: hits begin and end
// on rune boundaries, and skipping continuation bytes halves the work for Cyrillic.
type origin struct {
	b0, b1 int32 // byte offsets of the original character
	u0, u1 int32 // UTF-16 code-unit offsets of the original character
}

// Normalize returns s as the rule matcher sees it: lowercase, ё→е, every Unicode space
// a plain space or newline, soft hyphens and zero-width characters gone, curly quotes
// and «» as ", all dashes as -, … as ..., fullwidth ASCII as ASCII, stress marks dropped.
func Normalize(s string) string {
	var t Text
	t.normalize(s)
	return t.norm // t is not pooled: its buffer is never reused
}

// fold classes: what one original rune becomes.
const (
	foldKeep     = iota // emit the returned rune
	foldDrop            // emit nothing (format characters: soft hyphen, zero-width, bidi marks)
	foldMark            // combining mark: merge into the previous character
	foldEllipsis        // … becomes three dots
)

// fold maps one original rune to its normalised form.
func fold(r rune) (rune, int) {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', foldKeep
		case r == '\t':
			return ' ', foldKeep
		case r == '\r' || r == '\v' || r == '\f':
			return '\n', foldKeep
		}
		return r, foldKeep
	}
	if 'А' <= r && r <= 'я' { // basic Russian, the common case
		if r <= 'Я' {
			return r + 'а' - 'А', foldKeep
		}
		return r, foldKeep
	}
	switch r {
	case 'ё', 'Ё':
		return 'е', foldKeep
	case '\u0085', '\u2028', '\u2029':
		return '\n', foldKeep
	case '“', '”', '„', '‟', '«', '»', '‹', '›', '〝', '〞', '″':
		return '"', foldKeep
	case '‘', '’', '‚', '‛', 'ʼ', '′':
		return '\'', foldKeep
	case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '⸺', '⸻':
		return '-', foldKeep
	case '…':
		return '.', foldEllipsis
	case '\u180e':
		return 0, foldDrop
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		return fold(r - 0xFEE0)
	case unicode.IsSpace(r):
		return ' ', foldKeep
	case unicode.Is(unicode.Cf, r):
		return 0, foldDrop
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return r, foldMark
	}
	return unicode.ToLower(r), foldKeep
}

// normalize fills t.norm and t.at from s. Every normalised byte gets the origin of the
// original character that produced it, so any span of the normalised text maps back.
func (t *Text) normalize(s string) {
	t.orig = s
	if n := len(s) + len(s)/4 + 8; cap(t.buf) < n {
		t.buf, t.at = make([]byte, 0, n), make([]origin, 0, n)
	}
	buf := t.buf[:0]
	at := t.at[:0]
	last := -1 // start in buf of the last emitted rune
	var u int32
	for i := 0; i < len(s); {
		// Fast paths for the bulk of a reply: plain ASCII and basic Russian letters.
		if c := s[i]; c < utf8.RuneSelf && c != '\t' && c != '\r' && c != '\v' && c != '\f' {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			last = len(buf)
			buf = append(buf, c)
			at = append(at, origin{int32(i), int32(i + 1), u, u + 1})
			i++
			u++
			continue
		} else if (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			if 'А' <= r && r <= 'я' {
				if r <= 'Я' {
					r += 'а' - 'А'
				}
				last = len(buf)
				buf = append(buf, byte(0xC0|r>>6), byte(0x80|r&0x3F))
				if n := len(at); n+2 <= cap(at) {
					at = at[:n+2]
					at[n] = origin{int32(i), int32(i + 2), u, u + 1}
				} else {
					at = append(at, origin{int32(i), int32(i + 2), u, u + 1}, origin{})
				}
				i += 2
				u++
				continue
			}
		}
		r, w := decodeAt(s, i)
		uw := int32(1)
		if r >= 0x10000 {
			uw = 2 // a surrogate pair in JavaScript
		}
		o := origin{int32(i), int32(i + w), u, u + uw}
		i += w
		u += uw
		out, class := fold(r)
		switch class {
		case foldDrop:
			continue
		case foldMark:
			if last < 0 {
				continue
			}
			// Compose the two marks Russian needs (и+breve, е+diaeresis), drop the rest
			// (stress marks, variation selectors), and let the previous character own
			// the mark so a hit never ends between a letter and its accent.
			prev, _ := utf8.DecodeRune(buf[last:])
			if c, ok := word.Compose(prev, out); ok && c != prev {
				buf = utf8.AppendRune(buf[:last], c) // й: the same length as и
			}
			at[last].b1, at[last].u1 = o.b1, o.u1
			continue
		case foldEllipsis:
			last = len(buf)
			buf = append(buf, "..."...)
			at = append(at, o, o, o)
			continue
		}
		last = len(buf)
		if out < utf8.RuneSelf {
			buf = append(buf, byte(out))
			at = append(at, o)
			continue
		}
		buf = utf8.AppendRune(buf, out)
		at = append(at, o)
		for len(at) < len(buf) {
			at = append(at, origin{})
		}
	}
	t.buf, t.at = buf, at
	// norm aliases buf instead of copying it: a pooled Text rewrites buf on its next
	// use, so strings cut from norm must never outlive a check (findings and spans cut
	// the original text instead).
	t.norm = ""
	if len(buf) > 0 {
		t.norm = unsafe.String(&buf[0], len(buf))
	}
}
