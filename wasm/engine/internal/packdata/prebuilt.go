// Package packdata turns the default packs (knowledge/packs/*.json) into what wasm/engine
// carries instead of their JSON, in its images/ directory: each pack's binary form
// (<pack id>.pack), its index image (<pack id>.idx) and the forms of their lemma tokens
// (lemmas.txt). The generator (wasm/engine/internal/gen) writes them and
// wasm/engine's TestPrebuilt holds them to what this package makes of the JSON today; both
// call the same functions, so "generated" and "checked" cannot drift apart.
package packdata

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/rules"
)

// Packs parses the default packs as the engine carries them: checked in full (examples
// run), and without their compiled rules (PackFile writes those; the engine reads them at
// start, the forms of their lemma tokens from Lemmas).
func Packs() ([]*pack.Pack, error) {
	var out []*pack.Pack
	for i, doc := range packs.Default() {
		p, problems := pack.Parse(doc)
		if problems != nil {
			return nil, fmt.Errorf("default pack %d: %v", i, problems)
		}
		q := *p
		q.Rules = nil
		out = append(out, &q)
	}
	return out, nil
}

// Lemma is one lemma token of the default packs with the word forms it stands for.
type Lemma struct {
	Token string
	Forms []string
}

// Lemmas lists every lemma token of the packs' patterns and signals with the forms it
// stands for (rules.LemmaForms, straight from the dictionary), in token order: the engine
// hands them to rules.UseCompiledLemmas, and the default packs' compiled rules name their
// lemma tokens, so a start decodes no dictionary.
func Lemmas(ps []*pack.Pack) ([]Lemma, error) {
	tokens := map[string]bool{}
	add := func(list []string) {
		for _, s := range list {
			for _, tok := range rules.LemmaTokens(s) {
				tokens[tok] = true
			}
		}
	}
	for _, p := range ps {
		add(p.Signals)
		for _, sp := range p.Specs {
			add(sp.Patterns)
			add(sp.Exceptions)
			add(sp.UnlessBefore)
			add(sp.UnlessAfter)
		}
		for _, sg := range p.Segments {
			add(sg.Signals)
		}
	}
	var out []Lemma
	for _, tok := range slices.Sorted(maps.Keys(tokens)) {
		forms, err := rules.LemmaForms(tok)
		if err != nil {
			return nil, err
		}
		out = append(out, Lemma{tok, forms})
	}
	return out, nil
}

// stemForms are a lemma's forms as lemmas.txt writes them.
type stemForms struct {
	Stem    string // the longest prefix (in whole runes) every form shares
	Endings string // each form after the stem, in order, separated by spaces ("" for the stem itself)
}

// joinForms writes a lemma's forms as their shared stem and their endings: a string per
// form cost 16 bytes of header each in the wasm binary, and the forms written out in full
// 90 KB of its gzip, which pushed the engine over its size budget; stems and endings take
// 37 KB. wasm/engine's readLemmas reads them back.
func joinForms(forms []string) (stemForms, error) {
	if len(forms) == 0 {
		return stemForms{}, errors.New("a lemma with no forms")
	}
	stem := forms[0]
	for _, f := range forms {
		if f == "" || strings.ContainsAny(f, " \t\n") {
			return stemForms{}, fmt.Errorf("the form %q cannot be written space-separated", f)
		}
		for !strings.HasPrefix(f, stem) {
			_, n := utf8.DecodeLastRuneInString(stem)
			stem = stem[:len(stem)-n]
		}
	}
	endings := make([]string, len(forms))
	for i, f := range forms {
		endings[i] = f[len(stem):]
	}
	return stemForms{stem, strings.Join(endings, " ")}, nil
}

// LemmaFile writes the lemmas as wasm/engine's images/lemmas.txt. First the number of
// distinct ending lists and the lists, a line each (a lemma's forms after its stem, by
// spaces: see joinForms); then a line per token: the token, the stem its forms share and the
// number of its ending list, tab-separated. Lemmas of one paradigm share a list: 2,457
// tokens have 562 lists between them, and sharing took 14 KB off the engine's gzip.
func LemmaFile(lemmas []Lemma) ([]byte, error) {
	var lines bytes.Buffer
	ids := map[string]int{}
	var lists []string
	for _, l := range lemmas {
		if strings.ContainsAny(l.Token, "\t\n") {
			return nil, fmt.Errorf("the lemma token %q cannot be written in lemmas.txt", l.Token)
		}
		f, err := joinForms(l.Forms)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Token, err)
		}
		id, ok := ids[f.Endings]
		if !ok {
			id = len(lists)
			ids[f.Endings] = id
			lists = append(lists, f.Endings)
		}
		fmt.Fprintf(&lines, "%s\t%s\t%d\n", l.Token, f.Stem, id)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d\n", len(lists))
	for _, e := range lists {
		b.WriteString(e + "\n")
	}
	b.Write(lines.Bytes())
	return b.Bytes(), nil
}

// PackFile writes p as wasm/engine's images/<pack id>.pack: its binary form, without its
// rules' examples (Shipped), with their compiled form, so that the engine reads its rules
// at start instead of compiling them. The engine never runs the examples (the default packs
// are trusted); `go test` runs them from the JSON.
func PackFile(p *pack.Pack) ([]byte, error) {
	q := Shipped(p)
	set, problems := pack.CompileRules(q.Specs, false)
	if len(problems) > 0 {
		return nil, fmt.Errorf("pack %s: %v", p.ID, problems)
	}
	q.Rules = set
	return pack.AppendCompiledBinary(nil, q)
}

// Shipped is p as the engine carries it: its rules without their examples, which were
// 2,000 texts and 38 KB of the wasm binary's gzip.
func Shipped(p *pack.Pack) *pack.Pack {
	q := *p
	q.Specs = slices.Clone(p.Specs)
	for i := range q.Specs {
		q.Specs[i].Examples = rules.Examples{}
	}
	return &q
}

// Image builds p's index image as a Put would build its index, and returns it with its
// digest (index.Digest): images are compared by digest, as zap's byte layout differs from
// build to build.
func Image(p *pack.Pack) (img []byte, digest string, err error) {
	if img, err = index.Image(p); err != nil {
		return nil, "", err
	}
	digest, err = index.Digest(img)
	return img, digest, err
}
