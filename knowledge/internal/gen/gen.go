// Package gen writes large, valid, Russian-looking packs for benchmarks and load tests.
package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Options shape a generated pack.
type Options struct {
	// ID is the pack id; segment ids are derived from it so several packs can load together.
	ID string
	// Templates and Cases are how many entries to write.
	Templates, Cases int
	// Segments is how many segments (at least 1; 3 when 0).
	Segments int
	// Seed makes the output reproducible.
	Seed uint64
}

// Entries splits n entries the way real packs split them: about 70 % templates, 30 % cases.
func Entries(id string, n int, seed uint64) Options {
	t := n * 7 / 10
	return Options{ID: id, Templates: t, Cases: n - t, Seed: seed}
}

// Pack returns the pack JSON. Texts are sentences of real Russian words in several
// inflected forms, so stemming, stop words and ranking work as on a real pack.
func Pack(o Options) []byte {
	if o.Segments <= 0 {
		o.Segments = 3
	}
	if o.ID == "" {
		o.ID = "gen"
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	g := newWriter(r)
	segs := make([]map[string]any, o.Segments)
	segIDs := make([]string, o.Segments)
	for i := range segs {
		segIDs[i] = fmt.Sprintf("%s-s%d", o.ID, i+1)
		segs[i] = map[string]any{
			"id":      segIDs[i],
			"title":   fmt.Sprintf("Сегмент %d", i+1),
			"style":   g.sentence(8, 14),
			"signals": []string{signalWords[(2*i)%len(signalWords)], signalWords[(2*i+1)%len(signalWords)] + " " + g.word(nouns)},
			"source":  "gen",
		}
	}
	templates := make([]map[string]any, o.Templates)
	for i := range templates {
		variants := map[string]any{}
		for _, s := range segIDs {
			variants[s] = "{{customer_name}}, " + g.paragraph(3, 8, 13)
		}
		templates[i] = map[string]any{
			"id":        fmt.Sprintf("t-%05d", i),
			"title":     g.title(),
			"situation": g.sentence(10, 18),
			"tags":      []string{g.word(nouns), g.word(nouns) + "-" + fmt.Sprint(i%97)},
			"triggers":  []string{g.question(), g.question() + " " + fmt.Sprint(i), g.question() + " " + g.word(nouns)},
			"variants":  variants,
			"source":    "gen",
		}
	}
	cases := make([]map[string]any, o.Cases)
	for i := range cases {
		c := map[string]any{
			"id":            fmt.Sprintf("c-%05d", i),
			"title":         g.title(),
			"situation":     g.paragraph(2, 8, 14),
			"customer_says": []string{g.question(), g.question() + " " + fmt.Sprint(i), g.question() + " " + g.word(verbs)},
			"do":            []string{g.sentence(6, 12), g.sentence(6, 12) + " " + fmt.Sprint(i)},
			"dont":          []string{g.sentence(6, 12)},
			"source":        "gen",
		}
		if o.Templates > 0 {
			c["templates"] = []string{fmt.Sprintf("t-%05d", r.IntN(o.Templates))}
		}
		cases[i] = c
	}
	pack := map[string]any{
		"id":        o.ID,
		"version":   "1.0.0",
		"title":     "Сгенерированный пакет " + o.ID,
		"language":  "ru",
		"segments":  segs,
		"templates": templates,
		"cases":     cases,
		"rules":     rules,
	}
	data, err := json.Marshal(pack)
	if err != nil { // maps of strings always marshal
		panic(err)
	}
	return data
}

// rules are a few rules of each kind with examples that hold, so packs compile as real ones do.
var rules = []map[string]any{
	{"id": "promise", "kind": "sequence", "category": "promise", "severity": "error",
		"message": "Не обещайте сроков.", "why": "gen", "patterns": []string{"гарантир* ~2 срок*|доставк*"},
		"replacements": map[string][]string{"default": {"Ожидаем доставку к …"}},
		"examples":     map[string][]string{"flag": {"Гарантируем доставку завтра."}, "pass": {"Ожидаем доставку завтра."}}},
	{"id": "percent", "kind": "regex", "category": "promise", "severity": "warning",
		"message": "Без «100 %».", "why": "gen", "regex": `100\s*%`,
		"examples": map[string][]string{"flag": {"Успеем на 100%."}, "pass": {"Скидка 10 %."}}},
	{"id": "apology", "kind": "count", "category": "apology", "severity": "hint",
		"message": "Одного извинения достаточно.", "why": "gen", "patterns": []string{"извин*"}, "max": 1,
		"examples": map[string][]string{"flag": {"Извините. Извините ещё раз."}, "pass": {"Извините за ожидание."}}},
	{"id": "card", "kind": "pii", "category": "pii", "severity": "error",
		"message": "Не пишите номер карты.", "why": "gen", "detector": "card",
		"examples": map[string][]string{"flag": {"Карта 4111 1111 1111 1111."}, "pass": {"Оплата по счёту."}}},
}

// Word lists: common support vocabulary in several forms each.
var (
	nouns = strings.Fields(`груз груза грузу грузом доставка доставки доставку заказ заказа заказу
		счёт счета счету оплата оплаты оплату документ документы документов таможня таможни таможне
		пошлина пошлины склад склада складе курьер курьера партия партии партию упаковка упаковки
		срок сроки сроков договор договора договору претензия претензии претензию возврат возврата
		поставщик поставщика инвойс инвойса накладная накладной декларация декларации сертификат
		сертификата контейнер контейнера маршрут маршрута водитель водителя машина машины клиент
		клиента менеджер менеджера заявка заявки заявку статус статуса адрес адреса получатель
		получателя отправитель отправителя посылка посылки коробка коробки товар товара товары`)
	verbs = strings.Fields(`отправили отправим отправить получили получит получить задержали
		задержался задерживается оформили оформим оформить проверили проверим проверить оплатили
		оплатить привезли привезём привезти выпустили выпустят выпуск пришлите пришлём прислать
		уточним уточнить сообщим сообщить доставим доставили доставить передали передадим
		подготовим подготовили подписали подпишем рассчитали рассчитаем вернём вернули ждём ждать`)
	adjs = strings.Fields(`новый новая новые срочный срочная срочную таможенный таможенная
		таможенные повреждённый повреждённая мятая мокрая полный полная полную дополнительные
		дополнительный официальный официальная ближайший ближайшая следующий следующая точный
		точную обычный обычная быстрый быстрая дорогой дорогая международная международный`)
	others = strings.Fields(`сегодня завтра вчера уже ещё скоро сейчас после через до по на в из
		для с при о около примерно всего только также`)
	questions = strings.Fields(`где когда почему сколько как какие зачем что`)
	// signalWords give each generated segment words of its own.
	signalWords = strings.Fields(`тендер маркетплейс впервые отдел склад ип холдинг франшиза`)
)

// vocabSize is the number of distinct words texts draw from; the first ones are the word
// lists above, the rest made-up words with Russian endings (the long tail of real text).
const vocabSize = 20000

// writer draws words with a Zipf–Mandelbrot law, as words occur in real text: calibrated on
// the default packs, where the commonest words (after stop words) are in 30–50 % of the
// entries and most words in a handful.
type writer struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newWriter(r *rand.Rand) *writer {
	common := slices.Concat(nouns, verbs, adjs, others)
	r.Shuffle(len(common), func(i, j int) { common[i], common[j] = common[j], common[i] })
	vocab := make([]string, 0, vocabSize)
	vocab = append(vocab, common...)
	for i := len(vocab); i < vocabSize; i++ {
		vocab = append(vocab, madeUp(i))
	}
	return &writer{r: r, zipf: rand.NewZipf(r, 1.05, 40, vocabSize-1), vocab: vocab}
}

var (
	syllables = strings.Fields(`ка ло ре ми ста про ве за то ни ра де бо су гра кре пла сло мо ту ли вы хо ме`)
	endings   = strings.Fields(`а ы у ой ом е и ия ие ость ник ный ная ные ать ить ил ила или ет ют ка ки`)
)

// madeUp returns the i-th made-up word: two or three syllables and an ending.
func madeUp(i int) string {
	var b strings.Builder
	n := 2 + i%2
	for k := 0; k < n; k++ {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	b.WriteString(endings[(i+n)%len(endings)])
	return b.String()
}

func (g *writer) word(list []string) string { return list[g.r.IntN(len(list))] }

func (g *writer) any() string { return g.vocab[g.zipf.Uint64()] }

func (g *writer) sentence(minW, maxW int) string {
	n := minW + g.r.IntN(maxW-minW+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.any()
	}
	r := []rune(strings.Join(ws, " "))
	r[0] = unicode.ToUpper(r[0])
	return string(r) + "."
}

func (g *writer) paragraph(sentences, minW, maxW int) string {
	ss := make([]string, sentences)
	for i := range ss {
		ss[i] = g.sentence(minW, maxW)
	}
	return strings.Join(ss, " ")
}

func (g *writer) title() string {
	return strings.Join([]string{g.any(), g.any(), g.any()}, " ")
}

func (g *writer) question() string {
	return strings.Join([]string{g.word(questions), g.any(), g.any(), g.any()}, " ")
}
