package pack

import (
	"fmt"
	"strings"
)

// minCustomerSays is how many customer phrasings a case should give: one phrasing finds
// the case only when customers use those very words.
const minCustomerSays = 3

// Lint checks what a valid pack should also get right before it ships, beyond what Parse
// requires (custom packs a user loads need not meet it): every template text passes the
// pack's own rules for its segment, cases give at least three customer phrasings,
// templates have triggers, segments have signals, and entries and rules cite a source.
// Paths are those of Parse; p must be a pack Parse accepted.
func Lint(p *Pack) []Problem {
	var out []Problem
	add := func(path, format string, args ...any) {
		out = append(out, Problem{Path: path, Problem: fmt.Sprintf(format, args...)})
	}
	for i, s := range p.Segments {
		if len(s.Signals) == 0 {
			add(index("segments", i)+".signals", "none; without signals GuessSegment never picks this segment")
		}
		if strings.TrimSpace(s.Source) == "" {
			add(index("segments", i)+".source", "missing; cite the document and section")
		}
	}
	for i, t := range p.Templates {
		tp := index("templates", i)
		if len(t.Triggers) == 0 {
			add(tp+".triggers", "none; give customer phrasings so suggestions find this template")
		}
		if strings.TrimSpace(t.Source) == "" {
			add(tp+".source", "missing; cite the document and section")
		}
		for _, s := range p.Segments {
			v := t.Variants[s.ID]
			vp := tp + ".variants." + s.ID
			if v.Email != "" || v.Messenger != "" {
				lintText(p, add, vp+".text", v.Text, s.ID)
			} else {
				lintText(p, add, vp, v.Text, s.ID)
			}
			if v.Email != "" {
				lintText(p, add, vp+".email", v.Email, s.ID)
			}
			if v.Messenger != "" {
				lintText(p, add, vp+".messenger", v.Messenger, s.ID)
			}
		}
	}
	for i, c := range p.Cases {
		cp := index("cases", i)
		if n := len(c.CustomerSays); n < minCustomerSays {
			add(cp+".customer_says", "%d of the %d customer phrasings a case needs; add more in the words customers use", n, minCustomerSays)
		}
		if len(c.Do) == 0 {
			add(cp+".do", "none; say what the agent should do")
		}
		if strings.TrimSpace(c.Source) == "" {
			add(cp+".source", "missing; cite the document and section")
		}
	}
	for i, r := range p.Specs {
		if strings.TrimSpace(r.Source) == "" {
			add(index("rules", i)+".source", "missing; cite the document and section")
		}
	}
	referPack(p, out)
	return out
}

// lintText reports every finding of the pack's rules in a template text: a pack must pass
// its own rules, or agents would be told off for pasting its templates.
func lintText(p *Pack, add func(string, string, ...any), path, text, segment string) {
	for _, f := range p.Rules.Check(text, segment) {
		add(path, "breaks rule %s (%s) at «%s»: %s", f.Rule, f.Severity, f.Match, f.Message)
	}
}
