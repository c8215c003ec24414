package main

import (
	"bytes"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sufler/sufler/wasm/hub"
)

// pubFiles is a repeatable -pub flag.
type pubFiles []string

func (p *pubFiles) String() string     { return fmt.Sprint(*p) }
func (p *pubFiles) Set(v string) error { *p = append(*p, v); return nil }

// verify checks a signed build directory the way an agent's extension will: the manifest's
// signature against the trusted keys, then every file it names against its size, sha256
// and (for files with one) its own signature.
func verify(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var pubs pubFiles
	fs.Var(&pubs, "pub", "trusted public key file (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: sufler-pack verify -pub team.pub [-pub old.pub] dir/manifest.json")
		return 2
	}
	keys, err := readPublicKeys(pubs)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	mpath := fs.Arg(0)
	mb, err := os.ReadFile(mpath)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	problems := verifyDir(keys, filepath.Dir(mpath), mb, mpath)
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		return 1
	}
	m, _ := hub.ParseManifest(mb)
	fmt.Fprintf(stdout, "ok: channel %s, serial %d, %d packs\n", m.Channel, m.Serial, len(m.Packs))
	return 0
}

// verifyDir returns every problem of a signed build directory, one line each.
func verifyDir(keys []ed25519.PublicKey, dir string, mb []byte, mpath string) []string {
	sig, err := os.ReadFile(mpath + ".sig")
	if err != nil {
		return []string{err.Error()}
	}
	if err := hub.Verify(keys, mb, string(sig)); err != nil {
		return []string{mpath + ": " + err.Error()}
	}
	m, err := hub.ParseManifest(mb)
	if err != nil {
		return []string{mpath + ": " + err.Error()}
	}
	var problems []string
	for _, p := range m.Packs {
		have := map[string][]byte{}
		for _, f := range p.Files {
			path := filepath.Join(dir, p.ID, f.Name)
			body, err := os.ReadFile(path)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			have[f.Name] = body
			if e := fileEntry(f.Name, body); e != f {
				problems = append(problems, fmt.Sprintf("%s: %d bytes, sha256 %s; the manifest says %d bytes, %s", path, e.Size, e.SHA256, f.Size, f.SHA256))
			}
		}
		for name, body := range have {
			if sig, ok := have[name+".sig"]; ok && !bytes.HasSuffix([]byte(name), []byte(".sig")) {
				if err := hub.Verify(keys, body, string(sig)); err != nil {
					problems = append(problems, filepath.Join(dir, p.ID, name)+": "+err.Error())
				}
			}
		}
	}
	return problems
}
