package rules

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"time"
	"unicode/utf8"
)

// A pack comes from outside (an admin's import, a team hub), and its rules run on every
// keystroke inside the browser: a rule must never stall the engine. Three layers keep it
// bounded, from the cheapest to the last resort:
//
//  1. Sizes, checked before anything is compiled: rules and patterns per pack, a regex's
//     source and the size of its compiled program, and the programs of a pack together.
//     Go's regexp is linear in the text, but the factor is the program: a 22 KB
//     expression of nested counted repeats compiles to two million instructions and makes
//     a three-sentence check take seconds. These limits refuse it at import.
//  2. Work, counted while checking: one run of a regex over a sentence costs at most its
//     program size times the sentence's bytes. A run that would cost more than
//     MaxRegexWork is not started; the rule is skipped. This is deterministic, so the
//     native server and the wasm engine give the same answer.
//  3. Time: a check has CheckTimeout of wall time. Past it, the rule running is abandoned
//     and the rest are skipped. Checking a pack's examples at import has ExamplesTimeout.
//
// A skipped rule is never silent: Text.Skipped names it, and the API answers "skipped".

// Limits on one pack's rules. A pack past any of them is refused with a problem naming it.
const (
	// MaxRules is how many rules a pack may hold.
	MaxRules = 1000
	// MaxPatterns is how many sequence patterns a pack's rules may hold, exceptions and
	// unless_before/unless_after included.
	MaxPatterns = 5000
	// MaxRegexSource is the longest regex a rule may state, in bytes.
	MaxRegexSource = 1024
	// MaxRegexProgram is the largest compiled program one regex may have, in instructions.
	// The default packs' largest has about 140; a rule that needs more wants sequence patterns.
	MaxRegexProgram = 1000
	// MaxRegexPack is the largest the compiled programs of a pack's regexes may be together:
	// the default packs' come to about 200. At the worst a unit of program costs ~15 ns per
	// byte, so a pack at the limit spends ~15 ms on a three-sentence reply.
	MaxRegexPack = 4000
	// MaxRegexWork bounds one run of a regex over one sentence: program instructions times
	// the sentence's bytes. At the worst (every instruction alive at every byte) a unit
	// costs 15–25 ns natively (BenchmarkRegexWorstCase), so one run stays near a fifth of a
	// second, about three times that in wasm. A default-pack regex reaches it only on a
	// sentence over 60 KB; a maximal program on one of 8 KB.
	MaxRegexWork = 8 << 20
)

// CheckTimeout is the wall time one check may take before the rules not yet run are skipped.
// ExamplesTimeout is the wall time all examples of a pack may take at import; past it the
// pack is refused, naming the rule whose examples were running. They are variables so
// tests can make them short; nothing else should change them.
var (
	CheckTimeout    = 2 * time.Second
	ExamplesTimeout = 5 * time.Second
)

// clockEvery is how much estimated work (see budget.spend) passes between two reads of the
// clock: reading it costs a call into JavaScript in wasm, too much to do for every rule.
const clockEvery = 1 << 20

// SetMaxFindings tells a check over t that only the first n findings in text order will be
// kept (0, the default: all). Each rule then renders at most its first n hits, which is
// where a huge reply's time and memory went: 27,000 findings built, sorted and dropped.
func (t *Text) SetMaxFindings(n int) { t.lim.maxFindings = n }

