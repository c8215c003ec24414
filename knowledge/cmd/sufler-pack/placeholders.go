package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sufler/sufler/rules"
)

// A helpdesk's placeholder becomes one of the pack's {{variables}}, which the agent fills
// in. The tables are data: the key is the helpdesk's placeholder path, lower-cased, with
// its fallback dropped; common applies to every format unless the format's own table says
// otherwise (in Zammad and Help Scout "user" is the agent, in Intercom the customer).
var commonVars = map[string]string{
	"ticket.requester.first_name": "customer_name",
	"ticket.requester.name":       "customer_name",
	"ticket.requester.firstname":  "customer_name",
	"ticket.customer.firstname":   "customer_name",
	"ticket.customer.name":        "customer_name",
	"ticket.requester.email":      "customer_email",
	"ticket.requester.phone":      "customer_phone",
	"ticket.organization.name":    "customer_company",
	"ticket.company.name":         "customer_company",
	"ticket.id":                   "ticket_number",
	"ticket.number":               "ticket_number",
	"ticket.title":                "ticket_subject",
	"ticket.subject":              "ticket_subject",
	"ticket.agent.name":           "agent_name",
	"ticket.agent.first_name":     "agent_name",
	"ticket.agent.email":          "agent_email",
	"current_user.name":           "agent_name",
	"current_user.first_name":     "agent_name",
	"current_user.email":          "agent_email",
	"contact.name":                "customer_name",
	"contact.first_name":          "customer_name",
	"contact.email":               "customer_email",
	"contact.phone_number":        "customer_phone",
	"agent.name":                  "agent_name",
	"agent.first_name":            "agent_name",
	"agent.email":                 "agent_email",
	"conversation.id":             "ticket_number",
	"conversation.number":         "ticket_number",
	"conversation.subject":        "ticket_subject",
	"customer.firstname":          "customer_name",
	"customer.fullname":           "customer_name",
	"customer.name":               "customer_name",
	"customer.email":              "customer_email",
	"customer.company":            "customer_company",
	"ticket.account":              "company",
	"helpdesk_name":               "company",
	"ticket.portal_name":          "company",
	"inbox.name":                  "company",
}

// formatVars overrides commonVars per format.
var formatVars = map[string]map[string]string{
	"zammad": {
		"user.firstname":                    "agent_name",
		"user.lastname":                     "agent_name",
		"user.fullname":                     "agent_name",
		"ticket.owner.firstname":            "agent_name",
		"ticket.customer.lastname":          "customer_name",
		"ticket.customer.email":             "customer_email",
		"ticket.customer.organization.name": "customer_company",
		"config.product_name":               "company",
	},
	"helpscout": {
		"user.firstname": "agent_name",
		"user.fullname":  "agent_name",
		"user.email":     "agent_email",
		"mailbox.name":   "company",
	},
	"intercom": {
		"user.name":       "customer_name",
		"user.first_name": "customer_name",
		"user.firstname":  "customer_name",
		"user.email":      "customer_email",
		"company.name":    "customer_company",
		"teammate.name":   "agent_name",
		"app.name":        "company",
	},
}

// Placeholder syntaxes. Liquid ({{x}}, with filters such as | fallback:"…") is Zendesk's,
// Freshdesk's, Chatwoot's and Intercom's text; #{x} is Zammad's; {%x,fallback=…%} Help Scout's.
var (
	liquidVar    = regexp.MustCompile(`\{\{\s*([^{}|]*?)\s*(\|[^{}]*)?\}\}`)
	liquidTag    = regexp.MustCompile(`\{%-?\s*([a-z]+)\b[^%]*?-?%\}`)
	zammadVar    = regexp.MustCompile(`#\{\s*([^{}]*?)\s*\}`)
	helpscoutVar = regexp.MustCompile(`\{%\s*([^{}%,]*?)\s*(,[^{}%]*)?%\}`)
)

// mapper turns a format's placeholders into the pack's variables and remembers what it
// could not map.
type mapper struct {
	format string
	extra  map[string]string // -map from=to, which wins over the tables
	notes  []string          // what could not be mapped, for the report
}

// lookup returns the pack variable for a placeholder path, ok=false when no table has it.
func (m *mapper) lookup(key string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(key))
	if v, ok := m.extra[k]; ok {
		return v, true
	}
	if v, ok := formatVars[m.format][k]; ok {
		return v, true
	}
	if v, ok := commonVars[k]; ok {
		return v, true
	}
	if rules.IsVarName(k) && k == key {
		return k, true // already a pack variable: {{customer_name}} in a CSV
	}
	return "", false
}

