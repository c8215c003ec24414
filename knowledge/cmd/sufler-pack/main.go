// Command sufler-pack helps pack authors and team leads: it validates packs, checks text
// against their rules, searches them and guesses segments, exactly as the engine will; it
// imports a helpdesk's canned replies as templates, builds packs with their index images,
// signs them and publishes them to the team hub (wasm/hub).
//
//	sufler-pack validate [-lint=false] pack.json [more.json ...]
//	sufler-pack check [-segment id] [-pack file.json ...] < reply.txt
//	sufler-pack search [-segment id] [-kind template|case] [-limit n] [-pack file.json ...] words ...
//	sufler-pack suggest [-segment id] [-draft text] [-limit n] [-pack file.json ...] < customer-message.txt
//	sufler-pack guess [-pack file.json ...] < customer-message.txt
//	sufler-pack gen [-entries n] [-id id] [-seed n] > big.json
//	sufler-pack import -format zendesk|freshdesk|zammad|helpscout|chatwoot|intercom|csv [-into pack.json | -id id -title title] [-o out.json] files ...
//	sufler-pack build [-lint=false] -o dir pack.json [more.json ...]
//	sufler-pack keygen -o name
//	sufler-pack sign -key name.key -channel name [-serial n] dir
//	sufler-pack verify -pub name.pub [-pub ...] dir/manifest.json
//	SUFLER_HUB_TOKEN=... sufler-pack publish -hub URL -channel name dir
//
// Without -pack the embedded default packs are used. Exit status: 0 clean, 1 problems or
// findings, 2 bad usage or unreadable input.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// commands maps a subcommand to its function; each returns the exit status.
var commands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{
	"validate": validate,
	"check":    check,
	"search":   search,
	"suggest":  suggest,
	"guess":    guess,
	"gen":      generate,
	"import":   importMacros,
	"build":    build,
	"keygen":   keygen,
	"sign":     sign,
	"verify":   verify,
	"publish":  publish,
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "sufler-pack: unknown command %q\n", args[0])
		}
		usage(stderr)
		return 2
	}
	return cmd(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  sufler-pack validate [-lint=false] pack.json [more.json ...]
  sufler-pack check [-segment id] [-pack file.json ...] < reply.txt
  sufler-pack search [-segment id] [-kind template|case] [-limit n] [-pack file.json ...] words ...
  sufler-pack suggest [-segment id] [-draft text] [-limit n] [-pack file.json ...] < customer-message.txt
  sufler-pack guess [-pack file.json ...] < customer-message.txt
  sufler-pack gen [-entries n] [-id id] [-seed n] > big.json
  sufler-pack import -format zendesk|freshdesk|zammad|helpscout|chatwoot|intercom|csv [-into pack.json | -id id -title title] [-o out.json] files ...
  sufler-pack build [-lint=false] -o dir pack.json [more.json ...]
  sufler-pack keygen -o name
  sufler-pack sign -key name.key -channel name [-serial n] dir
  sufler-pack verify -pub name.pub [-pub ...] dir/manifest.json
  SUFLER_HUB_TOKEN=... sufler-pack publish -hub URL -channel name dir
Without -pack the embedded default packs are used.
`)
}
