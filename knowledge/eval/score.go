package eval

import (
	"slices"
	"sort"
)

// How answers are scored.
//
// A finding is an alarm when its severity is error or warning (Finding.Alarm). An expected
// span is caught when an alarm overlaps it: the finding's UTF-16 range [start, end) and the
// span's share at least one code unit. It is caught in its category when such an alarm has
// the span's category too. A span only a hint overlaps is a miss, counted apart as
// "hint only".
//
// Precision counts alarms: of all alarms raised on the corpus's replies (violations and
// clean ones), the share that overlaps an expected span. Per category, alarms are grouped by
// the finding's category. An alarm on a clean reply, or one overlapping no expected span of
// a violation, is a false alarm. A clean reply is falsely alarmed when it draws any alarm.
//
// A customer message is answered at top k when one of the first k suggestions of
// /v1/suggest (the message as context, no draft, the message's segment) is one of its
// expected templates or cases, from its pack. The segment guess of /v1/segment is right
// when it names the message's segment, and right by pack when the segment it names belongs
// to the message's pack.

// ReplyResult is a reply with the findings /v1/check gave it.
type ReplyResult struct {
	Reply    Reply
	Findings []Finding
}

// MessageResult is a customer message with what /v1/suggest and /v1/segment gave it.
type MessageResult struct {
	Message Message
	// Suggestions were asked with the message's segment, Unscoped with none (every pack).
	Suggestions, Unscoped []Suggestion
	Guess                 Guess
}

// Counts are the figures of one pack, one category, or the whole corpus.
type Counts struct {
	// Spans counts expected violations; Caught those an alarm overlaps, CaughtSame those an
	// alarm of their own category overlaps, HintOnly those only a hint overlaps.
	Spans, Caught, CaughtSame, HintOnly int
	// Alarms counts errors and warnings raised; OnSpan those overlapping an expected span,
	// OnSpanSame those overlapping an expected span of their own category.
	Alarms, OnSpan, OnSpanSame int
	// Violations counts replies with expected spans, Clean clean replies; Alarmed the clean
	// replies drawing at least one alarm.
	Violations, Clean, Alarmed int
}

// Recall is Caught/Spans.
func (c Counts) Recall() float64 { return ratio(c.Caught, c.Spans) }

// Precision is OnSpan/Alarms.
func (c Counts) Precision() float64 { return ratio(c.OnSpan, c.Alarms) }

// FalseAlarmRate is Alarmed/Clean.
func (c Counts) FalseAlarmRate() float64 { return ratio(c.Alarmed, c.Clean) }

// Ranking are the figures of customer messages.
type Ranking struct {
	// Messages counts the messages; Top1 and Top3 those answered at rank 1 and within 3,
	// Top3Unscoped within 3 when no segment is given.
	Messages, Top1, Top3, Top3Unscoped int
	// SegmentRight counts right segment guesses, PackRight guesses in the right pack,
	// NoGuess messages with no guess at all.
	SegmentRight, PackRight, NoGuess int
}

// Miss is an expected span that no alarm overlaps, or an alarm that overlaps no expected span.
type Miss struct {
	Reply Reply
	// Span is the missed span (for a missed violation), Finding the stray alarm (for a false alarm).
	Span    *Span
	Finding *Finding
	// Hints are the hints that overlap a missed span.
	Hints []Finding
}

// Scores are the evaluation's results.
type Scores struct {
	// Total, ByPack and ByCategory (keyed pack, then category) count replies.
	Total      Counts
	ByPack     map[string]*Counts
	ByCategory map[string]map[string]*Counts
	// Missed are uncaught violations; FalseAlarms alarms off every expected span;
	// WrongCategory spans caught only by an alarm of another category.
	Missed, FalseAlarms, WrongCategory []Miss
	// Suggest and SuggestByPack count customer messages.
	Suggest       Ranking
	SuggestByPack map[string]*Ranking
	// Unanswered are messages whose expected ids are not in the top 3.
	Unanswered []MessageResult
}

// Score scores the engine's answers.
func Score(replies []ReplyResult, messages []MessageResult) *Scores {
	s := &Scores{ByPack: map[string]*Counts{}, ByCategory: map[string]map[string]*Counts{}, SuggestByPack: map[string]*Ranking{}}
	for _, rr := range replies {
		s.scoreReply(rr)
	}
	for _, mr := range messages {
		s.scoreMessage(mr)
	}
	return s
}

