package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// kinds maps a rule kind to its constructor; kindNames lists them for error messages.
var (
	kindNames = []string{"sequence", "regex", "count", "pii"}
	kinds     = map[string]func(sp *Spec, at string) (matcher, []Problem){
		"sequence": newSequence,
		"regex":    newRegex,
		"count":    newCount,
		"pii":      newPII,
	}
)

// Compile validates and compiles specs. Problems carry paths relative to the rules
// array ("[3].patterns[0]: unknown token \"~x\""); besides the fields, Compile runs each
// rule's examples: a flag example it misses and a pass example it flags are problems.
// The Set holds the rules that compiled cleanly; callers should treat any problem as
// a reason to reject the whole list.
func Compile(specs []Spec) (*Set, []Problem) {
	return compile(specs, true)
}

// CompileTrusted is Compile without the examples (neither run nor required), for packs whose
// examples already ran: the embedded default packs, whose examples run in the project's own
// tests and which ship without them, and a pack loaded from the image this engine made of
// it. It keeps them out of the engine's start-up. A pack a user imports always goes
// through Compile.
func CompileTrusted(specs []Spec) (*Set, []Problem) {
	return compile(specs, false)
}

func compile(specs []Spec, examples bool) (*Set, []Problem) {
	if probs := packLimits(specs); len(probs) > 0 {
		return newSet(nil), probs // too many to compile, let alone run
	}
	var rules []*rule
	var probs []Problem
	firstByID := map[string]int{}
	total := 0                                  // regex program sizes so far
	deadline := time.Now().Add(ExamplesTimeout) // for all the examples together
	late := false
	for i := range specs {
		sp := &specs[i]
		at := "[" + strconv.Itoa(i) + "]" // not fmt: a start compiles every default rule
		var ps []Problem
		if j, dup := firstByID[sp.ID]; dup && sp.ID != "" {
			ps = append(ps, Problem{Path: at + ".id", Problem: fmt.Sprintf("duplicate: the rule at [%d] has this id", j)})
		} else if sp.ID != "" {
			firstByID[sp.ID] = i
		}
		r, more := compileRule(sp, at, examples)
		ps = append(ps, more...)
		if n := regexSize(r.m); n > 0 && len(more) == 0 {
			if total += n; total > MaxRegexPack {
				ps = append(ps, Problem{Path: at + ".regex", Problem: fmt.Sprintf("the pack's regexes compile to %d instructions together, this one included; a pack may have at most %d", total, MaxRegexPack)})
			}
		}
		if len(ps) == 0 && examples && !late {
			ps, late = r.runExamples(sp, at, deadline)
		}
		if len(ps) == 0 {
			rules = append(rules, r)
		}
		for k := range ps {
			ps[k].Kind, ps[k].ID = "rule", sp.ID
		}
		probs = append(probs, ps...)
	}
	return newSet(rules), probs
}

