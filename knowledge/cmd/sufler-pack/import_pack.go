package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/sufler/sufler/knowledge/pack"
)

// importedSegmentTitle names the one segment of a pack import creates: the macros have one
// wording, the team lead adds segments and their wordings later. Its id is the pack's, as
// segment ids are unique across every pack an agent loads.
const importedSegmentTitle = "Все клиенты"

// importer builds the pack and the report of an import.
type importer struct {
	format   string
	mapper   *mapper
	keep     bool
	result   []byte   // the pack written
	report   []string // unmapped placeholders, dropped logic, rule breaks, in macro order
	imported int
	unmapped int
	breaks   int
}

// template is a pack template as import writes it, in the pack format's field order.
type template struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Tags     []string          `json:"tags,omitempty"`
	Triggers []string          `json:"triggers,omitempty"`
	Variants map[string]string `json:"variants"`
	Source   string            `json:"source"`
}

// run converts the macros and merges them into the pack; ok=false means nothing is written
// and status says why.
func (im *importer) run(macros []macro, into, id, title string, rulePacks packFiles, stderr io.Writer) (status int, ok bool) {
	var base []byte
	if into != "" {
		data, err := os.ReadFile(into)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2, false
		}
		if _, problems := pack.Parse(data); len(problems) > 0 {
			fmt.Fprintf(stderr, "%s: not a valid pack (%s); run sufler-pack validate %s\n", into, problems[0], into)
			return 1, false
		}
		base = data
	} else {
		base = newPack(id, title, im.format)
	}
	host, _ := pack.Parse(base)
	if host == nil {
		fmt.Fprintf(stderr, "sufler-pack import: pack id %q: must match [a-z0-9-]+\n", id)
		return 2, false
	}
	var policies []*pack.Pack
	for _, f := range rulePacks {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2, false
		}
		p, problems := pack.Parse(data)
		if len(problems) > 0 {
			fmt.Fprintf(stderr, "%s: not a valid pack (%s)\n", f, problems[0])
			return 1, false
		}
		policies = append(policies, p)
	}

	ids := map[string]bool{}
	var templates []template
	for _, m := range macros {
		t := im.template(m, host, ids)
		where := fmt.Sprintf("%s «%s»", t.ID, t.Title)
		text := t.Variants[host.Segments[0].ID]
		if strings.TrimSpace(text) == "" {
			im.report = append(im.report, where+": no text left after conversion; left out")
			continue
		}
		var broken []string
		for _, p := range append([]*pack.Pack{host}, policies...) {
			for _, s := range p.Segments {
				for _, f := range p.Rules.Check(text, s.ID) {
					broken = append(broken, fmt.Sprintf("%s: breaks rule %s (%s, pack %s) at «%s»: %s", where, f.Rule, f.Severity, p.ID, f.Match, f.Message))
				}
				if p != host {
					break // another pack's rules: its first segment's view is enough
				}
			}
		}
		broken = unique(broken)
		im.breaks += len(broken)
		im.report = append(im.report, broken...)
		if len(broken) > 0 && !im.keep {
			im.report = append(im.report, where+": left out of the pack (-keep-breaking keeps it)")
			continue
		}
		templates = append(templates, t)
	}
	im.unmapped = countPrefix(im.mapper.notes, "placeholder")
	im.report = append(im.mapper.notes, im.report...)
	im.imported = len(templates)

	out, err := mergeTemplates(base, templates)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack import: %v\n", err)
		return 2, false
	}
	if _, problems := pack.Parse(out); len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stderr, "import made an invalid pack: %s\n", p)
		}
		return 1, false
	}
	im.result = out
	if im.unmapped > 0 || im.breaks > 0 {
		return 1, true
	}
	return 0, true
}

