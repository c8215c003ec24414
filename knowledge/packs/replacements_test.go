package packs_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/rules"
)

// TestReplacementsFit is the replacement property: for every rule of every default pack,
// every flag example and every replacement (for each segment and the default), pasting the
// replacement over the finding as the extension does (rules.Apply) yields text that
//   - the same rule flags less than before (the replaced words are gone),
//   - has no word doubled at either seam («на на номер»),
//   - has no capital letter mid-sentence («Я Разрешите…»),
//   - pastes no «…» for the agent to fill in (a {{placeholder}} does that).
func TestReplacementsFit(t *testing.T) {
	var failures []string
	checked := 0
	for _, data := range packs.Default() {
		p, problems := pack.Parse(data)
		if len(problems) > 0 {
			t.Fatalf("pack does not parse: %v", problems)
		}
		segments := []string{""}
		for _, s := range p.Segments {
			segments = append(segments, s.ID)
		}
		for _, sp := range p.Specs {
			one, probs := rules.CompileTrusted([]rules.Spec{sp})
			if len(probs) > 0 {
				t.Fatalf("%s/%s: %v", p.ID, sp.ID, probs)
			}
			seen := map[string]bool{}
			for _, text := range sp.Examples.Flag {
				for _, seg := range segments {
					before := one.Check(text, seg)
					for _, f := range before {
						raw, ok := sp.Replacements[seg]
						if !ok {
							raw = sp.Replacements["default"]
						}
						for i, r := range f.Replacements {
							key := text + "\x00" + fmt.Sprint(f.Start) + "\x00" + r
							if seen[key] {
								continue // a segment without its own list repeats the default
							}
							seen[key] = true
							checked++
							for _, why := range misfits(one, text, f, r, seg, len(before)) {
								failures = append(failures, fmt.Sprintf("%s/%s: %q → «%s» in %q: %s", p.ID, sp.ID, f.Match, r, text, why))
							}
							if i < len(raw) && capitalMidSentence(text[:byteAt(text, f.Start)], raw[i]) {
								why := "written to open a sentence («" + raw[i] + "»), pasted mid-sentence: widen the rule's span or reword"
								failures = append(failures, fmt.Sprintf("%s/%s: %q → «%s» in %q: %s", p.ID, sp.ID, f.Match, r, text, why))
							}
						}
					}
				}
			}
		}
	}
	sort.Strings(failures)
	perRule := map[string]int{}
	for _, f := range failures {
		perRule[f[:strings.Index(f, ":")]]++
	}
	for _, f := range failures {
		t.Error(f)
	}
	if len(failures) > 0 {
		t.Logf("%d of %d pasted replacements misfit, in %d rules", len(failures), checked, len(perRule))
	}
}

// misfits applies replacement r of finding f to text and says what is wrong with the result.
func misfits(one *rules.Set, text string, f rules.Finding, r, seg string, had int) []string {
	var out []string
	after := rules.Apply(text, f, r)
	if n := len(one.Check(after, seg)); n >= had {
		out = append(out, fmt.Sprintf("still flagged in %q", after))
	}
	if strings.Contains(r, "…") || strings.Contains(r, "...") {
		out = append(out, "pastes «…»; use a {{placeholder}}")
	}
	// The pasted text sits at [s, e) of after; a removal leaves a point where the
	// neighbours meet.
	s := byteAt(text, f.Start)
	common := 0
	for common < s && common < len(after) && text[common] == after[common] {
		common++
	}
	s = common
	tail := len(text) - byteAt(text, f.End)
	e := max(s, len(after)-tail)
	if r == "" {
		e = s
	}
	inserted := after[s:e]
	if w1, w2 := lastWord(after[:s]), firstWord(after[s:]); w1 != "" && strings.EqualFold(w1, w2) {
		out = append(out, fmt.Sprintf("«%s» doubled at the start: %q", w1, after))
	}
	if r != "" {
		if w1, w2 := lastWord(after[:e]), firstWord(after[e:]); w1 != "" && strings.EqualFold(w1, w2) {
			out = append(out, fmt.Sprintf("«%s» doubled at the end: %q", w1, after))
		}
	}
	probe := inserted
	if r == "" {
		probe = after[s:]
	}
	if capitalMidSentence(after[:s], probe) {
		out = append(out, fmt.Sprintf("capital letter mid-sentence: %q", after))
	}
	return out
}

// lastWord returns the word text ends with, spaces aside, or "" when punctuation comes
// between (a comma or a point parts two words: «Да, да» is no seam).
func lastWord(text string) string {
	text = strings.TrimRight(text, " \u00a0")
	end := len(text)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			break
		}
		end -= n
	}
	return text[end:]
}

func firstWord(text string) string {
	text = strings.TrimLeft(text, " \u00a0")
	end := 0
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			break
		}
		end += n
	}
	return text[:end]
}

// capitalMidSentence reports whether text starts with a capitalised word (not an
// abbreviation) while before does not end a sentence.
func capitalMidSentence(before, text string) bool {
	text = strings.TrimLeft(text, " ")
	c, n := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(c) {
		return false
	}
	if d, _ := utf8.DecodeRuneInString(text[n:]); unicode.IsUpper(d) {
		return false
	}
	b := strings.TrimRight(before, " \u00a0")
	if b == "" || strings.HasSuffix(b, "\n") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(b)
	return !strings.ContainsRune(".!?…\"»“", last)
}

// byteAt returns the byte offset of UTF-16 offset u in s.
func byteAt(s string, u int) int {
	n := 0
	for i, r := range s {
		if n >= u {
			return i
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return len(s)
}
