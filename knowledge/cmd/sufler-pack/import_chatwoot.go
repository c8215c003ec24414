package main

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// readChatwoot reads Chatwoot canned responses as GET
// /api/v1/accounts/{id}/canned_responses returns them: an array (or {"payload": [...]}) of
// {id, account_id, short_code, content}. The short code is the only name a response has.
func readChatwoot(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		var list []gjson.Result
		switch {
		case root.IsArray():
			list = root.Array()
		case root.Get("payload").IsArray():
			list = root.Get("payload").Array()
		default:
			return nil, fmt.Errorf("%s: not Chatwoot canned responses (an array of {short_code, content})", f.name)
		}
		for _, r := range list {
			m := macro{ID: r.Get("id").String(), Title: r.Get("short_code").String(), Body: r.Get("content").String()}
			if m.Body != "" {
				out = append(out, m)
			}
		}
	}
	return out, nil
}
