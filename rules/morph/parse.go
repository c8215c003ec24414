package morph

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse is one reading of a word: the lexeme it is a form of and the form's grammemes.
type Parse struct {
	Word  string // the word read, normalised (lower case, ё as е)
	Lemma string // the lexeme's normal form: infinitive, nominative singular, masculine ...
	Tag   Tag    // the form's grammemes
	Known bool   // the dictionary lists the word; false for a guess from its ending
	// Weight orders guesses: how many dictionary words with the same ending read this way.
	// Known readings have 0.
	Weight int

	d     *Dict
	prior uint32 // the form's tag prior, which orders dictionary readings
	para  int32  // paradigm, or -1 for a word with no other forms
	form  int32  // the form's index in the paradigm
	stem  string // the lexeme's stem
	// head and tail wrap every form of a hyphenated word: «интернет-» + магазин, какой + «-нибудь».
	head, tail string
}

// Form is one form of a lexeme.
type Form struct {
	Word string
	Tag  Tag
}

// Analyze lists the readings of word, dictionary readings first. An unknown Russian word gets
// guesses from its ending; a Latin word, a number or anything else gets one reading tagged
// LATN, NUMB or UNKN whose lemma is the word itself. It never returns an empty list for a
// non-empty word.
func (d *Dict) Analyze(word string) []Parse {
	w := Normalize(strings.TrimSpace(word))
	if w == "" {
		return nil
	}
	d.mu.Lock()
	ps, ok := d.cache[w]
	d.mu.Unlock()
	if ok {
		return slices.Clone(ps)
	}
	// The cache keeps w, and every reading keeps it as its Word: it must be a string of
	// our own. A caller's string may view a buffer it reuses (rules reads words out of a
	// pooled text through unsafe.String); kept as is, that buffer's next text rewrote
	// cached keys in place, and «в» came back with another word's readings, differently
	// in every process, as goroutines happened to interleave.
	w = strings.Clone(w)
	ps = d.analyze(w)
	d.mu.Lock()
	if d.cache == nil || len(d.cache) >= cacheSize {
		d.cache = make(map[string][]Parse, 256)
	}
	d.cache[w] = ps
	d.mu.Unlock()
	return slices.Clone(ps)
}

func (d *Dict) analyze(w string) []Parse {
	if !validWord(w) {
		return []Parse{d.fixed(w, NewTag(UNKN), false)}
	}
	if ps := d.lookup(w); len(ps) > 0 {
		// The reading OpenCorpora's corpus finds more often comes first.
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].prior > ps[j].prior })
		return ps
	}
	if !isRussian(w) {
		return []Parse{d.fixed(w, NewTag(otherKind(w)), false)}
	}
	if strings.Contains(w, "-") {
		if ps := d.hyphenated(w); len(ps) > 0 {
			return ps
		}
	}
	if ps := d.guess(w); len(ps) > 0 {
		return ps
	}
	return []Parse{d.fixed(w, NewTag(UNKN), false)}
}

func (d *Dict) fixed(w string, t Tag, known bool) Parse {
	return Parse{Word: w, Lemma: w, Tag: t, Known: known, d: d, para: -1}
}

// isRussian: Cyrillic letters, with hyphens only between them.
func isRussian(w string) bool {
	prev := '-'
	for _, r := range w {
		if r == '-' {
			if prev == '-' {
				return false
			}
		} else if !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
		prev = r
	}
	return prev != '-'
}

func otherKind(w string) Grammeme {
	latin, digits := true, true
	for _, r := range w {
		latin = latin && (r < utf8.RuneSelf && unicode.IsLetter(r) || r == '-' || r == '\'')
		digits = digits && (unicode.IsDigit(r) || r == '.' || r == ',')
	}
	switch {
	case latin:
		return LATN
	case digits:
		return NUMB
	}
	return UNKN
}

