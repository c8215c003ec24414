package rules

import (
	"strings"
	"testing"
)

// BenchmarkRegexWorstCase measures what one unit of MaxRegexWork costs at the worst: a
// program of MaxRegexProgram instructions, every one alive at every byte, over a sentence
// as long as the limit allows. It reports ns/unit, the figure the limits are set from
// (go test ./rules -run '^$' -bench RegexWorstCase).
func BenchmarkRegexWorstCase(b *testing.B) {
	s := spec("worst", "regex")
	s.Regex = `(?:[а-я ,]?){498}[0-9a-z]{2}` // 1000 instructions, no literal to wait for
	set := mustSet(b, s)
	text := strings.Repeat("слово ", MaxRegexWork/MaxRegexProgram/len("слово "))
	units := float64(MaxRegexProgram * len(Normalize(text)))
	b.ResetTimer()
	for range b.N {
		tx := Analyze(text)
		set.CheckText(tx, "")
		if len(tx.Skipped()) > 0 {
			b.Fatal("skipped: the text is over the limit")
		}
		tx.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/units, "ns/unit")
}
