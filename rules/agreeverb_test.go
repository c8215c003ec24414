package rules

import (
	"strings"
	"testing"
)

// TestAgreeVerb pastes verb replacements over hits whose verbs stand in other forms, as
// the card does: the replacement takes the hit verb's tense, number and gender, and one in
// the first or second person is left as written.
func TestAgreeVerb(t *testing.T) {
	withDictionary(t, func() {
		glitch := spec("glitch", "sequence", "<слететь>|<подтянуться>")
		glitch.Replacements = map[string][]string{"default": {"перестал действовать", "поступил"}}
		doubt := spec("doubt", "sequence", "не может быть", "<сомневаться:1per>")
		doubt.Replacements = map[string][]string{"default": {"проверю прямо сейчас", "понимаю"}}
		set := mustSet(t, glitch, doubt)
		tests := []struct{ text, want string }{
			{"Скидка слетела вчера.", "Скидка перестала действовать вчера.|Скидка поступила вчера."},
			{"Выплаты подтянулись.", "Выплаты перестали действовать.|Выплаты поступили."},
			{"Данные подтянутся к вечеру.", "Данные перестанут действовать к вечеру.|Данные поступят к вечеру."},
			{"Оплата подтянулась.", "Оплата перестала действовать.|Оплата поступила."},
			{"Не может быть.", "Проверю прямо сейчас.|Понимаю."},
			{"Сомневаемся в этом.", "Проверим прямо сейчас в этом.|Понимаем в этом."},
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
			if strings.Join(got, "|") != tt.want {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, strings.Join(got, "|"), tt.want)
			}
		}
	})
}
