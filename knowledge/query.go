package knowledge

import "strings"

// queryTerms are the analysed terms of a query: lemmas (see lemma.go), and the same cut to roots.
// roots lists only the roots that differ from their stem: a root equal to its stem can only
// match words a stem query already finds, and every extra term costs a walk of postings.
type queryTerms struct {
	stems, roots     []string
	stemSet, rootSet map[string]bool
	prefixes         [][]byte          // rootSet as bytes, for marks; built on first use
	counts           map[string]uint64 // after pruning: how many entries hold each stem
}

// maxQueryTerms caps the distinct terms taken from one query text, so a pasted letter
// cannot turn into thousands of term searchers.
const maxQueryTerms = 48

// analyse returns the distinct terms of text, at most max; with last, the last max terms
// (the words the agent typed most recently), else the first.
func analyse(text string, max int, last bool) *queryTerms {
	a, _ := analyzers()
	q := &queryTerms{stemSet: map[string]bool{}, rootSet: map[string]bool{}}
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
func (q *queryTerms) add(s string) {
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

func (q *queryTerms) empty() bool { return len(q.stems) == 0 }

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
