package index

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"unicode/utf8"
)

// FragmentRunes is the longest fragment in runes; longer texts are cut around the first match.
const FragmentRunes = 160

// fragment marks the words of text that match the query by root (so «задержали» marks
// «задержка»; a stem match is a root match too). It returns the HTML fragment and how many
// distinct query roots it matched; no fragment when nothing matched.
func fragment(text string, q *Terms) (string, int) {
	if q == nil || q.Empty() || text == "" {
		return "", 0
	}
	marks, n := q.marks(text)
	if len(marks) == 0 {
		return "", 0
	}
	from, to := window(text, marks[0][0])
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	cur := from
	for _, m := range marks {
		if m[0] < cur || m[1] > to {
			continue
		}
		b.WriteString(html.EscapeString(text[cur:m[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[m[0]:m[1]]))
		b.WriteString("</mark>")
		cur = m[1]
	}
	b.WriteString(html.EscapeString(text[cur:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String(), n
}

// marks finds the words of text whose root (or another reading's root) is one of the
// query's, with the analyzer's tokenizing and folding but without analysing every word: a
// word shares a root with the query only if it starts with that root's first letters
// (prefixRunes of them, so «жду» is still looked up for «ждать»), and only those words are
// analysed. It returns the byte spans and how many distinct roots matched.
func (q *Terms) marks(text string) ([][2]int, int) {
	if q.prefixes == nil {
		for r := range q.rootSet {
			p := prefix(r, prefixRunes)
			if !slices.ContainsFunc(q.prefixes, func(o []byte) bool { return string(o) == p }) {
				q.prefixes = append(q.prefixes, []byte(p))
			}
		}
	}
	var marks [][2]int
	var hit map[string]bool
	var buf []byte
	for i := 0; i < len(text); {
		var start int
		start, i, buf, _, _ = nextWord(text, i, buf)
		if start == i {
			break
		}
		if !q.maybe(buf) {
			continue
		}
		t := terms.get(buf)
		rt := string(t.root)
		if !q.rootSet[rt] {
			rt = ""
			for _, a := range t.altRoots {
				if q.rootSet[string(a)] {
					rt = string(a)
					break
				}
			}
			if rt == "" {
				continue
			}
		}
		if hit == nil {
			hit = map[string]bool{}
		}
		hit[rt] = true
		marks = append(marks, [2]int{start, i})
	}
	return marks, len(hit)
}

// prefixRunes is how many first letters of a root a word must share to be analysed for
// marks: lemmas keep the start of a word, but not always all of it (ждать, жду).
const prefixRunes = 2

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// maybe reports whether a folded word starts like a query root.
func (q *Terms) maybe(word []byte) bool {
	for _, p := range q.prefixes {
		if bytes.HasPrefix(word, p) {
			return true
		}
	}
	return false
}

// window picks at most FragmentRunes runes of text around the byte offset at, starting a
// little before it, and cut at spaces so no word is broken.
func window(text string, at int) (from, to int) {
	if utf8.RuneCountInString(text) <= FragmentRunes {
		return 0, len(text)
	}
	from = at
	for n := 0; from > 0 && n < FragmentRunes/4; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	if from > 0 {
		if sp := strings.IndexByte(text[from:at], ' '); sp >= 0 {
			from += sp + 1
		}
	}
	to = from
	for n := 0; to < len(text) && n < FragmentRunes; n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	if to < len(text) {
		if sp := strings.LastIndexByte(text[at:to], ' '); sp > 0 {
			to = at + sp
		}
	}
	return from, to
}

// fragments marks up to three of the texts, preferring those that match more query terms
// and, among equals, the earlier ones (callers list texts by importance).
func Fragments(texts []string, q *Terms) []string {
	type cand struct {
		frag string
		n    int
	}
	var cands []cand
	complete := 0 // fragments that match every query root: none can do better
	for _, t := range texts {
		if complete == 3 {
			break
		}
		if f, n := fragment(t, q); n > 0 {
			cands = append(cands, cand{f, n})
			if n == len(q.rootSet) {
				complete++
			}
		}
	}
	out := []string{}
	for len(out) < 3 && len(cands) > 0 {
		best := 0
		for i, c := range cands {
			if c.n > cands[best].n {
				best = i
			}
		}
		out = append(out, cands[best].frag)
		cands = append(cands[:best], cands[best+1:]...)
	}
	return out
}
