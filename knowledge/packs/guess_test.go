package packs_test

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// Guess accuracy the default packs must keep on testdata/guess-messages.txt: the company of
// an ordinary customer message, and the segment where the message says which one.
const (
	minPackAccuracy    = 0.95
	minSegmentAccuracy = 0.80
)

type guessCase struct {
	line          int
	pack, segment string // segment "*": any of the pack's
	message       string
}

func readGuessCases(t *testing.T) []guessCase {
	t.Helper()
	f, err := os.Open("testdata/guess-messages.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []guessCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, msg, ok := strings.Cut(line, "|")
		fields := strings.Fields(head)
		if !ok || len(fields) != 2 || strings.TrimSpace(msg) == "" {
			t.Fatalf("guess-messages.txt:%d: want \"pack segment | message\", got %q", n, line)
		}
		out = append(out, guessCase{n, fields[0], fields[1], strings.TrimSpace(msg)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGuessAccuracy guesses every message with both default packs loaded, as the extension
// does, and measures how often the company and the segment come out right. Every guess must
// name the words that led to it, each one a piece of the message.
func TestGuessAccuracy(t *testing.T) {
	l := load(t)
	cases := readGuessCases(t)
	perPack := map[string]int{}
	var packOK, segTotal, segOK int
	for _, c := range cases {
		perPack[c.pack]++
		g := l.base.GuessSegment(c.message)
		if g.Pack == c.pack {
			packOK++
		} else {
			t.Logf("line %d: pack %q (%s, %q), want %s: %s", c.line, g.Pack, g.Segment, g.Signals, c.pack, c.message)
		}
		if c.segment != "*" {
			segTotal++
			if g.Segment == c.segment {
				segOK++
			} else {
				t.Logf("line %d: segment %q (%q), want %s: %s", c.line, g.Segment, g.Signals, c.segment, c.message)
			}
		}
		if g.Segment != "" && len(g.Signals) == 0 {
			t.Errorf("line %d: guess %s without the words that led to it", c.line, g.Segment)
		}
		low := strings.ToLower(c.message)
		for _, s := range g.Signals {
			if !strings.Contains(low, strings.ToLower(s)) {
				t.Errorf("line %d: signal %q is not in the message %q", c.line, s, c.message)
			}
		}
	}
	for _, p := range l.packs {
		if perPack[p.ID] < 30 {
			t.Errorf("pack %s: %d messages in guess-messages.txt, want 30 or more", p.ID, perPack[p.ID])
		}
	}
	packAcc := float64(packOK) / float64(len(cases))
	segAcc := float64(segOK) / float64(max(segTotal, 1))
	t.Logf("guess accuracy: pack %d/%d (%.0f%%), segment %d/%d (%.0f%%)", packOK, len(cases), 100*packAcc, segOK, segTotal, 100*segAcc)
	if packAcc < minPackAccuracy {
		t.Errorf("pack accuracy %.2f < %.2f", packAcc, minPackAccuracy)
	}
	if segAcc < minSegmentAccuracy {
		t.Errorf("segment accuracy %.2f < %.2f", segAcc, minSegmentAccuracy)
	}
}

// TestGuessOrdinaryMessage is the message a customs broker's agent meets first: no word of any
// segment, only the trade's.
func TestGuessOrdinaryMessage(t *testing.T) {
	g := load(t).base.GuessSegment("Груз стоит на таможне третий день, что происходит?")
	if g.Pack != "prove-customs" || g.By != "pack" || g.Segment == "" || strings.Join(g.Signals, ",") != "Груз,таможне" {
		t.Errorf("got %+v", g)
	}
	if g := load(t).base.GuessSegment("Спасибо, всё понятно, хорошего дня!"); g.Segment != "" || g.Pack != "" {
		t.Errorf("a message with no trade words: %+v", g)
	}
}