// convert rewrites the text's placeholders as {{variables}}. An unmapped one becomes a
// variable named after its path (so the pack stays valid and the agent still sees a gap to
// fill) and is reported; Liquid logic ({% if %}) is dropped, keeping the text inside, and
// reported, since a template has one wording.
func (m *mapper) convert(where, text string) string {
	repl := func(orig, key string) string {
		if v, ok := m.lookup(key); ok {
			return "{{" + v + "}}"
		}
		v := fallbackVar(key)
		m.notes = append(m.notes, fmt.Sprintf("%s: placeholder %s not mapped; kept as {{%s}} (map it with -map %s=variable)", where, orig, v, strings.ToLower(strings.TrimSpace(key))))
		return "{{" + v + "}}"
	}
	switch m.format {
	case "zammad":
		text = zammadVar.ReplaceAllStringFunc(text, func(s string) string { return repl(s, zammadVar.FindStringSubmatch(s)[1]) })
	case "helpscout":
		text = helpscoutVar.ReplaceAllStringFunc(text, func(s string) string { return repl(s, helpscoutVar.FindStringSubmatch(s)[1]) })
	}
	text = liquidTag.ReplaceAllStringFunc(text, func(s string) string {
		m.notes = append(m.notes, fmt.Sprintf("%s: Liquid logic %s removed, the text inside kept; check the wording", where, s))
		return ""
	})
	text = liquidVar.ReplaceAllStringFunc(text, func(s string) string { return repl(s, liquidVar.FindStringSubmatch(s)[1]) })
	if fixed := strayBraces(text); fixed != text {
		m.notes = append(m.notes, fmt.Sprintf("%s: a stray {{ or }} made single, so it is not taken for a placeholder", where))
		text = fixed
	}
	return tidy(collapseRepeats(text))
}

// fallbackVar makes a variable name of an unmapped placeholder path: its last two parts,
// snake_case ("ticket.custom_field_360" → "ticket_custom_field_360").
func fallbackVar(key string) string {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(key)), ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	var b strings.Builder
	for _, r := range strings.Join(parts, "_") {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), "_")
	switch {
	case s == "":
		return "value" // a name in another alphabet: nothing to keep
	case !rules.IsVarName(s):
		return "value_" + s // starts with a digit
	}
	return s
}

// repeatedVar is a variable followed by spaces and another variable.
var repeatedVar = regexp.MustCompile(`\{\{([a-z][a-z0-9_]*)\}\}[ \t]+\{\{([a-z][a-z0-9_]*)\}\}`)

// collapseRepeats joins a variable written twice in a row into one: first and last name
// both map to the one name the agent fills in ("#{user.firstname} #{user.lastname}").
func collapseRepeats(text string) string {
	for {
		changed := false
		text = repeatedVar.ReplaceAllStringFunc(text, func(s string) string {
			m := repeatedVar.FindStringSubmatch(s)
			if m[1] != m[2] {
				return s
			}
			changed = true
			return "{{" + m[1] + "}}"
		})
		if !changed {
			return text
		}
	}
}

// packVar is a well-formed pack placeholder.
var packVar = regexp.MustCompile(`\{\{[a-z][a-z0-9_]*\}\}`)

// strayBraces turns "{{" and "}}" outside well-formed placeholders into single braces: the
// pack refuses a malformed placeholder, which would otherwise fail the whole import.
func strayBraces(text string) string {
	var b strings.Builder
	last := 0
	fix := func(s string) string {
		for strings.Contains(s, "{{") || strings.Contains(s, "}}") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{"), "}}", "}")
		}
		return s
	}
	for _, loc := range packVar.FindAllStringIndex(text, -1) {
		b.WriteString(fix(text[last:loc[0]]))
		b.WriteString(text[loc[0]:loc[1]])
		last = loc[1]
	}
	b.WriteString(fix(text[last:]))
	// A single brace against a placeholder ("{{{x}}}") would read as part of it: set it apart.
	out := b.String()
	for strings.Contains(out, "{{{") || strings.Contains(out, "}}}") {
		out = strings.ReplaceAll(strings.ReplaceAll(out, "{{{", "{ {{"), "}}}", "}} }")
	}
	return out
}
