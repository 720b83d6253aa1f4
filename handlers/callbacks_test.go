package handlers

import (
	"context"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

func TestCallbacksRoutedByLongestPrefix(t *testing.T) {
	named := func(name string) CallbackFunc {
		return func(context.Context, *bot.Request) (bot.Reply, error) { return bot.Reply{Text: name}, nil }
	}
	r, _ := testRouter(t, WithCallbacks("tips:", named("tips")), WithCallbacks("tips:admin:", named("admin")),
		WithCallbacks("expert:", named("expert")))
	tests := []struct {
		name string
		req  bot.Request
		want string
	}{
		{"submission", bot.Request{Kind: bot.KindViewSubmission, CallbackID: "tips:settings"}, "tips"},
		{"longer prefix wins", bot.Request{Kind: bot.KindViewSubmission, CallbackID: "tips:admin:edit"}, "admin"},
		{"close", bot.Request{Kind: bot.KindViewClosed, CallbackID: "expert:answer"}, "expert"},
		{"shortcut", bot.Request{Kind: bot.KindShortcut, CallbackID: "expert:ask"}, "expert"},
		{"unknown submission closes the modal quietly", bot.Request{Kind: bot.KindViewSubmission, CallbackID: "gone:x"}, ""},
		{"unknown shortcut says so", bot.Request{Kind: bot.KindShortcut, CallbackID: "gone"}, "That shortcut is no longer available. Try `/ceo-vs-cto help`."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Handle(t.Context(), &tt.req)
			if err != nil || got.Text != tt.want {
				t.Fatalf("got %q (%v), want %q", got.Text, err, tt.want)
			}
		})
	}
}
