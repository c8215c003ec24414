package pack

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/sufler/sufler/rules"

	"github.com/tidwall/gjson"
)

// Field lists per object. Unknown fields are problems: a misspelt "trigers" would otherwise
// silently drop every trigger of a template. "$schema" is allowed at the top so editors can
// validate against knowledge/packs/pack.schema.json.
var (
	packFields     = []string{"$schema", "id", "version", "title", "language", "source", "signals", "segments", "templates", "cases", "rules"}
	segmentFields  = []string{"id", "title", "style", "signals", "source"}
	templateFields = []string{"id", "title", "situation", "tags", "triggers", "variables", "variants", "source"}
	channelFields  = []string{"text", "email", "messenger"}
	caseFields     = []string{"id", "title", "situation", "customer_says", "do", "dont", "templates", "source"}
)

// reservedSegment is the replacements key for "no segment"; a segment may not take it.
const reservedSegment = "default"

var languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// Parse reads a pack and checks all of it: JSON syntax, types, required fields, ids,
// every template's variants against the segments, case links, placeholders, and the rules
// (compiled, with their examples run). It returns the pack, or nil and every problem found.
func Parse(data []byte) (*Pack, []Problem) {
	return parse(data, true)
}

// ParseTrusted is Parse without running the rules' examples: for the embedded default
// packs, whose examples run in `go test`. Everything else is checked as Parse checks it.
func ParseTrusted(data []byte) (*Pack, []Problem) {
	return parse(data, false)
}

func parse(data []byte, examples bool) (*Pack, []Problem) {
	c := &checker{examples: examples}
	data = bytes.TrimPrefix(data, bom)
	root, ok := c.document(data)
	if !ok {
		return nil, c.problems
	}
	p := c.pack(root)
	if len(c.problems) > 0 {
		refer(data, root, c.problems)
		return nil, c.problems
	}
	return p, nil
}

func (c *checker) pack(root gjson.Result) *Pack {
	fs, _ := c.fields("", root, packFields...)
	p := &Pack{
		ID:       c.id(fs, ""),
		Version:  c.required(fs, "", "version"),
		Title:    c.required(fs, "", "title"),
		Language: c.str(fs, "", "language"),
		Source:   c.str(fs, "", "source"),
		Signals:  c.strings(fs, "signals"),
	}
	for j, sig := range p.Signals {
		if _, err := rules.NewPattern(sig); err != nil {
			c.add(index("signals", j), "%v", err)
		}
	}
	if p.Language == "" {
		p.Language = "ru"
	} else if !languagePattern.MatchString(p.Language) {
		c.add("language", "must be a language code such as \"ru\"")
	}
	c.signals = c.signalLimit(fs)
	c.segments(fs, p)
	c.templates(fs, p)
	c.cases(fs, p)
	c.rules(fs, p)
	return p
}

func (c *checker) segments(fs map[string]member, p *Pack) {
	m, ok := fs["segments"]
	if !ok {
		c.add("segments", "at least one segment is required")
		return
	}
	items, path := c.array(fs, "segments")
	if m.val.IsArray() && len(items) == 0 {
		c.add(path, "at least one segment is required")
	}
	first := map[string]int{}
	for i, item := range items {
		sp := index(path, i)
		sf, ok := c.fields(sp, item, segmentFields...)
		if !ok {
			continue
		}
		s := Segment{
			ID:      c.id(sf, sp),
			Title:   c.required(sf, sp, "title"),
			Pack:    p.ID,
			Style:   c.str(sf, sp, "style"),
			Signals: c.strings(sf, "signals"),
			Source:  c.str(sf, sp, "source"),
		}
		for j, sig := range s.Signals {
			if !c.signals {
				break
			}
			if _, err := rules.NewPattern(sig); err != nil {
				c.add(index(join(sp, "signals"), j), "%v", err)
			}
		}
		switch j, dup := first[s.ID]; {
		case s.ID == "":
			continue
		case s.ID == reservedSegment:
			c.add(join(sp, "id"), "%q is reserved for replacements that fit every segment", reservedSegment)
			continue
		case dup:
			c.add(join(sp, "id"), "duplicate of %s", index(path, j))
			continue
		}
		first[s.ID] = i
		p.Segments = append(p.Segments, s)
	}
}

func (c *checker) templates(fs map[string]member, p *Pack) {
	items, path := c.array(fs, "templates")
	first := map[string]int{}
	for i, item := range items {
		tp := index(path, i)
		tf, ok := c.fields(tp, item, templateFields...)
		if !ok {
			continue
		}
		t := Template{
			ID:        c.id(tf, tp),
			Title:     c.required(tf, tp, "title"),
			Situation: c.str(tf, tp, "situation"),
			Tags:      c.strings(tf, "tags"),
			Triggers:  c.strings(tf, "triggers"),
			Source:    c.str(tf, tp, "source"),
		}
		c.variants(tf, tp, p, &t)
		if t.ID != "" {
			if j, dup := first[t.ID]; dup {
				c.add(join(tp, "id"), "duplicate of %s", index(path, j))
			} else {
				first[t.ID] = i
			}
		}
		p.Templates = append(p.Templates, t)
	}
}

