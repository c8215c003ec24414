// Package rules finds wording a company's policy forbids in a reply and proposes what to say instead.
package rules

// Spec is one rule as a pack states it: data, not code. Compile turns specs into a Set.
type Spec struct {
	// ID names the rule inside its pack.
	ID string `json:"id"`
	// Kind picks the matcher: "sequence", "regex", "count" or "pii".
	Kind string `json:"kind"`
	// Category groups rules for the UI and reports (promise, legality, pii, ...).
	Category string `json:"category"`
	// Severity is "error", "warning" or "hint".
	Severity string `json:"severity"`
	// Message tells the agent what is wrong, in one short sentence.
	Message string `json:"message"`
	// Why names the policy the rule comes from.
	Why string `json:"why"`
	// Patterns are sequence patterns (kinds sequence and count); see Pattern for the syntax.
	Patterns []string `json:"patterns,omitempty"`
	// Regex is an RE2 expression over the normalised text (kind regex), run sentence by
	// sentence so a match never crosses a sentence boundary. No \b: it is ASCII-only.
	Regex string `json:"regex,omitempty"`
	// Anchor, when "sentence-start", keeps only hits that begin a sentence.
	Anchor string `json:"anchor,omitempty"`
	// Max is how many occurrences a reply may hold before the next ones are flagged (kind count).
	Max int `json:"max,omitempty"`
	// Detector names the personal-data detector (kind pii).
	Detector string `json:"detector,omitempty"`
	// Allow lists numbers that belong to the company and so are not personal data (detector phone).
	Allow []string `json:"allow,omitempty"`
	// Exceptions are sequence patterns; a hit one of their matches covers is dropped.
	Exceptions []string `json:"exceptions,omitempty"`
	// UnlessBefore are sequence patterns; a hit right after their match (same sentence,
	// nothing but punctuation between) is dropped.
	UnlessBefore []string `json:"unless_before,omitempty"`
	// UnlessAfter are sequence patterns; a hit right before their match (same sentence,
	// nothing but punctuation between) is dropped.
	UnlessAfter []string `json:"unless_after,omitempty"`
	// Scope lists the contexts where a hit is not a violation: "negation" («не
	// гарантируем», «гарантировать не можем»), "quote" (inside quotation marks) and
	// "report" (reported speech: «пишете, что…»). Nil means the kind's default (see
	// compileScope); an empty list means none: every hit counts.
	Scope []string `json:"scope,omitempty"`
	// Replacements maps a segment id (or "default") to what to say instead.
	Replacements map[string][]string `json:"replacements,omitempty"`
	// Examples are texts the rule must flag (at least one) and must not flag; Compile runs them.
	Examples Examples `json:"examples"`
	// Source cites the policy document and section.
	Source string `json:"source,omitempty"`
}

// Examples are the texts a rule is tested on, as LanguageTool tests its rules.
type Examples struct {
	// Flag holds texts the rule must flag.
	Flag []string `json:"flag,omitempty"`
	// Pass holds texts the rule must leave alone.
	Pass []string `json:"pass,omitempty"`
}

// Problem is one thing wrong with a spec: where, and what.
type Problem struct {
	// Path points into the rules array, e.g. "[3].patterns[0]".
	Path string `json:"path"`
	// Problem says what is wrong there.
	Problem string `json:"problem"`
}
