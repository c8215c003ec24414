package eval

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestUnmark(t *testing.T) {
	for _, tc := range []struct {
		in, text string
		spans    []Span
		err      string
	}{
		{in: "Всё чисто.", text: "Всё чисто."},
		{in: "Мы [[гарантируем|promise]] выпуск.", text: "Мы гарантируем выпуск.",
			spans: []Span{{Text: "гарантируем", Category: "promise", Start: 3, End: 14}}},
		// UTF-16: the emoji before the span takes two code units.
		{in: "🙂 [[ок|slang]]", text: "🙂 ок", spans: []Span{{Text: "ок", Category: "slang", Start: 3, End: 5}}},
		{in: "[[a|x]] и [[b|y]]", text: "a и b",
			spans: []Span{{Text: "a", Category: "x", Start: 0, End: 1}, {Text: "b", Category: "y", Start: 4, End: 5}}},
		{in: "[[без категории]]", err: "want [[words|category]]"},
		{in: "[[слово|]]", err: "want [[words|category]]"},
		{in: "[[ слово|x]]", err: "starts or ends with a space"},
		{in: "[[открыто|x", err: "[[ without ]]"},
		{in: "закрыто]] тут", err: "]] without [["},
		{in: "[[a|x]] b]]", err: "]] without [["},
	} {
		text, spans, err := unmark(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("unmark(%q): error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || text != tc.text || len(spans) != len(tc.spans) {
			t.Errorf("unmark(%q) = %q, %v, %v; want %q, %v", tc.in, text, spans, err, tc.text, tc.spans)
			continue
		}
		for i := range spans {
			if spans[i] != tc.spans[i] {
				t.Errorf("unmark(%q) span %d = %+v, want %+v", tc.in, i, spans[i], tc.spans[i])
			}
		}
	}
}

func TestLoadProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"replies-p.txt":  {Data: []byte("# comment\n\nxv1: без отметок\nxc1: [[лишнее|x]]\nxz1: текст\nнет двоеточия\nxv2: [[ок|slang]] // note\nxv2: [[ок|slang]]\n")},
		"messages-p.txt": {Data: []byte("m1 seg: текст => a b // note\nm2: без сегмента => a\nm3 seg: без ожиданий\n")},
		"other.txt":      {Data: []byte("x")},
	}
	c, err := Load(fsys)
	if err == nil {
		t.Fatal("Load accepted a broken corpus")
	}
	for _, want := range []string{
		"replies-p.txt:3: xv1: a violation marks no",
		"replies-p.txt:4: xc1: a clean reply marks a span",
		"replies-p.txt:5: xz1: the id's second letter",
		"replies-p.txt:6: want «id: reply»",
		"replies-p.txt:8: id xv2 is used at replies-p.txt:7",
		"messages-p.txt:2: want «id segment: message",
		"messages-p.txt:3: want «id segment: message",
		"other.txt: name must start with",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if len(c.Messages) != 1 || c.Messages[0].Note != "note" || strings.Join(c.Messages[0].Expect, ",") != "a,b" || c.Messages[0].Segment != "seg" {
		t.Errorf("messages = %+v", c.Messages)
	}
}

