package packs_test

import (
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/knowledge/packs"
	"github.com/sufler/sufler/rules"
)

// BenchmarkCheckDefaultPacks checks a 2,000-character reply made of the default packs'
// own flag examples against each default pack's rules: many findings, each with its
// replacements fitted (agreement through the dictionary, capitals, seams).
func BenchmarkCheckDefaultPacks(b *testing.B) {
	var sets []*rules.Set
	var sb strings.Builder
	for _, data := range packs.Default() {
		p, problems := pack.Parse(data)
		if len(problems) > 0 {
			b.Fatal(problems)
		}
		sets = append(sets, p.Rules)
		for _, sp := range p.Specs {
			for _, ex := range sp.Examples.Flag {
				sb.WriteString(ex + " ")
			}
		}
	}
	text := string([]rune(sb.String())[:2000])
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range sets {
			s.Check(text, "")
		}
	}
}
