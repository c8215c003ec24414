package pack

import (
	"math"
	"strings"

	"github.com/sufler/sufler/rules"
	"github.com/tidwall/gjson"
)

// ruleFields are the keys of a rule object; they mirror the json tags of rules.Spec
// (a test keeps the two in step).
var ruleFields = []string{"id", "kind", "category", "severity", "message", "why", "patterns", "regex",
	"anchor", "max", "detector", "allow", "exceptions", "unless_before", "unless_after",
	"scope", "replacements", "examples", "source"}

var exampleFields = []string{"flag", "pass"}

// rules reads the pack's rules, checks their JSON types and replacement segments, and
// compiles them all with rules.Compile, whose problems come back prefixed "rules". Where
// this file already reported a field (a wrong type, say), Compile's complaint about the
// same field is dropped: it would only be the echo of the zero value left in its place.
func (c *checker) rules(fs map[string]member, p *Pack) {
	items, path := c.array(fs, "rules")
	segs := p.SegmentIDs()
	specs := make([]rules.Spec, len(items))
	before := len(c.problems)
	for i, item := range items {
		specs[i] = c.rule(index(path, i), item, segs)
	}
	reported := make([]string, 0, len(c.problems)-before)
	for _, pr := range c.problems[before:] {
		reported = append(reported, pr.Path)
	}
	set, problems := compileSpecs(specs, c.examples, reported)
	c.problems = append(c.problems, problems...)
	p.Specs = specs
	p.Rules = set
}

// CompileRules compiles a pack's rules as Parse does, running their examples if asked,
// for a pack that comes as Go data rather than JSON (the engine's default packs). The
// problems are at pack paths ("rules[3].regex").
func CompileRules(specs []rules.Spec, examples bool) (*rules.Set, []Problem) {
	return compileSpecs(specs, examples, nil)
}

// compileSpecs compiles a pack's rules (running their examples if asked) and returns
// rules.Compile's problems at pack paths ("rules[3].regex"), leaving out those inside a
// path already reported.
func compileSpecs(specs []rules.Spec, examples bool, reported []string) (*rules.Set, []Problem) {
	const path = "rules"
	compile := rules.Compile
	if !examples {
		compile = rules.CompileTrusted
	}
	set, rp := compile(specs)
	var out []Problem
	for _, pr := range rp {
		pr.Path = path + pr.Path // Compile's paths are inside the rules array
		if !within(pr.Path, reported) {
			out = append(out, pr)
		}
	}
	return set, out
}

// within reports whether path is one of the paths or inside one of them.
func within(path string, paths []string) bool {
	for _, r := range paths {
		if path == r || strings.HasPrefix(path, r+".") || strings.HasPrefix(path, r+"[") {
			return true
		}
	}
	return false
}

// rule reads one rule object into a rules.Spec, checking JSON types only; what the values
// mean is rules.Compile's business.
func (c *checker) rule(rp string, v gjson.Result, segs []string) rules.Spec {
	rf, ok := c.fields(rp, v, ruleFields...)
	if !ok {
		return rules.Spec{}
	}
	s := rules.Spec{
		ID:           c.str(rf, rp, "id"),
		Kind:         c.str(rf, rp, "kind"),
		Category:     c.str(rf, rp, "category"),
		Severity:     c.str(rf, rp, "severity"),
		Message:      c.str(rf, rp, "message"),
		Why:          c.str(rf, rp, "why"),
		Patterns:     c.strings(rf, "patterns"),
		Regex:        c.str(rf, rp, "regex"),
		Anchor:       c.str(rf, rp, "anchor"),
		Detector:     c.str(rf, rp, "detector"),
		Allow:        c.strings(rf, "allow"),
		Exceptions:   c.strings(rf, "exceptions"),
		UnlessBefore: c.strings(rf, "unless_before"),
		UnlessAfter:  c.strings(rf, "unless_after"),
		Source:       c.str(rf, rp, "source"),
	}
	if _, ok := rf["scope"]; ok {
		// Present but empty means "no context clears a hit"; absent means the default.
		s.Scope = append([]string{}, c.strings(rf, "scope")...)
	}
	if m, ok := rf["max"]; ok {
		f := m.val.Float()
		switch {
		case m.val.Type != gjson.Number:
			c.add(m.path, "must be a number, not %s", typeName(m.val))
		case f != math.Trunc(f) || f < 0 || f > 1000:
			c.add(m.path, "must be a whole number from 0 to 1000")
		default:
			s.Max = int(f)
		}
	}
	if m, ok := rf["replacements"]; ok {
		if ms, ok := c.object(m.path, m.val); ok {
			s.Replacements = make(map[string][]string, len(ms))
			for _, r := range ms {
				if r.key != reservedSegment && len(segs) > 0 && !contains(segs, r.key) {
					c.add(r.path, "unknown segment (%s, or %s)", strings.Join(segs, ", "), reservedSegment)
					continue
				}
				s.Replacements[r.key] = c.replacementList(r.path, r.val)
			}
		}
	}
	if m, ok := rf["examples"]; ok {
		if ef, ok := c.fields(m.path, m.val, exampleFields...); ok {
			s.Examples.Flag = c.strings(ef, "flag")
			s.Examples.Pass = c.strings(ef, "pass")
		}
	}
	return s
}

// replacementList reads a replacement list checking only types: "" is meaningful there
// ("remove the words"), and rules.Compile judges the contents.
func (c *checker) replacementList(path string, v gjson.Result) []string {
	if !v.IsArray() {
		c.add(path, "must be an array of strings, not %s", typeName(v))
		return nil
	}
	out := []string{}
	for i, item := range v.Array() {
		if item.Type != gjson.String {
			c.add(index(path, i), "must be a string, not %s", typeName(item))
			continue
		}
		out = append(out, c.stringValue(index(path, i), item))
	}
	return out
}
