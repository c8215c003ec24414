package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"time"
)

// slowRegex is the attack in miniature: counted repeats of optional letters, which
// keep a thousand NFA threads alive at every byte, and no literal for the prefilter to wait
// for. alts of them make a 22 KB expression (at 700) that compiled to two million
// instructions and made a three-sentence check take 3 s natively (about 10 s in the
// extension) before the limits.
func slowRegex(alts int) string {
	return strings.Repeat(`(?:[а-я ,]?){999}[0-9a-z]{40}|`, alts) + "ъъъъ"
}

// TestRegexLimits: a regex too long, too large once compiled or anchored with ^ is refused
// with a problem that says why, before it is compiled.
func TestRegexLimits(t *testing.T) {
	tests := []struct {
		regex string
		want  string // in the problem; "" for none
	}{
		{slowRegex(700), "bytes; a regex may be at most 1024"},
		{slowRegex(1), "compiles to about 2045 instructions; a regex may have at most 1000"},
		{`[а-я]{1000}`, "compiles to about 1002 instructions"},
		{`(?:[а-я ,]?){498}[0-9a-z]{2}`, ""}, // 1000: just fits
		{`^ну`, `^ and \A`},
		{`да|(?m:^)нет`, `^ and \A`},
		{`\Aну`, `^ and \A`},
		{`нет$`, ""}, // the end of a sentence is the end of what the regex sees
		{`!{2,}`, ""},
	}
	for _, tt := range tests {
		s := spec("re", "regex")
		s.Regex = tt.regex
		s.Examples.Flag = []string{"x"}
		_, probs := compileRule(&s, "[0]", true)
		got := ""
		for _, p := range probs {
			if p.Path == "[0].regex" {
				got = p.Problem
			}
		}
		short := tt.regex[:min(len(tt.regex), 40)]
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%q: refused: %s", short, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("%q: problem %q, want it to say %q", short, got, tt.want)
		}
	}
}

