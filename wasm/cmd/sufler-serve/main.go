// Command sufler-serve serves Sufler's API natively on 127.0.0.1, for development, tests and curl.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sufler/sufler/wasm/engine"
)

// defaultPort is used when neither -addr nor PORT says otherwise.
const defaultPort = "8787"

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = defaultPort
	}
	addr := flag.String("addr", net.JoinHostPort("127.0.0.1", port), "address to listen on; only loopback addresses are accepted")
	noDefaults := flag.Bool("no-default-packs", false, "start without the default packs")
	var extra packFiles
	flag.Var(&extra, "pack", "load this pack JSON file too (repeatable)")
	var allowed origins
	flag.Var(&allowed, "allow-origin", "let requests with this Origin in, e.g. chrome-extension://<id> (repeatable; none by default: see guard.go)")
	flag.Parse()

	if err := loopbackOnly(*addr); err != nil {
		log.Fatal(err)
	}
	h, err := engine.New(engine.Options{NoDefaultPacks: *noDefaults, Packs: extra.data})
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// Tests read this line to learn the port when -addr ends in :0.
	fmt.Printf("sufler: listening on http://%s\n", ln.Addr())
	_, lnPort, _ := net.SplitHostPort(ln.Addr().String())
	srv := &http.Server{Handler: &guard{next: h, port: lnPort, origins: allowed}, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// loopbackOnly refuses any address another machine could reach: what an agent types stays on this computer.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q: only loopback addresses (127.0.0.1, ::1, localhost) are allowed", addr)
	}
	return nil
}

// packFiles collects -pack flags.
type packFiles struct{ data [][]byte }

func (p *packFiles) String() string { return fmt.Sprintf("%d pack file(s)", len(p.data)) }

func (p *packFiles) Set(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	p.data = append(p.data, b)
	return nil
}
