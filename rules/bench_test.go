package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchPatterns are taboo phrasings of the kind support packs carry, one rule each.
var benchPatterns = []string{
	"гарантир* ~2 одобрени*|прохождени*|выпуск*", "я? не знаю", "не уверен*", "наверное", "может быть",
	"вы должны|обязаны", "вам нужно|необходимо", "это не наша проблема", "это не ко мне", "обращайтесь|звоните в другой отдел",
	"типа", "короче", "как бы", "ну", "блин", "чё|че", "щас", "норм", "ок|окей", "спс",
	"данн* вопрос*|случа*", "в рамках", "осуществл*", "производи* оплат*", "в целях", "согласно|в соответствии", "надлежащ*",
	"является", "в настоящее время", "на сегодняшний день", "довести до сведения", "доводим до вашего сведения",
	"к сожалению", "увы", "ничем не можем помочь", "не можем ~2 помочь", "это невозможно", "никак", "ни в коем случае",
	"вы неправ*|ошибаетесь", "вы не поняли", "читайте внимательн*", "как я уже говорил*|писал*", "еще раз повторяю",
	"успокойтесь", "не кричите", "не нервничайте", "странный вопрос", "очевидно", "естественно",
	"быстро ~2 решим", "100 %", "точно ~2 будет", "обязательно ~2 успеем", "без проблем", "не переживайте",
	"схем*", "обойти ~2 таможн*|контрол*|ограничени*", "серый|серая|серые ~2 импорт*|схем*", "в обход", "откат*", "договоримся",
	"дешевле всех", "самые низкие цены", "лучшие на рынке", "только сегодня", "успейте", "срочно ~2 оплат*",
	"спешите", "последний шанс", "скидка ~2 сгорит", "купите", "выгодное предложение",
	"нам все равно", "не мои проблемы", "ваши проблемы", "разбирайтесь сами", "сами виноваты",
	"ха-ха|хаха|лол", "шучу", "прикол*", "кек", "ржу",
	"извините|простите|приносим извинения", "спасибо за ожидание", "благодарим за обращение",
	"пожалуйста подождите", "ожидайте", "в порядке очереди", "ваш звонок очень важен",
	"не могу ~2 сказать", "не в курсе", "без понятия", "понятия не имею", "затрудняюсь ответить",
	"это не моя зона", "не моя компетенция", "это к юристам", "пишите на почту", "перезвоните позже",
}

func benchSpecs() []Spec {
	specs := make([]Spec, 0, len(benchPatterns)+10)
	for i, p := range benchPatterns {
		s := spec(fmt.Sprintf("r%03d", i), "sequence", p)
		if i%7 == 0 {
			s.UnlessBefore = []string{"не"}
		}
		if i%5 == 0 {
			s.Exceptions = []string{"гарантийн* срок*"}
		}
		if i%11 == 0 {
			s.UnlessAfter = []string{"получ*|прийти|поступ*"}
		}
		s.Replacements = map[string][]string{"default": {"Вариант"}, "smb": {"Вариант для бизнеса"}}
		specs = append(specs, s)
	}
	count := spec("apology-count", "count", "извините|простите", "приносим|примите извинения")
	count.Max = 1
	start := spec("filler-start", "sequence", "ну|так|вот|короче")
	start.Anchor = "sentence-start"
	specs = append(specs, count, start)
	for _, re := range []string{`\d+\s*%`, `!{2,}`, `\?{2,}`, `[а-я]+\)\)+`, `(?:https?://)?t\.me/\S+`} {
		s := spec(fmt.Sprintf("re%d", len(specs)), "regex")
		s.Regex = re
		specs = append(specs, s)
	}
	for _, d := range detectorNames {
		specs = append(specs, piiRule(d))
	}
	specs[len(specs)-1].Allow = []string{"8 495 111 22 33"}
	return specs
}

func benchSet(tb testing.TB) *Set {
	return mustSet(tb, benchSpecs()...)
}

// benchReply is a 2,000-character reply of the usual shape, with a few slips in it.
func benchReply() string {
	parts := []string{
		"Здравствуйте, Анна Сергеевна! Спасибо, что написали нам. ",
		"Я посмотрела вашу заявку № 45873 по поставке оборудования из Гуанчжоу. ",
		"Груз прибыл на склад временного хранения в Подольске 14 ноября, декларация подана на следующий день. ",
		"Сейчас таможня проверяет документы: сертификат соответствия и инвойс. ",
		"Обычно такая проверка занимает от двух до четырёх рабочих дней, но точный срок зависит от инспектора. ",
		"Я не знаю, когда именно её завершат, но мы гарантируем 100% прохождение таможни 🙂 ",
		"Чтобы ускорить выпуск, пришлите, пожалуйста, фотографии маркировки и паспорт изделия. ",
		"Если у вас есть вопросы по оплате пошлины, наш бухгалтер ответит по телефону 8 495 111 22 33 или 8 800 555-35-35. ",
		"Ваш персональный менеджер Ольга будет на связи до 19:00 по Москве. ",
		"Извините за задержку с ответом, вчера было много обращений. ",
		"Как только инспектор примет решение, мы сразу сообщим вам в этот чат и на почту. ",
		"Гарантийный срок на оборудование начинается со дня передачи груза вам. ",
		"Вы должны получить уведомление о выпуске в личном кабинете. ",
		"Если что-то пойдёт не так, мы предложим варианты: временное хранение, доработку документов или возврат. ",
		"Хорошего дня и спасибо за терпение! ",
	}
	var b strings.Builder
	for b.Len() < 3600 { // ≈ 2,000 characters of Cyrillic
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	r := []rune(b.String())
	return string(r[:2000])
}

// BenchmarkCheckReply is the budget the extension lives by: p95 ≤ 1 ms in wasm for a
// 2,000-character reply against ~110 rules. It reports p50 and p95 besides the mean.
func BenchmarkCheckReply(b *testing.B) {
	set := benchSet(b)
	text := benchReply()
	if n := len([]rune(text)); n != 2000 {
		b.Fatalf("reply is %d characters", n)
	}
	var took []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		set.Check(text, "smb")
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(set.Len()), "rules")
	b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds()), "p95-µs")
}

func BenchmarkCheckShortReply(b *testing.B) {
	set := benchSet(b)
	text := "Я не знаю, но мы гарантируем 100% прохождение таможни 🙂"
	b.ReportAllocs()
	for b.Loop() {
		set.Check(text, "")
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchReply()
	b.ReportAllocs()
	for b.Loop() {
		Analyze(text).Release()
	}
}

// BenchmarkPatternSet matches 100 segment signals against a customer's message.
func BenchmarkPatternSet(b *testing.B) {
	ps, err := NewPatternSet(benchPatterns)
	if err != nil {
		b.Fatal(err)
	}
	text := benchReply()
	b.ReportAllocs()
	for b.Loop() {
		ps.Find(text)
	}
}

func BenchmarkCompile(b *testing.B) {
	specs := benchSpecs()
	for i := range specs {
		specs[i].Examples.Flag = nil
	}
	b.ReportAllocs()
	for b.Loop() {
		compileNoExamples(specs)
	}
}
