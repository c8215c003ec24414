package main

import (
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"
)

// guard keeps web pages away from the loopback server. Listening on 127.0.0.1 keeps other
// machines out, but not the agent's own browser: a page can POST to 127.0.0.1 (a "simple"
// cross-site request with text/plain needs no preflight), and through DNS rebinding a
// site's own name can resolve to 127.0.0.1, which makes its scripts same-origin with the
// server and able to read every answer. So the server answers only requests that
//
//   - name it in Host: a loopback name or address on the port it listens on (403 else; a
//     rebinding page's requests carry Host: evil.example:8787);
//   - carry no Origin, or one allowed with -allow-origin (403 else). Browsers send Origin
//     on every cross-origin request and every POST, PUT and DELETE; curl, scripts and the
//     tests send none. None is allowed by default: nothing in Sufler calls this server
//     from a page. -allow-origin chrome-extension://<id> would let an extension in;
//   - send their bodies as Content-Type: application/json (415 else), which no form and no
//     simple cross-site request can do.
type guard struct {
	next    http.Handler
	port    string   // the port the server listens on, as in Host
	origins []string // allowed Origin values, exact
}

// ServeHTTP refuses what a page could send and passes the rest on.
func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.hostOK(r.Host) {
		refuse(w, http.StatusForbidden, fmt.Sprintf("Host %q is not this server: use 127.0.0.1:%s or localhost:%s", r.Host, g.port, g.port))
		return
	}
	if origin, sent := r.Header["Origin"]; sent && !slices.Contains(g.origins, strings.Join(origin, ",")) {
		refuse(w, http.StatusForbidden, fmt.Sprintf("Origin %q may not use this server (allow it with -allow-origin)", strings.Join(origin, ",")))
		return
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			refuse(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send the body as application/json", r.Header.Get("Content-Type")))
			return
		}
	}
	g.next.ServeHTTP(w, r)
}

// hostOK reports whether host (a Host header) names this server: localhost or a loopback
// address, with the server's port (or none, when the server is on port 80).
func (g *guard) hostOK(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, "80" // no port: HTTP's default
		if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
			name = name[1 : len(name)-1]
		}
	}
	if port != g.port {
		return false
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// refuse answers with a JSON error, as the API does.
func refuse(w http.ResponseWriter, status int, msg string) {
	body, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// origins collects -allow-origin flags.
type origins []string

func (o *origins) String() string { return strings.Join(*o, ",") }

func (o *origins) Set(v string) error {
	if v == "" || v == "null" || strings.HasSuffix(v, "/") || !strings.Contains(v, "://") {
		return fmt.Errorf("%q: give an origin as the browser sends it, e.g. chrome-extension://abcdefghijklmnop or http://localhost:3000", v)
	}
	*o = append(*o, v)
	return nil
}
