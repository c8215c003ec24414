package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
)

// readCSV reads canned replies from a CSV with a header row: "title" and "text" are
// required; "id", "folder" and "tags" (separated by ";") are optional; column names are
// matched without case. It covers helpdesks with no documented export (Usedesk, Omnidesk):
// placeholders may be written {{customer_name}} already, or mapped with -map.
func readCSV(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		data := bytes.TrimPrefix(f.data, []byte("\xef\xbb\xbf")) // Excel's BOM
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.name, err)
		}
		if len(rows) == 0 {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[strings.ToLower(strings.TrimSpace(h))] = i
		}
		if _, ok := col["title"]; !ok {
			return nil, fmt.Errorf("%s: the header needs \"title\" and \"text\" columns (has %q)", f.name, rows[0])
		}
		if _, ok := col["text"]; !ok {
			return nil, fmt.Errorf("%s: the header needs \"title\" and \"text\" columns (has %q)", f.name, rows[0])
		}
		get := func(row []string, name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		for n, row := range rows[1:] {
			m := macro{ID: get(row, "id"), Title: get(row, "title"), Body: get(row, "text")}
			if m.Body == "" {
				return nil, fmt.Errorf("%s:%d: empty text", f.name, n+2)
			}
			if folder := get(row, "folder"); folder != "" {
				m.Folders = append(m.Folders, folder)
			}
			for _, t := range strings.Split(get(row, "tags"), ";") {
				if t = strings.TrimSpace(t); t != "" {
					m.Folders = append(m.Folders, t)
				}
			}
			out = append(out, m)
		}
	}
	return out, nil
}
