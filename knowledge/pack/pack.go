// Package pack is the pack format: a company's segments, reply templates, cases and rules
// as JSON, read and checked (Parse), linted before shipping (Lint), with the limits a pack
// must keep and the {{variables}} of its texts. It knows nothing of search: the index is
// knowledge/index, the set of loaded packs is knowledge. It must not import bleve (a test
// holds it to that), so the validator and sufler-pack stay small.
package pack

import "github.com/sufler/sufler/rules"

// Pack is one parsed and validated pack: a company's segments, reply templates, cases and rules.
type Pack struct {
	// ID names the pack; unique among loaded packs.
	ID string
	// Version is the pack author's version string.
	Version string
	// Title is the human name of the pack.
	Title string
	// Language is the pack's language code ("ru" when the pack does not say).
	Language string
	// Source cites the company document the pack was written from.
	Source string
	// Signals are sequence patterns for the company's trade in a customer's message (груз,
	// таможня; полис, выплата): they point to the pack when no segment's signal is there.
	Signals []string
	// Segments are the customer groups the pack writes for, in pack order.
	Segments []Segment
	// Templates are the reply templates, in pack order.
	Templates []Template
	// Cases are the situations with advice, in pack order.
	Cases []Case
	// Specs are the rules as the pack states them.
	Specs []rules.Spec
	// Rules are the compiled rules; never nil for a pack Parse accepted.
	Rules *rules.Set
}

// Segment is a group of customers that gets its own wording.
type Segment struct {
	// ID names the segment; unique among all loaded packs, so it picks the pack.
	ID string `json:"id"`
	// Title is the human name of the segment.
	Title string `json:"title"`
	// Pack is the id of the pack the segment belongs to.
	Pack string `json:"pack"`
	// Style tells the agent how to write for this segment.
	Style string `json:"style"`
	// Signals are sequence patterns that hint at the segment in a customer's message.
	Signals []string `json:"-"`
	// Source cites where the segment comes from.
	Source string `json:"-"`
}

// Template is a reply the agent can paste, worded once per segment.
type Template struct {
	// ID names the template inside its pack.
	ID string
	// Title is a short name for lists.
	Title string
	// Situation says when the template fits.
	Situation string
	// Tags are free keywords for search.
	Tags []string
	// Triggers are customer phrasings the template answers.
	Triggers []string
	// Variables are the {{placeholders}} the texts use: as declared, or as found in the texts.
	Variables []string
	// Variants maps a segment id to the wording for that segment.
	Variants map[string]Variant
	// Source cites the policy section.
	Source string
}

// Variant is one segment's wording of a template, with optional channel-specific versions.
type Variant struct {
	// Text is the wording for chat and the default for every channel.
	Text string
	// Email is the wording for e-mail, if it differs.
	Email string
	// Messenger is the wording for messengers, if it differs.
	Messenger string
}

// Case is a situation a support agent meets, with what to do and what not to do.
type Case struct {
	// ID names the case inside its pack.
	ID string
	// Title is a short name for lists.
	Title string
	// Situation describes what happened.
	Situation string
	// CustomerSays are phrasings customers use in this situation.
	CustomerSays []string
	// Do lists what the agent should do.
	Do []string
	// Dont lists what the agent must not do.
	Dont []string
	// Templates are ids of templates in the same pack that fit the case.
	Templates []string
	// Source cites the policy section.
	Source string
}

// Problem is one thing wrong with a pack: what, and where (path, entry, line and column).
// It is rules.Problem, the engine's one problem type, so a pack's problems and its rules'
// are one list.
type Problem = rules.Problem

// PackInfo summarises a loaded pack for lists.
type PackInfo struct {
	// ID names the pack.
	ID string `json:"id"`
	// Version is the pack author's version string.
	Version string `json:"version"`
	// Title is the human name of the pack.
	Title string `json:"title"`
	// Segments are the ids of the pack's segments, in pack order.
	Segments []string `json:"segments"`
	// Templates counts the templates.
	Templates int `json:"templates"`
	// Cases counts the cases.
	Cases int `json:"cases"`
	// Rules counts the rules.
	Rules int `json:"rules"`
}

// Info summarises the pack.
func (p *Pack) Info() PackInfo {
	ids := make([]string, len(p.Segments))
	for i, s := range p.Segments {
		ids[i] = s.ID
	}
	return PackInfo{ID: p.ID, Version: p.Version, Title: p.Title, Segments: ids,
		Templates: len(p.Templates), Cases: len(p.Cases), Rules: len(p.Specs)}
}

// SegmentIDs lists the pack's segment ids in pack order.
func (p *Pack) SegmentIDs() []string {
	return p.Info().Segments
}

// Kinds of entries: a pack's templates and cases, as search and suggest name them.
const (
	KindTemplate = "template"
	KindCase     = "case"
)

// Variant returns the template's wording for the segment, or for the pack's first segment
// when segment is empty or unknown to the template.
func (t *Template) Variant(segment string, p *Pack) Variant {
	if v, ok := t.Variants[segment]; ok {
		return v
	}
	if len(p.Segments) > 0 {
		return t.Variants[p.Segments[0].ID]
	}
	return Variant{}
}

// Texts lists the variant's non-empty channel texts: chat first, then e-mail, messenger.
func (v Variant) Texts() []string {
	out := []string{v.Text}
	if v.Email != "" {
		out = append(out, v.Email)
	}
	if v.Messenger != "" {
		out = append(out, v.Messenger)
	}
	return out
}
