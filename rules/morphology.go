package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
)

// Form is one word form as a morphological dictionary knows it.
type Form struct {
	// Word is the form as written, lowercase (ё allowed; the matcher folds it to е).
	Word string
	// Lemma is the dictionary form the word belongs to (infinitive, nominative singular…).
	Lemma string
	// Tags are the form's grammemes in OpenCorpora notation: part of speech (NOUN, ADJF,
	// VERB, INFN, PRTF, GRND, ADVB…), case (nomn, gent, datv, accs, ablt, loct), number
	// (sing, plur), gender (masc, femn, neut), person (1per…), tense, mood (impr).
	Tags []string
}

// Has reports whether the form carries every one of tags.
func (f *Form) Has(tags ...string) bool {
	for _, t := range tags {
		if !slices.Contains(f.Tags, t) {
			return false
		}
	}
	return true
}

// Analyzer tells what a word form is: every reading of it, lemma and grammemes.
// Replacements use it to see the case, number and gender of the words they replace.
type Analyzer interface {
	Parse(word string) []Form
}

// Generator lists every form of a lemma. Lemma patterns (<гарантировать>) are compiled
// into the forms it gives, so matching a reply costs no dictionary lookups at all.
type Generator interface {
	Forms(lemma string) []Form
}

// Morphology is a Russian dictionary as the rules use it: both directions.
type Morphology interface {
	Analyzer
	Generator
}

var morphology atomic.Pointer[Morphology]

// UseMorphology sets the dictionary lemma patterns and replacement agreement use from
// now on (nil: none, and lemma patterns do not compile). Patterns compiled before keep
// the forms they were compiled with.
func UseMorphology(m Morphology) {
	if m == nil {
		morphology.Store(nil)
		return
	}
	morphology.Store(&m)
}

// currentMorphology returns the dictionary in use, or nil.
func currentMorphology() Morphology {
	if p := morphology.Load(); p != nil {
		return *p
	}
	return nil
}

// lemmaForms compiles one lemma token of a pattern, "<серый>" or "<серый:ADJF,gent>",
// into the normalised forms of the lemma that carry every listed grammeme: from the table
// of UseCompiledLemmas when it has the token, else from the morphology. The list may be
// shared: callers must not modify it.
func lemmaForms(tok string) ([]string, error) {
	if forms, ok := precompiled(tok); ok {
		return forms, nil
	}
	return LemmaForms(tok)
}

// LemmaForms is the normalised forms a lemma token ("<серый>", "<серый:ADJF,gent>")
// stands for, sorted, as the morphology in use gives them.
func LemmaForms(tok string) ([]string, error) {
	body, ok := strings.CutPrefix(tok, "<")
	if body, ok = strings.CutSuffix(body, ">"); !ok {
		return nil, fmt.Errorf("unknown token %q: a lemma is written <лемма> or <лемма:тег,тег>", tok)
	}
	lemma, tagList, _ := strings.Cut(body, ":")
	lemma = strings.TrimSpace(lemma)
	var tags []string
	if tagList != "" {
		for _, tg := range strings.Split(tagList, ",") {
			if !validTag(tg) {
				return nil, fmt.Errorf("%q: bad grammeme %q (OpenCorpora tags such as NOUN, ADJF, VERB, gent, plur, femn)", tok, tg)
			}
			tags = append(tags, tg)
		}
	}
	if ws := Words(lemma); len(ws) != 1 {
		return nil, fmt.Errorf("%q: a lemma is one word", tok)
	}
	m := currentMorphology()
	if m == nil {
		return nil, errors.New("lemma patterns need the morphology, which is not loaded")
	}
	forms := m.Forms(strings.ToLower(lemma))
	if len(forms) == 0 {
		if ps := m.Parse(strings.ToLower(lemma)); len(ps) > 0 && ps[0].Lemma != "" {
			return nil, fmt.Errorf("%q: not a dictionary form; did you mean <%s>?", tok, ps[0].Lemma)
		}
		return nil, fmt.Errorf("%q: unknown word; write its forms or a prefix instead", tok)
	}
	var out []string
	for i := range forms {
		if forms[i].Has(tags...) {
			if ws := Words(forms[i].Word); len(ws) == 1 {
				out = append(out, ws[0])
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q: no form of %s has %s", tok, lemma, strings.Join(tags, ","))
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// validTag reports whether s looks like an OpenCorpora grammeme: latin letters and digits,
// at most eight (NOUN, gent, 1per, Impe).
func validTag(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ExpandLemmas returns pattern with every lemma token written out as the alternatives it
// stands for: "<серый:femn> схем*" becomes "серая|серой|серую схем*". The two compile to
// the same pattern.
func ExpandLemmas(pattern string) (string, error) {
	return rewriteLemmas(pattern, func(tok string) (string, error) {
		forms, err := lemmaForms(tok)
		return strings.Join(forms, "|"), err
	})
}

// LemmaTokens lists the lemma tokens of a pattern ("<серый:femn>"), in order, as written.
func LemmaTokens(pattern string) []string {
	var out []string
	rewriteLemmas(pattern, func(tok string) (string, error) {
		out = append(out, tok)
		return tok, nil
	})
	return out
}

// rewriteLemmas replaces every lemma token of pattern by what fn makes of it.
func rewriteLemmas(pattern string, fn func(tok string) (string, error)) (string, error) {
	if !strings.Contains(pattern, "<") {
		return pattern, nil
	}
	fields := strings.Fields(pattern)
	for i, f := range fields {
		open, body := "", f
		if strings.HasPrefix(body, "{") {
			open, body = "{", body[1:]
		}
		close := ""
		if strings.HasSuffix(body, "}") {
			close, body = "}", body[:len(body)-1]
		}
		if strings.HasSuffix(body, "?") {
			close, body = "?"+close, body[:len(body)-1]
		}
		if !strings.Contains(body, "<") {
			continue
		}
		alts := strings.Split(body, "|")
		for j, a := range alts {
			if strings.HasPrefix(a, "<") {
				var err error
				if alts[j], err = fn(a); err != nil {
					return "", err
				}
			}
		}
		fields[i] = open + strings.Join(alts, "|") + close
	}
	return strings.Join(fields, " "), nil
}

// compiledForms holds lemma tokens compiled ahead of time with the embedded dictionary
// (UseCompiledLemmas).
var compiledForms atomic.Pointer[map[string][]string]

// UseCompiledLemmas hands the rules lemma tokens compiled ahead of time with the embedded
// dictionary, each mapped to what LemmaForms gives for it: while that dictionary is in use,
// a pattern naming one of them takes the list as it is, with no dictionary lookup (the
// engine's default packs start so; listing a lemma's forms needs the dictionary decoded,
// and spelling them out in the patterns made half a megabyte of words to read at every
// start). The lists are shared and never modified. nil drops the table.
func UseCompiledLemmas(table map[string][]string) {
	if table == nil {
		compiledForms.Store(nil)
		return
	}
	compiledForms.Store(&table)
}

// precompiled returns the forms of tok from the table of UseCompiledLemmas, if the embedded
// dictionary they were compiled with is the one in use.
func precompiled(tok string) ([]string, bool) {
	t := compiledForms.Load()
	if t == nil {
		return nil, false
	}
	forms, ok := (*t)[tok]
	if !ok {
		return nil, false
	}
	if m := morphology.Load(); m == nil || *m != Dictionary() {
		return nil, false
	}
	return forms, true
}
