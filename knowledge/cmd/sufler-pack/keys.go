package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sufler/sufler/wasm/hub"
)

// keygen writes a new ed25519 key pair: name.key (the private key, mode 0600: keep it off
// shared drives) and name.pub (the public key agents' extensions trust). It never
// overwrites a key.
func keygen(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("o", "", "file name without extension: writes NAME.key and NAME.pub")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *name == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: sufler-pack keygen -o name")
		return 2
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	for _, f := range []struct {
		path string
		body []byte
		mode os.FileMode
	}{
		{*name + ".key", priv.Seed(), 0o600},
		{*name + ".pub", pub, 0o644},
	} {
		fh, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.mode)
		if err == nil {
			_, err = fmt.Fprintln(fh, base64.StdEncoding.EncodeToString(f.body))
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "private key %s.key (keep it secret), public key %s.pub: %s\n", *name, *name, base64.StdEncoding.EncodeToString(pub))
	return 0
}

// readPrivateKey reads a key keygen wrote, refusing one that others can read.
func readPrivateKey(path string) (ed25519.PrivateKey, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s: others can read this private key (mode %v); chmod 600 it", path, st.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%s: not a private key from sufler-pack keygen", path)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// readPublicKeys reads the public key files given.
func readPublicKeys(paths []string) ([]ed25519.PublicKey, error) {
	if len(paths) == 0 {
		return nil, errors.New("no public key given (-pub name.pub)")
	}
	var keys []ed25519.PublicKey
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		ks, err := hub.ParsePublicKeys(string(data))
		if err != nil || len(ks) == 0 {
			return nil, fmt.Errorf("%s: not a public key from sufler-pack keygen", p)
		}
		keys = append(keys, ks...)
	}
	return keys, nil
}
