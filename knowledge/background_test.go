package knowledge

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/sufler/sufler/knowledge/internal/gen"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

// TestPutInBackground loads a pack the way the wasm engine loads the default packs: its rules
// answer at once, its index builds in slices with Yield called between them, and searches
// give the same answers as after a plain Put.
func TestPutInBackground(t *testing.T) {
	data := gen.Pack(gen.Entries("bg", 600, 7))

	plain := NewBase()
	defer plain.Close()
	if _, problems, err := plain.Put(data); err != nil || problems != nil {
		t.Fatalf("Put: %v %v", err, problems)
	}

	b := NewBase()
	defer b.Close()
	hold := make(chan struct{})
	yields := 0
	b.Yield = func() {
		if yields == 0 {
			<-hold // keep the build paused after its first slice
		}
		yields++
	}
	if _, problems, err := b.PutWith(data, PutOptions{Background: true}); err != nil || problems != nil {
		t.Fatalf("PutWith: %v %v", err, problems)
	}
	if b.Ready() {
		t.Fatal("Ready before the index is built")
	}
	if got := len(b.Packs()); got != 1 {
		t.Fatalf("%d packs listed while indexing", got)
	}
	if _, err := b.Check("Я не знаю, что сказать", ""); err != nil {
		t.Fatalf("Check while indexing: %v", err)
	}
	close(hold)

	for _, q := range []string{"заказ", "отмена платежа", "доставки задержали"} {
		want, err1 := plain.Search(q, "", "", 10)
		got, err2 := b.Search(q, "", "", 10) // waits for the index
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("search %q in the background-built index:\n got %v\nwant %v", q, got, want)
		}
	}
	if !b.Ready() {
		t.Error("not Ready after a search waited for the index")
	}
	if want := 600 / 150; yields < want { // index cuts a pack of 600 entries into slices of 150
		t.Errorf("Yield called %d times, want about %d (one per slice)", yields, want)
	}
}

// TestPutTrustedSkipsExamples: a trusted pack (the embedded defaults, whose examples run in
// the tests) loads without running rule examples; the same pack imported is refused.
func TestPutTrustedSkipsExamples(t *testing.T) {
	broken := bytes.Replace(testPack, []byte(`"flag": [`), []byte(`"flag": ["совершенно безобидный текст", `), 1)
	if bytes.Equal(broken, testPack) {
		t.Fatal("the test pack has no flag examples to break")
	}
	if _, problems, _ := NewBase().Put(broken); len(problems) == 0 {
		t.Fatal("an unflagged must-flag example was accepted on import")
	}
	b := NewBase()
	defer b.Close()
	if _, problems, err := b.PutWith(broken, PutOptions{Trusted: true}); err != nil || problems != nil {
		t.Fatalf("trusted: %v %v", err, problems)
	}
}

// TestDeleteWhileIndexing unloads a pack whose index is still being built: the delete
// answers at once and the index is freed when the build ends, without spinning.
func TestDeleteWhileIndexing(t *testing.T) {
	b := NewBase()
	defer b.Close()
	hold := make(chan struct{})
	b.Yield = func() { <-hold }
	if _, problems, err := b.PutWith(gen.Pack(gen.Entries("del", 300, 3)), PutOptions{Background: true}); err != nil || problems != nil {
		t.Fatalf("PutWith: %v %v", err, problems)
	}
	if !b.Delete("del") {
		t.Fatal("Delete found no pack")
	}
	if len(b.Packs()) != 0 || !b.Ready() {
		t.Errorf("after Delete: %d packs, ready %v", len(b.Packs()), b.Ready())
	}
	close(hold) // let the build finish; its index is closed then
}

// TestPutPack loads a pack that is already parsed, as the engine loads its generated default
// packs: the rules are compiled from the specs, answers match a pack put from JSON, the
// caller's Pack is left as it was, and bad specs are refused without touching what is loaded.
func TestPutPack(t *testing.T) {
	parsed, problems := pack.Parse(testPack)
	if problems != nil {
		t.Fatal(problems)
	}
	data := *parsed
	data.Rules = nil // as generated: data only

	plain := newTestBase(t)
	b := NewBase()
	defer b.Close()
	if _, problems, err := b.PutPack(&data, PutOptions{Trusted: true, Background: true}); err != nil || problems != nil {
		t.Fatalf("PutPack: %v %v", err, problems)
	}
	if data.Rules != nil {
		t.Error("PutPack changed the caller's Pack")
	}
	reply := "Я не знаю, мы гарантируем 100% результат."
	want, _ := plain.Check(reply, "")
	got, err := b.Check(reply, "")
	if err != nil || len(got) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Check after PutPack: %v, %v; after Put: %v", got, err, want)
	}
	wantHits, _ := plain.Search("заказ", "", "", 5)
	gotHits, err := b.Search("заказ", "", "", 5)
	if err != nil || fmt.Sprint(gotHits) != fmt.Sprint(wantHits) {
		t.Errorf("Search after PutPack: %v, %v; after Put: %v", gotHits, err, wantHits)
	}

	bad := data
	bad.Specs = append([]rules.Spec(nil), data.Specs...)
	bad.Specs[1].Kind = "magic"
	bad.Version = "2"
	_, problems, err = b.PutPack(&bad, PutOptions{})
	if err == nil || len(problems) != 1 || problems[0].Path != "rules[1].kind" {
		t.Fatalf("bad spec: %v %v, want one problem at rules[1].kind", problems, err)
	}
	if v := b.Packs()[0].Version; v != data.Version {
		t.Errorf("a refused PutPack replaced the pack: version %q", v)
	}
}
