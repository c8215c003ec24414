package rules

import (
	"slices"
	"testing"
)

// TestAcceptance is the reply from the brief: every finding must cut the original text
// exactly, in UTF-16 units, past a non-BMP emoji.
func TestAcceptance(t *testing.T) {
	uncertain := spec("uncertainty", "sequence", "я? не знаю|уверен")
	uncertain.Severity = "hint"
	promise := spec("promise-guarantee", "sequence", "гарантир* ~2 одобрени*|прохождени*|выпуск*")
	promise.Severity = "error"
	percent := spec("promise-percent", "regex")
	percent.Regex = `100\s*%`
	emoji := spec("emoji", "regex")
	emoji.Regex = `[\x{1F600}-\x{1F64F}]`
	set := mustSet(t, uncertain, promise, percent, emoji)

	text := "Я не знаю, но мы гарантируем 100% прохождение таможни 🙂"
	type want struct {
		rule, cut  string
		start, end int
	}
	wants := []want{
		{"uncertainty", "Я не знаю", 0, 9},
		{"promise-guarantee", "гарантируем 100% прохождение", 17, 45},
		{"promise-percent", "100%", 29, 33},
		{"emoji", "🙂", 54, 56},
	}
	got := set.Check(text, "")
	if len(got) != len(wants) {
		t.Fatalf("got %d findings %+v, want %d", len(got), got, len(wants))
	}
	for i, w := range wants {
		f := got[i]
		if f.Rule != w.rule || f.Start != w.start || f.End != w.end || f.Match != w.cut {
			t.Errorf("finding %d = %s [%d,%d) %q, want %s [%d,%d) %q", i, f.Rule, f.Start, f.End, f.Match, w.rule, w.start, w.end, w.cut)
		}
		if cut := slice16(text, f.Start, f.End); cut != w.cut {
			t.Errorf("finding %d: UTF-16 slice %q, want %q", i, cut, w.cut)
		}
	}
	if len16(text) != 56 {
		t.Fatalf("text is %d UTF-16 units", len16(text))
	}

	// Without the optional «я» the match starts at «не».
	if got := matches(t, set, "Мы не знаю"); !slices.Contains(got, "не знаю") {
		t.Errorf("got %q, want «не знаю»", got)
	}
}

func TestKinds(t *testing.T) {
	type tc struct {
		name  string
		rule  Spec
		texts map[string][]string // text -> flagged substrings
	}
	must := spec("must", "sequence", "вы должны|обязаны")
	must.UnlessAfter = []string{"получ*|прийти|поступ*"}

	guarantee := spec("guarantee", "sequence", "гарант*")
	guarantee.Exceptions = []string{"гарантийн* срок*|талон*|ремонт*|случа*", "гарантийн* ~2 письм*"}

	dannyj := spec("dannyj", "sequence", "данн*")
	dannyj.UnlessAfter = []string{"паспорт*|карт*|клиент*|заявк*"}
	dannyj.UnlessBefore = []string{"ваши|персональные|личные"}

	slang := spec("slang", "sequence", "типа|короче")
	slangPrefix := spec("slang-prefix", "sequence", "тип*")
	slangPrefix.Exceptions = []string{"типов* договор*|форм*"}

	notGuarantee := spec("not-guarantee", "sequence", "гарантир*")
	notGuarantee.UnlessBefore = []string{"не", "не можем|могу"}

	start := spec("filler-start", "sequence", "ну|так|вот")
	start.Anchor = "sentence-start"

	regexStart := spec("regex-start", "regex")
	regexStart.Regex = `ну,? `
	regexStart.Anchor = "sentence-start"

	apology := spec("apology", "count", "извините|простите", "приносим|примите извинения", "извин*")
	apology.Max = 1

	sorry := spec("sorry-twice", "count", "к сожалению")
	sorry.Max = 2
	sorry.UnlessBefore = []string{"не"}

	percent := spec("percent", "regex")
	percent.Regex = `\d+\s*%`
	percent.Exceptions = []string{"до ~2 %"}

	ellipsis := spec("ellipsis", "regex")
	ellipsis.Regex = `\.\.\.`

	for _, c := range []tc{
		{"unless_after", must, map[string][]string{
			"Вы должны получить уведомление":    {},
			"вы должны прийти в офис":           {},
			"Вы должны были сообщить":           {"Вы должны"},
			"Вы обязаны. Получите ответ завтра": {"Вы обязаны"}, // a sentence apart
		}},
		{"exceptions", guarantee, map[string][]string{
			"Гарантийный срок — год":                    {},
			"гарантийный случай":                        {},
			"Гарантируем одобрение":                     {"Гарантируем"},
			"Гарантийное письмо и гарантия":             {"гарантия"},
			"Гарантийное обслуживание":                  {"Гарантийное"},
			"Гарантийное официальное письмо, гарантия!": {"гарантия"},
		}},
		{"unless_after/before wording", dannyj, map[string][]string{
			"Проверьте данные паспорта": {},
			"Пришлите ваши данные":      {},
			"Данный вопрос решим":       {"Данный"},
			"В данном случае":           {"данном"},
			"Ваши. Данные":              {"Данные"},
		}},
		{"exact vs prefix", slang, map[string][]string{
			"Типовой договор готов": {},
			"Ну типа всё, короче":   {"типа", "короче"},
		}},
		{"prefix with exception", slangPrefix, map[string][]string{
			"Типовой договор и типовая форма": {},
			"Типа готово": {"Типа"},
		}},
		{"unless_before", notGuarantee, map[string][]string{
			"Мы не гарантируем сроки":         {},
			"Мы не можем гарантировать сроки": {},
			"Гарантируем сроки":               {"Гарантируем"},
			"Нет. Гарантируем":                {"Гарантируем"},
			"Не. Гарантируем":                 {"Гарантируем"}, // «не» ends the previous sentence
		}},
		{"anchor", start, map[string][]string{
			"Ну, посмотрим. Так, вот что": {"Ну", "Так"},
			"Вот! А вот и нет":            {"Вот"},
			"и ну и так":                  {},
		}},
		{"regex anchor", regexStart, map[string][]string{
			"Ну, ладно. Ну давай": {"Ну, ", "Ну "},
			"Ладно ну хорошо":     {},
			"Слово ануфриев ну ":  {},
		}},
		{"count", apology, map[string][]string{
			"Извините за задержку.":                    {},
			"Извините. Простите. Приносим извинения.":  {"Простите", "Приносим извинения"},
			"Извините за ожидание, извиняемся ещё раз": {"извиняемся"},
		}},
		{"count with unless_before", sorry, map[string][]string{
			"К сожалению, нет. К сожалению, да. К сожалению, всё.": {"К сожалению"},
			"К сожалению, нет. Не к сожалению. К сожалению, всё.":  {},
		}},
		{"regex with exception", percent, map[string][]string{
			"Скидка 100%":      {"100%"},
			"Скидка до 30 %":   {},
			"Скидки: 5%, 10 %": {"5%", "10 %"},
		}},
		{"regex over an expansion", ellipsis, map[string][]string{
			"Ну… ладно": {"…"},
			"Ну... ок":  {"..."},
		}},
	} {
		set := mustSet(t, c.rule)
		for text, want := range c.texts {
			got := matches(t, set, text)
			if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("%s: %q flags %q, want %q", c.name, text, got, want)
			}
		}
	}
}
