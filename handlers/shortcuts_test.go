package handlers

import (
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

func TestAskAboutAMessage(t *testing.T) {
	fa := &fakeAssess{}
	r, _ := testRouter(t, WithAssessments(fa))
	shortcut := func(text, author string) *bot.Request {
		return &bot.Request{Kind: bot.KindMessageShortcut, CallbackID: ShortcutAsk, ID: "msc:1", UserID: "U1", ChannelID: "C1",
			ChannelType: "channel", MessageTS: "1.5", Text: text, MessageUserID: author, ResponseURL: "https://hooks/x"}
	}
	tests := []struct {
		name    string
		req     *bot.Request
		want    []string
		notWant []string
	}{
		{"a question is answered privately with share", shortcut("should i hire a cto first? i can't code", "U2"),
			[]string{"non-technical founder", "Share in channel", "<https://example.slack.com/archives/C1/p15|this message> from <@U2>"}, nil},
		{"a bot's post is not attributed", shortcut("when should we split the ceo and cto roles", "B1"),
			[]string{"About <https://example.slack.com/archives/C1/p15|this message>: “"}, []string{"<@B1>"}},
		{"the quote is escaped", shortcut("<!channel> who should I hire first & why", "U2"),
			[]string{"&lt;!channel&gt;", "&amp; why"}, []string{"“<!channel>"}},
		{"no text", shortcut("", "U2"), []string{"no text I can read"}, []string{"Share in channel"}},
		{"only markup", shortcut("<@U3> :tada: <https://x.example|link> !!", "U2"), []string{"no text I can read"}, nil},
		{"a command word is a question, not a command", shortcut("compare", "U2"), nil, []string{"picker"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Handle(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Visibility != bot.VisibilityEphemeral {
				t.Errorf("got visibility %v, want ephemeral", got.Visibility)
			}
			hasAll(t, flat(t, got), tt.want, tt.notWant)
		})
	}
	got, err := r.Handle(t.Context(), &bot.Request{Kind: bot.KindShortcut, CallbackID: ShortcutAssess, UserID: "U1", TriggerID: "tr"})
	if err != nil || got.Text != "picker" {
		t.Errorf("got %q (%v), want the assessment picker opened", got.Text, err)
	}
}
