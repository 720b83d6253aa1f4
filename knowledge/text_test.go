package knowledge

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower and punctuation", "Who should I HIRE first?!", "who should i hire first"},
		{"founders' shares are an equity split", "is 60/40 fair or 50/50?", "is equity split fair or equity split"},
		{"shares with a pool", "we split 40/40 with a 20% pool", "we split equity split with a 20 percent pool"},
		{"dates and hours are no split", "open 24/7 since 12/25 and 9/11", "open 24 7 since 12 25 and 9 11"},
		{"user mention", "<@U123ABC> hello", "hello"},
		{"channel mention", "see <#C123|general> now", "see now"},
		{"special mention", "<!here> hi", "hi"},
		{"labelled link", "try <https://x.com/a|this agency> ok", "try this agency ok"},
		{"bare link", "read <https://x.com/a> later", "read later"},
		{"mailto link", "<mailto:a@b.c|mail me>", "mail me"},
		{"emoji", "is that normal :thinking_face: really", "is that normal really"},
		{"emoji skin tone", ":wave::skin-tone-2: hey", "hey"},
		{"entities", "ceo &amp; cto &lt;3", "ceo cto 3"},
		{"curly apostrophe", "what’s the cto’s job", "what the cto job"},
		{"contraction", "I don't know", "i dont know"},
		{"possessive", "the CEO's seat", "the ceo seat"},
		{"dashes", "co-founder — ceo–cto", "co founder ceo cto"},
		{"full width", "ＣＥＯ vs ＣＴＯ", "ceo vs cto"},
		{"accents", "Résumé café", "resume cafe"},
		{"zero width inside word", "C\u200bE\u200dO", "ceo"},
		{"bom and bidi", "\ufeff\u202bcto\u202c", "cto"},
		{"emoji only", "🤖🤖", ""},
		{"rtl text kept", "מה זה CTO", "מה זה cto"},
		{"cjk kept", "日本語 ceo", "日本語 ceo"},
		{"empty", "", ""},
		{"stray angle", "a < b > c", "a b c"},
		{"unclosed markup", "<@U123 hi", "u123 hi"},
		{"link labelled with words", "see <https://x.io/a|the pricing page>", "see the pricing page"},
		{"link labelled with its address", "see <https://example.com|example.com> or <mailto:a@b.co|a@b.co>", "or"},
		{"bare link and its pointer", "cto pay? details at <https://x.io/p>", "cto pay details"},
		{"address typed out", "see example.com or mail a@b.co.", "or mail"},
		{"not addresses", "e.g. the U.S. market, 1.25x base, node.js", "e g the usa market 1 25x base node js"},
		{"invalid utf8", "ce\xffo", "ce o"},
		{"mrkdwn", "*bold* _it_ ~s~ `code`", "bold it s code"},
		{"colons not emoji", "ratio 1:2", "ratio 1 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(normalize(nil, tt.in))
			if got != tt.want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeHugeInput(t *testing.T) {
	huge := strings.Repeat("hire a cto <@U1> :x: &amp; ’ ", 100*1024/30)
	got := normalize(nil, huge)
	if len(got) == 0 || len(got) > len(huge) {
		t.Errorf("normalize of %d bytes gave %d bytes", len(huge), len(got))
	}
	unclosed := strings.Repeat("<", 100*1024)
	if got := normalize(nil, unclosed); len(got) != 0 {
		t.Errorf("normalize of only '<' gave %q, want empty", got[:min(len(got), 20)])
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "<@U1>", "<https://x|y>", ":a:", "&amp;", "’s", "ＣＥＯ", "\xff\xfe", "a'", "'", "<", "&#39;s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := normalize(nil, s)
		if len(out) > 0 && (out[0] == ' ' || out[len(out)-1] == ' ') {
			t.Errorf("normalize(%q) = %q has edge spaces", s, out)
		}
		if strings.Contains(string(out), "  ") {
			t.Errorf("normalize(%q) = %q has double spaces", s, out)
		}
	})
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"caresses", "caress"}, {"ponies", "poni"}, {"cats", "cat"}, {"feed", "feed"},
		{"agreed", "agre"}, {"plastered", "plaster"}, {"motoring", "motor"}, {"sing", "sing"},
		{"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"}, {"hopping", "hop"},
		{"falling", "fall"}, {"hissing", "hiss"}, {"filing", "file"}, {"happy", "happi"},
		{"relational", "relat"}, {"conditional", "condit"}, {"generalization", "general"},
		{"hiring", "hire"}, {"hires", "hire"}, {"hired", "hire"}, {"founders", "founder"},
		{"responsibilities", "respons"}, {"technical", "technic"}, {"a", "a"}, {"cto", "cto"},
		{"日本", "日本"}, {"x2", "x2"},
	}
	buf := make([]byte, 0, 64)
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(stem(buf, []byte(tt.in))); got != tt.want {
				t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"salary", "salary", true}, {"salery", "salary", true}, {"reprot", "report", true},
		{"hirring", "hiring", true}, {"hirng", "hiring", true}, {"cheif", "chief", true},
		{"abcdef", "badcef", false}, {"salary", "celery", false}, {"found", "founder", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := withinOneEdit([]byte(tt.a), tt.b); got != tt.want {
				t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
