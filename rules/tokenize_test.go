package rules

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Я не знаю, но мы гарантируем 100% прохождение таможни 🙂",
			[]string{"я", "не", "знаю", "но", "мы", "гарантируем", "100", "%", "прохождение", "таможни", "🙂"}},
		{"Кто-то из-за 5-й covid-19", []string{"кто-то", "из-за", "5-й", "covid-19"}},
		{"2-3 дня, 8-800-555", []string{"2", "3", "дня", "8", "800", "555"}},
		{"д’Артаньян don't 'цитата'", []string{"д'артаньян", "don't", "цитата"}},
		{"1.5 кг, 100,5 ₽; т.е. example.com", []string{"1.5", "кг", "100,5", "₽", "т", "е", "example", "com"}},
		{"№5 #тег @ник §3 +7", []string{"№", "5", "#", "тег", "@", "ник", "§", "3", "+", "7"}},
		{"-кто- --", []string{"кто"}},
		{"слово-", []string{"слово"}},
		{"", []string{}},
		{"гаран\u00adтия", []string{"гарантия"}},
		{"Ωμέγα Straße 東京", []string{"ωμέγα", "straße", "東京"}},
	}
	for _, tt := range tests {
		got := Words(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceStarts(t *testing.T) {
	tests := []struct {
		in   string
		want []string // words that begin a sentence
	}{
		{"Я не знаю. Но мы узнаем! Правда? Да", []string{"я", "но", "правда", "да"}},
		{"Здравствуйте\nСпасибо за ожидание", []string{"здравствуйте", "спасибо"}},
		{"Цена 1.5 руб. за т.е. штуку… Ну", []string{"цена", "ну"}},
		{"См. example.com сейчас", []string{"см"}},
		{"Стоит 500 руб. Оплатите", []string{"стоит", "оплатите"}},
		{"Пишет А. С. Пушкин. Он", []string{"пишет", "он"}},
		{"Готово. все ок", []string{"готово", "все"}},
		{"«Ура!» — сказал он", []string{"ура", "сказал"}},
	}
	for _, tt := range tests {
		a := Analyze(tt.in)
		got := []string{}
		for i, tk := range a.tokens {
			if tk.sent {
				got = append(got, a.word(i))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("sentence starts in %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}
