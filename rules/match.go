package rules

// query says which ends of a match starting at a given token are acceptable.
type query struct {
	mode uint8
	arg  int32
}

const (
	qFirst   uint8 = iota // the first end found: optional words taken, gaps shortest
	qCoverTo              // an end whose last token reaches normalised offset arg (exceptions)
	qEndAt                // an end exactly at token arg (unless_before)
)

func (q query) accept(t *Text, end int) bool {
	switch q.mode {
	case qCoverTo:
		return t.tokens[end-1].end >= q.arg
	case qEndAt:
		return end == int(q.arg)
	}
	return true
}

// matchAt tries p at token start and returns the end (exclusive token index) of the
// first match the query accepts. Backtracking over gaps and optional words is memoised
// per (element, token), so even a pattern full of gaps costs elements×width steps.
func (p *Pattern) matchAt(t *Text, start int, q query) (int, bool) {
	if start >= len(t.tokens) {
		return 0, false
	}
	stride := p.width + 1
	n := (len(p.elems)*stride + 63) / 64
	if cap(t.memo) < n {
		t.memo = make([]uint64, n)
	}
	t.memo = t.memo[:n]
	clear(t.memo)
	return p.walk(t, 0, start, start, q)
}

// walk matches p.elems[e:] from token k of a match that began at token start.
func (p *Pattern) walk(t *Text, e, k, start int, q query) (int, bool) {
	if e == len(p.elems) {
		if q.accept(t, k) {
			return k, true
		}
		return 0, false
	}
	bit := e*(p.width+1) + (k - start)
	if t.memo[bit>>6]&(1<<(bit&63)) != 0 {
		return 0, false // already known to fail from here
	}
	el := &p.elems[e]
	if el.kind == gapElem {
		for g := 0; g <= el.gap; g++ {
			kk := k + g
			if g > 0 && !t.consumable(kk-1, start) {
				break
			}
			if end, ok := p.walk(t, e+1, kk, start, q); ok {
				return end, true
			}
		}
	} else {
		if t.consumable(k, start) && el.matches(t.word(k)) {
			if end, ok := p.walk(t, e+1, k+1, start, q); ok {
				return end, true
			}
			if e+1 < len(p.elems) && p.elems[e+1].kind != gapElem {
				if m := t.asideEnd(k+1, start); m > 0 {
					if end, ok := p.walk(t, e+1, m, start, q); ok {
						return end, true
					}
				}
			}
		}
		if el.optional {
			if end, ok := p.walk(t, e+1, k, start, q); ok {
				return end, true
			}
		}
	}
	t.memo[bit>>6] |= 1 << (bit & 63)
	return 0, false
}

// consumable reports whether token k can belong to a match that began at token start:
// it exists and no sentence begins between start and k.
func (t *Text) consumable(k, start int) bool {
	return k < len(t.tokens) && (k == start || !t.tokens[k].sent)
}

// maxAside is the most words an aside between two words of a phrase may have.
const maxAside = 3

// asideEnd returns the token after an aside that starts at token k — one to maxAside
// words set off by commas (or brackets, or dashes), in one sentence — or 0 when none does.
func (t *Text) asideEnd(k, start int) int {
	if k >= len(t.tokens) {
		return 0
	}
	open := t.tokens[k].sep
	if open != ',' && open != '(' && open != '-' {
		return 0
	}
	for m := k + 1; m <= k+maxAside && m < len(t.tokens); m++ {
		switch sep := t.tokens[m].sep; {
		case sep == '.':
			return 0
		case sep == ',' || sep == ')' || sep == '-':
			if !t.consumable(m, start) {
				return 0
			}
			return m
		case sep != 0:
			return 0
		}
	}
	return 0
}

// asideBetween reports whether an aside may open among the tokens after s up to k.
func (t *Text) asideBetween(s, k int32) bool {
	for j := s + 1; j <= k; j++ {
		if sep := t.tokens[j].sep; sep == ',' || sep == '(' || sep == '-' {
			return true
		}
	}
	return false
}