// appendFindings renders rule r's hits (t.hits) as findings. With a cap of n findings, only
// the rule's first n distinct findings in text order can be among the check's first n, so
// only those are built.
func (t *Text) appendFindings(r *rule, segment string, out []Finding) []Finding {
	n := t.lim.maxFindings
	if n <= 0 || len(t.hits) <= n {
		for _, h := range t.hits {
			out = append(out, r.finding(t, h, segment))
		}
		return out
	}
	slices.SortFunc(t.hits, func(x, y span) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	from := len(out)
	for _, h := range t.hits {
		f := r.finding(t, h, segment)
		if k := len(out) - 1; k >= from && out[k].Start == f.Start && out[k].End == f.End {
			continue // the same words found twice: sortFindings would drop it
		}
		if out = append(out, f); len(out)-from == n {
			break
		}
	}
	return out
}

// budget is one check's allowance, kept in its Text so several sets checking one text
// (every pack, when no segment is chosen) share it.
type budget struct {
	deadline    time.Time // zero until the first rule runs
	work        int64     // estimated work done so far
	clockAt     int64     // work at which the clock is read next
	maxFindings int       // findings the caller keeps, 0 for all (SetMaxFindings)
	over        bool      // the deadline has passed: every rule left is skipped
	abandon     bool      // the running rule gave up; its hits do not count
	skipped     []string  // ids of the rules skipped, in the order they were
}

func (b *budget) reset() {
	*b = budget{skipped: b.skipped[:0]}
}

// SetDeadline sets when checking t must stop: rules not run by then are skipped. Without
// it a check has CheckTimeout from its first rule.
func (t *Text) SetDeadline(d time.Time) { t.lim.deadline = d }

// Skipped lists the ids of the rules a check over t skipped because they would have cost
// more than the limits allow, in the order they were skipped, each once.
func (t *Text) Skipped() []string {
	out := make([]string, 0, len(t.lim.skipped))
	for _, id := range t.lim.skipped {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// spend counts work and reports whether the check is out of time. The clock is read at
// the first call and then once per clockEvery of work, so a check of a short reply reads
// it once.
func (b *budget) spend(work int64) bool {
	if b.over {
		return true
	}
	b.work += work
	if b.deadline.IsZero() {
		b.deadline = time.Now().Add(CheckTimeout)
		b.clockAt = b.work + clockEvery
		return false
	}
	if b.work < b.clockAt {
		return false
	}
	b.clockAt = b.work + clockEvery
	b.over = !time.Now().Before(b.deadline)
	return b.over
}

// runRule runs rule r over t within the budget and reports whether its hits count; a rule
// that is not run, or gives up, is added to the skipped list.
func (t *Text) runRule(r *rule) bool {
	// A rule pass costs about a byte's worth per byte of text plus its fixed overhead.
	if t.lim.spend(int64(len(t.norm)) + 256) {
		t.lim.skipped = append(t.lim.skipped, r.info.ID)
		return false
	}
	t.hits = r.m.Run(t, &r.f, t.hits[:0])
	if t.lim.abandon {
		t.lim.abandon = false
		t.lim.skipped = append(t.lim.skipped, r.info.ID)
		return false
	}
	return true
}

// scan appends the matches of m in sentence w that survive the filters, as
// FindAllStringIndex would find them, one match at a time so that the budget is
// consulted between matches. Searching sent[pos:] finds what FindAll finds from pos
// because newRegex refuses ^ and \A, the only assertions that look behind pos (\b is
// refused too). Empty matches are dropped, as before.
func (m *regex) scan(t *Text, w span, f *filters, dst []span) []span {
	sent := t.norm[w.a:w.b]
	re := m.prog() // first: it sets insts for a rule read from a compiled form
	if int64(m.insts)*int64(len(sent)) > MaxRegexWork {
		t.lim.abandon = true
		return dst
	}
	for pos := 0; pos < len(sent); {
		if t.lim.spend(int64(m.insts) * int64(len(sent)-pos)) {
			t.lim.abandon = true
			return dst
		}
		loc := re.FindStringIndex(sent[pos:])
		if loc == nil {
			break
		}
		a, b := pos+loc[0], pos+loc[1]
		if a == b { // never flagged: step over it as FindAll does
			_, size := utf8.DecodeRuneInString(sent[b:])
			pos = b + max(size, 1)
			continue
		}
		if s := (span{w.a + int32(a), w.a + int32(b)}); f.keep(t, s) {
			dst = append(dst, s)
		}
		pos = b
	}
	return dst
}

// packLimits checks the counts a pack's rules may not exceed, before any of them is
// compiled. The problem points at the first rule past the limit.
func packLimits(specs []Spec) []Problem {
	if len(specs) > MaxRules {
		return []Problem{{Path: fmt.Sprintf("[%d]", MaxRules), Problem: fmt.Sprintf("%d rules; a pack may hold at most %d", len(specs), MaxRules)}}
	}
	n := 0
	for i := range specs {
		sp := &specs[i]
		if n += len(sp.Patterns) + len(sp.Exceptions) + len(sp.UnlessBefore) + len(sp.UnlessAfter); n > MaxPatterns {
			return []Problem{{Path: fmt.Sprintf("[%d]", i), Problem: fmt.Sprintf("the pack's patterns reach %d with this rule; its rules may hold at most %d (patterns, exceptions, unless_before and unless_after together)", n, MaxPatterns)}}
		}
	}
	return nil
}

// regexLimit checks a regex's source before it is compiled: its size, the size of the
// program it would compile to, and the anchors that cannot work sentence by sentence.
// It returns the problem, or "" and the program size.
func regexLimit(src string) (string, int) {
	if len(src) > MaxRegexSource {
		return fmt.Sprintf("%d bytes; a regex may be at most %d: split it into several rules or use sequence patterns", len(src), MaxRegexSource), 0
	}
	tree, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return "", 0 // regexp.Compile reports it, in its own words
	}
	if hasBeginAnchor(tree) {
		return `^ and \A: the regex runs sentence by sentence; use "anchor": "sentence-start" to keep hits that begin a sentence`, 0
	}
	size := progSize(tree) + 2 // the program's fail and match
	if size > MaxRegexProgram {
		return fmt.Sprintf("compiles to about %d instructions; a regex may have at most %d (counted repeats such as {500} multiply it): use sequence patterns or a smaller expression", size, MaxRegexProgram), 0
	}
	return "", int(size)
}

// hasBeginAnchor reports whether re holds ^ or \A.
func hasBeginAnchor(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginLine || re.Op == syntax.OpBeginText {
		return true
	}
	for _, sub := range re.Sub {
		if hasBeginAnchor(sub) {
			return true
		}
	}
	return false
}

// progSize estimates how many instructions regexp compiles re to, from the parsed tree
// and without expanding repeats (expanding x{1000}{…} is what would take the time). It
// follows regexp/syntax's compiler closely; regexLimit's tests compare the two. It
// saturates well above any limit, so it never overflows.
func progSize(re *syntax.Regexp) int64 {
	const ceiling = 1 << 40
	sum := func(subs []*syntax.Regexp) int64 {
		var n int64
		for _, s := range subs {
			n = min(n+progSize(s), ceiling)
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		return int64(len(re.Rune))
	case syntax.OpCapture:
		return 2 + progSize(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return 1 + progSize(re.Sub[0])
	case syntax.OpRepeat:
		s, n, m := progSize(re.Sub[0]), int64(re.Min), int64(re.Max)
		if m == -1 { // x{n,}: n copies, the last one looping
			return min(max(n, 1)*s+1, ceiling)
		}
		return min(max(n*s+(m-n)*(s+1), 1), ceiling) // x{n,m}: m copies, m-n of them optional
	case syntax.OpConcat:
		return sum(re.Sub)
	case syntax.OpAlternate:
		return min(sum(re.Sub)+int64(len(re.Sub)-1), ceiling)
	}
	return 1 // a class, any char, an assertion, empty
}

// regexSize returns the program size of m when it is a regex rule, else 0.
func regexSize(m matcher) int {
	if re, ok := m.(*regex); ok {
		return re.insts
	}
	return 0
}
