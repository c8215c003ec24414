package rules

import (
	"strings"
	"testing"
)

// TestApplyRemoval holds Apply's "" to the extension's removal (content-edits.test.mjs).
func TestApplyRemoval(t *testing.T) {
	tests := []struct{ text, word, want string }{
		{"Документы, короче, нужны до пятницы.", "короче", "Документы нужны до пятницы."},
		{"Ждём инвойс, короче.", "короче", "Ждём инвойс."},
		{"Короче, ждём инвойс.", "Короче", "Ждём инвойс."},
		{"Спасибо. Короче, ждём инвойс.", "Короче", "Спасибо. Ждём инвойс."},
		{"Это как бы не ваша вина.", "как бы", "Это не ваша вина."},
		{"Всё будет готово завтра типа", "типа", "Всё будет готово завтра"},
		{"Типа 100% пройдёт", "Типа", "100% пройдёт"},
		{"Ну 🙂 хорошо", "🙂", "Ну хорошо"},
		{"Первая строка\nКороче, вторая", "Короче", "Первая строка\nВторая"},
		{"одно", "одно", ""},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.word)
		f := Finding{Start: len16(tt.text[:i]), End: len16(tt.text[:i+len(tt.word)])}
		if got := Apply(tt.text, f, ""); got != tt.want {
			t.Errorf("removing %q from %q = %q, want %q", tt.word, tt.text, got, tt.want)
		}
	}
	if got := Apply("🙂 да", Finding{Start: 1, End: 3}, "x"); got != "🙂 да" {
		t.Errorf("an offset inside a surrogate pair changed the text: %q", got)
	}
}

// TestFit drives replacements into sentences: agreement, capitals, seams.
func TestFit(t *testing.T) {
	grey := spec("grey", "sequence", "<серый> <схема>")
	grey.Scope = []string{}
	grey.Replacements = map[string][]string{"default": {"законный вариант", "законная схема", "Официальный путь"}}
	know := spec("know", "sequence", "я? не знаю")
	know.Replacements = map[string][]string{"default": {"Разрешите, я уточню", "уточню у коллег"}}
	phone := spec("phone", "pii")
	phone.Detector = "phone"
	phone.Replacements = map[string][]string{"default": {"на номер из вашего профиля", "по номеру из профиля"}}
	inn := spec("inn", "sequence", "налоговый номер")
	inn.Replacements = map[string][]string{"default": {"ИНН", "номер ИНН"}}
	set := mustSet(t, grey, know, phone, inn)
	tests := []struct {
		text string
		want []string // the text after each replacement of the first finding
	}{
		{"Работаем по серой схеме.", []string{"Работаем по законному варианту.", "Работаем по законной схеме.", "Работаем по официальный путь."}},
		{"Без серых схем никак.", []string{"Без законных вариантов никак.", "Без законных схем никак.", "Без официальный путь никак."}},
		{"Переходите на серую схему?", []string{"Переходите на законный вариант?", "Переходите на законную схему?", "Переходите на официальный путь?"}},
		{"Серая схема быстрее.", []string{"Законный вариант быстрее.", "Законная схема быстрее.", "Официальный путь быстрее."}},
		{"Я не знаю, когда придёт груз.", []string{"Разрешите, я уточню, когда придёт груз.", "Уточню у коллег, когда придёт груз."}},
		{"Я, честно говоря, не знаю, когда придёт груз.", []string{"Разрешите, я уточню, когда придёт груз.", "Уточню у коллег, когда придёт груз."}},
		{"Груз? Не знаю.", []string{"Груз? Разрешите, я уточню.", "Груз? Уточню у коллег."}},
		{"Менеджер позвонит вам на 8 916 123-45-67 завтра.", []string{"Менеджер позвонит вам на номер из вашего профиля завтра.", "Менеджер позвонит вам на по номеру из профиля завтра."}},
		{"Укажите налоговый номер в анкете.", []string{"Укажите ИНН в анкете.", "Укажите номер ИНН в анкете."}},
	}
	for _, tt := range tests {
		fs := set.Check(tt.text, "")
		if len(fs) == 0 {
			t.Errorf("%q: not flagged", tt.text)
			continue
		}
		var got []string
		for _, r := range fs[0].Replacements {
			got = append(got, Apply(tt.text, fs[0], r))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestReplacementPlaceholders(t *testing.T) {
	for r, bad := range map[string]bool{
		"до {{deadline}}": false, "{{a}} и {{b_2}}": false, "без скобок": false,
		"до {{ срок }}": true, "до {{Deadline}}": true, "до {{deadline}": true, "до deadline}}": true, "{{}}": true,
	} {
		sp := spec("p", "sequence", "x")
		sp.Examples.Flag = []string{"x"}
		sp.Replacements = map[string][]string{"default": {r}}
		_, probs := compileNoExamples([]Spec{sp})
		if got := len(probs) > 0; got != bad {
			t.Errorf("%q: problems %v, want a problem: %v", r, probs, bad)
		}
		if bad && len(probs) > 0 && !strings.Contains(probs[0].Problem, "placeholder") {
			t.Errorf("%q: %v", r, probs)
		}
	}
}
