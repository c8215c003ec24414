package knowledge

import (
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/internal/gen"
	"github.com/sufler/sufler/knowledge/pack"
)

var testPack2 = func() []byte {
	data, err := os.ReadFile("testdata/pack2.json")
	if err != nil {
		panic(err)
	}
	return data
}()

func TestSearchRussianInflection(t *testing.T) {
	b := newTestBase(t)
	tests := []struct {
		q, want, mark string // the hit expected in the top two, and a marked word in its fragments
	}{
		// Verb and noun of one root: the stems differ (задержа / задержк), the roots meet.
		{"задержали груз", "template/delay-status", "<mark>Задержка</mark> <mark>груза</mark>"},
		{"задержка груза", "case/customs-hold", "<mark>задержали</mark> <mark>груз</mark>"},
		{"повреждение", "template/damage-claim", "<mark>повреждённым</mark>"},
		{"перезвонить", "template/callback", "<mark>перезвоните</mark>"},
		// ё and е are one letter to the search.
		{"счет", "template/payment-invoice", "<mark>счёт</mark>"},
		{"растаможка цена", "template/customs-cost", "<mark>растаможки</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := b.Search(tt.q, "", "", 0)
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res.Hits)
			r := rank(ids, tt.want)
			if r < 0 || r > 1 {
				t.Fatalf("%s at %d in %v", tt.want, r, ids)
			}
			if res.Total < len(res.Hits) {
				t.Errorf("total %d < %d hits", res.Total, len(res.Hits))
			}
			h := res.Hits[r]
			if !strings.Contains(strings.Join(h.Fragments, "\n"), tt.mark) {
				t.Errorf("fragments %q lack %q", h.Fragments, tt.mark)
			}
			for i := 1; i < len(res.Hits); i++ {
				if res.Hits[i].Score > res.Hits[i-1].Score {
					t.Errorf("hits not sorted by score: %v", res.Hits)
				}
			}
		})
	}
}

