package api

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

// The check is the request an agent's typing sends most, and the first one a new engine
// answers. Its body is read and its answer written here without encoding/json: in wasm,
// reflection costs every check about a tenth of its time, and on the first check V8 must
// also compile encoding/json's decoder and encoder. Both paths give exactly what the
// generic ones give (checkjson_test.go compares them); anything unusual in a request falls
// back to decode, so its errors stay as specific.

// readCheck reads a check request the common way: an object with "text" and, optionally,
// "segment", both plain strings, each once. ok is false for anything else, and decode
// then reads data, answering with the same error or value it always has.
func readCheck(data []byte) (req checkRequest, ok bool) {
	// Nesting first: a check body is one flat object, and gjson validates nesting by
	// recursion (see pack.JSONDepth); encoding/json refuses deep bodies without
	// recursing. Invalid UTF-8 becomes U+FFFD in encoding/json, and \u escapes (lone
	// surrogates above all) have their own rules there: both go the generic way.
	if pack.JSONDepth(data) > 1 || !utf8.Valid(data) || bytes.Contains(data, []byte(`\u`)) || !gjson.ValidBytes(data) {
		return req, false
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return req, false
	}
	var seenText, seenSegment bool
	ok = true
	root.ForEach(func(k, v gjson.Result) bool {
		if v.Type != gjson.String {
			ok = false
			return false
		}
		switch {
		case k.Raw == `"text"` && !seenText:
			req.Text, seenText = v.Str, true
		case k.Raw == `"segment"` && !seenSegment:
			req.Segment, seenSegment = v.Str, true
		default: // another field, a repeated one, or a key with escapes
			ok = false
		}
		return ok
	})
	return req, ok
}

// answerPool keeps the buffers check answers are written into: a few kilobytes per check
// that would otherwise be garbage.
var answerPool = sync.Pool{New: func() any { return new([]byte) }}

// checkAnswer is the body of a check's answer; writeFindings writes it without reflection.
type checkAnswer struct {
	Findings []rules.Finding `json:"findings"`
	// Truncated is there, true, only when findings past knowledge.MaxFindings were cut.
	Truncated bool `json:"truncated,omitempty"`
	// Skipped is there only when rules over the check's budget were skipped: their ids.
	Skipped []string `json:"skipped,omitempty"`
}

// writeFindings answers 200 with a checkAnswer, byte for byte what writeJSON writes.
func writeFindings(w http.ResponseWriter, res knowledge.CheckResult) {
	p := answerPool.Get().(*[]byte)
	b := append((*p)[:0], `{"findings":[`...)
	for i := range res.Findings {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFinding(b, &res.Findings[i])
	}
	b = append(b, ']')
	if res.Truncated {
		b = append(b, `,"truncated":true`...)
	}
	if len(res.Skipped) > 0 {
		b = append(b, `,"skipped":[`...)
		for i, id := range res.Skipped {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, id)
		}
		b = append(b, ']')
	}
	b = append(b, "}\n"...)
	writeAnswer(w, 200, b)
	*p = b
	answerPool.Put(p)
}

func appendFinding(b []byte, f *rules.Finding) []byte {
	b = append(b, `{"rule":`...)
	b = appendString(b, f.Rule)
	if f.Pack != "" { // omitempty, as encoding/json writes rules.Finding
		b = append(b, `,"pack":`...)
		b = appendString(b, f.Pack)
	}
	b = append(b, `,"category":`...)
	b = appendString(b, f.Category)
	b = append(b, `,"severity":`...)
	b = appendString(b, f.Severity)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(f.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(f.End), 10)
	b = append(b, `,"match":`...)
	b = appendString(b, f.Match)
	b = append(b, `,"message":`...)
	b = appendString(b, f.Message)
	b = append(b, `,"why":`...)
	b = appendString(b, f.Why)
	b = append(b, `,"replacements":`...)
	if f.Replacements == nil {
		return append(b, "null}"...)
	}
	b = append(b, '[')
	for i, r := range f.Replacements {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, r)
	}
	return append(b, "]}"...)
}

// appendString quotes s as encoding/json does with HTML escaping off: quotes, backslashes
// and control characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
