package morph

import "strings"

// particles follow a word after a hyphen without changing it: какой-нибудь, скажите-ка.
var particles = []string{"-нибудь", "-либо", "-таки", "-то", "-ка", "-де", "-с"}

// hyphenated reads a hyphenated word the dictionary lacks:
//   - word + particle («какой-нибудь»): the word's readings, the particle kept in every form;
//   - «кое-»/«кой-» + word («кое-что»): likewise with the prefix;
//   - «по-» + adjective or «-ски» word («по-чёрному», «по-русски»): an adverb;
//   - anything else («интернет-магазина»): the last part inflects, the rest stays.
func (d *Dict) hyphenated(w string) []Parse {
	for _, suf := range particles {
		if head, ok := strings.CutSuffix(w, suf); ok && head != "" && !strings.HasSuffix(head, "-") {
			return wrap(d.Analyze(head), "", suf)
		}
	}
	for _, pre := range []string{"кое-", "кой-"} {
		if rest, ok := strings.CutPrefix(w, pre); ok && rest != "" {
			return wrap(d.Analyze(rest), pre, "")
		}
	}
	if rest, ok := strings.CutPrefix(w, "по-"); ok && !strings.Contains(rest, "-") {
		if strings.HasSuffix(rest, "ски") || strings.HasSuffix(rest, "цки") || strings.HasSuffix(rest, "ьи") {
			return []Parse{d.fixed(w, NewTag(ADVB), false)}
		}
		for _, p := range d.Analyze(rest) {
			if p.Tag.Has(ADJF) && p.Tag.Has(Datv) && (p.Tag.Has(Masc) || p.Tag.Has(Neut)) {
				return []Parse{d.fixed(w, NewTag(ADVB), p.Known)}
			}
		}
	}
	i := strings.LastIndexByte(w, '-')
	if i <= 0 || i == len(w)-1 {
		return nil
	}
	return wrap(d.Analyze(w[i+1:]), w[:i+1], "")
}

// wrap puts head and tail around each reading, its lemma and all its forms.
func wrap(ps []Parse, head, tail string) []Parse {
	out := make([]Parse, 0, len(ps))
	for _, p := range ps {
		if p.Tag.Has(UNKN) || p.Tag.Has(LATN) || p.Tag.Has(NUMB) {
			continue
		}
		p.Word = head + p.Word + tail
		p.Lemma = head + p.Lemma + tail
		p.head = head + p.head
		p.tail = p.tail + tail
		out = append(out, p)
	}
	return out
}