func TestScore(t *testing.T) {
	viol := Reply{ID: "xv1", Pack: "p", Text: "0123456789", Spans: []Span{
		{Text: "23", Category: "promise", Start: 2, End: 4},
		{Text: "67", Category: "legality", Start: 6, End: 8},
		{Text: "9", Category: "slang", Start: 9, End: 10},
	}}
	clean := Reply{ID: "xc1", Pack: "p", Text: "чисто"}
	quiet := Reply{ID: "xc2", Pack: "q", Text: "тихо"}
	replies := []ReplyResult{
		{Reply: viol, Findings: []Finding{
			{Rule: "a", Category: "promise", Severity: "error", Start: 3, End: 5},   // overlaps «23» by one unit
			{Rule: "b", Category: "promise", Severity: "warning", Start: 4, End: 6}, // touches both spans, overlaps none
			{Rule: "c", Category: "slang", Severity: "hint", Start: 6, End: 7},      // a hint on «67»: not a catch
			{Rule: "d", Category: "pressure", Severity: "warning", Start: 9, End: 10},
		}},
		{Reply: clean, Findings: []Finding{
			{Rule: "e", Category: "promise", Severity: "error", Start: 0, End: 2},
			{Rule: "f", Category: "promise", Severity: "warning", Start: 2, End: 3},
		}},
		{Reply: quiet, Findings: []Finding{{Rule: "g", Category: "style", Severity: "hint", Start: 0, End: 1}}},
	}
	s := Score(replies, nil)
	p := s.ByPack["p"]
	if p.Spans != 3 || p.Caught != 2 || p.CaughtSame != 1 || p.HintOnly != 1 {
		t.Errorf("spans: %+v", *p)
	}
	if p.Alarms != 5 || p.OnSpan != 2 || p.OnSpanSame != 1 || p.Clean != 1 || p.Alarmed != 1 {
		t.Errorf("alarms: %+v", *p)
	}
	if q := s.ByPack["q"]; q.Clean != 1 || q.Alarmed != 0 || q.Alarms != 0 {
		t.Errorf("a hint counted as an alarm: %+v", *q)
	}
	if got := s.ByCategory["p"]["promise"]; got.Spans != 1 || got.Caught != 1 || got.Alarms != 4 || got.OnSpan != 1 {
		t.Errorf("promise: %+v", *got)
	}
	if got := s.ByCategory["p"]["slang"]; got.Spans != 1 || got.Caught != 1 || got.CaughtSame != 0 {
		t.Errorf("slang: %+v", *got)
	}
	if len(s.Missed) != 1 || s.Missed[0].Span.Text != "67" || len(s.Missed[0].Hints) != 1 {
		t.Errorf("missed: %+v", s.Missed)
	}
	if len(s.FalseAlarms) != 3 || len(s.WrongCategory) != 1 || s.WrongCategory[0].Span.Text != "9" {
		t.Errorf("false alarms %d, wrong category %+v", len(s.FalseAlarms), s.WrongCategory)
	}
	if r := s.Total.Recall(); r < 0.66 || r > 0.67 {
		t.Errorf("recall %v", r)
	}
	if f := s.Total.FalseAlarmRate(); f != 0.5 {
		t.Errorf("false alarm rate %v", f)
	}
	if j := s.JSON(); j.ByPack["p"].Caught != 2 || j.ByPack["p"].Precision != 0.4 || j.ByCategory["p"]["slang"].Spans != 1 {
		t.Errorf("JSON = %+v", j.ByPack["p"])
	}
}

func TestScoreMessages(t *testing.T) {
	m := Message{ID: "m1", Pack: "p", Segment: "s", Expect: []string{"want", "also"}}
	sug := func(ids ...string) []Suggestion {
		var out []Suggestion
		for _, id := range ids {
			out = append(out, Suggestion{ID: id, Pack: "p"})
		}
		return out
	}
	s := Score(nil, []MessageResult{
		{Message: m, Suggestions: sug("want", "x"), Unscoped: sug("x", "y", "z", "want"), Guess: Guess{Segment: "s", Pack: "p"}},
		{Message: m, Suggestions: sug("x", "y", "also"), Unscoped: sug("also"), Guess: Guess{Segment: "t", Pack: "p"}},
		{Message: m, Suggestions: sug("x", "y", "z", "want"), Guess: Guess{}},
		// The right id from another pack does not count.
		{Message: m, Suggestions: []Suggestion{{ID: "want", Pack: "other"}}, Guess: Guess{Segment: "o", Pack: "other"}},
	})
	want := Ranking{Messages: 4, Top1: 1, Top3: 2, Top3Unscoped: 1, SegmentRight: 1, PackRight: 2, NoGuess: 1}
	if s.Suggest != want || *s.SuggestByPack["p"] != want {
		t.Errorf("ranking = %+v, want %+v", s.Suggest, want)
	}
	if len(s.Unanswered) != 2 {
		t.Errorf("unanswered = %d, want 2", len(s.Unanswered))
	}
}
