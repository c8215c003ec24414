package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Client asks the engine through its HTTP API, the way the extension does: in process
// through the handler, or over the network from a running sufler-serve.
type Client struct {
	// Handler answers requests in process when set.
	Handler http.Handler
	// URL is the base address of a running server, used when Handler is nil.
	URL string
}

// httpClient bounds every request to a running server: a stalled one fails the run instead of hanging it.
var httpClient = &http.Client{Timeout: 30 * time.Second}

// Finding is the part of a /v1/check finding the evaluation reads.
type Finding struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	Severity string `json:"severity"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Match    string `json:"match"`
}

// Alarm reports whether the finding is one an agent is warned by: an error or a warning.
// Hints are style advice and count neither as a catch nor as a false alarm.
func (f Finding) Alarm() bool { return f.Severity == "error" || f.Severity == "warning" }

// Suggestion is the part of a /v1/suggest answer the evaluation reads.
type Suggestion struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Pack string `json:"pack"`
	Via  string `json:"via"`
}

// Guess is the answer of /v1/segment.
type Guess struct {
	Segment string `json:"segment"`
	Pack    string `json:"pack"`
}

// PackInfo is one entry of /v1/packs.
type PackInfo struct {
	ID       string   `json:"id"`
	Segments []string `json:"segments"`
}

// Check runs /v1/check on text with the segment (which picks the pack).
func (c *Client) Check(text, segment string) ([]Finding, error) {
	var out struct{ Findings []Finding }
	err := c.do("POST", "/v1/check", map[string]string{"text": text, "segment": segment}, &out)
	return out.Findings, err
}

// Suggest runs /v1/suggest with the customer's message as context and no draft.
func (c *Client) Suggest(context, segment string, limit int) ([]Suggestion, error) {
	var out struct{ Suggestions []Suggestion }
	err := c.do("POST", "/v1/suggest", map[string]any{"context": context, "segment": segment, "limit": limit}, &out)
	return out.Suggestions, err
}

// Segment runs /v1/segment on a customer's message.
func (c *Client) Segment(text string) (Guess, error) {
	var g Guess
	err := c.do("POST", "/v1/segment", map[string]string{"text": text}, &g)
	return g, err
}

// Packs lists the loaded packs.
func (c *Client) Packs() ([]PackInfo, error) {
	var out struct{ Packs []PackInfo }
	err := c.do("GET", "/v1/packs", nil, &out)
	return out.Packs, err
}

func (c *Client) do(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	var status int
	var data []byte
	if c.Handler != nil {
		rec := httptest.NewRecorder()
		c.Handler.ServeHTTP(rec, httptest.NewRequest(method, path, rd))
		status, data = rec.Code, rec.Body.Bytes()
	} else {
		req, err := http.NewRequest(method, strings.TrimSuffix(c.URL, "/")+path, rd)
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := httpClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if data, err = io.ReadAll(resp.Body); err != nil {
			return err
		}
		status = resp.StatusCode
	}
	if status != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, status, strings.TrimSpace(string(data)))
	}
	return json.Unmarshal(data, out)
}
