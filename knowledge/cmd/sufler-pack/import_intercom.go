package main

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// readIntercom reads Intercom macros: {"type": "list", "data": [...]} or an array of
// {type: "macro", id, name, body (HTML, placeholders as <attribute key="user.name"
// default="there"/>), body_text ({{user.name|fallback:"there"}}), visible_to, available_on}.
func readIntercom(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		var list []gjson.Result
		switch {
		case root.Get("data").IsArray():
			list = root.Get("data").Array()
		case root.IsArray():
			list = root.Array()
		default:
			return nil, fmt.Errorf("%s: not Intercom macros ({\"data\": [...]})", f.name)
		}
		for _, r := range list {
			if t := r.Get("type").String(); t != "" && t != "macro" {
				continue
			}
			m := macro{ID: r.Get("id").String(), Title: r.Get("name").String()}
			if b := r.Get("body").String(); b != "" {
				m.Body, m.HTML = b, true
			} else {
				m.Body = r.Get("body_text").String()
			}
			if m.Body != "" {
				out = append(out, m)
			}
		}
	}
	return out, nil
}
