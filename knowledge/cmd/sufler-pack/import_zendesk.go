package main

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// readZendesk reads Zendesk macros as GET /api/v2/macros returns them ({"macros": [...]},
// one macro as {"macro": {...}}, or a bare array). The reply is the comment_value_html
// action (HTML), else comment_value; its value is a string or [channel, text]. A title's
// "::" parts are Zendesk's categories: the last is the title, the rest folders.
func readZendesk(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		list := root.Get("macros")
		switch {
		case list.IsArray():
		case root.Get("macro").IsObject():
			list = gjson.Parse("[" + root.Get("macro").Raw + "]")
		case root.IsArray():
			list = root
		default:
			return nil, fmt.Errorf("%s: not a Zendesk macros export (no \"macros\" array)", f.name)
		}
		for i, m := range list.Array() {
			title := m.Get("title").String()
			if raw := m.Get("raw_title").String(); title == "" {
				title = raw
			}
			parts := strings.Split(title, "::")
			mc := macro{ID: m.Get("id").String(), Title: strings.TrimSpace(parts[len(parts)-1])}
			for _, p := range parts[:len(parts)-1] {
				mc.Folders = append(mc.Folders, strings.TrimSpace(p))
			}
			var text, html string
			for _, a := range m.Get("actions").Array() {
				v := a.Get("value")
				if v.IsArray() {
					arr := v.Array()
					v = arr[len(arr)-1]
				}
				switch a.Get("field").String() {
				case "comment_value_html":
					html = v.String()
				case "comment_value":
					text = v.String()
				}
			}
			switch {
			case html != "":
				mc.Body, mc.HTML = html, true
			case text != "":
				mc.Body = text
			default:
				continue // a macro that sets fields only: no reply to import
			}
			if mc.ID == "" {
				mc.ID = fmt.Sprint(i + 1)
			}
			out = append(out, mc)
		}
	}
	return out, nil
}

// parseJSON parses a file as JSON with a clear error.
func parseJSON(f input) (gjson.Result, error) {
	if !gjson.ValidBytes(f.data) {
		return gjson.Result{}, fmt.Errorf("%s: not valid JSON", f.name)
	}
	return gjson.ParseBytes(f.data), nil
}
