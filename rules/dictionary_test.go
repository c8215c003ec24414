package rules

import (
	"strings"
	"testing"
)

// withDictionary runs f with the engine's real dictionary instead of the tests' small one.
func withDictionary(t *testing.T, f func()) {
	t.Helper()
	prev := currentMorphology()
	UseMorphology(Dictionary())
	defer UseMorphology(prev)
	f()
}

// TestDictionaryRules drives lemma rules and fitted replacements through rules/morph, on
// sentences agents write.
func TestDictionaryRules(t *testing.T) {
	withDictionary(t, func() {
		promise := spec("promise", "sequence", "{<гарантировать> <одобрение>}", "<гарантировать> ~2 <выпуск>")
		promise.Replacements = map[string][]string{"default": {"сделаем всё для одобрения"}}
		cash := spec("cash", "sequence", "<расплатиться>|<заплатить>|<оплатить> <наличные>")
		visit := spec("visit", "sequence", "<подъезжать>|<приезжать>|<подъехать> в <офис>")
		grey := spec("grey", "sequence", "<серый> <схема>|<вариант>|<путь>", "в серую", "по <черный>")
		grey.Replacements = map[string][]string{"default": {"законный вариант", "официальная схема"}}
		set := mustSet(t, promise, cash, visit, grey)
		tests := []struct{ text, want string }{
			{"Мы гарантировали вам одобрение ещё в прошлый раз.", "promise"},
			{"Одобрение мы вам гарантируем.", "promise"},
			{"Гарантирую выпуск за два дня.", "promise"},
			{"Гарантированное одобрение — наш конёк.", "promise"},
			{"Расплатитесь наличными на складе.", "cash"},
			{"Можно оплатить наличными курьеру.", "cash"},
			{"Подъезжайте в офис к десяти.", "visit"},
			{"Приезжайте в офис с паспортом.", "visit"},
			{"Есть серый вариант, дешевле.", "grey"},
			{"Работаем по серым схемам.", "grey"},
			{"Можно и по-чёрному.", "grey"},
			{"Гарантийный срок — год.", ""},
			{"Одобрение мы не гарантируем.", ""},
			{"Серые схемы не используем.", ""},
			{"Расплатитесь картой.", ""},
			{"Сера — химический элемент.", ""},
		}
		for _, tt := range tests {
			var got []string
			for _, f := range set.Check(tt.text, "") {
				got = append(got, f.Rule)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("%q: flagged %q, want %q", tt.text, got, tt.want)
			}
		}
		fitted := []struct{ text, want string }{
			{"Работаем по серой схеме.", "Работаем по законному варианту.|Работаем по официальной схеме."},
			{"Для серых схем нужен посредник.", "Для законных вариантов нужен посредник.|Для официальных схем нужен посредник."},
			{"Серый путь быстрее.", "Законный вариант быстрее.|Официальная схема быстрее."},
			{"Предлагаем серый вариант.", "Предлагаем законный вариант.|Предлагаем официальную схему."},
			{"Расскажу про серые схемы.", "Расскажу про законные варианты.|Расскажу про официальные схемы."},
			{"Серую схему предлагают многие.", "Законный вариант предлагают многие.|Официальную схему предлагают многие."},
		}
		for _, tt := range fitted {
			fs := set.Check(tt.text, "")
			if len(fs) == 0 {
				t.Errorf("%q: not flagged", tt.text)
				continue
			}
			var got []string
			for _, r := range fs[0].Replacements {
				got = append(got, Apply(tt.text, fs[0], r))
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, strings.Join(got, "|"), tt.want)
			}
		}
	})
}

// countingMorph counts the dictionary lookups that get past the caches.
type countingMorph struct {
	Morphology
	parses, forms int
}

func (c *countingMorph) Parse(w string) []Form { c.parses++; return c.Morphology.Parse(w) }
func (c *countingMorph) Forms(l string) []Form { c.forms++; return c.Morphology.Forms(l) }

// TestWarmCheckNeedsNoDictionary: once a reply's words have been seen, checking it again
// costs no dictionary work — readings, plans and inflections all come from the caches.
func TestWarmCheckNeedsNoDictionary(t *testing.T) {
	withDictionary(t, func() {
		c := &countingMorph{Morphology: Dictionary()}
		UseMorphology(newCached(c))
		grey := spec("grey", "sequence", "<серый> <схема>|<вариант>")
		grey.Replacements = map[string][]string{"default": {"законный вариант", "Официальная схема", "уточню"}}
		set := mustSet(t, grey)
		text := "Работаем по серой схеме. Серый вариант дешевле, предлагаем серый вариант."
		first := set.Check(text, "")
		p, f := c.parses, c.forms
		if p == 0 {
			t.Fatal("the first check made no lookups: the counter is not in the path")
		}
		again := set.Check(text, "")
		if c.parses != p || c.forms != f {
			t.Errorf("a warm check made %d parses and %d form lookups", c.parses-p, c.forms-f)
		}
		if len(first) != 3 || len(again) != 3 || first[0].Replacements[0] != again[0].Replacements[0] {
			t.Errorf("findings differ: %v / %v", first, again)
		}
	})
}
