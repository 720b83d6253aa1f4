package handlers

import (
	"context"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// hookTips is a tips feature whose answers call the router's hooks: a
// click marks the Home changed, a message puts the status line up and
// answers nothing.
type hookTips struct{ homeChanged bool }

func (h *hookTips) Handle(ctx context.Context, _ *bot.Request, _ []string) (bot.Reply, error) {
	blockkit.Busy(ctx, "is checking the channel…")
	return bot.Reply{}, nil
}

func (h *hookTips) HandleAction(ctx context.Context, _ *bot.Request) (bot.Reply, error) {
	if h.homeChanged {
		blockkit.HomeChanged(ctx)
	}
	return bot.Reply{}, nil
}

func TestHomePublishedAgainOnlyWhenAFeatureSaysItChanged(t *testing.T) {
	for _, changed := range []bool{false, true} {
		r, fs := testRouter(t, WithTips(&hookTips{homeChanged: changed}))
		click := &bot.Request{Kind: bot.KindAction, UserID: "U1", ActionID: "tips:pause", ActionValue: "C1", OnHome: true}
		if _, err := r.Handle(t.Context(), click); err != nil {
			t.Fatal(err)
		}
		fs.mu.Lock()
		_, published := fs.homes["U1"]
		fs.mu.Unlock()
		if published != changed {
			t.Errorf("feature said changed=%v: got the Home published=%v", changed, published)
		}
	}
}

func TestStatusLineClearedWhenNothingPostsInTheThread(t *testing.T) {
	pane := &fakePane{}
	r, _ := testRouter(t, WithAssistant(pane), WithTips(&hookTips{}))
	req := &bot.Request{Kind: bot.KindAssistantMessage, ID: "Ev1", UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "7.0", Text: "tips status"}
	if reply, err := r.Handle(t.Context(), req); err != nil || !reply.Empty() {
		t.Fatalf("got %+v (%v), want nothing to post", reply, err)
	}
	if len(pane.statuses) != 2 || pane.statuses[0] == "" || pane.statuses[1] != "" {
		t.Errorf("got statuses %q, want the status then a clear", pane.statuses)
	}
}
