package blockkit

import (
	"strings"
	"testing"
)

func TestEcho(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"slack already escaped it", "R&amp;D &lt;3", 0, "R&amp;D &lt;3"},
		{"never escaped (the console)", "R&D <3", 0, "R&amp;D &lt;3"},
		{"a live mention is defused", "hi <@U123> and <!channel>", 0, "hi &lt;@U123&gt; and &lt;!channel&gt;"},
		{"a link is defused", "<https://evil.example|click>", 0, "&lt;https://evil.example|click&gt;"},
		{"clipped before escaping, never inside an entity", "R&amp;D is great", 3, "R&amp;…"},
		{"typed entity text stays visible", "&amp;amp;", 0, "&amp;amp;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Echo(tt.in, tt.n); got != tt.want {
				t.Errorf("Echo(%q, %d) got %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

// FuzzEcho: whatever a user types, what the advisor repeats holds no
// Slack control sequence (no < or > at all), is stable when echoed again,
// and keeps what the user saw.
func FuzzEcho(f *testing.F) {
	for _, s := range []string{"R&amp;D", "<@U1>", "<!here|here>", "&lt;!channel&gt;", "a & b < c", "&amp;lt;", "<#C1|general>", "\u202e<@U1>"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, in string, n int) {
		n %= 200
		out := Echo(in, n)
		if strings.ContainsAny(out, "<>") {
			t.Fatalf("Echo(%q) = %q: a control sequence can survive", in, out)
		}
		if again := Echo(out, 0); again != out {
			t.Fatalf("Echo(Echo(%q)) = %q, want %q", in, again, out)
		}
		if n <= 0 && unescaper.Replace(out) != unescaper.Replace(in) {
			t.Fatalf("Echo(%q) = %q: shows %q, want %q", in, out, unescaper.Replace(out), unescaper.Replace(in))
		}
	})
}