// compileRule checks one spec field by field and builds its rule; with examples, the
// examples must be there and well formed (compile runs them).
func compileRule(sp *Spec, at string, examples bool) (*rule, []Problem) {
	var probs []Problem
	add := func(field, msg string, args ...any) {
		probs = append(probs, Problem{Path: at + field, Problem: fmt.Sprintf(msg, args...)})
	}
	switch {
	case sp.ID == "":
		add(".id", "missing")
	case !isSlug(sp.ID):
		add(".id", "%q: use lowercase latin letters, digits and hyphens", sp.ID)
	}
	newKind, kindOK := kinds[sp.Kind]
	switch {
	case sp.Kind == "":
		add(".kind", "missing (%s)", strings.Join(kindNames, ", "))
	case !kindOK:
		add(".kind", "unknown kind %q (%s)", sp.Kind, strings.Join(kindNames, ", "))
	}
	switch {
	case sp.Category == "":
		add(".category", "missing")
	case !isSlug(sp.Category):
		add(".category", "%q: use a lowercase id such as promise or pii", sp.Category)
	}
	if SeverityRank(sp.Severity) == 0 {
		add(".severity", "must be error, warning or hint")
	}
	if strings.TrimSpace(sp.Message) == "" {
		add(".message", "missing: say in one sentence what is wrong")
	}
	if strings.TrimSpace(sp.Why) == "" {
		add(".why", "missing: name the policy behind the rule")
	}
	takes := func(field string, present bool, owners ...string) {
		if present && kindOK && !slices.Contains(owners, sp.Kind) {
			add("."+field, "only %s rules take %s", strings.Join(owners, " and "), field)
		}
	}
	takes("patterns", len(sp.Patterns) > 0, "sequence", "count")
	takes("regex", sp.Regex != "", "regex")
	takes("max", sp.Max != 0, "count")
	takes("detector", sp.Detector != "", "pii")
	takes("allow", len(sp.Allow) > 0, "pii")

	r := &rule{info: RuleInfo{ID: sp.ID, Kind: sp.Kind, Category: sp.Category, Severity: sp.Severity, Message: sp.Message, Why: sp.Why}}
	if kindOK {
		m, ps := newKind(sp, at)
		r.m = m
		probs = append(probs, ps...)
	}
	switch sp.Anchor {
	case "":
	case "sentence-start":
		r.f.sentenceStart = true
	default:
		add(".anchor", "unknown anchor %q (sentence-start)", sp.Anchor)
	}
	var ps []Problem
	var patterns []*Pattern
	if a, ok := r.m.(anchored); ok {
		patterns = a.anchors()
	}
	r.f.scope, ps = compileScope(sp, patterns, at)
	probs = append(probs, ps...)
	r.f.except, ps = compilePatterns(sp.Exceptions, at+".exceptions", false)
	probs = append(probs, ps...)
	r.f.before, ps = compilePatterns(sp.UnlessBefore, at+".unless_before", false)
	probs = append(probs, ps...)
	r.f.after, ps = compilePatterns(sp.UnlessAfter, at+".unless_after", false)
	probs = append(probs, ps...)
	r.repl, ps = compileReplacements(sp.Replacements, at+".replacements")
	probs = append(probs, ps...)
	if examples {
		probs = append(probs, checkTexts(sp.Examples.Flag, at+".examples.flag", true)...)
		probs = append(probs, checkTexts(sp.Examples.Pass, at+".examples.pass", false)...)
	}
	return r, probs
}

// compileReplacements checks the replacement lists. An entry is inserted in place of the hit as it
// stands; "" means "remove the words" (the UI offers «Убрать»), so advice never lands in a reply.
// Whitespace-only entries and advice in brackets are refused: they would be pasted literally.
func compileReplacements(m map[string][]string, at string) (map[string][]string, []Problem) {
	var probs []Problem
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make(map[string][]string, len(m))
	for _, k := range keys {
		if strings.TrimSpace(k) == "" {
			probs = append(probs, Problem{Path: at, Problem: "empty segment id; use \"default\" or a segment id"})
			continue
		}
		if len(m[k]) == 0 {
			probs = append(probs, Problem{Path: at + "." + k, Problem: "empty list"})
		}
		for j, s := range m[k] {
			switch {
			case s != "" && strings.TrimSpace(s) == "":
				probs = append(probs, Problem{Path: fmt.Sprintf("%s.%s[%d]", at, k, j), Problem: `only spaces; use "" to mean "remove the words"`})
			case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
				probs = append(probs, Problem{Path: fmt.Sprintf("%s.%s[%d]", at, k, j), Problem: `advice in brackets would be pasted into the reply; put advice in "message" and use "" to mean "remove the words"`})
			case badPlaceholder(s) != "":
				probs = append(probs, Problem{Path: fmt.Sprintf("%s.%s[%d]", at, k, j), Problem: fmt.Sprintf("malformed placeholder %q: write {{name}} with a lowercase latin name, as templates do", badPlaceholder(s))})
			case slices.Index(m[k], s) < j:
				probs = append(probs, Problem{Path: fmt.Sprintf("%s.%s[%d]", at, k, j), Problem: fmt.Sprintf("duplicate of [%d]", slices.Index(m[k], s))})
			}
		}
		out[k] = slices.Clone(m[k])
	}
	return out, probs
}