// lookup finds w in the dictionary: w = form prefix + stem + form suffix of a kept lexeme.
func (d *Dict) lookup(w string) []Parse {
	var out []Parse
	for pi, pre := range d.prefixes {
		if !strings.HasPrefix(w, pre) || (pi > 0 && pre == "") {
			continue
		}
		rest := w[len(pre):]
		// No suffix is longer than maxSuffix: the split points before cannot match.
		for i := max(0, len(rest)-d.maxSuffix); i <= len(rest); i++ {
			if i < len(rest) && !utf8.RuneStart(rest[i]) {
				continue
			}
			sid, ok := d.suffixID(rest[i:])
			if !ok {
				continue
			}
			payload := d.stems.get(rest[:i])
			if payload == nil {
				continue
			}
			n, at := uvarintAt(payload, 0)
			for ; n > 0; n-- {
				var para int
				para, at = uvarintAt(payload, at)
				p := int32(para)
				start, col := int32(d.paraStart.at(p)), d.column(p)
				for f := range int32(d.paraLen(p)) {
					if d.paraSuffix.at(start+f) == sid && int(d.colPrefix[col+f]) == pi {
						out = append(out, d.parse(w, p, f, rest[:i], true))
					}
				}
			}
		}
	}
	return out
}

// guess reads an unknown word by its longest ending the guesser knows: every form, of every
// paradigm proposed for that ending, whose suffix the word ends with.
func (d *Dict) guess(w string) []Parse {
	ends := make([]int, 0, 6) // byte offsets where the last 1..5 letters start
	for i := len(w); i > 0 && len(ends) < 6; {
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
		ends = append(ends, i)
	}
	// The whole word is never its own ending: a stem must remain.
	for k := min(5, len(ends)-1); k >= 1; k-- {
		payload := d.endings.get(w[ends[k-1]:])
		if payload == nil {
			continue
		}
		var out []Parse
		n, at := uvarintAt(payload, 0)
		for ; n > 0; n-- {
			var pi, fi, weight int
			pi, at = uvarintAt(payload, at)
			fi, at = uvarintAt(payload, at)
			weight, at = uvarintAt(payload, at)
			p, form := int32(pi), int32(fi)
			sid := d.formSuffix(p, form)
			suf := d.suffixes[sid]
			if len(suf) >= len(w) || !strings.HasSuffix(w, suf) {
				continue
			}
			// Every form of the paradigm spelt like the one the ending proposed.
			for f := range int32(d.paraLen(p)) {
				if d.formSuffix(p, f) == sid && d.formPrefix(p, f) == 0 {
					ps := d.parse(w, p, f, w[:len(w)-len(suf)], false)
					ps.Weight = weight
					out = appendNew(out, ps)
				}
			}
		}
		if len(out) > 0 {
			sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
			return out
		}
	}
	return nil
}

// appendNew adds p unless a reading with the same lemma and tag is there already.
func appendNew(list []Parse, p Parse) []Parse {
	for _, q := range list {
		if q.Lemma == p.Lemma && q.Tag == p.Tag {
			return list
		}
	}
	return append(list, p)
}

func (d *Dict) paraLen(p int32) int { return int(d.paraStart.at(p+1) - d.paraStart.at(p)) }

// column returns where paradigm p's column starts in colTag and colPrefix.
func (d *Dict) column(p int32) int32 { return int32(d.colStart.at(int32(d.paraCol.at(p)))) }

func (d *Dict) formSuffix(p, f int32) uint16 { return d.paraSuffix.at(int32(d.paraStart.at(p)) + f) }

func (d *Dict) formTag(p, f int32) Tag {
	return d.tag(d.colTag.at(d.column(p) + f))
}

func (d *Dict) formPrefix(p, f int32) uint8 {
	return d.colPrefix[d.column(p)+f]
}

// formWord builds form f of the lexeme with this stem.
func (d *Dict) formWord(p, f int32, stem string) string {
	return d.prefixes[d.formPrefix(p, f)] + stem + d.suffixes[d.formSuffix(p, f)]
}

func (d *Dict) parse(w string, p, f int32, stem string, known bool) Parse {
	ti := d.colTag.at(d.column(p) + f)
	return Parse{Word: w, Lemma: d.formWord(p, 0, stem), Tag: d.tag(ti), Known: known, d: d, para: p, form: f, stem: stem, prior: d.priors[ti]}
}

// tag returns tag i, reading it from its name the first time it is asked for.
func (d *Dict) tag(i uint16) Tag {
	if d.tagOnce != nil {
		d.tagOnce[i].Do(func() {
			d.tags[i], _ = ParseTag(d.tagName[i]) // the embedded names are held valid by tests
		})
	}
	return d.tags[i]
}

// suffixID finds suffix s among the dictionary's sorted suffixes.
func (d *Dict) suffixID(s string) (uint16, bool) {
	lo, hi := 0, len(d.suffixes)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if d.suffixes[mid] < s {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(d.suffixes) && d.suffixes[lo] == s {
		return uint16(lo), true
	}
	return 0, false
}