// variants reads a template's per-segment texts and its placeholders. A template must speak
// to every segment of its pack: a gap would leave the agent without a reply for that customer.
func (c *checker) variants(tf map[string]member, tp string, p *Pack, t *Template) {
	segs := p.SegmentIDs()
	vars := newVarSet()
	read := false // whether the variants could be read, so unused variables mean something
	m, ok := tf["variants"]
	if !ok {
		c.add(join(tp, "variants"), "missing")
	} else if ms, ok := c.object(m.path, m.val); ok {
		read = true
		t.Variants = make(map[string]Variant, len(ms))
		for _, vm := range ms {
			if len(segs) > 0 && !contains(segs, vm.key) {
				c.add(vm.path, "unknown segment (%s)", strings.Join(segs, ", "))
				continue
			}
			v := c.variant(vm, vars)
			t.Variants[vm.key] = v
		}
		var missing []string
		for _, s := range segs {
			if _, ok := t.Variants[s]; !ok && !memberHas(ms, s) {
				missing = append(missing, s)
			}
		}
		if len(missing) == 1 {
			c.add(m.path, "missing segment %s", missing[0])
		} else if len(missing) > 1 {
			c.add(m.path, "missing segments %s", strings.Join(missing, ", "))
		}
	}
	t.Variables = vars.names
	dm, declared := tf["variables"]
	if !declared {
		return
	}
	names := c.stringList(dm.path, dm.val)
	for j, n := range names {
		np := index(dm.path, j)
		if !rules.IsVarName(n) {
			c.add(np, "%q is not a variable name ([a-z][a-z0-9_]*)", n)
			continue
		}
		if read && !vars.has(n) {
			c.add(np, "%q is not used in any variant", n)
		}
	}
	for _, use := range vars.uses {
		if !contains(names, use.name) {
			c.add(use.path, "uses {{%s}}, which variables does not declare", use.name)
		}
	}
	if names != nil {
		t.Variables = names
	}
}

func memberHas(ms []member, key string) bool {
	for _, m := range ms {
		if m.key == key {
			return true
		}
	}
	return false
}

// variant reads one segment's wording: a string, or an object with channel versions.
func (c *checker) variant(m member, vars *varSet) Variant {
	var v Variant
	switch {
	case m.val.Type == gjson.String:
		v.Text = c.text(m.path, m.val, vars)
	case m.val.IsObject():
		vf, _ := c.fields(m.path, m.val, channelFields...)
		if tm, ok := vf["text"]; ok {
			v.Text = c.text(tm.path, tm.val, vars)
		} else {
			c.add(join(m.path, "text"), "missing")
		}
		if em, ok := vf["email"]; ok {
			v.Email = c.text(em.path, em.val, vars)
		}
		if mm, ok := vf["messenger"]; ok {
			v.Messenger = c.text(mm.path, mm.val, vars)
		}
	default:
		c.add(m.path, "must be a string or an object with text, not %s", typeName(m.val))
	}
	return v
}

// text reads a reply text: a non-blank string whose placeholders are well formed.
func (c *checker) text(path string, v gjson.Result, vars *varSet) string {
	s := c.stringValue(path, v)
	if v.Type != gjson.String {
		return ""
	}
	if strings.TrimSpace(s) == "" {
		c.add(path, "empty")
		return s
	}
	for _, bad := range vars.scan(path, s) {
		c.add(path, "malformed placeholder %q; write {{name}} with [a-z][a-z0-9_]*", bad)
	}
	return s
}

func (c *checker) cases(fs map[string]member, p *Pack) {
	items, path := c.array(fs, "cases")
	templates := map[string]bool{}
	for _, t := range p.Templates {
		templates[t.ID] = true
	}
	first := map[string]int{}
	for i, item := range items {
		cp := index(path, i)
		cf, ok := c.fields(cp, item, caseFields...)
		if !ok {
			continue
		}
		k := Case{
			ID:           c.id(cf, cp),
			Title:        c.required(cf, cp, "title"),
			Situation:    c.str(cf, cp, "situation"),
			CustomerSays: c.strings(cf, "customer_says"),
			Do:           c.strings(cf, "do"),
			Dont:         c.strings(cf, "dont"),
			Source:       c.str(cf, cp, "source"),
		}
		if tm, ok := cf["templates"]; ok {
			refs := c.stringList(tm.path, tm.val)
			for j, ref := range tm.val.Array() {
				if ref.Type == gjson.String && ref.String() != "" && !templates[ref.String()] {
					c.add(index(tm.path, j), "unknown template %q", ref.String())
				}
			}
			for _, ref := range refs {
				if templates[ref] {
					k.Templates = append(k.Templates, ref)
				}
			}
		}
		if k.ID != "" {
			if j, dup := first[k.ID]; dup {
				c.add(join(cp, "id"), "duplicate of %s", index(path, j))
			} else {
				first[k.ID] = i
			}
		}
		p.Cases = append(p.Cases, k)
	}
}
