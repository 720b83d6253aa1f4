package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name, text, cmd, rest string
		args                  int
	}{
		{name: "empty", text: "   "},
		{name: "plain", text: "compare background", cmd: "compare", rest: "background", args: 1},
		{name: "case and alias", text: "VS", cmd: "compare"},
		{name: "formatting stripped", text: "*help*", cmd: "help"},
		{name: "question kept whole", text: "who  should I hire first?", cmd: "who", rest: "should I hire first?", args: 4},
		{name: "unicode spaces", text: "\u00a0ask\u2003why", cmd: "ask", rest: "why", args: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, args, rest := parseCommand(tt.text)
			if cmd != tt.cmd || rest != tt.rest || len(args) != tt.args {
				t.Errorf("got (%q, %d args, %q), want (%q, %d, %q)", cmd, len(args), rest, tt.cmd, tt.args, tt.rest)
			}
		})
	}
}

func TestClosestCommand(t *testing.T) {
	for typed, want := range map[string]string{"comapre": "compare", "hlep": "help", "asess": "assess", "tip": "tips", "xyzzy": "", "ok": "", "statz": "stats"} {
		if got := closestCommand(typed); got != want {
			t.Errorf("closestCommand(%q) = %q, want %q", typed, got, want)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"", "compare", "ask why?", "tips subscribe weekly mon 09:00", "<!channel>", "\xff\xfe", "\u200b help"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, args, rest := parseCommand(text)
		if cmd == "" && (len(args) > 0 || rest != "") {
			t.Errorf("no command but args %q rest %q", args, rest)
		}
		if len(rest) > len(text) {
			t.Errorf("rest %q longer than input %q", rest, text)
		}
		if utf8.ValidString(text) && !utf8.ValidString(rest) {
			t.Errorf("rest %q is not valid UTF-8", rest)
		}
		if near := closestCommand(cmd); near != "" && !strings.Contains(strings.Join(commands, " "), near) {
			t.Errorf("closest %q is not a command", near)
		}
	})
}
