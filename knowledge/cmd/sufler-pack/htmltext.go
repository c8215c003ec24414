package main

import (
	"html"
	"regexp"
	"strings"
)

// Canned replies are often HTML (Zendesk comment_value_html, Freshdesk content_html,
// Zammad and Intercom bodies, Help Scout text). A template is plain text the agent pastes,
// so htmlToText keeps the words and the line structure and drops the markup.

var (
	// attributeTag is Intercom's placeholder in HTML: <attribute key="user.name" default="there"/>.
	attributeTag = regexp.MustCompile(`(?is)<attribute\b[^>]*?\bkey\s*=\s*["']([^"']*)["'][^>]*?(?:/>|>\s*</attribute>|>)`)
	// dropBlocks are elements whose content is not reply text.
	dropBlocks = regexp.MustCompile(`(?is)<(script|style|head|title)\b.*?</(?:script|style|head|title)\s*>`)
	comment    = regexp.MustCompile(`(?s)<!--.*?-->`)
	lineBreak  = regexp.MustCompile(`(?i)<br\s*/?>`)
	blockEnd   = regexp.MustCompile(`(?i)</(p|div|h[1-6]|blockquote|tr|ul|ol|table|pre)\s*>`)
	listItem   = regexp.MustCompile(`(?i)<li\b[^>]*>`)
	anyTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	spaces     = regexp.MustCompile(`[ \t\x{00a0}]+`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// htmlToText turns an HTML reply into the text an agent would paste: paragraphs and <br>
// become line breaks, list items "— " lines, entities their characters; Intercom's
// <attribute key="x"> becomes {{x}} for the placeholder mapping to read.
func htmlToText(s string) string {
	s = attributeTag.ReplaceAllString(s, "{{$1}}")
	s = comment.ReplaceAllString(s, "")
	s = dropBlocks.ReplaceAllString(s, "")
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s) // HTML whitespace is not layout
	s = lineBreak.ReplaceAllString(s, "\n")
	s = blockEnd.ReplaceAllString(s, "\n\n")
	s = listItem.ReplaceAllString(s, "\n— ")
	s = anyTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	return tidy(s)
}

// tidy trims each line, joins runs of spaces and leaves at most one blank line in a row.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaces.ReplaceAllString(l, " "))
	}
	s = strings.Join(lines, "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
