package assessment

import (
	"strings"
	"testing"
)

var q1 = []string{"Never", "Sometimes, with help", "Every week"}
var q2 = []string{"I avoid demos", "I run demos myself", "I close deals alone"}
var q3 = []string{"Not technical", "Somewhat technical", "Very technical"}

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		name   string
		labels []string
		text   string
		want   int
		ok     bool
	}{
		{"number", q1, "2", 1, true},
		{"hash number", q1, "#2", 1, true},
		{"option number", q1, "option 3", 2, true},
		{"option hash", q1, "Option #1", 0, true},
		{"number with dot", q1, "2.", 1, true},
		{"number with paren", q1, " 3) ", 2, true},
		{"label", q1, "never", 0, true},
		{"label upper case", q1, "NEVER", 0, true},
		{"label with punctuation", q1, "Sometimes with help!", 1, true},
		{"a word of a label is no answer", q1, "week", 0, false},
		{"a sentence with a label's words is no answer", q1, "I'd say every single week", 0, false},
		{"near miss", q1, "evrey week", 2, true},
		{"near miss of a short label", q1, "Nevr", 0, true},
		{"near miss with a missing letter", q1, "sometimes with hlp", 1, true},
		{"two typos in a short label is too far", q1, "nvr", 0, false},
		{"a question in a DM", q3, "who should I hire first, I'm not technical?", 0, false},
		{"zero", q1, "0", 0, false},
		{"too big", q1, "99", 0, false},
		{"four of three", q1, "4", 0, false},
		{"empty", q1, "", 0, false},
		{"spaces", q1, "   ", 0, false},
		{"gibberish", q1, "qwzzx", 0, false},
		{"two options", q1, "never every week", 0, false},
		{"mention markup", q1, "<!channel>", 0, false},
		{"too long", q1, strings.Repeat("never ", 2000), 0, false},
		{"shared word", q2, "demos", 0, false},
		{"unique word is no answer", q2, "avoid", 0, false},
		{"whole label with shared words", q2, "i run demos myself", 1, true},
		{"command is not an answer", q1, "back", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseAnswer(tt.text, tt.labels)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseAnswer(%.40q) = %d, %v, want %d, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseIntentCommands(t *testing.T) {
	tests := []struct {
		name string
		text string
		want intentKind
	}{
		{"back", "back", intentBack},
		{"go back", "Go back!", intentBack},
		{"restart", "RESTART", intentRestart},
		{"start over", "start over", intentRestart},
		{"cancel", "cancel.", intentCancel},
		{"answer", "2", intentAnswer},
		{"invalid", "", intentInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseIntent(tt.text).Kind; got != tt.want {
				t.Errorf("parseIntent(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{"2", "#2", "option 3", "never", "every week", "", "<!channel>", "0", "99", "ü week", "option #", "3)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, labels := range [][]string{q1, q2} {
			got, ok := ParseAnswer(text, labels)
			if ok && (got < 0 || got >= len(labels)) {
				t.Fatalf("ParseAnswer(%q) = %d, out of range", text, got)
			}
			if len(text) > maxAnswerLen && ok {
				t.Fatalf("ParseAnswer accepted %d bytes", len(text))
			}
			// An answer is a number, or (near) a whole label: never a
			// reply much longer than every label.
			if n := parseIntent(text); ok && n.Num == 0 && len([]rune(n.Whole)) > longest(labels)+longest(labels)/6+1 {
				t.Fatalf("ParseAnswer(%q) = %d: far longer than any label", text, got)
			}
			// Labels always match themselves, unless they are commands.
			if i, ok := ParseAnswer(labels[0], labels); !ok || i != 0 {
				t.Fatalf("label %q does not match itself", labels[0])
			}
		}
	})
}

func longest(labels []string) int {
	n := 0
	for _, l := range labels {
		n = max(n, len([]rune(normalize(l))))
	}
	return n
}
