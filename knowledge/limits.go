package knowledge

import (
	"fmt"
	"time"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
	"github.com/tidwall/gjson"
)

// What a pack may cost is bounded where it is loaded and where it answers, so that no pack
// can stall the engine or flood the page: rules.Compile bounds the rules (see
// rules/limits.go), knowledge/pack the segment signals; this file bounds the findings of
// one answer, and keeps the built-in packs from being replaced by an import that happens to reuse an id.

// MaxFindings is how many findings one check answers with; the rest are cut, in text order,
// and CheckResult.Truncated says so. An 860 KB reply once gave 27,273 findings in an
// 11.6 MB answer that the page then had to draw; no agent reads past the first few hundred.
const MaxFindings = 500

// CheckResult is a check's answer with what bounded it.
type CheckResult struct {
	// Findings are the first MaxFindings findings in text order; never nil.
	Findings []rules.Finding
	// Truncated is true when there were more findings than MaxFindings.
	Truncated bool
	// Skipped names the rules that were not run, or given up, because they would have
	// cost more than a check may (rules/limits.go): their findings are missing.
	Skipped []string
}

// CheckAll runs the rules over a reply, as Check does, within the check's limits: a rule
// over its budget is skipped and named, and at most MaxFindings findings come back.
func (b *Base) CheckAll(text, segment string) (CheckResult, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	scope, err := b.scope(segment)
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{Findings: []rules.Finding{}, Skipped: []string{}}
	if len(scope) == 0 || text == "" {
		return res, nil
	}
	t := rules.Analyze(text) // once for all packs, which share its budget too
	defer t.Release()
	t.SetMaxFindings(MaxFindings + 1) // one more, to know whether any were cut
	// The budget counts from here, the analysis of a huge reply included.
	t.SetDeadline(time.Now().Add(rules.CheckTimeout))
	if len(scope) == 1 {
		res.Findings = packFindings(scope[0], t, segment)
	} else {
		lists := make([][]rules.Finding, len(scope))
		for i, l := range scope {
			lists[i] = packFindings(l, t, segment)
		}
		res.Findings = rules.Merge(lists...)
	}
	if len(res.Findings) > MaxFindings {
		res.Findings = res.Findings[:MaxFindings:MaxFindings]
		res.Truncated = true
	}
	res.Skipped = t.Skipped()
	return res, nil
}

// packFindings checks t with one pack's rules and names the pack in each finding, so
// that findings of two packs' rules of one id are told apart (see rules.Merge).
func packFindings(l *loaded, t *rules.Text, segment string) []rules.Finding {
	fs := l.pack.Rules.CheckText(t, segment)
	for i := range fs {
		fs[i].Pack = l.pack.ID
	}
	return fs
}

// BuiltInError reports a Put that would replace a built-in pack, which is refused: an
// import that reuses a built-in pack's id (by accident or not) must not swap the company's
// policy for something else. The HTTP layer answers it with 409.
type BuiltInError struct {
	// ID is the built-in pack's id.
	ID string
}

func (e *BuiltInError) Error() string {
	return fmt.Sprintf("pack %q is built in and cannot be replaced; give your pack another id (and switch the built-in one off in the options if it should not run)", e.ID)
}

// BuiltIn reports whether id names a built-in pack: one put with PutOptions.BuiltIn. The id
// stays reserved after the pack is deleted (switched off).
func (b *Base) BuiltIn(id string) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.builtin[id]
}

// reserve refuses a pack that would take a built-in pack's id, and marks the id reserved
// when the pack is itself built in. data is the pack's JSON, or nil when p is parsed.
func (b *Base) reserve(opt PutOptions, data []byte, p *pack.Pack) error {
	id := opt.ID
	switch {
	case p != nil:
		id = p.ID
	case id == "":
		if r := gjson.GetBytes(data, "id"); r.Type == gjson.String {
			id = r.String()
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if opt.BuiltIn {
		if b.builtin == nil {
			b.builtin = map[string]bool{}
		}
		b.builtin[id] = true
		return nil
	}
	if b.builtin[id] {
		return &BuiltInError{ID: id}
	}
	return nil
}
