package handlers

import (
	"context"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

// A double click on Share in channel sends two envelopes (two trigger
// ids): the answer is shared once. The same delivery run again (a
// takeover) still shares it; so does the button of another message.
func TestShareInChannelOnceOnADoubleClick(t *testing.T) {
	r, _ := testRouter(t)
	click := func(id, msgTS string) bot.Reply {
		reply, err := r.Handle(context.Background(), &bot.Request{ID: id, Kind: bot.KindAction, UserID: "U5", ChannelID: "C1", MessageTS: msgTS,
			ActionID: ActionShare, ActionValue: "faq:hire-first-nontechnical", Ephemeral: true, ResponseURL: "https://hooks/" + id})
		if err != nil {
			t.Fatal(err)
		}
		return reply
	}
	tests := []struct {
		name, id, msgTS string
		share           bool
	}{
		{"first click", "act:1", "1700000000.000100", true},
		{"second click of a double click", "act:2", "1700000000.000100", false},
		{"the first click's delivery run again", "act:1", "1700000000.000100", true},
		{"another message's button", "act:3", "1700000000.000200", true},
	}
	for _, tt := range tests {
		got := click(tt.id, tt.msgTS)
		if shared := got.Visibility == bot.VisibilityInChannel && !got.Empty(); shared != tt.share {
			t.Errorf("%s: got shared %v (%q), want %v", tt.name, shared, got.Text, tt.share)
		}
	}
}
