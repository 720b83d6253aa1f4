package blockkit

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

func TestIsDM(t *testing.T) {
	tests := []struct {
		name string
		req  bot.Request
		want bool
	}{
		{"DM message", bot.Request{Kind: bot.KindDM, ChannelID: "D1", ChannelType: "im"}, true},
		{"slash command in a DM", bot.Request{Kind: bot.KindCommand, ChannelID: "D1", ChannelType: "im"}, true},
		{"click in a DM carries no channel type", bot.Request{Kind: bot.KindAction, ChannelID: "D1"}, true},
		{"click in a channel", bot.Request{Kind: bot.KindAction, ChannelID: "C1"}, false},
		{"mention in a channel", bot.Request{Kind: bot.KindMention, ChannelID: "C1", ChannelType: "channel"}, false},
		{"App Home click has no channel", bot.Request{Kind: bot.KindAction}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsDM(&tt.req); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short stays", "abc", 3, "abc"},
		{"long is marked", "abcdef", 4, "abc…"},
		{"runes not bytes", strings.Repeat("é", 5), 4, "ééé…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clip(tt.in, tt.n); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	if long := Clip(strings.Repeat("é", 100), 75); utf8.RuneCountInString(long) != 75 {
		t.Errorf("clip gave %d runes, want 75", utf8.RuneCountInString(long))
	}
}

func TestBuildersKeepSlackLimits(t *testing.T) {
	long := strings.Repeat("x", 5000)
	if n := utf8.RuneCountInString(Section(long).Text.Text); n != MaxSectionText {
		t.Errorf("section text got %d runes, want %d", n, MaxSectionText)
	}
	if n := utf8.RuneCountInString(Context("", long).ContextElements.Elements[0].(*slack.TextBlockObject).Text); n != MaxFieldText {
		t.Errorf("context text got %d runes, want %d", n, MaxFieldText)
	}
	if n := utf8.RuneCountInString(Button("a", "v", long).Text.Text); n != MaxButtonText {
		t.Errorf("button label got %d runes, want %d", n, MaxButtonText)
	}
	if e := EmojiButton("a", "v", ":thumbsup:").Text.Emoji; e == nil || !*e {
		t.Error("EmojiButton label does not show emoji")
	}
	if e := Button("a", "v", ":thumbsup:").Text.Emoji; e == nil || *e {
		t.Error("Button label shows emoji")
	}
}

func TestActionsMakeIDsUniqueAndBaseActionRestoresThem(t *testing.T) {
	blk := Actions("b", Button(ActionFAQ, "1", "one"), Button(ActionFAQ, "2", "two"), Button(ActionRun, "x", "run"), Button(ActionFAQ, "3", "three"))
	var ids []string
	seen := map[string]bool{}
	for _, e := range blk.Elements.ElementSet {
		id := e.(*slack.ButtonBlockElement).ActionID
		if seen[id] {
			t.Fatalf("action id %q repeated in one block", id)
		}
		seen[id] = true
		ids = append(ids, BaseAction(id))
	}
	if got, want := strings.Join(ids, ","), "faq:show,faq:show,run,faq:show"; got != want {
		t.Fatalf("base ids got %s, want %s", got, want)
	}
}

func TestEphemeral(t *testing.T) {
	r := EphemeralText("*hi*")
	if r.Visibility != bot.VisibilityEphemeral || r.Text != "*hi*" || len(r.Blocks) != 1 {
		t.Fatalf("got %+v, want an ephemeral reply with one section", r)
	}
	if r := Ephemeral("plain"); r.Visibility != bot.VisibilityEphemeral || len(r.Blocks) != 0 {
		t.Fatalf("got %+v, want an ephemeral text reply", r)
	}
}