// template converts one macro for the host pack: the same text for each of its segments.
func (im *importer) template(m macro, host *pack.Pack, ids map[string]bool) template {
	body := m.Body
	if m.HTML {
		body = htmlToText(body)
	}
	t := template{ID: templateID(im.format, m, host, ids), Title: strings.TrimSpace(m.Title)}
	if t.Title == "" {
		t.Title = t.ID
	}
	text := im.mapper.convert(fmt.Sprintf("%s «%s»", t.ID, t.Title), body)
	t.Variants = map[string]string{}
	for _, s := range host.Segments {
		t.Variants[s.ID] = text
	}
	t.Tags = unique(append(append([]string{}, m.Folders...), append(m.Keywords, t.Title)...))
	// Triggers seed suggestions from the helpdesk's own words; customers' phrasings are better.
	t.Triggers = unique(append([]string{strings.ToLower(t.Title)}, m.Keywords...))
	t.Source = fmt.Sprintf("%s: %s", im.format, t.Title)
	if m.ID != "" {
		t.Source += " (id " + m.ID + ")"
	}
	return t
}

// templateID is "<format>-<helpdesk id>" (re-importing replaces the same templates), or a
// slug of the title when the export has no id; unique within the pack.
func templateID(format string, m macro, host *pack.Pack, ids map[string]bool) string {
	id := slug(m.ID)
	if id == "" {
		id = slug(translit(m.Title))
	}
	if id == "" {
		id = "macro"
	}
	id = format + "-" + id
	if len(id) > 60 {
		id = strings.TrimRight(id[:60], "-")
	}
	base := id
	for n := 2; ids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	ids[id] = true
	return id
}

// mergeTemplates splices the templates into the pack's "templates" array, replacing those
// with the same id and leaving every other byte of the pack as its author wrote it.
func mergeTemplates(base []byte, ts []template) ([]byte, error) {
	fresh := map[string]bool{}
	var items []string
	for _, t := range ts {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("    ", "  ")
		if err := enc.Encode(t); err != nil {
			return nil, err
		}
		items = append(items, strings.TrimSpace(b.String()))
		fresh[t.ID] = true
	}
	arr := gjson.GetBytes(base, "templates")
	var kept []string
	arr.ForEach(func(_, v gjson.Result) bool {
		if !fresh[v.Get("id").String()] {
			kept = append(kept, v.Raw)
		}
		return true
	})
	all := append(kept, items...)
	list := "[]"
	if len(all) > 0 {
		list = "[\n    " + strings.Join(all, ",\n    ") + "\n  ]"
	}
	if arr.Exists() {
		return append(append(append([]byte{}, base[:arr.Index]...), list...), base[arr.Index+len(arr.Raw):]...), nil
	}
	end := bytes.LastIndexByte(base, '}')
	if end < 0 {
		return nil, fmt.Errorf("pack is not a JSON object")
	}
	head := bytes.TrimRight(base[:end], " \t\r\n")
	return append(append(append([]byte{}, head...), ",\n  \"templates\": "+list+"\n"...), base[end:]...), nil
}

// newPack is the JSON of an empty pack with one segment.
func newPack(id, title, format string) []byte {
	seg, _ := json.Marshal(map[string]string{"id": id, "title": importedSegmentTitle,
		"source": "импорт из " + format})
	t, _ := json.Marshal(title)
	return []byte(fmt.Sprintf("{\n  \"id\": %q,\n  \"version\": \"1.0.0\",\n  \"title\": %s,\n  \"language\": \"ru\",\n  \"source\": %q,\n  \"segments\": [\n    %s\n  ],\n  \"templates\": []\n}\n",
		id, t, "sufler-pack import -format "+format, seg))
}

func unique(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func countPrefix(notes []string, word string) int {
	n := 0
	for _, s := range notes {
		if strings.Contains(s, ": "+word+" ") {
			n++
		}
	}
	return n
}

// slug lower-cases s and keeps [a-z0-9], joining the rest with single hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// translit spells Russian letters in Latin ones, for ids made of titles.
func translit(s string) string {
	table := map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya"}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := table[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
