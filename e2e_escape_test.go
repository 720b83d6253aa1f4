package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// TestEveryCommandWithShouldEscape sends every subcommand as Slack does
// with should_escape on (the manifest sets it, for `pair @cofounder`):
// mentions, channels, links and @here as markup, &, < and > as entities.
// Through the real features, each must do what it says, never apologise,
// and never repeat the markup as a live mention, link or @here.
func TestEveryCommandWithShouldEscape(t *testing.T) {
	h := startApp(t, nil)
	tests := []struct{ text, want string }{
		{"", "pair @cofounder"},
		{"help <@U3|carol>", "pair @cofounder"},
		{"compare <#C9|general>", "Where the seats meet"},
		{"compare who they face &amp; own", "Who they face"},
		{"ask who sells &amp; who builds? cc <@U3|carol> <!here>", "Share in channel"},
		{"ask what does a cto do? see <https://example.com|example.com> or <mailto:a@b.co|a@b.co>", "What does a CTO actually do?"},
		{"hepl <#C9|general>", ""},
		{"assess", "Take it with a co-founder"},
		{"assess <#C9|general>", "&lt;#c9|general&gt;"},
		{"tips subscribe <#C9|general>", "&lt;#C9|general&gt;"},
		{"tips status", "tips"},
		{"tips &lt;now&gt;", "Scheduled tips"},
		{"pair <#C9|general>", "That's a channel"},
		{"pair <!here>", "That's a group, not a person"},
		{"pair <@U2|bob> <@U3|carol>", "A pair is two people"},
		{"pair <@U1|me>", "That's you"},
		{"pair <@U2|bob smith> r&amp;d", "I don't know a paired assessment called `r&amp;d`"},
		{"co-founder <@U2|bob smith>", "Invited <@U2>"},
		{"unanswered", ""},
		{"stats", ""},
	}
	for i, tt := range tests {
		h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: tt.text, UserID: "U1", ChannelID: "C1"})
		reply := h.waitCalls(slacktest.MethodResponseURL, i+1)[i]
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(body(t, reply)); err != nil {
			t.Fatal(err)
		}
		got := b.String()
		if !strings.Contains(got, tt.want) || strings.Contains(got, "Sorry, something went wrong") {
			t.Errorf("%q got %s, want %q", tt.text, got, tt.want)
		}
		for _, raw := range []string{"<#C9", "<@U3", "<!here", "<https://example.com", "<mailto", "&amp;amp;"} {
			if strings.Contains(got, raw) {
				t.Errorf("%q got %s, want no %s in it", tt.text, got, raw)
			}
		}
	}
}
