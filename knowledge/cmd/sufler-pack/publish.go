package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sufler/sufler/wasm/hub"
)

// tokenEnv names the environment variable publish reads the hub's token from; a token
// on the command line would land in shell history and process lists.
const tokenEnv = "SUFLER_HUB_TOKEN"

// publish uploads a signed build directory to a hub and makes its manifest the channel's
// current one: first every file (a version's files never change, so a re-run is harmless),
// then the manifest, which the hub accepts only when every file it names is there.
func publish(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	fs.SetOutput(stderr)
	hubURL := fs.String("hub", "", "the hub's URL, e.g. https://sufler-hub.example.workers.dev (required)")
	channel := fs.String("channel", "", "channel to publish to (required; must be the signed manifest's)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *hubURL == "" || *channel == "" || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: "+tokenEnv+"=… sufler-pack publish -hub URL -channel name build-dir")
		return 2
	}
	token := os.Getenv(tokenEnv)
	if token == "" {
		fmt.Fprintf(stderr, "sufler-pack: set %s to the hub's publishing token\n", tokenEnv)
		return 2
	}
	base, err := hubBase(*hubURL)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	dir := fs.Arg(0)
	mpath := filepath.Join(dir, manifestFile)
	mb, err := os.ReadFile(mpath)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v (run sufler-pack sign first)\n", err)
		return 2
	}
	sig, err := os.ReadFile(mpath + ".sig")
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	m, err := hub.ParseManifest(mb)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %s: %v\n", mpath, err)
		return 2
	}
	if m.Channel != *channel {
		fmt.Fprintf(stderr, "sufler-pack: %s is signed for channel %q, not %q\n", mpath, m.Channel, *channel)
		return 2
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	put := func(path string, body []byte) error {
		req, err := http.NewRequest(http.MethodPut, base+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
			return fmt.Errorf("PUT %s: %s: %s", path, res.Status, strings.TrimSpace(string(msg)))
		}
		return nil
	}
	for _, p := range m.Packs {
		for _, f := range p.Files {
			body, err := os.ReadFile(filepath.Join(dir, p.ID, f.Name))
			if err != nil {
				fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
				return 2
			}
			if e := fileEntry(f.Name, body); e != f {
				fmt.Fprintf(stderr, "sufler-pack: %s/%s changed since it was signed; sign again\n", p.ID, f.Name)
				return 1
			}
			if err := put("/v1/packs/"+p.ID+"/"+p.Version+"/"+f.Name, body); err != nil {
				fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
				return 1
			}
		}
	}
	req, _ := json.Marshal(map[string]string{"manifest": string(mb), "signature": string(sig)})
	if err := put("/v1/channels/"+m.Channel, req); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 1
	}
	for _, p := range m.Packs {
		fmt.Fprintf(stdout, "%s %s\n", p.ID, p.Version)
	}
	fmt.Fprintf(stdout, "published: channel %s, serial %d\n", m.Channel, m.Serial)
	return 0
}

// hubBase checks the hub URL: https, or http only to this machine (the token must not
// cross a network in clear).
func hubBase(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("hub URL %q: want https://host[/path]", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if ip := net.ParseIP(u.Hostname()); !(u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()) {
			return "", fmt.Errorf("hub URL %q: http sends the token in clear; use https (http is only for 127.0.0.1)", raw)
		}
	default:
		return "", fmt.Errorf("hub URL %q: want https://", raw)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}
