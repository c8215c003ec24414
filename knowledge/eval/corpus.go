package eval

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf16"
)

// Files holds the project's corpus (corpus/*.txt).
//
//go:embed corpus/*.txt
var Files embed.FS

// Reply is one agent reply of the corpus.
type Reply struct {
	// ID is unique in the corpus; its second letter is "v" for a violation, "c" for a clean reply.
	ID string
	// Pack is the id of the pack whose policy the reply is written under.
	Pack string
	// Text is the reply as the agent wrote it (marks taken off).
	Text string
	// Spans are the words the policy forbids; none for a clean reply.
	Spans []Span
	// Note says what the item tests (word order, a quote, a paraphrase…).
	Note string
	// Line is where the item is written, as file:line.
	Line string
}

// Clean reports whether the reply should draw no error or warning.
func (r Reply) Clean() bool { return len(r.Spans) == 0 }

// Span is one expected violation inside a reply.
type Span struct {
	// Text is the exact substring of the reply that violates the policy.
	Text string
	// Category is the packs' category the violation belongs to.
	Category string
	// Start and End are UTF-16 code-unit offsets in the reply, as findings report them.
	Start, End int
}

// Message is one customer message of the corpus.
type Message struct {
	// ID is unique in the corpus.
	ID string
	// Pack is the id of the pack that should answer.
	Pack string
	// Segment is the segment the customer belongs to.
	Segment string
	// Text is the customer's message.
	Text string
	// Expect are ids of the pack's templates or cases that answer the message.
	Expect []string
	// Note says what the item tests.
	Note string
	// Line is where the item is written, as file:line.
	Line string
}

// Corpus is every reply and message, in file and line order.
type Corpus struct {
	Replies  []Reply
	Messages []Message
}

// Load reads every replies-*.txt and messages-*.txt file of fsys's root (Files's corpus
// directory when fsys is nil) and reports all problems of form at once.
func Load(fsys fs.FS) (*Corpus, error) {
	if fsys == nil {
		sub, err := fs.Sub(Files, "corpus")
		if err != nil {
			return nil, err
		}
		fsys = sub
	}
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	c := &Corpus{}
	var problems []string
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(path.Base(name), ".txt")
		switch {
		case strings.HasPrefix(base, "replies-"):
			rs, ps := parseReplies(name, strings.TrimPrefix(base, "replies-"), string(data))
			c.Replies, problems = append(c.Replies, rs...), append(problems, ps...)
		case strings.HasPrefix(base, "messages-"):
			ms, ps := parseMessages(name, strings.TrimPrefix(base, "messages-"), string(data))
			c.Messages, problems = append(c.Messages, ms...), append(problems, ps...)
		default:
			problems = append(problems, fmt.Sprintf("%s: name must start with replies- or messages-", name))
		}
	}
	problems = append(problems, duplicateIDs(c)...)
	if len(problems) > 0 {
		return c, fmt.Errorf("corpus: %d problem(s):\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return c, nil
}

// lines calls fn for every item line of a corpus file with its position and note split off.
func lines(name, data string, fn func(pos, body, note string)) {
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		body, note := line, ""
		if j := strings.LastIndex(line, " // "); j >= 0 {
			body, note = strings.TrimSpace(line[:j]), strings.TrimSpace(line[j+4:])
		}
		fn(fmt.Sprintf("%s:%d", name, i+1), body, note)
	}
}

func parseReplies(name, pack, data string) ([]Reply, []string) {
	var out []Reply
	var problems []string
	lines(name, data, func(pos, body, note string) {
		id, text, ok := strings.Cut(body, ": ")
		if !ok || strings.ContainsAny(id, " \t") || len(id) < 3 {
			problems = append(problems, pos+": want «id: reply»")
			return
		}
		r := Reply{ID: id, Pack: pack, Note: note, Line: pos}
		var err error
		r.Text, r.Spans, err = unmark(text)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s: %v", pos, id, err))
			return
		}
		switch kind := id[1]; {
		case kind == 'v' && r.Clean():
			problems = append(problems, fmt.Sprintf("%s: %s: a violation marks no [[span|category]]", pos, id))
		case kind == 'c' && !r.Clean():
			problems = append(problems, fmt.Sprintf("%s: %s: a clean reply marks a span", pos, id))
		case kind != 'v' && kind != 'c':
			problems = append(problems, fmt.Sprintf("%s: %s: the id's second letter must be v or c", pos, id))
		}
		out = append(out, r)
	})
	return out, problems
}

// unmark takes the [[span|category]] marks off a reply and returns the spans with their
// UTF-16 offsets in the unmarked text.
func unmark(s string) (string, []Span, error) {
	var b strings.Builder
	var spans []Span
	units := 0 // UTF-16 length of b
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			if strings.Contains(s, "]]") {
				return "", nil, fmt.Errorf("]] without [[")
			}
			b.WriteString(s)
			return strings.TrimSpace(b.String()), spans, nil
		}
		if strings.Contains(s[:i], "]]") {
			return "", nil, fmt.Errorf("]] without [[")
		}
		b.WriteString(s[:i])
		units += utf16Len(s[:i])
		rest := s[i+2:]
		j := strings.Index(rest, "]]")
		if j < 0 {
			return "", nil, fmt.Errorf("[[ without ]]")
		}
		words, cat, ok := strings.Cut(rest[:j], "|")
		cat = strings.TrimSpace(cat)
		switch {
		case !ok || cat == "" || strings.ContainsAny(cat, " |[") || strings.TrimSpace(words) == "":
			return "", nil, fmt.Errorf("want [[words|category]], not [[%s]]", rest[:j])
		case strings.TrimSpace(words) != words:
			return "", nil, fmt.Errorf("span %q starts or ends with a space", words)
		}
		spans = append(spans, Span{Text: words, Category: cat, Start: units, End: units + utf16Len(words)})
		b.WriteString(words)
		units += utf16Len(words)
		s = rest[j+2:]
	}
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts it.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func parseMessages(name, pack, data string) ([]Message, []string) {
	var out []Message
	var problems []string
	lines(name, data, func(pos, body, note string) {
		head, rest, ok := strings.Cut(body, ": ")
		j := strings.LastIndex(rest, " => ")
		fields := strings.Fields(head)
		if !ok || j < 0 || len(fields) != 2 {
			problems = append(problems, pos+": want «id segment: message => template-or-case-id …»")
			return
		}
		m := Message{ID: fields[0], Segment: fields[1], Pack: pack, Text: strings.TrimSpace(rest[:j]),
			Expect: strings.Fields(rest[j+4:]), Note: note, Line: pos}
		if m.Text == "" || len(m.Expect) == 0 {
			problems = append(problems, fmt.Sprintf("%s: %s: empty message or no expected id", pos, m.ID))
			return
		}
		out = append(out, m)
	})
	return out, problems
}

func duplicateIDs(c *Corpus) []string {
	var problems []string
	seen := map[string]string{}
	add := func(id, pos string) {
		if prev, ok := seen[id]; ok {
			problems = append(problems, fmt.Sprintf("%s: id %s is used at %s too", pos, id, prev))
		}
		seen[id] = pos
	}
	for _, r := range c.Replies {
		add(r.ID, r.Line)
	}
	for _, m := range c.Messages {
		add(m.ID, m.Line)
	}
	return problems
}
