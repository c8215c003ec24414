package knowledge

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSuggestContextDrivesRanking(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	tests := []struct {
		name, draft, context, segment string
		top                           []string // all of these in the first len(top) places
	}{
		{"late cargo", "", "Добрый день, где мой груз? Жду уже неделю", "smb",
			[]string{"case/customs-hold", "template/delay-status"}},
		{"invoice", "", "Пришлите, пожалуйста, счёт на оплату", "corporate",
			[]string{"template/payment-invoice"}},
		{"damage", "", "Коробки пришли мятые, половина товара разбита", "",
			[]string{"case/damaged-cargo", "template/damage-claim"}},
		{"first order", "", "Я впервые заказываю из Китая, с чего начать?", "newcomer",
			[]string{"case/first-order"}},
		{"grey scheme", "", "Давайте укажем в инвойсе сумму поменьше, все так делают", "",
			[]string{"case/grey-scheme", "template/customs-cost"}},
		{"callback", "", "Не могу до вас дозвониться второй день", "",
			[]string{"template/callback"}},
		// Across packs of three entries each, scores compare loosely (BM25 statistics are
		// per pack): the right template comes first, through its case.
		{"other pack", "", "Когда уже выплатят деньги по страховке?", "",
			[]string{"template/claim-status"}},
		// The draft alone steers when there is no customer message yet.
		{"draft only", "Груз задержан на таможне", "", "smb",
			[]string{"template/delay-status", "case/customs-hold"}},
		// The customer's message outweighs the agent's first words.
		{"context beats draft", "Сейчас пришлю счёт", "Груз задержали на таможне, когда выпустят?", "smb",
			[]string{"case/customs-hold", "template/delay-status"}},
		{"context beats draft, the other way", "Груз по заявке", "Пришлите счёт на оплату", "smb",
			[]string{"template/payment-invoice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.Suggest(tt.draft, tt.context, tt.segment, 5)
			if err != nil {
				t.Fatal(err)
			}
			ids := suggestionIDs(got)
			for _, want := range tt.top {
				if r := rank(ids, want); r < 0 || r >= len(tt.top) {
					t.Errorf("%s at %d in %v", want, r, ids)
				}
			}
			for i := 1; i < len(got); i++ {
				if got[i].Score > got[i-1].Score {
					t.Errorf("not sorted by score: %v", ids)
				}
			}
		})
	}
}

func TestSuggestVariantAndVariables(t *testing.T) {
	b := newTestBase(t)
	for _, tt := range []struct{ segment, want string }{
		{"corporate", "{{customer_name}}, добрый день. Груз по заявке {{order_id}} задержан на таможенном посту"},
		{"smb", "{{customer_name}}, здравствуйте! Груз по заявке {{order_id}} задержался на таможне"},
		{"newcomer", "{{customer_name}}, здравствуйте! Понимаю, ждать неприятно."},
		{"", "{{customer_name}}, добрый день. Груз по заявке {{order_id}} задержан"}, // the pack's first segment
	} {
		got, err := b.Suggest("", "Почему так долго? Где мой груз?", tt.segment, 3)
		if err != nil {
			t.Fatal(err)
		}
		i := rank(suggestionIDs(got), "template/delay-status")
		if i < 0 {
			t.Fatalf("%s: delay-status not suggested: %v", tt.segment, suggestionIDs(got))
		}
		s := got[i]
		if !strings.HasPrefix(s.Text, tt.want) {
			t.Errorf("%s: text %q", tt.segment, s.Text)
		}
		if !slices.Equal(s.Variables, []string{"customer_name", "order_id", "deadline"}) {
			t.Errorf("%s: variables %v", tt.segment, s.Variables)
		}
		if s.Pack != "vector-test" || s.Title != "Задержка груза на таможне" {
			t.Errorf("%s: %+v", tt.segment, s)
		}
	}
}

func TestSuggestCaseBringsLinkedTemplates(t *testing.T) {
	b := newTestBase(t)
	// «Половина товара разбита» is in the case's customer_says, not in the template.
	got, err := b.Suggest("", "половина товара разбита", "smb", 5)
	if err != nil {
		t.Fatal(err)
	}
	ids := suggestionIDs(got)
	c, tpl := rank(ids, "case/damaged-cargo"), rank(ids, "template/damage-claim")
	if c != 0 || tpl < 0 {
		t.Fatalf("suggestions %v", ids)
	}
	if got[tpl].Via != "damaged-cargo" || !strings.HasPrefix(got[tpl].Text, "{{customer_name}}, очень жаль!") {
		t.Errorf("linked template = %+v", got[tpl])
	}
	if !strings.Contains(got[c].Text, "Что делать:\n— Попросите фото упаковки") || len(got[c].Variables) != 0 {
		t.Errorf("case = %+v", got[c])
	}
	// A suggestion appears once, however many ways it matched.
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s twice in %v", id, ids)
		}
		seen[id] = true
	}
}

func TestSuggestEdges(t *testing.T) {
	b := newTestBase(t)
	got, err := b.Suggest(" ", "", "", 5)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty input: %v %v", got, err)
	}
	got, _ = b.Suggest("", "груз счёт документы оплата таможня задержка повреждение звонок", "", 2)
	if len(got) != 2 {
		t.Errorf("limit 2: %d suggestions", len(got))
	}
	got, _ = b.Suggest("", "груз счёт документы оплата таможня задержка повреждение звонок", "", 0)
	if len(got) != 5 {
		t.Errorf("default limit: %d suggestions", len(got))
	}
	var se *SegmentError
	if _, err := b.Suggest("", "груз", "vip", 5); !errors.As(err, &se) || se.Segment != "vip" {
		t.Errorf("unknown segment: %v", err)
	}
	// A pasted letter is cut to the terms that count, and still answers.
	long := strings.Repeat("Добрый день, где мой груз? ", 200) + strings.Repeat("слово", 3000)
	if got, err := b.Suggest(long, long, "smb", 5); err != nil || len(got) == 0 {
		t.Errorf("long input: %v %v", suggestionIDs(got), err)
	}
}
