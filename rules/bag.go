package rules

import (
	"errors"
	"strings"
)

// A bag pattern, written in braces ("{<одобрение> <гарантировать>}"), finds its words in
// any order within one clause: «Гарантируем одобрение», «Одобрение мы вам гарантируем».
// A clause is the stretch of a sentence between commas, semicolons, colons, brackets,
// quotation marks and dashes; a match reaches at most bagReach words either side of its
// first word. Bags hold plain words, alternatives, prefixes and lemmas, none optional.

// bagReach bounds how far from its first word a bag looks for the others.
const bagReach = 8

// cutBag reports whether src is a bag pattern and returns what the braces hold.
func cutBag(src string) (string, bool, error) {
	s := strings.TrimSpace(src)
	if !strings.HasPrefix(s, "{") {
		if strings.HasSuffix(s, "}") {
			return "", false, errors.New("a bag pattern opens with { and closes with }")
		}
		return src, false, nil
	}
	body, ok := strings.CutSuffix(s[1:], "}")
	if !ok || strings.ContainsAny(body, "{}") {
		return "", false, errors.New("a bag pattern opens with { and closes with }")
	}
	return body, true, nil
}

// checkBag refuses what a bag cannot hold: gaps, optional and any-word tokens.
func (p *Pattern) checkBag() error {
	if len(p.elems) < 2 {
		return errors.New("a bag needs at least two words")
	}
	for _, e := range p.elems {
		switch {
		case e.kind == gapElem:
			return errors.New("a bag takes no gaps: its words may stand anywhere in the clause")
		case e.kind == anyElem || e.optional:
			return errors.New("a bag takes no * or optional words")
		}
	}
	return nil
}

// appendBags appends the non-overlapping bag matches anchored at starts (positions of the
// first word, ascending).
func (p *Pattern) appendBags(t *Text, starts []int32, dst []span) []span {
	next := 0
	for _, k := range starts {
		if int(k) < next {
			continue
		}
		lo, hi, ok := p.bagAt(t, int(k), next)
		if ok {
			dst = append(dst, span{t.tokens[lo].start, t.tokens[hi-1].end})
			next = hi
		}
	}
	return dst
}

// bagAt finds the other words of the bag around token k, in its clause and at or after
// token from; it returns the matched token range.
func (p *Pattern) bagAt(t *Text, k, from int) (lo, hi int, ok bool) {
	cs := k
	for cs > from && cs > k-bagReach && t.tokens[cs].sep == 0 {
		cs--
	}
	ce := k + 1
	for ce < len(t.tokens) && ce <= k+bagReach && t.tokens[ce].sep == 0 {
		ce++
	}
	var used [maxElems]int
	used[0] = k
	lo, hi = k, k+1
	for e := 1; e < len(p.elems); e++ {
		best := -1
		// The nearest free token that fits, so «одобрение мы вам гарантируем» stays short.
		for d := 1; d < ce-cs && best < 0; d++ {
			for _, j := range [2]int{k - d, k + d} {
				if j >= cs && j < ce && !taken(used[:e], j) && p.elems[e].matches(t.word(j)) {
					best = j
					break
				}
			}
		}
		if best < 0 {
			return 0, 0, false
		}
		used[e] = best
		lo, hi = min(lo, best), max(hi, best+1)
	}
	return lo, hi, true
}

func taken(used []int, j int) bool {
	for _, u := range used {
		if u == j {
			return true
		}
	}
	return false
}