func TestSearchFiltersAndText(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)

	// Without a segment every pack answers, templates with their pack's first segment.
	all, err := b.Search("задержка", "", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string]bool{}
	for _, h := range all.Hits {
		packs[h.Pack] = true
	}
	if !packs["vector-test"] || !packs["pulse-test"] {
		t.Errorf("search across packs found %v", hitIDs(all.Hits))
	}
	for _, h := range all.Hits {
		if h.ID == "delay-status" && !strings.HasPrefix(h.Text, "{{customer_name}}, добрый день. Груз") {
			t.Errorf("no segment: want the first segment's (corporate) text, got %q", h.Text)
		}
	}

	// A segment limits the search to its pack and picks its variant.
	smb, err := b.Search("задержка", "smb", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range smb.Hits {
		if h.Pack != "vector-test" {
			t.Errorf("segment smb returned %s from %s", h.ID, h.Pack)
		}
		if h.ID == "delay-status" && !strings.Contains(h.Text, "задержался на таможне: понадобились ещё документы") {
			t.Errorf("smb text = %q", h.Text)
		}
	}
	if smb.Total >= all.Total {
		t.Errorf("segment total %d not below all-packs total %d", smb.Total, all.Total)
	}

	// Kind filters hits and the total alike.
	for _, kind := range []string{pack.KindTemplate, pack.KindCase} {
		res, err := b.Search("груз", "", kind, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Total != len(res.Hits) {
			t.Errorf("kind %s: total %d, %d hits", kind, res.Total, len(res.Hits))
		}
		for _, h := range res.Hits {
			if h.Kind != kind {
				t.Errorf("kind %s returned %s", kind, h.Kind+"/"+h.ID)
			}
		}
	}
	both, _ := b.Search("груз", "", "", 50)
	tpl, _ := b.Search("груз", "", pack.KindTemplate, 50)
	cs, _ := b.Search("груз", "", pack.KindCase, 50)
	if both.Total != tpl.Total+cs.Total {
		t.Errorf("total %d != %d templates + %d cases", both.Total, tpl.Total, cs.Total)
	}

	// A case reads as its situation and what to do.
	res, _ := b.Search("серые схемы", "", pack.KindCase, 1)
	if len(res.Hits) != 1 || res.Hits[0].ID != "grey-scheme" {
		t.Fatalf("grey-scheme not found: %v", hitIDs(res.Hits))
	}
	want := "Клиент предлагает указать в инвойсе меньшую сумму или оформить товар как образцы, чтобы не платить пошлину.\nЧто делать:\n— Спокойно откажите"
	if !strings.HasPrefix(res.Hits[0].Text, want) {
		t.Errorf("case text = %q", res.Hits[0].Text)
	}
}

// TestSearchAllWordsFirst: entries with every word of the query, or, when there are none,
// entries with any word.
func TestSearchAllWordsFirst(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	one, _ := b.Search("груз", "", "", 50)
	both, _ := b.Search("груз повреждённый", "", "", 50)
	if both.Total == 0 || both.Total >= one.Total {
		t.Fatalf("«груз повреждённый» found %d, «груз» %d: want fewer, not none", both.Total, one.Total)
	}
	for _, h := range both.Hits {
		if h.ID != "damage-claim" && h.ID != "damaged-cargo" {
			t.Errorf("%s/%s lacks one of the words", h.Kind, h.ID)
		}
	}
	// No entry has «вертолёт»: the entries with «груз» answer.
	fallback, _ := b.Search("груз вертолёт", "", "", 50)
	if fallback.Total != one.Total || !slices.Equal(hitIDs(fallback.Hits), hitIDs(one.Hits)) {
		t.Errorf("fallback: %v, want %v", hitIDs(fallback.Hits), hitIDs(one.Hits))
	}
	none, _ := b.Search("вертолёт", "", "", 50)
	if none.Total != 0 || len(none.Hits) != 0 {
		t.Errorf("unknown word found %v", hitIDs(none.Hits))
	}
}

func TestSearchFragmentsAreEscaped(t *testing.T) {
	m := packMap(t)
	item(m, "templates", 0)["situation"] = `Груз <script>alert("x")</script> & задержка`
	b := newTestBase(t, encode(t, m))
	res, err := b.Search("задержка", "", pack.KindTemplate, 1)
	if err != nil {
		t.Fatal(err)
	}
	frags := strings.Join(res.Hits[0].Fragments, "\n")
	if strings.Contains(frags, "<script>") {
		t.Errorf("unescaped HTML in %q", frags)
	}
	if !strings.Contains(frags, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; <mark>задержка</mark>") {
		t.Errorf("fragment = %q", frags)
	}
	// Every fragment is plain escaped text plus balanced <mark> pairs.
	checkFragments(t, res.Hits)
}

// checkFragments fails on a fragment with tags other than balanced <mark>…</mark>.
func checkFragments(t testing.TB, hits []Hit) {
	t.Helper()
	tag := regexp.MustCompile(`<[^>]*>`)
	for _, h := range hits {
		for _, f := range h.Fragments {
			depth := 0
			for _, m := range tag.FindAllString(f, -1) {
				switch m {
				case "<mark>":
					depth++
				case "</mark>":
					depth--
				default:
					t.Errorf("%s: stray tag %q in %q", h.ID, m, f)
				}
				if depth < 0 || depth > 1 {
					t.Errorf("%s: unbalanced marks in %q", h.ID, f)
				}
			}
			if depth != 0 {
				t.Errorf("%s: unclosed mark in %q", h.ID, f)
			}
		}
	}
}

func TestSearchLongTextFragment(t *testing.T) {
	m := packMap(t)
	long := strings.Repeat("Начало длинного письма без нужных слов. ", 10) + "Здесь задержка груза. " + strings.Repeat("Хвост письма. ", 20)
	item(m, "templates", 4)["variants"].(map[string]any)["corporate"] = long
	b := newTestBase(t, encode(t, m))
	res, _ := b.Search("задержка", "corporate", pack.KindTemplate, 10)
	var frag string
	for _, h := range res.Hits {
		if h.ID == "damage-claim" {
			frag = h.Fragments[0]
		}
	}
	if !strings.HasPrefix(frag, "…") || !strings.HasSuffix(frag, "…") || !strings.Contains(frag, "Здесь <mark>задержка</mark> груза.") {
		t.Errorf("fragment = %q", frag)
	}
	plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(frag)
	if n := len([]rune(plain)); n > index.FragmentRunes+2 {
		t.Errorf("fragment has %d runes", n)
	}
}

func TestSearchEmptyQueryLists(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	res, err := b.Search("  ", "", "", 50)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 13 || len(res.Hits) != 13 {
		t.Fatalf("total %d, %d hits; want 13", res.Total, len(res.Hits))
	}
	if ids := hitIDs(res.Hits); ids[0] != "template/claim-status" || ids[2] != "case/claim-delay" || ids[3] != "template/delay-status" {
		t.Errorf("order: %v", ids)
	}
	cases, _ := b.Search("", "newcomer", pack.KindCase, 2)
	if cases.Total != 4 || !slices.Equal(hitIDs(cases.Hits), []string{"case/customs-hold", "case/grey-scheme"}) {
		t.Errorf("cases: total %d, %v", cases.Total, hitIDs(cases.Hits))
	}
	// Only function words: nothing to search for, nothing found.
	none, err := b.Search("а вы и мы", "", "", 10)
	if err != nil || none.Total != 0 || none.Hits == nil {
		t.Errorf("stop words: %+v %v", none, err)
	}
}

func TestSearchErrors(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	_, err := b.Search("груз", "", "faq", 10)
	var ke *KindError
	if !errors.As(err, &ke) || ke.Kind != "faq" || err.Error() != `unknown kind "faq" (valid: template, case)` {
		t.Errorf("bad kind: %v", err)
	}
	_, err = b.Search("груз", "vip", "", 10)
	var se *SegmentError
	if !errors.As(err, &se) || !slices.Equal(se.Valid, []string{"individual", "partner", "corporate", "smb", "newcomer"}) {
		t.Fatalf("bad segment: %v", err)
	}
	if want := `unknown segment "vip" (valid: individual, partner, corporate, smb, newcomer)`; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	empty := NewBase()
	if _, err := empty.Search("груз", "smb", "", 10); err == nil || err.Error() != `unknown segment "smb": no packs are loaded` {
		t.Errorf("no packs: %v", err)
	}
}

func TestSearchLimit(t *testing.T) {
	b := newTestBase(t, gen.Pack(gen.Entries("limits", 120, 7)))
	tests := []struct{ limit, want int }{{0, DefaultLimit}, {-3, DefaultLimit}, {5, 5}, {100, MaxLimit}}
	for _, tt := range tests {
		res, err := b.Search("груз", "", "", tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != tt.want || res.Total <= MaxLimit {
			t.Errorf("limit %d: %d hits of %d, want %d", tt.limit, len(res.Hits), res.Total, tt.want)
		}
	}
}
