package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGuard: what a web page can send (a rebound Host, an Origin, a form or text/plain
// body) is refused; what curl and the tests send passes.
func TestGuard(t *testing.T) {
	passed := 0
	g := &guard{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		passed++
		w.WriteHeader(http.StatusOK)
	}), port: "8787", origins: []string{"chrome-extension://abcdefghijklmnop"}}
	const body = `{"text":"Я не знаю"}`
	tests := []struct {
		name, method, host, origin, ctype string
		want                              int
	}{
		{"curl's GET", "GET", "127.0.0.1:8787", "", "", 200},
		{"localhost", "GET", "localhost:8787", "", "", 200},
		{"LOCALHOST", "GET", "LOCALHOST:8787", "", "", 200},
		{"IPv6 loopback", "GET", "[::1]:8787", "", "", 200},
		{"another loopback address", "GET", "127.0.0.2:8787", "", "", 200},
		{"a JSON POST", "POST", "127.0.0.1:8787", "", "application/json", 200},
		{"JSON with a charset", "PUT", "127.0.0.1:8787", "", "application/json; charset=utf-8", 200},
		{"DELETE needs no body", "DELETE", "127.0.0.1:8787", "", "", 200},
		{"an allowed extension", "POST", "127.0.0.1:8787", "chrome-extension://abcdefghijklmnop", "application/json", 200},

		{"DNS rebinding", "GET", "evil.example:8787", "", "", 403},
		{"DNS rebinding, POST", "POST", "evil.example:8787", "", "application/json", 403},
		{"a name that only starts like localhost", "GET", "localhost.evil.example:8787", "", "", 403},
		{"another port", "GET", "127.0.0.1:9999", "", "", 403},
		{"no port", "GET", "127.0.0.1", "", "", 403},
		{"a LAN address", "GET", "192.168.1.5:8787", "", "", 403},
		{"no Host", "GET", "", "", "", 403},
		{"a cross-site page", "POST", "127.0.0.1:8787", "https://evil.example", "application/json", 403},
		{"a cross-site GET", "GET", "127.0.0.1:8787", "https://evil.example", "", 403},
		{"an opaque origin", "POST", "127.0.0.1:8787", "null", "application/json", 403},
		{"a text/plain POST", "POST", "127.0.0.1:8787", "", "text/plain", 415},
		{"a form", "POST", "127.0.0.1:8787", "", "application/x-www-form-urlencoded", 415},
		{"no Content-Type", "PUT", "127.0.0.1:8787", "", "", 415},
		{"a lookalike type", "POST", "127.0.0.1:8787", "", "application/jsonp", 415},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "http://x/v1/check", strings.NewReader(body))
		r.Host = tt.host
		if tt.origin != "" {
			r.Header.Set("Origin", tt.origin)
		}
		if tt.ctype != "" {
			r.Header.Set("Content-Type", tt.ctype)
		}
		before := passed
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("%s: %d, want %d (%s)", tt.name, w.Code, tt.want, w.Body)
			continue
		}
		if tt.want == 200 {
			continue
		}
		if passed != before {
			t.Errorf("%s: refused but the API ran", tt.name)
		}
		var e struct{ Error string }
		if json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("%s: not a JSON error: %s", tt.name, w.Body)
		}
	}
}

// TestGuardPort80: on port 80 a Host without a port is the server's own.
func TestGuardPort80(t *testing.T) {
	g := &guard{port: "80"}
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "[::1]": true, "localhost:80": true, "evil.example": false, "localhost:8787": false} {
		if got := g.hostOK(host); got != want {
			t.Errorf("hostOK(%q) = %v on port 80", host, got)
		}
	}
}

// TestOriginFlag: -allow-origin takes origins as browsers send them, nothing looser.
func TestOriginFlag(t *testing.T) {
	var o origins
	for _, bad := range []string{"", "null", "*", "evil.example", "http://localhost:3000/"} {
		if o.Set(bad) == nil {
			t.Errorf("-allow-origin %q accepted", bad)
		}
	}
	if err := o.Set("chrome-extension://abcdefghijklmnop"); err != nil || len(o) != 1 {
		t.Errorf("a real origin: %v %v", err, o)
	}
}

// FuzzGuard: for any Host, Origin and Content-Type the guard never panics, answers a refusal
// as a JSON error, and lets through only loopback hosts on its port, no foreign Origin, and
// JSON bodies.
func FuzzGuard(f *testing.F) {
	f.Add("POST", "127.0.0.1:8787", "", "application/json")
	f.Add("GET", "evil.example:8787", "", "")
	f.Add("POST", "localhost:8787", "https://evil.example", "text/plain")
	f.Add("PUT", "[::1]:8787", "", "application/json; charset=\"utf-8\"")
	f.Add("GET", "[::1", "null", "")
	passed := false
	g := &guard{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { passed = true }), port: "8787"}
	f.Fuzz(func(t *testing.T, method, host, origin, ctype string) {
		if !map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true}[method] {
			return
		}
		r := httptest.NewRequest(method, "http://x/v1/health", nil)
		r.Host = host
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		passed = false
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if !passed {
			var e struct{ Error string }
			if json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Fatalf("refusal %d is not a JSON error: %s", w.Code, w.Body)
			}
			return
		}
		name := host
		if h, _, err := net.SplitHostPort(host); err == nil {
			name = h
		}
		if ip := net.ParseIP(name); !strings.EqualFold(name, "localhost") && (ip == nil || !ip.IsLoopback()) {
			t.Fatalf("Host %q passed", host)
		}
		if !strings.HasSuffix(host, ":8787") || origin != "" {
			t.Fatalf("Host %q, Origin %q passed", host, origin)
		}
		if (method == "POST" || method == "PUT") && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(ctype)), "application/json") {
			t.Fatalf("Content-Type %q passed", ctype)
		}
	})
}
