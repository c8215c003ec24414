package main

import (
	"fmt"
	"strings"
)

// readZammad reads Zammad text modules as GET /api/v1/text_modules returns them: an array
// of {id, name, keywords, content (HTML), note, active, group_ids}. Keywords (comma or space
// separated) are what agents type after "::" to find a module: kept as tags and triggers.
// Inactive modules are skipped.
func readZammad(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		if !root.IsArray() {
			return nil, fmt.Errorf("%s: not a Zammad text modules export (an array)", f.name)
		}
		for _, t := range root.Array() {
			if a := t.Get("active"); a.Exists() && !a.Bool() {
				continue
			}
			m := macro{ID: t.Get("id").String(), Title: t.Get("name").String(), Body: t.Get("content").String(), HTML: true}
			m.Keywords = strings.FieldsFunc(t.Get("keywords").String(), func(r rune) bool { return r == ',' || r == ';' })
			if m.Body != "" {
				out = append(out, m)
			}
		}
	}
	return out, nil
}
