package rules

import (
	"strings"
	"testing"
)

// TestScope drives the three contexts that clear a hit with replies an agent might write:
// each text either breaks the rule (want true) or names the thing to refuse it.
func TestScope(t *testing.T) {
	promise := spec("promise", "sequence", "{<гарантировать> <одобрение>}", "<гарантировать> ~2 выпуск*|сроки", "обещать выпуск", "гарантий одобрения")
	grey := spec("grey", "sequence", "<серый> <схема>", "работ* в черную|серую", "в серую", "по <черный>")
	dontKnow := spec("dont-know", "sequence", "я? не знаю")
	offRecord := spec("off-record", "sequence", "неофициально", "не под запись")
	pii := spec("pii", "pii")
	pii.Detector = "phone"
	set := mustSet(t, promise, grey, dontKnow, offRecord, pii)
	tests := []struct {
		text string
		want string // rules that must flag, comma-separated; "" for a clean reply
	}{
		// plain violations
		{"Гарантируем одобрение в течение недели.", "promise"},
		{"Одобрение мы вам гарантируем.", "promise"},
		{"Работаем по серой схеме, так дешевле.", "grey"},
		{"Можно по-чёрному, никто не узнает.", "grey"},
		{"Гарантируем выпуск не позднее пятницы.", "promise"},
		{"Не переживайте, гарантируем одобрение.", "promise"},
		{"Не волнуйтесь — гарантируем одобрение.", "promise"},
		{"Вы спрашивали про сроки. Гарантируем выпуск завтра.", "promise"},
		{"Без проблем! Гарантируем одобрение.", "promise"},
		{"Я не знаю, когда придёт груз.", "dont-know"},
		{"Честно, не знаю.", "dont-know"},
		// negation and refusal
		{"Одобрение мы не гарантируем: решает таможня.", ""},
		{"Мы не можем гарантировать одобрение.", ""},
		{"Гарантировать одобрение не можем, но подготовим всё.", ""},
		{"Никто не гарантирует выпуск в срок.", ""},
		{"Работа в серую — не наш путь.", ""},
		{"Серые схемы запрещены, работаем только официально.", ""},
		{"Мы не работаем в серую.", ""},
		{"Мы против работы в серую.", ""},
		{"Никаких серых схем: только официальное оформление.", ""},
		{"Мы отказались от серых схем давно.", ""},
		// the customer's words, quoted
		{"Схемы «в серую» мы не используем.", ""},
		{"Вы пишете: «гарантируйте одобрение». Так сделать не можем.", ""},
		{"Фраза „гарантируем одобрение“ в договоре не встречается.", ""},
		// reported speech
		{"Пишете, что вам гарантировали одобрение, — такого обещать не могли.", ""},
		{"Вы говорите, что менеджер гарантировал выпуск за день.", ""},
		{"Спрашиваете, можно ли по серой схеме.", ""},
		{"Вам якобы гарантировали одобрение.", ""},
		{"Как вы пишете, гарантировали одобрение — проверим.", ""},
		{"По вашим словам, вам гарантировали выпуск.", ""},
		{"Вы просили гарантировать выпуск к пятнице, но сроки решает таможня.", ""},
		{"Мы никогда не работаем в серую.", ""},
		{"Работать в серую мы не будем.", ""},
		{"Обещать выпуск к пятнице — не в наших правилах, но постараемся.", ""},
		{"Гарантий одобрения, к сожалению, нет.", ""},
		{"Гарантировать одобрение? Нет.", "promise"}, // the «нет» answers in another sentence
		{"Серые схемы — это путь к штрафам, мы так не работаем.", ""},
		{"Клиенты иногда просят работать в серую, но мы отказываем.", ""},
		{"Гарантируем одобрение — не переживайте!", "promise"},
		{"Гарантируем одобрение — не сомневайтесь, всё будет.", "promise"},
		{"Гарантируем одобрение — это наш принцип, не иначе.", ""}, // a verdict with «не»: cleared, a known miss
		// the context ends where the agent's own words begin
		{"Пишете, что груз стоит. Гарантируем выпуск завтра.", "promise"},
		{"Вы пишете, что торопитесь; гарантируем выпуск завтра.", "promise"},
		{"«Срочно» — понимаем. Гарантируем одобрение.", "promise"},
		// a stretch between commas that is no aside is a clause of its own: its «не» denies
		// something else
		{"Гарантируем выпуск, там всё чисто, никто не придерётся.", "promise"},
		{"Гарантируем одобрение, документы в порядке, проблем не будет.", "promise"},
		{"Гарантий одобрения, увы, нет.", ""},
		{"Серые схемы, которые вы упомянули, мы не используем.", ""},
		// a purpose or «как» clause between the hit and the refusal, or the hit inside one
		{"Работать в серую, чтобы сэкономить на НДС, не предлагаем.", ""},
		{"Подсказок, как работать в серую, не даём.", ""},
		{"Работать в серую, чтобы сэкономить, мы не будем.", ""},
		{"Схему в серую, чтобы сэкономить, предлагать не станем.", ""},
		{"Работаем в серую, чтобы сэкономить на НДС, никто не проверит.", "grey,grey"},
		{"Работаем в серую, чтобы сэкономить, не переживайте.", "grey,grey"},
		{"Работать в серую, чтобы сэкономить, не возьмусь.", ""},
		{"Способов, как работать в серую, не подскажу.", ""},
		{"Работаем в серую, чтобы сэкономить, не совсем законно.", "grey,grey"},
		{"Гарантий, как вы понимаете, дать не можем.", ""},
		// a rule some of whose patterns negate: negation clears the others' hits only
		{"Договариваться неофициально мы не станем.", ""},
		{"Неофициально ничего не решаем.", ""},
		{"Скажу не под запись: так все делают.", "off-record"},
		{"Неофициально скажу: так все делают.", "off-record"},
		// a rule about a negation is not cleared by it
		{"Я, честно говоря, не знаю.", "dont-know"},
		{"Нет, я не знаю.", "dont-know"},
		// personal data is personal in quotes too
		{"Клиент пишет: «мой номер +7 916 123-45-67».", "pii"},
	}
	for _, tt := range tests {
		got := []string{}
		for _, f := range set.Check(tt.text, "") {
			got = append(got, f.Rule)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%q: flagged %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestScopeField(t *testing.T) {
	blame := spec("blame", "sequence", "вы ~1 должны были")
	blame.Scope = []string{ScopeQuote}
	all := spec("all", "sequence", "должны были")
	all.Scope = []string{}
	set := mustSet(t, blame, all)
	for text, want := range map[string]int{
		"Вы не должны были так делать.":        2, // negation does not clear blame
		"Пишете, что вы должны были платить":   2, // nor does reported speech, for these rules
		"«Вы должны были» — так писать нельзя": 1,
	} {
		if got := len(set.Check(text, "")); got != want {
			t.Errorf("%q: %d findings, want %d", text, got, want)
		}
	}
	// a rule about attitude with a negation of its own: a «не» nearby does not clear the
	// rest of its hits, while a rule about a practice is cleared on the others
	mood := spec("mood", "sequence", "вообще-то", "не до вас")
	mood.Category = "mood"
	practice := spec("practice", "sequence", "неофициально", "не под запись")
	practice.Category = "legality"
	set2 := mustSet(t, mood, practice)
	for text, want := range map[string]int{
		"Вообще-то мы не обязаны платить.":          1,
		"Неофициально договариваться мы не станем.": 0,
		"Мне не до вас сейчас.":                     1,
	} {
		if got := len(set2.Check(text, "")); got != want {
			t.Errorf("%q: %d findings, want %d", text, got, want)
		}
	}
	// negation asked for by name: a hit that carries the rule's own «не» stays, the
	// others are cleared as before; a pattern with only «без» gets no such protection
	named := spec("named", "sequence", "укажем ~3 а не ~1 станки", "неофициально")
	named.Scope = []string{ScopeNegation, ScopeQuote, ScopeReport}
	refusal := spec("refusal", "sequence", "работаем без документов")
	refusal.Scope = []string{ScopeNegation}
	set3 := mustSet(t, named, refusal)
	for text, want := range map[string]int{
		"В инвойсе укажем детали, а не станки.":     1,
		"Неофициально договариваться мы не станем.": 0,
		"Мы не работаем без документов.":            0,
		"Работаем без документов.":                  1,
	} {
		if got := len(set3.Check(text, "")); got != want {
			t.Errorf("%q: %d findings, want %d", text, got, want)
		}
	}
	bad := spec("bad", "sequence", "x")
	bad.Scope = []string{"negation", "irony"}
	bad.Examples.Flag = []string{"x"}
	if _, probs := compileNoExamples([]Spec{bad}); len(probs) != 1 || !strings.Contains(probs[0].Problem, `unknown context "irony"`) {
		t.Errorf("unknown scope: %v", probs)
	}
}

func TestQuotedTokens(t *testing.T) {
	tests := []struct{ text, quoted string }{
		{"вам «гарантировали одобрение» вчера", "гарантировали одобрение"},
		{"„Схемы «в серую»“ и всё", "схемы в серую"},
		{`он "сказал" так`, "сказал"},
		{"«не закрыта и дальше", ""},
		{"«открыта\nи закрыта»", ""},
		{"слово\" и «это»", "это"},
	}
	for _, tt := range tests {
		tx := Analyze(tt.text)
		var q []string
		for k, tk := range tx.tokens {
			if tk.quoted {
				q = append(q, tx.word(k))
			}
		}
		tx.Release()
		if got := strings.Join(q, " "); got != tt.quoted {
			t.Errorf("%q: quoted %q, want %q", tt.text, got, tt.quoted)
		}
	}
}