func (s *Scores) cat(pack, category string) *Counts {
	m := s.ByCategory[pack]
	if m == nil {
		m = map[string]*Counts{}
		s.ByCategory[pack] = m
	}
	if m[category] == nil {
		m[category] = &Counts{}
	}
	return m[category]
}

// each applies fn to the corpus total and the pack's counts.
func (s *Scores) each(pack string, fn func(*Counts)) {
	if s.ByPack[pack] == nil {
		s.ByPack[pack] = &Counts{}
	}
	fn(&s.Total)
	fn(s.ByPack[pack])
}

func overlaps(f Finding, sp Span) bool { return f.Start < sp.End && sp.Start < f.End }

func (s *Scores) scoreReply(rr ReplyResult) {
	r := rr.Reply
	if r.Clean() {
		s.each(r.Pack, func(c *Counts) { c.Clean++ })
	} else {
		s.each(r.Pack, func(c *Counts) { c.Violations++ })
	}
	alarmed := false
	for i := range rr.Findings {
		f := rr.Findings[i]
		if !f.Alarm() {
			continue
		}
		alarmed = true
		on, same := false, false
		for _, sp := range r.Spans {
			if overlaps(f, sp) {
				on, same = true, same || sp.Category == f.Category
			}
		}
		inc := func(c *Counts) { c.Alarms++; c.OnSpan += b2i(on); c.OnSpanSame += b2i(same) }
		s.each(r.Pack, inc)
		inc(s.cat(r.Pack, f.Category))
		if !on {
			s.FalseAlarms = append(s.FalseAlarms, Miss{Reply: r, Finding: &f})
		}
	}
	if r.Clean() && alarmed {
		s.each(r.Pack, func(c *Counts) { c.Alarmed++ })
	}
	for i := range r.Spans {
		sp := r.Spans[i]
		caught, same := false, false
		var hints []Finding
		for _, f := range rr.Findings {
			switch {
			case !overlaps(f, sp):
			case f.Alarm():
				caught, same = true, same || f.Category == sp.Category
			default:
				hints = append(hints, f)
			}
		}
		hintOnly := !caught && len(hints) > 0
		inc := func(c *Counts) {
			c.Spans++
			c.Caught += b2i(caught)
			c.CaughtSame += b2i(same)
			c.HintOnly += b2i(hintOnly)
		}
		s.each(r.Pack, inc)
		inc(s.cat(r.Pack, sp.Category))
		switch {
		case !caught:
			s.Missed = append(s.Missed, Miss{Reply: r, Span: &sp, Hints: hints})
		case !same:
			s.WrongCategory = append(s.WrongCategory, Miss{Reply: r, Span: &sp})
		}
	}
}

func (s *Scores) scoreMessage(mr MessageResult) {
	m := mr.Message
	if s.SuggestByPack[m.Pack] == nil {
		s.SuggestByPack[m.Pack] = &Ranking{}
	}
	top1, top3 := answered(m, mr.Suggestions, 1), answered(m, mr.Suggestions, 3)
	for _, r := range []*Ranking{&s.Suggest, s.SuggestByPack[m.Pack]} {
		r.Messages++
		r.Top1 += b2i(top1)
		r.Top3 += b2i(top3)
		r.Top3Unscoped += b2i(answered(m, mr.Unscoped, 3))
		r.SegmentRight += b2i(mr.Guess.Segment == m.Segment)
		r.PackRight += b2i(mr.Guess.Pack == m.Pack)
		r.NoGuess += b2i(mr.Guess.Segment == "")
	}
	if !top3 {
		s.Unanswered = append(s.Unanswered, mr)
	}
}

// answered reports whether one of the first k suggestions is expected for m.
func answered(m Message, sugs []Suggestion, k int) bool {
	for i, sg := range sugs {
		if i == k {
			break
		}
		if sg.Pack == m.Pack && slices.Contains(m.Expect, sg.ID) {
			return true
		}
	}
	return false
}

// Packs returns the packs scored, sorted.
func (s *Scores) Packs() []string {
	var out []string
	for p := range s.ByPack {
		out = append(out, p)
	}
	for p := range s.SuggestByPack {
		if s.ByPack[p] == nil {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
