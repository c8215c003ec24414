package knowledge

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

func TestPutAndList(t *testing.T) {
	b := NewBase()
	defer b.Close()
	info, problems, err := b.Put(testPack2)
	if err != nil || problems != nil {
		t.Fatalf("Put: %v %v", err, problems)
	}
	want := pack.PackInfo{ID: "pulse-test", Version: "1.0.0", Title: "СК «Пульс»: страховые случаи (тестовый пакет)",
		Segments: []string{"individual", "partner"}, Templates: 2, Cases: 1, Rules: 2}
	if fmt.Sprint(info) != fmt.Sprint(want) {
		t.Errorf("info = %+v", info)
	}
	if _, _, err := b.Put(testPack); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range b.Packs() {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, []string{"pulse-test", "vector-test"}) {
		t.Errorf("packs %v, want id order", ids)
	}
	var segs []string
	for _, s := range b.Segments() {
		segs = append(segs, s.Pack+"/"+s.ID)
		if s.Title == "" || s.Style == "" {
			t.Errorf("segment %+v lacks title or style", s)
		}
	}
	if !slices.Equal(segs, []string{"pulse-test/individual", "pulse-test/partner", "vector-test/corporate", "vector-test/smb", "vector-test/newcomer"}) {
		t.Errorf("segments %v", segs)
	}
}

func TestPutReplaces(t *testing.T) {
	b := newTestBase(t)
	m := packMap(t)
	m["version"] = "0.2.0"
	item(m, "templates", 0)["title"] = "Груз стоит на посту"
	if _, _, err := b.Put(encode(t, m)); err != nil {
		t.Fatal(err)
	}
	if p := b.Packs(); len(p) != 1 || p[0].Version != "0.2.0" {
		t.Errorf("packs after replace: %+v", p)
	}
	res, _ := b.Search("пост", "", pack.KindTemplate, 1)
	if len(res.Hits) == 0 || res.Hits[0].Title != "Груз стоит на посту" {
		t.Errorf("search sees the old pack: %+v", res.Hits)
	}
}

// TestFailedPutKeepsOldPack: a pack with problems changes nothing; the old one keeps answering.
func TestFailedPutKeepsOldPack(t *testing.T) {
	b := newTestBase(t)
	m := packMap(t)
	m["version"] = "0.2.0"
	item(m, "templates", 1)["variants"].(map[string]any)["vip"] = "Текст"
	item(m, "rules", 2)["regex"] = "100("
	info, problems, err := b.Put(encode(t, m))
	var ip *InvalidPackError
	if !errors.As(err, &ip) || ip.ID != "vector-test" || len(problems) != 2 || !slices.Equal(ip.Problems, problems) {
		t.Fatalf("Put = %+v, %v, %v", info, problems, err)
	}
	if !strings.HasPrefix(err.Error(), `pack "vector-test" has 2 problems, the first: templates[1].variants.vip: unknown segment`) {
		t.Errorf("error = %q", err)
	}
	if p := b.Packs(); len(p) != 1 || p[0].Version != "0.1.0" {
		t.Errorf("packs changed: %+v", p)
	}
	if res, err := b.Search("задержка", "smb", "", 5); err != nil || len(res.Hits) == 0 {
		t.Errorf("old pack stopped answering: %v %v", res, err)
	}
	if fs, _ := b.Check("Выпустят на 100% завтра.", "smb"); len(fs) != 1 || fs[0].Rule != "percent-promise" {
		t.Errorf("old rules stopped answering: %+v", fs)
	}
	// Not JSON at all: same thing.
	if _, problems, err := b.Put([]byte("{oops")); err == nil || len(problems) != 1 || len(b.Packs()) != 1 {
		t.Errorf("Put of broken JSON: %v %v", problems, err)
	}
}

func TestPutSegmentConflict(t *testing.T) {
	b := newTestBase(t)
	other := packMap(t)
	other["id"] = "other"
	_, problems, err := b.Put(encode(t, other))
	want := []string{
		`segments[0].id: "corporate" already belongs to pack "vector-test"`,
		`segments[1].id: "smb" already belongs to pack "vector-test"`,
		`segments[2].id: "newcomer" already belongs to pack "vector-test"`,
	}
	var ip *InvalidPackError
	if !errors.As(err, &ip) || !slices.Equal(problemStrings(problems), want) {
		t.Errorf("conflict: %v %v", problemStrings(problems), err)
	}
	if len(b.Packs()) != 1 {
		t.Errorf("conflicting pack was loaded")
	}
	// After the owner is gone the segments are free.
	if !b.Delete("vector-test") {
		t.Fatal("Delete")
	}
	if _, _, err := b.Put(encode(t, other)); err != nil {
		t.Errorf("Put after Delete: %v", err)
	}
}

func TestPutWithID(t *testing.T) {
	b := newTestBase(t)
	_, problems, err := b.PutWith(testPack2, PutOptions{ID: "pulse"})
	if err == nil || !slices.Equal(problemStrings(problems), []string{`id: "pulse-test" does not match "pulse" in the request`}) {
		t.Errorf("mismatch: %v %v", problemStrings(problems), err)
	}
	if _, _, err := b.PutWith(testPack2, PutOptions{ID: "pulse-test"}); err != nil {
		t.Errorf("match: %v", err)
	}
	if len(b.Packs()) != 2 {
		t.Errorf("packs: %+v", b.Packs())
	}
}

