package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/sufler/sufler/wasm/hub"
)

// manifestFile is the signed manifest sign writes at the top of a build directory.
const manifestFile = "manifest.json"

// sign signs what build wrote for a channel: a detached .sig beside each file of each pack,
// and dir/manifest.json (pack ids, versions, size and sha256 of every file) with its own
// manifest.json.sig. The serial defaults to the time, so a later signing always supersedes
// an earlier one; a rollback is signing an older build again.
func sign(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keyPath := fs.String("key", "", "private key from keygen (required)")
	channel := fs.String("channel", "", "channel the manifest is for (required), e.g. support")
	serial := fs.Int64("serial", time.Now().Unix(), "manifest serial; must exceed the channel's current one")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *keyPath == "" || *channel == "" || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: sufler-pack sign -key team.key -channel name [-serial n] build-dir")
		return 2
	}
	if !hub.ValidID(*channel) {
		fmt.Fprintf(stderr, "sufler-pack: channel %q must match [a-z0-9-]{1,64}\n", *channel)
		return 2
	}
	key, err := readPrivateKey(*keyPath)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	dir := fs.Arg(0)
	packDirs, err := filepath.Glob(filepath.Join(dir, "*", packFile))
	if err != nil || len(packDirs) == 0 {
		fmt.Fprintf(stderr, "sufler-pack: %s holds no */%s; run sufler-pack build -o %s first\n", dir, packFile, dir)
		return 2
	}
	sort.Strings(packDirs)
	m := hub.Manifest{Format: 1, Channel: *channel, Serial: *serial, Signed: time.Now().UTC().Format(time.RFC3339)}
	for _, pf := range packDirs {
		pdir := filepath.Dir(pf)
		data, err := os.ReadFile(pf)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
		mp := hub.ManifestPack{ID: gjson.GetBytes(data, "id").String(), Version: gjson.GetBytes(data, "version").String()}
		if filepath.Base(pdir) != mp.ID {
			fmt.Fprintf(stderr, "sufler-pack: %s holds pack %q; build writes each pack under its id\n", pdir, mp.ID)
			return 2
		}
		names, err := builtFiles(pdir)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
		for _, name := range names {
			body, err := os.ReadFile(filepath.Join(pdir, name))
			if err != nil {
				fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
				return 2
			}
			sig := []byte(hub.Sign(key, body))
			if err := os.WriteFile(filepath.Join(pdir, name+".sig"), sig, 0o644); err != nil {
				fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
				return 2
			}
			mp.Files = append(mp.Files, fileEntry(name, body), fileEntry(name+".sig", sig))
		}
		m.Packs = append(m.Packs, mp)
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	mb = append(mb, '\n')
	if _, err := hub.ParseManifest(mb); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 1
	}
	mpath := filepath.Join(dir, manifestFile)
	if err := os.WriteFile(mpath, mb, 0o644); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	if err := os.WriteFile(mpath+".sig", []byte(hub.Sign(key, mb)), 0o644); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	for _, p := range m.Packs {
		fmt.Fprintf(stdout, "%s %s: %d files signed\n", p.ID, p.Version, len(p.Files))
	}
	fmt.Fprintf(stdout, "%s: channel %s, serial %d\n", mpath, m.Channel, m.Serial)
	return 0
}

// builtFiles lists the files of a built pack to sign: every regular file but signatures.
func builtFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".sig") {
			continue
		}
		if !hub.ValidFileName(e.Name()) {
			return nil, fmt.Errorf("%s: file name %q is not one the hub serves ([a-z0-9._-])", dir, e.Name())
		}
		names = append(names, e.Name())
	}
	return names, nil
}

func fileEntry(name string, body []byte) hub.ManifestFile {
	sum := sha256.Sum256(body)
	return hub.ManifestFile{Name: name, Size: len(body), SHA256: hex.EncodeToString(sum[:])}
}
