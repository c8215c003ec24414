package knowledge

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/internal/gen"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
)

// Benchmarks run on packs from internal/gen (Russian words in several forms, 70 % templates,
// 30 % cases, three segments) and on the default packs. The engine's budget in wasm is:
// 10k entries indexed in 2 s, search p95 3 ms, 150 MB of memory; native numbers here are
// the baseline the wasm bench compares with.
//
//	go test ./knowledge -run '^$' -bench . -benchmem

var benchSizes = []int{1000, 10000}

var (
	genOnce  sync.Once
	genPacks map[int][]byte
)

func benchPack(n int) []byte {
	genOnce.Do(func() {
		genPacks = map[int][]byte{}
		for _, size := range benchSizes {
			genPacks[size] = gen.Pack(gen.Entries(fmt.Sprintf("bench-%d", size), size, 1))
		}
	})
	return genPacks[n]
}

// Queries an agent might type, and customer messages, in the generator's vocabulary.
var (
	benchQueries  = []string{"задержали груз", "счёт на оплату", "таможенная декларация", "повреждённая упаковка", "где посылка", "срок доставки заказа", "возврат товара", "документы для склада"}
	benchMessages = []string{
		"Добрый день! Где мой груз? Обещали доставить вчера, а статуса нет.",
		"Пришлите, пожалуйста, счёт и накладную по заявке, нужно оплатить до пятницы.",
		"Коробки пришли мятые, упаковка мокрая, товар повреждён. Что делать с претензией?",
		"Почему так долго проверяют декларацию на таможне? Контейнер стоит неделю.",
	}
)

// cpuPerOp reports the process CPU time per op (cpu-ms/op) when the platform has it.
func cpuPerOp(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		if end, _ := processCPU(); ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, n := range benchSizes {
		data := benchPack(n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			defer cpuPerOp(b)()
			for b.Loop() {
				if _, problems := pack.Parse(data); problems != nil {
					b.Fatal(problems[0])
				}
			}
		})
	}
}

// BenchmarkIndex is the index build alone; BenchmarkPut adds parsing and the swap, and
// reports the heap a loaded pack keeps (MB-kept) and the peak while loading (MB-peak).
func BenchmarkIndex(b *testing.B) {
	for _, n := range benchSizes {
		p, problems := pack.Parse(benchPack(n))
		if problems != nil {
			b.Fatal(problems[0])
		}
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			defer cpuPerOp(b)()
			for b.Loop() {
				idx, err := index.Build(p, nil)
				if err != nil {
					b.Fatal(err)
				}
				idx.Close()
			}
		})
	}
}

func BenchmarkPut(b *testing.B) {
	inputs := map[string][][]byte{"default-packs": packs.Default()}
	names := []string{"default-packs"}
	for _, n := range benchSizes {
		name := fmt.Sprintf("entries=%d", n)
		inputs[name] = [][]byte{benchPack(n)}
		names = append(names, name)
	}
	for _, name := range names {
		datas := inputs[name]
		b.Run(name, func(b *testing.B) {
			var kept, peak float64
			defer cpuPerOp(b)()
			for b.Loop() {
				before := heapInUse()
				stopPeak := watchPeak()
				base := NewBase()
				for _, data := range datas {
					if _, problems, err := base.Put(data); err != nil {
						b.Skip(err, problems) // a default pack in the middle of an edit
					}
				}
				p := stopPeak()
				kept = max(kept, float64(heapInUse()-before)/(1<<20))
				peak = max(peak, float64(p-before)/(1<<20))
				base.Close()
			}
			b.ReportMetric(kept, "MB-kept")
			b.ReportMetric(peak, "MB-peak")
		})
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// watchPeak samples the heap every millisecond until the returned func is called, which
// returns the highest HeapInuse seen.
func watchPeak() func() uint64 {
	done := make(chan struct{})
	res := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}

// latencies runs f over rotating inputs and reports the 95th percentile in µs besides ns/op.
func latencies(b *testing.B, inputs []string, f func(string)) {
	defer cpuPerOp(b)()
	var ds []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		f(inputs[i%len(inputs)])
		ds = append(ds, time.Since(start))
		i++
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
}

func benchBase(b *testing.B, datas ...[]byte) *Base {
	base := NewBase()
	b.Cleanup(base.Close)
	for _, d := range datas {
		if _, problems, err := base.Put(d); err != nil {
			b.Fatal(err, problems)
		}
	}
	return base
}

// defaultBase loads the default packs that load; a pack in the middle of an edit is
// skipped with a note rather than failing the benchmarks of everything else.
func defaultBase(b *testing.B) *Base {
	base := NewBase()
	b.Cleanup(base.Close)
	n := 0
	for _, d := range packs.Default() {
		if _, _, err := base.Put(d); err != nil {
			b.Logf("default pack skipped: %v", err)
			continue
		}
		n++
	}
	if n == 0 {
		b.Skip("no default pack loads")
	}
	return base
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes {
		base := benchBase(b, benchPack(n))
		seg := fmt.Sprintf("bench-%d-s2", n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			latencies(b, benchQueries, func(q string) {
				if _, err := base.Search(q, seg, "", DefaultLimit); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("entries=%d/all-segments", n), func(b *testing.B) {
			latencies(b, benchQueries, func(q string) {
				if _, err := base.Search(q, "", "", DefaultLimit); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("default-packs", func(b *testing.B) {
		base := defaultBase(b)
		latencies(b, benchQueries, func(q string) {
			if _, err := base.Search(q, "", "", DefaultLimit); err != nil {
				b.Fatal(err)
			}
		})
	})
}

func BenchmarkSuggest(b *testing.B) {
	for _, n := range benchSizes {
		base := benchBase(b, benchPack(n))
		seg := fmt.Sprintf("bench-%d-s1", n)
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			latencies(b, benchMessages, func(m string) {
				if _, err := base.Suggest("Добрый день! Груз", m, seg, 5); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("default-packs", func(b *testing.B) {
		base := defaultBase(b)
		latencies(b, benchMessages, func(m string) {
			if _, err := base.Suggest("Добрый день! Груз", m, "", 5); err != nil {
				b.Fatal(err)
			}
		})
	})
}

func BenchmarkGuessSegment(b *testing.B) {
	b.Run("default-packs", func(b *testing.B) {
		base := defaultBase(b)
		latencies(b, benchMessages, func(m string) { base.GuessSegment(m) })
	})
}

func BenchmarkCheckAllPacks(b *testing.B) {
	b.Run("default-packs", func(b *testing.B) {
		base := defaultBase(b)
		latencies(b, benchMessages, func(m string) {
			if _, err := base.Check(m, ""); err != nil {
				b.Fatal(err)
			}
		})
	})
}
