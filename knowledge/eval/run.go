package eval

import "fmt"

// SuggestLimit is how many suggestions are asked for per message; top-1 and top-3 read the first ones.
const SuggestLimit = 5

// Run asks the engine about every item of the corpus and scores the answers. A reply is
// checked with the first segment of its pack, which picks the pack as the extension's
// segment picker does; segments change replacements, not findings.
func Run(c *Client, corpus *Corpus) (*Scores, error) {
	packs, err := c.Packs()
	if err != nil {
		return nil, err
	}
	first := map[string]string{}
	for _, p := range packs {
		if len(p.Segments) > 0 {
			first[p.ID] = p.Segments[0]
		}
	}
	var replies []ReplyResult
	for _, r := range corpus.Replies {
		seg, ok := first[r.Pack]
		if !ok {
			return nil, fmt.Errorf("%s: %s: pack %q is not loaded", r.Line, r.ID, r.Pack)
		}
		fs, err := c.Check(r.Text, seg)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", r.Line, r.ID, err)
		}
		replies = append(replies, ReplyResult{Reply: r, Findings: fs})
	}
	var messages []MessageResult
	for _, m := range corpus.Messages {
		mr := MessageResult{Message: m}
		if mr.Suggestions, err = c.Suggest(m.Text, m.Segment, SuggestLimit); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", m.Line, m.ID, err)
		}
		if mr.Unscoped, err = c.Suggest(m.Text, "", SuggestLimit); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", m.Line, m.ID, err)
		}
		if mr.Guess, err = c.Segment(m.Text); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", m.Line, m.ID, err)
		}
		messages = append(messages, mr)
	}
	return Score(replies, messages), nil
}