// badPlaceholder returns the first malformed {{placeholder}} of s ("{{ Имя }}", "{{x"),
// or "". A replacement's placeholders are walked by the extension as a template's are.
func badPlaceholder(s string) string {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if j := strings.Index(s, "}}"); j >= 0 {
				return s[max(0, j-10) : j+2]
			}
			return ""
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return s[i:min(len(s), i+12)]
		}
		name := s[i+2 : i+j]
		if !IsVarName(name) {
			return s[i : i+j+2]
		}
		s = s[i+j+2:]
	}
}

// IsVarName reports whether s has the form of a template variable, [a-z][a-z0-9_]*
// ({{customer_name}}): the one test the rules, the pack format and sufler-pack share. A loop
// rather than a regexp: every placeholder of every variant of a pack goes through it, and
// regexp was a tenth of reading a large pack in wasm.
func IsVarName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// checkTexts checks an examples list: no blank texts, and flag examples are required.
func checkTexts(texts []string, at string, required bool) []Problem {
	if required && len(texts) == 0 {
		return []Problem{{Path: at, Problem: "missing: give at least one text the rule must flag"}}
	}
	var probs []Problem
	for j, s := range texts {
		if strings.TrimSpace(s) == "" {
			probs = append(probs, Problem{Path: fmt.Sprintf("%s[%d]", at, j), Problem: "empty"})
		}
	}
	return probs
}

// runExamples checks the rule against its own examples, as LanguageTool tests its rules.
// Every example must run within the check's limits, and all of a pack's examples before
// deadline; late reports that the deadline passed (the problem names this rule), after
// which the caller runs no more examples.
func (r *rule) runExamples(sp *Spec, at string, deadline time.Time) (probs []Problem, late bool) {
	one := newSet([]*rule{r})
	check := func(path, text string) ([]Finding, bool) {
		if !time.Now().Before(deadline) {
			probs = append(probs, Problem{Path: at + ".examples", Problem: fmt.Sprintf("rule %q: the pack's examples took more than %v to run, and this rule's were still running; a rule must be quick enough to run on every keystroke", sp.ID, ExamplesTimeout)})
			late = true
			return nil, false
		}
		t := Analyze(text)
		defer t.Release()
		if d := time.Now().Add(CheckTimeout); d.Before(deadline) {
			t.SetDeadline(d)
		} else {
			t.SetDeadline(deadline)
		}
		fs := one.CheckText(t, "")
		if len(t.lim.skipped) > 0 {
			probs = append(probs, Problem{Path: path, Problem: fmt.Sprintf("rule %q ran out of its budget on this example (a check may take %v, one run of a regex %d program instructions × sentence bytes); make it simpler", sp.ID, CheckTimeout, MaxRegexWork)})
			return nil, false
		}
		return fs, true
	}
	for j, text := range sp.Examples.Flag {
		path := fmt.Sprintf("%s.examples.flag[%d]", at, j)
		fs, ok := check(path, text)
		if !ok { // one problem says it: the rest would only repeat it
			return probs, late
		}
		if len(fs) == 0 {
			probs = append(probs, Problem{Path: path, Problem: "not flagged"})
		}
	}
	for j, text := range sp.Examples.Pass {
		path := fmt.Sprintf("%s.examples.pass[%d]", at, j)
		fs, ok := check(path, text)
		if !ok {
			return probs, late
		}
		if len(fs) > 0 {
			quoted := make([]string, len(fs))
			for k, f := range fs {
				quoted[k] = "«" + f.Match + "»"
			}
			probs = append(probs, Problem{Path: path, Problem: "flagged " + strings.Join(quoted, ", ")})
		}
	}
	return probs, false
}

// isSlug reports whether s is a lowercase id: latin letters and digits, joined by single hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