// TestProgSize: the estimate regexLimit refuses by is the size regexp/syntax compiles to.
func TestProgSize(t *testing.T) {
	for _, src := range []string{`!{2,}`, `\){2,}|😂|:d{2,}`, `[\x{1F300}-\x{1FAFF}]|[:;]-?[)(]|\){3,}`,
		`100\s*%\s*(уверен|гарант)|(одобр|выплат)\S*\s+на\s*100\s*%|на все сто`,
		`(?:[а-я ,]?){999}[0-9a-z]{40}`, `[а-я]{1000}`, `(a|b){3,7}`, `(?:a{3}){4,}`, `x*?y+?z??`,
		`(?i)гарант`, `((a)(b))+`, `a{0,5}`, `a{1,}`, `a{0}`, `(?:ab|cd|ef){2,}`, `(?:x|)+y`} {
		tree, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(tree.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		if got := progSize(tree) + 2; got != int64(len(prog.Inst)) {
			t.Errorf("progSize(%q) + 2 = %d, regexp/syntax compiles %d instructions", src, got, len(prog.Inst))
		}
	}
}

// TestPackLimits: too many rules or patterns are refused before anything compiles, and
// the regexes of a pack are bounded together.
func TestPackLimits(t *testing.T) {
	many := make([]Spec, MaxRules+1)
	_, probs := Compile(many)
	if len(probs) != 1 || probs[0].Path != "[1000]" || !strings.Contains(probs[0].Problem, "at most 1000") {
		t.Errorf("%d rules: %v", len(many), probs)
	}

	pats := make([]string, 600)
	for i := range pats {
		pats[i] = fmt.Sprintf("слово%d", i)
	}
	var specs []Spec
	for i := range 9 {
		specs = append(specs, spec(fmt.Sprintf("r%d", i), "sequence", pats...))
	}
	_, probs = Compile(specs)
	if len(probs) != 1 || probs[0].Path != "[8]" || !strings.Contains(probs[0].Problem, "reach 5400") {
		t.Errorf("5400 patterns: %v", probs)
	}

	// Five regexes of 1000 instructions each: every one fits, the fifth takes the pack past.
	specs = nil
	for i := range MaxRegexPack/MaxRegexProgram + 1 {
		s := spec(fmt.Sprintf("big%d", i), "regex")
		s.Regex = fmt.Sprintf(`(?:[а-я ,]?){498}[0-9a-z]{%d}`, 1+i%2)
		s.Examples.Flag = []string{"ааа 01"}
		specs = append(specs, s)
	}
	_, probs = CompileTrusted(specs)
	if len(probs) != 1 || probs[0].Path != fmt.Sprintf("[%d].regex", MaxRegexPack/MaxRegexProgram) || !strings.Contains(probs[0].Problem, fmt.Sprintf("at most %d", MaxRegexPack)) {
		t.Errorf("%d large regexes: %v", len(specs), probs)
	}
}

// TestScanIsFindAll: matching one match at a time finds what FindAllStringIndex finds.
func TestScanIsFindAll(t *testing.T) {
	texts := []string{
		"да, нет, да и нет!!! ну?? а)))", "аааа", "", "ну. ну! ну?", "🙂🙂 x 🙂", strings.Repeat("ab", 50),
	}
	for _, src := range []string{`да|нет`, `а*`, `!+|\?+`, `[^ ]*`, `(?:a|ab)(?:c|bcd)?`, `\)+$`, `(?m)н$`, `.`, `x*`, `🙂+`} {
		for _, text := range texts {
			if got, want := scanAll(t, src, text), findAll(src, text); !slices.Equal(got, want) {
				t.Errorf("%q in %q: scan %v, FindAll %v", src, text, got, want)
			}
		}
	}
}

// scanAll runs regex src's scan over text as one sentence and returns its spans as offsets.
func scanAll(t testing.TB, src, text string) []int {
	t.Helper()
	re, err := regexp.Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	m := &regex{re: re, insts: 1}
	tx := Analyze("")
	defer tx.Release()
	tx.norm = text
	out := []int{}
	for _, s := range m.scan(tx, span{0, int32(len(text))}, &filters{}, nil) {
		out = append(out, int(s.a), int(s.b))
	}
	return out
}

// findAll is what the regex rule did before limits: FindAll, non-empty matches only.
func findAll(src, text string) []int {
	out := []int{}
	for _, loc := range regexp.MustCompile(src).FindAllStringIndex(text, -1) {
		if loc[0] < loc[1] {
			out = append(out, loc...)
		}
	}
	return out
}

// TestWorkLimit: a regex whose run over a sentence would cost more than MaxRegexWork is
// skipped and named, the other rules still answer, and the outcome is the same every
// time (the native server and the wasm engine must agree).
func TestWorkLimit(t *testing.T) {
	big := spec("big", "regex")
	big.Regex = `(?:[а-я ,]?){498}[0-9a-z]{2}` // 1000 instructions, no literal to wait for
	marks := spec("marks", "regex")
	marks.Regex = `!{2,}`
	set := mustSet(t, big, marks)
	long := strings.Repeat("слово ", MaxRegexWork/1000/len("слово ")+1) + "!!"
	for range 2 {
		tx := Analyze(long)
		fs := set.CheckText(tx, "")
		if skipped := tx.Skipped(); !slices.Equal(skipped, []string{"big"}) {
			t.Errorf("skipped %v, want [big]", skipped)
		}
		if len(fs) != 1 || fs[0].Rule != "marks" {
			t.Errorf("findings %+v, want the marks rule's one", fs)
		}
		tx.Release()
	}
	tx := Analyze("ааа 01. " + long[:1000])
	defer tx.Release()
	if fs := set.CheckText(tx, ""); len(fs) != 1 || len(tx.Skipped()) != 0 {
		t.Errorf("short text: findings %+v, skipped %v", fs, tx.Skipped())
	}
}

// TestCheckDeadline: past its deadline a check skips every rule left, names them, and
// reports no half-done rule's hits.
func TestCheckDeadline(t *testing.T) {
	set := fuzzSet(t)
	tx := Analyze("Я не знаю!! Гарантируем 100% 🙂")
	defer tx.Release()
	tx.SetDeadline(time.Now().Add(-time.Second))
	if fs := set.CheckText(tx, ""); len(fs) != 0 {
		t.Errorf("past the deadline: %d findings", len(fs))
	}
	want := []string{}
	for _, r := range set.Rules() {
		if !slices.Contains(want, r.ID) {
			want = append(want, r.ID)
		}
	}
	if got := tx.Skipped(); !slices.Equal(got, want) {
		t.Errorf("skipped %v, want every rule %v", got, want)
	}
	// The next check of the pooled Text starts with a fresh budget.
	tx2 := Analyze("Я не знаю!!")
	defer tx2.Release()
	if fs := set.CheckText(tx2, ""); len(fs) == 0 || len(tx2.Skipped()) != 0 {
		t.Errorf("fresh check: %d findings, skipped %v", len(fs), tx2.Skipped())
	}
}

// TestExamplesTimeout: a pack whose examples run past ExamplesTimeout is refused with a
// problem naming the rule that was running, and no later rule's examples run.
func TestExamplesTimeout(t *testing.T) {
	defer func(d time.Duration) { ExamplesTimeout = d }(ExamplesTimeout)
	ExamplesTimeout = 100 * time.Millisecond
	ok := spec("quick", "sequence", "не знаю")
	ok.Examples.Flag = []string{"я не знаю"}
	slow := spec("slow", "regex")
	slow.Regex = `(?:[а-я ,]?){498}[0-9a-z]{2}`
	slow.Examples.Flag = []string{"ааа 01"}
	// Each pass example costs up to 7.7M units of work (~0.15 s); 200 of them take half a minute.
	long := strings.Repeat("слово ", 700)
	for range 200 {
		slow.Examples.Pass = append(slow.Examples.Pass, long)
	}
	after := spec("after", "sequence", "знаю")
	after.Examples.Flag = []string{"не flagged"} // would be a problem if it ran
	start := time.Now()
	_, probs := Compile([]Spec{ok, slow, after})
	took := time.Since(start)
	if len(probs) != 1 || probs[0].Path != "[1].examples" || !strings.Contains(probs[0].Problem, `rule "slow"`) {
		t.Fatalf("problems %v, want one at [1].examples naming the slow rule", probs)
	}
	t.Logf("refused after %v: %s", took, probs[0].Problem)
}

// FuzzRegexLimit: for any expression, regexLimit never panics; one it accepts compiles to
// no more than its estimate says (so the limit cannot be slipped past); and scanning finds
// exactly the non-empty matches FindAll finds, in any text.
func FuzzRegexLimit(f *testing.F) {
	for _, s := range [][2]string{
		{`да|нет`, "да, нет! да"}, {`а*`, "аааа б"}, {`(?:a|ab)(?:c|bcd)?`, "abcd abc"},
		{`\)+$`, "ну))) да)))"}, {`(?m)н$`, "он\nон"}, {`x{2,5}?`, "xxxxxxx"}, {`(?i)Г`, "гГ"},
		{`(?:[а-я ,]?){300}[0-9]{2}`, "ааа 12"}, {`[^\n]`, "\xff\xfe"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, src, text string) {
		msg, insts := regexLimit(src)
		if msg != "" {
			return
		}
		tree, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			return
		}
		prog, err := syntax.Compile(tree.Simplify())
		if err != nil {
			return
		}
		if len(prog.Inst) > insts+insts/8+4 {
			t.Fatalf("%q: estimated %d instructions, compiles to %d", src, insts, len(prog.Inst))
		}
		if got, want := scanAll(t, src, text), findAll(src, text); !slices.Equal(got, want) {
			t.Fatalf("%q in %q: scan %v, FindAll %v", src, text, got, want)
		}
	})
}
