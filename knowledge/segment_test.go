package knowledge

import (
	"strings"
	"testing"
)

func TestSplitMessage(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // segments joined by " | ", asks marked with "?>"
	}{
		{"a semicolon inside a word", "tl;dr: who hires the CTO?", "tl;dr: | ?>who hires the CTO?"},
		{"an entity is not a semicolon", "who sells &amp; who builds?", "?>who sells &amp; who builds?"},
		{"one question", "who should I hire first?", "?>who should I hire first?"},
		{"no question mark", "cto pay", "?>cto pay"},
		{"context then question", "we're 8 people, pre-seed. is that what the ceo job is??",
			"we're 8 people, pre-seed. | ?>is that what the ceo job is??"},
		{"question opens a clause", "we're 15 ppl now, 7 engineers, is this the time to split?",
			"we're 15 ppl now, 7 engineers | ?>is this the time to split?"},
		{"question word without mark", "ok so how do we split the roles", "?>ok so how do we split the roles"},
		{"statement only, last is the ask", "I write all the code. my cofounder sells.",
			"I write all the code. | ?>my cofounder sells."},
		{"a sentence that asks in other words", "We're hiring our first CTO and I want to know what to ask in interviews. We sell to hospitals.",
			"?>We're hiring our first CTO and I want to know what to ask in interviews. | We sell to hospitals."},
		{"the words must be whole", "I'm uncurious about it. We sell to hospitals.", "I'm uncurious about it. | ?>We sell to hospitals."},
		{"a framing clause stays with its question", "Between the CEO and the CTO, who should raise the money?",
			"?>Between the CEO and the CTO, who should raise the money?"},
		{"two questions", "what does a cto do? and what does it cost?", "?>what does a cto do? | ?>and what does it cost?"},
		{"decimals and vs stay whole", "is 1.25x right? ceo vs. cto", "?>is 1.25x right? | ceo vs. cto"},
		{"colon splits a topic", "CEO and CTO: when do we split them?", "CEO and CTO: | ?>when do we split them?"},
		{"emoji and times do not split", "thanks :pray: see you at 09:00", "?>thanks :pray: see you at 09:00"},
		{"markup kept whole", "<https://x.io/a.b?c|link. here> what now?", "?><https://x.io/a.b?c|link. here> what now?"},
		{"empty", "", ""},
		{"punctuation only", "?!?...", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, s := range splitMessage(nil, tt.in) {
				if s.ask {
					parts = append(parts, "?>"+s.text)
				} else {
					parts = append(parts, s.text)
				}
			}
			if got := strings.Join(parts, " | "); got != tt.want {
				t.Errorf("splitMessage(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitMessageBounded(t *testing.T) {
	segs := splitMessage(nil, strings.Repeat("a. ", 5000))
	if len(segs) > maxSegments {
		t.Errorf("got %d segments, want at most %d", len(segs), maxSegments)
	}
}

func FuzzSplitMessage(f *testing.F) {
	for _, s := range []string{"a? b. c", "<@U1|x. y> z?", "…:::;;\n\n", "1.2.3 vs. e.g. x,,?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		segs := splitMessage(nil, s)
		if len(segs) > maxSegments {
			t.Fatalf("%d segments", len(segs))
		}
		for _, sg := range segs {
			if strings.TrimSpace(sg.text) == "" {
				t.Fatalf("empty segment in %q", s)
			}
		}
	})
}
