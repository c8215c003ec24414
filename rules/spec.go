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

// Problem is one thing wrong with a pack or its rules: what, and where, as a path and as
// data. It is the one problem type of the engine: rules.Compile reports it for the rules
// array, and knowledge/pack for the whole pack document (which is also how the HTTP API
// answers a refused pack); the pack format puts the rules' problems under its "rules" by
// prefixing Path, never by editing messages.
type Problem struct {
	// Path points into the document: into the rules array from Compile ("[3].patterns[0]"),
	// into the pack from knowledge/pack ("rules[3].patterns[0]", "templates[4].variants.smb");
	// "" for the document as a whole.
	Path string `json:"path"`
	// Problem says what is wrong there.
	Problem string `json:"problem"`
	// Pack is the id of the pack, when its id could be read.
	Pack string `json:"pack,omitempty"`
	// Kind and ID name the entry the problem is in, when there is one: Kind is "rule",
	// "template", "case" or "segment", ID its id as written (possibly "" or invalid).
	Kind string `json:"kind,omitempty"`
	ID   string `json:"id,omitempty"`
	// Line and Column locate the problem in the pack's JSON text, 1-based, the column in
	// characters: where the syntax broke, or where the value at Path starts. Zero when
	// unknown (a pack given as Go data, a rules array compiled alone).
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

// String renders the problem as "path: problem", the form the validator prints.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Problem
	}
	return p.Path + ": " + p.Problem
}
