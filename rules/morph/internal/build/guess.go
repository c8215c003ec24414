package build

import (
	"sort"
)

// cand is a guess: a form of a paradigm.
type cand struct {
	para, form uint16
}

// scored is a guess with the number of dictionary words behind it.
type scored struct {
	cand
	n int
}

// learnEndings builds the guesser's table: for each kept ending, its guesses, best first; and
// the kept endings in order.
func learnEndings(s *source, all map[lexeme]bool, formOf func(para, form uint16) (suf, tag, pre int), pos func(tag int) string,
	isProper func(para uint16) bool, sufs []string, sufMap []int, o Options) (map[string][]scored, []string) {
	maxEnding, minEndingCount, maxCandidates, minShare, minParadigm := o.MaxEnding, o.MinEndingCount, o.MaxCandidates, o.MinShare, o.MinParadigm
	// The guesser learns, for every ending, which forms of which paradigms the dictionary's
	// words with that ending are (names excepted), counting each lexeme once per ending and
	// suffix. Forms of one paradigm spelt alike count as one (the first of them): at run time
	// they all come back, so a guess for «серой» has gent, datv, ablt and loct.
	counts := map[string]map[cand]int{}
	paraCount := map[uint16]int{}
	for l := range all {
		paraCount[l.para]++
	}
	for l := range all {
		if isProper(l.para) {
			continue
		}
		n := len(s.paradigms[l.para]) / 3
		type seenKey struct {
			end string
			f0  int
		}
		seen := map[seenKey]bool{}
		firstBySuffix := map[int]int{}
		for f := 0; f < n; f++ {
			suf, tag, pre := formOf(l.para, uint16(f))
			if pre != 0 || !productivePOS[pos(tag)] {
				continue
			}
			f0, ok := firstBySuffix[sufMap[suf]]
			if !ok {
				f0 = f
				firstBySuffix[sufMap[suf]] = f
			}
			w := []rune(l.stem + sufs[sufMap[suf]])
			for k := 1; k <= maxEnding && k < len(w); k++ {
				end := string(w[len(w)-k:])
				key := seenKey{end, f0}
				if seen[key] {
					continue
				}
				seen[key] = true
				m := counts[end]
				if m == nil {
					m = map[cand]int{}
					counts[end] = m
				}
				m[cand{l.para, uint16(f0)}]++
			}
		}
	}
	endings := map[string][]scored{}
	for end, m := range counts {
		total := 0
		best := map[string]scored{} // by the lexeme's part of speech and the form's tag
		for c, n := range m {
			total += n
			if paraCount[c.para] < minParadigm {
				continue
			}
			_, lemmaTag, _ := formOf(c.para, 0)
			_, formTag, _ := formOf(c.para, c.form)
			p := pos(lemmaTag) + " " + s.tags[formTag]
			b, ok := best[p]
			if !ok || n > b.n || n == b.n && (c.para < b.para || c.para == b.para && c.form < b.form) {
				best[p] = scored{c, n}
			}
		}
		if total < minEndingCount {
			continue
		}
		var list []scored
		for _, b := range best {
			if b.n*minShare >= total && b.n >= 2 {
				list = append(list, b)
			}
		}
		sort.Slice(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.n != b.n {
				return a.n > b.n
			}
			if a.para != b.para {
				return a.para < b.para
			}
			return a.form < b.form
		})
		if len(list) > maxCandidates {
			list = list[:maxCandidates]
		}
		if len(list) > 0 {
			endings[end] = list
		}
	}
	// An ending that predicts exactly what its one-letter-shorter ending predicts adds nothing.
	same := func(a, b []scored) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].cand != b[i].cand {
				return false
			}
		}
		return true
	}
	var endKeys []string
	for end, list := range endings {
		r := []rune(end)
		if len(r) > 1 {
			if shorter, ok := endings[string(r[1:])]; ok && same(list, shorter) {
				continue
			}
		}
		endKeys = append(endKeys, end)
	}
	sort.Strings(endKeys)

	return endings, endKeys
}
