package main

import (
	"fmt"

	"github.com/tidwall/gjson"
)

// readHelpScout reads Help Scout saved replies: the list GET
// /v2/mailboxes/{id}/saved-replies returns (an array, or {"_embedded": {"saved-replies":
// [...]}}) with full replies {id, name, text (HTML), chatText}. A list entry without text
// (only its preview) is refused: fetch each reply with GET .../saved-replies/{id} first.
func readHelpScout(files []input) ([]macro, error) {
	var out []macro
	for _, f := range files {
		root, err := parseJSON(f)
		if err != nil {
			return nil, err
		}
		var list []gjson.Result
		switch {
		case root.Get("_embedded.saved-replies").IsArray():
			list = root.Get("_embedded.saved-replies").Array()
		case root.IsArray():
			list = root.Array()
		case root.Get("name").Exists():
			list = []gjson.Result{root}
		default:
			return nil, fmt.Errorf("%s: not Help Scout saved replies", f.name)
		}
		for _, r := range list {
			m := macro{ID: r.Get("id").String(), Title: r.Get("name").String()}
			switch {
			case r.Get("text").String() != "":
				m.Body, m.HTML = r.Get("text").String(), true
			case r.Get("chatText").String() != "":
				m.Body = r.Get("chatText").String()
			default:
				return nil, fmt.Errorf("%s: saved reply %s «%s» has only a preview; export each reply in full (GET /v2/mailboxes/{id}/saved-replies/{id})", f.name, m.ID, m.Title)
			}
			out = append(out, m)
		}
	}
	return out, nil
}
