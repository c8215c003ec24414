package pack

import (
	"bytes"
	"encoding/binary"
	"os"
	"reflect"
	"runtime"
	"testing"

	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/rules"
)

// binaryCases are packs as Parse makes them: the default packs and the test pack.
func binaryCases(t testing.TB) map[string]*Pack {
	t.Helper()
	out := map[string]*Pack{}
	docs := append(packs.Default(), testPack)
	for _, doc := range docs {
		p, problems := Parse(doc)
		if problems != nil {
			t.Fatal(problems)
		}
		out[p.ID] = p
	}
	return out
}

// TestBinaryRoundTrip: what ReadBinary gives back is the parsed pack, field for field, and
// its rules flag what the parsed pack's rules flag, from the form with the rules' compiled
// form and from the one without.
func TestBinaryRoundTrip(t *testing.T) {
	for _, form := range binaryForms {
		for id, p := range binaryCases(t) {
			t.Run(form.name+"/"+id, func(t *testing.T) { roundTrip(t, p, form.write, form.read) })
		}
	}
}

// binaryForms are the two binary forms, each with its writer and its reader.
var binaryForms = []struct {
	name  string
	write func(p *Pack) ([]byte, error)
	read  func(data []byte) (*Pack, error)
}{
	{"specs", func(p *Pack) ([]byte, error) { return p.AppendBinary(nil) }, ReadBinary},
	{"compiled", func(p *Pack) ([]byte, error) { return AppendCompiledBinary(nil, p) }, ReadPrebuilt},
}

// TestBinaryFormsApart: a pack image from storage is read by ReadBinary, which must refuse
// the compiled form (trusted only as built into the engine), and ReadPrebuilt the other.
func TestBinaryFormsApart(t *testing.T) {
	p := binaryCases(t)["vector-test"]
	plain, _ := binaryForms[0].write(p)
	compiled, _ := binaryForms[1].write(p)
	if _, err := ReadBinary(compiled); err == nil {
		t.Error("ReadBinary read the compiled form")
	}
	if _, err := ReadPrebuilt(plain); err == nil {
		t.Error("ReadPrebuilt read the form without compiled rules")
	}
}

func roundTrip(t *testing.T, p *Pack, appendBinary func(p *Pack) ([]byte, error), readBinary func([]byte) (*Pack, error)) {
	bin, err := appendBinary(p)
	if err != nil {
		t.Fatal(err)
	}
	again, err := appendBinary(p)
	if err != nil || !bytes.Equal(bin, again) {
		t.Fatalf("two writes of one pack differ (%v)", err)
	}
	got, err := readBinary(bin)
	if err != nil {
		t.Fatal(err)
	}
	want := *p
	want.Rules = nil // the rules are compared through their findings below
	rs := got.Rules
	got.Rules = nil
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("read back differs from the parsed pack")
	}
	for _, s := range p.Specs {
		for _, ex := range append(s.Examples.Flag, s.Examples.Pass...) {
			a, b := p.Rules.Check(ex, ""), rs.Check(ex, "")
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("rule %s on %q: parsed %v, read back %v", s.ID, ex, a, b)
			}
		}
	}
}

// TestBinaryFields fails when a field is added to a type the binary form writes: add it to
// AppendBinary and ReadBinary, then the count here.
func TestBinaryFields(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{{Pack{}, 11}, {Segment{}, 6}, {Template{}, 8}, {Variant{}, 3}, {Case{}, 8}, {rules.Spec{}, 19}, {rules.Examples{}, 2}} {
		if got := reflect.TypeOf(c.v).NumField(); got != c.want {
			t.Errorf("%T has %d fields, the binary form writes %d", c.v, got, c.want)
		}
	}
}

// TestBinaryDamaged: every cut of a good form, and a form with a byte changed, is an
// error or a pack, never a panic; a cut form is always an error.
func TestBinaryDamaged(t *testing.T) {
	p := binaryCases(t)["vector-test"]
	for _, form := range binaryForms {
		bin, err := form.write(p)
		if err != nil {
			t.Fatal(err)
		}
		ReadBinary := form.read
		for n := 0; n < len(bin); n += 1 + n/50 {
			if _, err := ReadBinary(bin[:n]); err == nil {
				t.Fatalf("a form cut to %d of %d bytes was read", n, len(bin))
			}
		}
		for k := len(binaryMagic); k < len(bin); k++ {
			damaged := bytes.Clone(bin)
			damaged[k] ^= 0x55
			if q, err := ReadBinary(damaged); err == nil {
				q.Rules.Check("Гарантирую одобрение, звоните 8 916 123-45-67.", "")
			}
		}
		if _, err := ReadBinary(append(bytes.Clone(bin), 0)); err == nil {
			t.Fatal("a byte left over was not refused")
		}
	}
}

// TestBinaryDamagedCount: a count that claims a million segments, with bytes left for none,
// is an error before it claims memory for them (it set aside 104 MB before).
func TestBinaryDamagedCount(t *testing.T) {
	for _, magic := range []string{binaryMagic, compiledMagic} {
		data := append([]byte(magic), 0, 0, 0, 0, 0, 0) // five empty strings, no signals
		data = binary.AppendUvarint(data, 1<<20+1)
		data = append(data, bytes.Repeat([]byte{0xff}, 1<<20)...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err1 := ReadBinary(data)
		_, err2 := ReadPrebuilt(data)
		runtime.ReadMemStats(&after)
		if err1 == nil || err2 == nil {
			t.Fatal("a damaged count was read")
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
			t.Errorf("reading 1 MB of damage allocated %d MB", grew>>20)
		}
	}
}

func FuzzReadBinary(f *testing.F) {
	for _, p := range binaryCases(f) {
		bin, _ := p.AppendBinary(nil)
		compiled, _ := AppendCompiledBinary(nil, p)
		if len(bin) < 4096 {
			f.Add(bin)
			f.Add(compiled)
		}
		f.Add(bin[:min(len(bin), 300)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, form := range binaryForms {
			p, err := form.read(data)
			if err == nil {
				if _, err := p.AppendBinary(nil); err != nil {
					t.Fatal(err)
				}
				p.Rules.Check("Гарантирую одобрение, звоните 8 916 123-45-67.", "")
			}
		}
	})
}

// BenchmarkReadBinary reads the benchmark's 10,000-entry pack (make bench writes it) from
// its JSON and from its binary form, side by side.
func BenchmarkReadBinary(b *testing.B) {
	data, err := os.ReadFile("../../build/bench/corpus-10000.json")
	if err != nil {
		b.Skip("no build/bench/corpus-10000.json: run make bench once")
	}
	p, problems := ParseTrusted(data)
	if problems != nil {
		b.Fatal(problems)
	}
	bin, err := p.AppendBinary(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("json", func(b *testing.B) {
		for range b.N {
			ParseTrusted(data)
		}
	})
	b.Run("binary", func(b *testing.B) {
		for range b.N {
			if _, err := ReadBinary(bin); err != nil {
				b.Fatal(err)
			}
		}
	})
}
