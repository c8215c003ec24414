package pack

import (
	"strings"

	"github.com/sufler/sufler/rules"
)

// varUse is one place a variable appears.
type varUse struct {
	name string
	path string
}

// varSet gathers the {{variables}} of a template's texts, in order of first appearance.
type varSet struct {
	names []string
	seen  map[string]bool
	uses  []varUse
}

func newVarSet() *varSet { return &varSet{seen: map[string]bool{}} }

func (v *varSet) has(name string) bool { return v.seen[name] }

// scan records the variables of text found at path and returns the malformed placeholders:
// "{{" without a closing "}}", or a name that is not [a-z][a-z0-9_]*. The engine never fills
// variables in; the agent does, so a broken placeholder would reach a customer as is.
func (v *varSet) scan(path, text string) (bad []string) {
	rest := text
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			break
		}
		rest = rest[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 {
			bad = append(bad, "{{"+clip(rest, 20))
			break
		}
		name := rest[:j]
		rest = rest[j+2:]
		if !rules.IsVarName(name) {
			bad = append(bad, "{{"+name+"}}")
			continue
		}
		v.uses = append(v.uses, varUse{name: name, path: path})
		if !v.seen[name] {
			v.seen[name] = true
			v.names = append(v.names, name)
		}
	}
	return bad
}

// Variables lists the {{variables}} in text, in order of first appearance, each once.
func Variables(text string) []string {
	v := newVarSet()
	v.scan("", text)
	return v.names
}

// clip shortens s to at most n runes for messages.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
