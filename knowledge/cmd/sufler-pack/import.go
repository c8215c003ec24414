package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/sufler/sufler/rules"
)

// macro is one canned reply as a helpdesk exports it, before it becomes a template.
type macro struct {
	ID       string   // the helpdesk's id, for the template id and the source
	Title    string   // the macro's name
	Folders  []string // folders or categories it sits in, kept as tags
	Keywords []string // the helpdesk's own keywords (Zammad), kept as tags and triggers
	Body     string   // the reply text
	HTML     bool     // whether Body is HTML
}

// input is one file given to import.
type input struct {
	name string
	data []byte
}

// readers parse each format's export into macros. Every reader gets all the files, since
// some formats spread one export over several (Freshdesk's folders and responses).
var readers = map[string]func([]input) ([]macro, error){
	"zendesk":   readZendesk,
	"freshdesk": readFreshdesk,
	"zammad":    readZammad,
	"helpscout": readHelpScout,
	"chatwoot":  readChatwoot,
	"intercom":  readIntercom,
	"csv":       readCSV,
}

func formatNames() string {
	var names []string
	for n := range readers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

// varMap is the repeatable -map from=to flag.
type varMap map[string]string

func (v varMap) String() string { return fmt.Sprint(map[string]string(v)) }
func (v varMap) Set(s string) error {
	from, to, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(from) == "" || !rules.IsVarName(to) {
		return fmt.Errorf("want placeholder=variable, the variable [a-z][a-z0-9_]*: %q", s)
	}
	v[strings.ToLower(strings.TrimSpace(from))] = to
	return nil
}

// importMacros turns a helpdesk's canned replies into pack templates: a new pack, or new
// templates merged into an existing one (-into). It reports every placeholder it could not
// map and every macro that breaks a rule of the pack (or of -rules packs); those are left
// out unless -keep-breaking, so the written pack passes its own rules. The pack is written
// only when it parses; a problem leaves -o untouched.
func importMacros(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "export format: "+formatNames())
	into := fs.String("into", "", "existing pack to merge the templates into (its segments, rules and entries are kept)")
	id := fs.String("id", "", "id of a new pack (without -into)")
	title := fs.String("title", "", "title of a new pack (without -into)")
	out := fs.String("o", "", "where to write the pack (default: stdout; may be the -into file)")
	keep := fs.Bool("keep-breaking", false, "keep macros that break a rule in the pack (they are reported either way)")
	var rulePacks packFiles
	fs.Var(&rulePacks, "rules", "also check the macros against this pack's rules (repeatable)")
	vars := varMap{}
	fs.Var(vars, "map", "map a placeholder to a pack variable, e.g. -map ticket.custom_field_5=order_id (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	read, ok := readers[*format]
	if !ok || fs.NArg() == 0 {
		fmt.Fprintf(stderr, "usage: sufler-pack import -format %s [-into pack.json | -id id -title title] [-o out.json] [-rules pack.json] [-map placeholder=variable] files ...\n", formatNames())
		return 2
	}
	if *into == "" && (*id == "" || *title == "") {
		fmt.Fprintln(stderr, "sufler-pack import: a new pack needs -id and -title (or merge with -into pack.json)")
		return 2
	}
	if *into != "" && (*id != "" || *title != "") {
		fmt.Fprintln(stderr, "sufler-pack import: -into keeps that pack's id and title; drop -id and -title")
		return 2
	}
	var inputs []input
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
		inputs = append(inputs, input{name, data})
	}
	macros, err := read(inputs)
	if err != nil {
		fmt.Fprintf(stderr, "sufler-pack import: %v\n", err)
		return 2
	}
	if len(macros) == 0 {
		fmt.Fprintf(stderr, "sufler-pack import: no %s macros in %s\n", *format, strings.Join(fs.Args(), ", "))
		return 2
	}
	imp := importer{format: *format, mapper: &mapper{format: *format, extra: vars}, keep: *keep}
	status, ok := imp.run(macros, *into, *id, *title, rulePacks, stderr)
	if !ok {
		return status
	}
	if *out == "" {
		stdout.Write(imp.result)
	} else if err := writeFileAtomic(*out, imp.result); err != nil {
		fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
		return 2
	}
	for _, n := range imp.report {
		fmt.Fprintln(stderr, n)
	}
	fmt.Fprintf(stderr, "imported %d of %d %s macros: %d unmapped placeholders, %d rule breaks\n",
		imp.imported, len(macros), *format, imp.unmapped, imp.breaks)
	if *into == "" {
		// validate's lint asks what import cannot know: words that mark the segment.
		fmt.Fprintf(stderr, "new pack: give segment %q signals (words of its customers) before validate; validate -lint=false passes now\n", *id)
	}
	return status
}

// writeFileAtomic replaces path only once the whole new content is on disk.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
