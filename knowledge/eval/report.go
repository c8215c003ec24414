package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// Print writes the figures as tables; verbose adds every miss, false alarm, category
// mix-up and unanswered message, so engineers see what slips through.
func (s *Scores) Print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "Replies: %d expected violation spans in %d replies, %d clean replies. An alarm is a finding of error or\n"+
		"warning severity; a span is caught when an alarm overlaps it (their UTF-16 ranges share a unit).\n\n",
		s.Total.Spans, s.Total.Violations, s.Total.Clean)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pack\tspans\tcaught\trecall\tsame cat.\thint only\talarms\tprecision\tclean\tfalse alarms\trate\t")
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t\n", name, c.Spans, c.Caught, f2(c.Recall()),
			f2(ratio(c.CaughtSame, c.Spans)), c.HintOnly, c.Alarms, f2(c.Precision()), c.Clean, c.Alarmed, pct(c.FalseAlarmRate()))
	}
	packs := s.Packs()
	for _, p := range packs {
		if c := s.ByPack[p]; c != nil {
			row(p, *c)
		}
	}
	row("all", s.Total)
	tw.Flush()

	fmt.Fprintf(w, "\nBy category: recall over the expected spans of the category (same cat.: caught by an alarm of that\n"+
		"category); precision over the alarms whose finding has the category.\n")
	for _, p := range packs {
		cats := s.ByCategory[p]
		if len(cats) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", p)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "category\tspans\tcaught\trecall\tsame cat.\talarms\ton a span\tprecision\t")
		for _, name := range sortedKeys(cats) {
			c := cats[name]
			rec, prec := "-", "-"
			if c.Spans > 0 {
				rec = f2(c.Recall())
			}
			if c.Alarms > 0 {
				prec = f2(c.Precision())
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t%d\t%s\t\n", name, c.Spans, c.Caught, rec, c.CaughtSame, c.Alarms, c.OnSpan, prec)
		}
		tw.Flush()
	}

	fmt.Fprintf(w, "\nCustomer messages: /v1/suggest with the message as context (top-k: an expected template or case\n"+
		"among the first k), with the message's segment and with none; /v1/segment's guess.\n\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pack\tmessages\ttop-1\ttop-3\ttop-3 no segment\tsegment right\tpack right\tno guess\t")
	rrow := func(name string, r Ranking) {
		n := r.Messages
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t\n", name, n, f2(ratio(r.Top1, n)), f2(ratio(r.Top3, n)),
			f2(ratio(r.Top3Unscoped, n)), f2(ratio(r.SegmentRight, n)), f2(ratio(r.PackRight, n)), r.NoGuess)
	}
	for _, p := range packs {
		if r := s.SuggestByPack[p]; r != nil {
			rrow(p, *r)
		}
	}
	rrow("all", s.Suggest)
	tw.Flush()

	if !verbose {
		fmt.Fprintf(w, "\n%d missed violations, %d false alarms, %d caught in another category, %d messages unanswered in the top 3 (-v lists them).\n",
			len(s.Missed), len(s.FalseAlarms), len(s.WrongCategory), len(s.Unanswered))
		return
	}
	s.printMisses(w)
}

func (s *Scores) printMisses(w io.Writer) {
	fmt.Fprintf(w, "\nMissed violations (%d):\n", len(s.Missed))
	for _, m := range s.Missed {
		hint := ""
		if len(m.Hints) > 0 {
			hint = " [hint only: " + m.Hints[0].Rule + "]"
		}
		fmt.Fprintf(w, "  %s %s «%s» (%s)%s%s\n      %s\n", m.Reply.ID, m.Reply.Pack, m.Span.Text, m.Span.Category, hint, note(m.Reply.Note), m.Reply.Text)
	}
	fmt.Fprintf(w, "\nFalse alarms (%d):\n", len(s.FalseAlarms))
	for _, m := range s.FalseAlarms {
		kind := "clean"
		if !m.Reply.Clean() {
			kind = "off the spans"
		}
		fmt.Fprintf(w, "  %s %s %s «%s» (%s %s, %s)%s\n      %s\n", m.Reply.ID, m.Reply.Pack, kind, m.Finding.Match,
			m.Finding.Rule, m.Finding.Severity, m.Finding.Category, note(m.Reply.Note), m.Reply.Text)
	}
	fmt.Fprintf(w, "\nCaught in another category (%d):\n", len(s.WrongCategory))
	for _, m := range s.WrongCategory {
		fmt.Fprintf(w, "  %s %s «%s» expected %s\n", m.Reply.ID, m.Reply.Pack, m.Span.Text, m.Span.Category)
	}
	fmt.Fprintf(w, "\nMessages unanswered in the top 3 (%d):\n", len(s.Unanswered))
	for _, mr := range s.Unanswered {
		var got []string
		for i, sg := range mr.Suggestions {
			if i == 3 {
				break
			}
			got = append(got, sg.ID)
		}
		fmt.Fprintf(w, "  %s %s/%s want %s, got %s%s\n      %s\n", mr.Message.ID, mr.Message.Pack, mr.Message.Segment,
			strings.Join(mr.Message.Expect, " "), strings.Join(got, " "), note(mr.Message.Note), mr.Message.Text)
	}
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return " — " + s
}

func f2(f float64) string  { return fmt.Sprintf("%.2f", f) }
func pct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Figures are one row of the JSON report: the counts with the ratios worked out.
type Figures struct {
	Counts
	Recall, Precision, FalseAlarmRate float64
}

// Suggestions are the suggest figures of the JSON report.
type Suggestions struct {
	Ranking
	Top1Rate, Top3Rate, Top3UnscopedRate, SegmentRate, PackRate float64
}

// JSONReport is what -json prints, for comparing runs by program.
type JSONReport struct {
	Total         Figures
	ByPack        map[string]Figures
	ByCategory    map[string]map[string]Figures
	Suggest       Suggestions
	SuggestByPack map[string]Suggestions
}

// JSON returns the figures in the shape of JSONReport.
func (s *Scores) JSON() JSONReport {
	fig := func(c Counts) Figures { return Figures{c, c.Recall(), c.Precision(), c.FalseAlarmRate()} }
	sug := func(r Ranking) Suggestions {
		n := r.Messages
		return Suggestions{r, ratio(r.Top1, n), ratio(r.Top3, n), ratio(r.Top3Unscoped, n), ratio(r.SegmentRight, n), ratio(r.PackRight, n)}
	}
	out := JSONReport{Total: fig(s.Total), ByPack: map[string]Figures{}, ByCategory: map[string]map[string]Figures{},
		Suggest: sug(s.Suggest), SuggestByPack: map[string]Suggestions{}}
	for p, c := range s.ByPack {
		out.ByPack[p] = fig(*c)
	}
	for p, cats := range s.ByCategory {
		out.ByCategory[p] = map[string]Figures{}
		for name, c := range cats {
			out.ByCategory[p][name] = fig(*c)
		}
	}
	for p, r := range s.SuggestByPack {
		out.SuggestByPack[p] = sug(*r)
	}
	return out
}
