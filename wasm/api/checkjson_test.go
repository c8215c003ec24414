package api

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge"
	"github.com/sufler/sufler/rules"
)

// genericCheck reads body the generic way, as decode does.
func genericCheck(body []byte) (checkRequest, bool) {
	var req checkRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.More() {
		return req, false
	}
	return req, true
}

// TestReadCheck: the fast reader takes the common bodies, gives what encoding/json gives,
// and leaves everything else to decode.
func TestReadCheck(t *testing.T) {
	for _, tt := range []struct {
		body string
		fast bool
	}{
		{`{"text":"Я не знаю, но гарантируем 100%"}`, true},
		{`{"text":"a","segment":"b2b"}`, true},
		{` {"segment":"retail" , "text":"строка\nвторая \"цитата\" \\ \/ \t"} `, true},
		{`{}`, true},
		{`{"text":"скобки [ { } ] в тексте \" [ "}`, true},
		{`{"text":"a","x":[[["deep"]]]}`, false},         // arrays never: nothing deep reaches gjson
		{`{"text":` + strings.Repeat("[", 20000), false}, // nor ten thousand brackets
		{`{"text":{"nested":"object"}}`, false},
		{`{"text":""}`, true},
		{`{"text":"\u0434а"}`, false},       // \u escapes go the generic way
		{`{"text":"\ud800"}`, false},        // a lone surrogate: U+FFFD there
		{"{\"text\":\"\xff\"}", false},      // invalid UTF-8
		{`{"text":5}`, false},               // a wrong type: decode names the field
		{`{"text":null}`, false},            // null: encoding/json leaves the field empty
		{`{"Text":"a"}`, false},             // encoding/json matches names without case
		{`{"text":"a","text":"b"}`, false},  // a repeated field
		{`{"text":"a","txt":"b"}`, false},   // an unknown field: decode names it
		{`{"te\u0078t":"a"}`, false},        // an escaped key
		{`{"text":"a"}{"text":"b"}`, false}, // two values
		{`["text"]`, false}, {`"text"`, false}, {``, false}, {`{"text":"a"`, false},
	} {
		got, fast := readCheck([]byte(tt.body))
		if fast != tt.fast {
			t.Errorf("readCheck(%s): fast = %v, want %v", tt.body, fast, tt.fast)
			continue
		}
		if !fast {
			continue
		}
		want, ok := genericCheck([]byte(tt.body))
		if !ok || got != want {
			t.Errorf("readCheck(%s) = %+v; encoding/json: %+v (ok %v)", tt.body, got, want, ok)
		}
	}
}

// FuzzReadCheck: whatever the fast reader accepts, encoding/json accepts and reads alike.
func FuzzReadCheck(f *testing.F) {
	for _, s := range []string{`{"text":"a","segment":"b"}`, `{"text":"\"\\\/\b\f\n\r\t"}`, `{"segment":"","text":"ё"}`, `{"text":"a" }`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, fast := readCheck(body)
		if !fast {
			return
		}
		want, ok := genericCheck(body)
		if !ok || got != want {
			t.Fatalf("readCheck(%q) = %+v; encoding/json: %+v (ok %v)", body, got, want, ok)
		}
	})
}

// trickyStrings are what JSON quoting must get right.
var trickyStrings = []string{
	"", "plain", "«Не знаю» — 100%", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "<html> & 'apos'", "line\u2028para\u2029sep", "bad \xff\xfe utf8 \xe2\x82",
	"emoji 🙂 and ё", "\u00ad\u00a0soft",
}

// TestWriteFindings: the answer is byte for byte what writeJSON writes.
func TestWriteFindings(t *testing.T) {
	var fs []rules.Finding
	for i, s := range trickyStrings {
		f := rules.Finding{Rule: s, Category: "taboo", Severity: "error", Start: i, End: i * 1000, Match: s, Message: s, Why: "policy " + s}
		switch i % 3 {
		case 0:
			f.Replacements = []string{s, "другое"}
		case 1:
			f.Replacements = []string{}
		}
		fs = append(fs, f)
	}
	var results []knowledge.CheckResult
	for _, list := range [][]rules.Finding{nil, {}, fs[:1], fs} {
		results = append(results, knowledge.CheckResult{Findings: list})
	}
	results = append(results,
		knowledge.CheckResult{Findings: fs[:2], Truncated: true},
		knowledge.CheckResult{Findings: []rules.Finding{}, Skipped: []string{}},
		knowledge.CheckResult{Findings: fs[:1], Truncated: true, Skipped: trickyStrings})
	for _, res := range results {
		fast, generic := httptest.NewRecorder(), httptest.NewRecorder()
		writeFindings(fast, res)
		list := res.Findings
		if list == nil {
			list = []rules.Finding{}
		}
		writeJSON(generic, 200, checkAnswer{list, res.Truncated, res.Skipped})
		if fast.Code != generic.Code || fast.Body.String() != generic.Body.String() {
			t.Errorf("%d findings:\nfast    %d %s\ngeneric %d %s", len(list), fast.Code, fast.Body, generic.Code, generic.Body)
		}
		if fast.Header().Get("Content-Type") != generic.Header().Get("Content-Type") {
			t.Errorf("content type %q, want %q", fast.Header().Get("Content-Type"), generic.Header().Get("Content-Type"))
		}
	}
}

// FuzzAppendString: quoting matches encoding/json's with HTML escaping off.
func FuzzAppendString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(appendString(nil, s)) + "\n"; got != want.String() {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want.String())
		}
	})
}