func TestDelete(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	if !b.Delete("pulse-test") || b.Delete("pulse-test") || b.Delete("nope") {
		t.Fatal("Delete reports wrongly")
	}
	_, err := b.Search("выплата", "partner", "", 5)
	var se *SegmentError
	if !errors.As(err, &se) || !slices.Equal(se.Valid, []string{"corporate", "smb", "newcomer"}) {
		t.Errorf("deleted segment: %v", err)
	}
	res, _ := b.Search("выплата", "", "", 5)
	for _, h := range res.Hits {
		if h.Pack == "pulse-test" {
			t.Errorf("deleted pack answered: %+v", h)
		}
	}
}

func TestCheck(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	text := "Гарантируем выпуск груза и гарантируем выплату. Карта 4111 1111 1111 1111."

	// With a segment: that pack's rules and that segment's replacements.
	fs, err := b.Check(text, "corporate")
	if err != nil {
		t.Fatal(err)
	}
	if got := findingRules(fs); !slices.Equal(got, []string{"promise-release", "card-number"}) {
		t.Errorf("corporate: %v", got)
	}
	if !slices.Equal(fs[0].Replacements, []string{"Ожидаемый срок выпуска — …"}) {
		t.Errorf("corporate replacements: %v", fs[0].Replacements)
	}
	smb, _ := b.Check(text, "smb")
	if !slices.Equal(smb[0].Replacements, []string{"Ожидаем выпуск к …", "Срок зависит от проверки на таможне"}) {
		t.Errorf("smb falls back to default: %v", smb[0].Replacements)
	}
	partner, _ := b.Check(text, "partner")
	if got := findingRules(partner); !slices.Equal(got, []string{"promise-payout", "card-number"}) {
		t.Errorf("partner: %v", got)
	}

	// Without a segment: every pack's rules, default replacements, one finding per pack, rule
	// and span (both packs have «card-number»: TestCheckSameRuleIDTwoPacks).
	all, err := b.Check(text, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := findingRules(all); !slices.Equal(got, []string{"promise-release", "promise-payout", "card-number", "card-number"}) {
		t.Errorf("all packs: %v", got)
	}
	if !slices.Equal(all[0].Replacements, []string{"Ожидаем выпуск к …", "Срок зависит от проверки на таможне"}) {
		t.Errorf("default replacements: %v", all[0].Replacements)
	}
	if all[2].Match != "4111 1111 1111 1111" || all[2].Start != 54 || all[2].End != 73 {
		t.Errorf("card finding: %+v", all[2])
	}

	var se *SegmentError
	if _, err := b.Check(text, "vip"); !errors.As(err, &se) || se.Segment != "vip" || len(se.Valid) != 5 {
		t.Errorf("unknown segment: %v", err)
	}
	if fs, err := b.Check("", ""); err != nil || fs == nil || len(fs) != 0 {
		t.Errorf("empty text: %v %v", fs, err)
	}
	if fs, err := NewBase().Check(text, ""); err != nil || fs == nil || len(fs) != 0 {
		t.Errorf("no packs: %v %v", fs, err)
	}
}

func findingRules(fs []rules.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}

// TestConcurrentPutAndRead replaces packs while searches, suggestions, checks and guesses
// run; with -race it proves the locking, and every answer comes from one whole version.
func TestConcurrentPutAndRead(t *testing.T) {
	b := newTestBase(t, testPack, testPack2)
	versions := make([][]byte, 2)
	titles := []string{"Задержка груза: версия А", "Задержка груза: версия Б"}
	for i := range versions {
		m := packMap(t)
		m["version"] = fmt.Sprintf("2.%d.0", i)
		item(m, "templates", 0)["title"] = titles[i]
		versions[i] = encode(t, m)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := b.Search("задержка груза", "smb", pack.KindTemplate, 3)
				if err != nil || len(res.Hits) == 0 {
					report(fmt.Errorf("search: %v %v", res, err))
					continue
				}
				if h := res.Hits[0]; h.ID == "delay-status" && !slices.Contains(append(titles, "Задержка груза на таможне"), h.Title) {
					report(fmt.Errorf("torn read: %q", h.Title))
				}
				if _, err := b.Suggest("груз", "где мой груз", "", 3); err != nil {
					report(err)
				}
				if fs, err := b.Check("Гарантируем выпуск.", ""); err != nil || len(fs) != 1 {
					report(fmt.Errorf("check: %v %v", fs, err))
				}
				if g := b.GuessSegment("я ИП"); g.Segment != "smb" {
					report(fmt.Errorf("guess: %+v", g))
				}
				b.Packs()
				b.Segments()
				runtime.Gosched() // js/wasm does not preempt: let the writer run
			}
		}()
	}
	for i := 0; i < 20; i++ {
		if _, _, err := b.Put(versions[i%2]); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			b.Delete("pulse-test")
			if _, _, err := b.Put(testPack2); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if p := b.Packs(); p[1].Version != "2.1.0" {
		t.Errorf("last Put lost: %+v", p)
	}
}
