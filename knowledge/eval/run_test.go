//go:build !js

package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sufler/sufler/wasm/engine"
)

// TestRun runs the whole evaluation once through the engine's API, as `make eval` does,
// so the harness cannot rot. Figures are not asserted: they are what the report is for.
// (Natively only: under js/wasm it would take minutes of the wasm test run.)
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("the full evaluation takes seconds")
	}
	h, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := loadCorpus(t)
	s, err := Run(&Client{Handler: h}, c)
	if err != nil {
		t.Fatal(err)
	}
	spans, clean := 0, 0
	for _, r := range c.Replies {
		spans += len(r.Spans)
		if r.Clean() {
			clean++
		}
	}
	if s.Total.Spans != spans || s.Total.Clean != clean || s.Suggest.Messages != len(c.Messages) {
		t.Errorf("scored %d spans, %d clean replies, %d messages; corpus has %d, %d, %d",
			s.Total.Spans, s.Total.Clean, s.Suggest.Messages, spans, clean, len(c.Messages))
	}
	if s.Total.Alarms == 0 || s.Suggest.Top3 == 0 {
		t.Errorf("the engine answered nothing: %+v %+v", s.Total, s.Suggest)
	}
	var out bytes.Buffer
	s.Print(&out, true)
	for _, want := range []string{"prove-customs", "insurance-service", "recall", "top-3", "Missed violations"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, err := Run(&Client{URL: "http://127.0.0.1:1"}, c); err == nil {
		t.Error("Run against no server gave no error")
	}
}
