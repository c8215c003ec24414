package index

import "strings"

// Terms are the analysed terms of a query text (Analyse): lemmas (see lemma.go), and the same cut to roots.
// roots lists only the roots that differ from their stem: a root equal to its stem can only
// match words a stem query already finds, and every extra term costs a walk of postings.
type Terms struct {
	stems, roots     []string
	stemSet, rootSet map[string]bool
	prefixes         [][]byte          // rootSet as bytes, for marks; built on first use
	counts           map[string]uint64 // after pruning: how many entries hold each stem
}

// MaxQueryTerms caps the distinct terms taken from one query text, so a pasted letter
// cannot turn into thousands of term searchers.
const MaxQueryTerms = 48

// analyse returns the distinct terms of text, at most max; with last, the last max terms
// (the words the agent typed most recently), else the first.
func Analyse(text string, max int, last bool) *Terms {
	a, _ := analyzers()
	q := &Terms{stemSet: map[string]bool{}, rootSet: map[string]bool{}}
	if strings.TrimSpace(text) == "" {
		return q
	}
	var all []string
	seen := map[string]bool{}
	pos := 0
	for _, t := range a.Analyze([]byte(text)) {
		if t.Position == pos {
			continue // another lemma of the same word: the first one finds it
		}
		pos = t.Position
		s := string(t.Term)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		all = append(all, s)
	}
	if len(all) > max {
		if last {
			all = all[len(all)-max:]
		} else {
			all = all[:max]
		}
	}
	for _, s := range all {
		q.add(s)
	}
	return q
}

// add puts a stem and its root in.
func (q *Terms) add(s string) {
	q.stems = append(q.stems, s)
	q.stemSet[s] = true
	r := root(s)
	if !q.rootSet[r] {
		q.rootSet[r] = true
		if r != s {
			q.roots = append(q.roots, r)
		}
	}
}

// Len is how many distinct terms the text gave.
func (q *Terms) Len() int { return len(q.stems) }

// Empty reports whether the text gave no terms (only function words, or nothing).
func (q *Terms) Empty() bool { return len(q.stems) == 0 }

// root cuts a stem to rootLen runes, as the root analyzer does.
func root(stem string) string {
	n := 0
	for i := range stem {
		if n == rootLen {
			return stem[:i]
		}
		n++
	}
	return stem
}
