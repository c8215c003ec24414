package main

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// readFreshdesk reads Freshdesk canned responses: the arrays GET
// /api/v2/canned_response_folders/{id}/responses returns ({id, title, folder_id, content,
// content_html}), and optionally the folder list of GET /api/v2/canned_response_folders
// ({id, name}) among the files, whose names become tags. A file may also be one folder
// object with its "canned_responses" embedded, as GET /canned_response_folders/{id} gives.
func readFreshdesk(files []input) ([]macro, error) {
	folders := map[string]string{}
	var responses []gjson.Result
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		items := root.Array()
		if root.IsObject() {
			items = []gjson.Result{root}
		}
		for _, it := range items {
			switch {
			case it.Get("canned_responses").IsArray():
				folders[it.Get("id").String()] = it.Get("name").String()
				responses = append(responses, it.Get("canned_responses").Array()...)
			case it.Get("name").Exists() && !it.Get("title").Exists():
				folders[it.Get("id").String()] = it.Get("name").String()
			case it.Get("title").Exists():
				responses = append(responses, it)
			default:
				return nil, fmt.Errorf("%s: neither canned responses ({title, content}) nor folders ({id, name})", f.name)
			}
		}
	}
	var out []macro
	for _, r := range responses {
		m := macro{ID: r.Get("id").String(), Title: r.Get("title").String()}
		if name := folders[r.Get("folder_id").String()]; name != "" {
			m.Folders = []string{name}
		}
		if h := r.Get("content_html").String(); h != "" {
			m.Body, m.HTML = h, true
		} else {
			m.Body = r.Get("content").String()
		}
		if m.Body != "" {
			out = append(out, m)
		}
	}
	return out, nil
}
