package handlers

import (
	"context"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// featureRecorder is a feature that says what it was asked.
type featureRecorder struct{ got []string }

func (f *featureRecorder) Handle(_ context.Context, _ *bot.Request, args []string) (bot.Reply, error) {
	f.got = append(f.got, "cmd "+strings.Join(args, " "))
	return blockkit.EphemeralText("ok"), nil
}

func (f *featureRecorder) HandleAction(_ context.Context, req *bot.Request) (bot.Reply, error) {
	f.got = append(f.got, "action "+req.ActionID)
	return blockkit.EphemeralText("ok"), nil
}

func TestFeatureCommandsAndActionsAreRouted(t *testing.T) {
	f := &featureRecorder{}
	r, _ := testRouter(t, WithCommand("drafts", "Drafts", f), WithActions("drafts:", f))
	ctx := context.Background()
	for _, req := range []*bot.Request{
		{Kind: bot.KindCommand, UserID: "U1", ChannelID: "C1", Text: "Drafts now please"},
		{Kind: bot.KindAction, UserID: "U1", ActionID: "drafts:publish#1", ActionValue: "d1"},
		{Kind: bot.KindAction, UserID: "U1", ActionID: "draftsy", ActionValue: "x"},
	} {
		if _, err := r.Handle(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"cmd now please", "action drafts:publish"}; strings.Join(f.got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", f.got, want)
	}
}
