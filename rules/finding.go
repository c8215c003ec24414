package rules

// Finding is one place in a reply that breaks a rule. Rendering it is the caller's business.
type Finding struct {
	// Rule is the id of the rule that matched.
	Rule string `json:"rule"`
	// Pack is the id of the pack the rule belongs to, set when packs are checked (rule
	// ids are unique only within a pack: two packs may both have «promise-100»).
	Pack string `json:"pack,omitempty"`
	// Category is the rule's category.
	Category string `json:"category"`
	// Severity is "error", "warning" or "hint".
	Severity string `json:"severity"`
	// Start is the UTF-16 code-unit offset of the hit in the original text, as JavaScript indexes strings.
	Start int `json:"start"`
	// End is the UTF-16 code-unit offset just past the hit.
	End int `json:"end"`
	// Match is the original text of the hit.
	Match string `json:"match"`
	// Message tells the agent what is wrong.
	Message string `json:"message"`
	// Why names the policy behind the rule.
	Why string `json:"why"`
	// Replacements are what to say instead, for the requested segment.
	Replacements []string `json:"replacements"`
}
