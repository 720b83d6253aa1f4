package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
)

// TestViewSubmissionAfterRunsOnceAcked: Reply.After waits for the ack (it
// blocks until the test has seen the ack, so running it before would never
// ack) and posts with the delivery's context.
func TestViewSubmissionAfterRunsOnceAcked(t *testing.T) {
	release := make(chan struct{})
	h := func(c *bot.Client) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
			switch req.Kind {
			case bot.KindCommand:
				_, err := c.OpenView(ctx, req.TriggerID, nameModal())
				return bot.Reply{}, err
			case bot.KindViewSubmission:
				return bot.Reply{After: func(ctx context.Context) error {
					select {
					case <-release:
					case <-ctx.Done():
						return ctx.Err()
					}
					for _, ch := range []string{"C1", "C2"} {
						if _, err := c.Post(ctx, bot.Message{Channel: ch, Text: "after"}); err != nil {
							return err
						}
					}
					return nil
				}}, nil
			}
			return bot.Reply{}, nil
		})
	}
	fake, ctx := runBotWithClient(t, h, bot.WithViewBudget(300*time.Millisecond))
	fake.SlashCommand(slacktest.SlashCommand{Command: "/x", UserID: "U1"})
	if _, err := fake.WaitView(ctx, "U1", "test:name", 0); err != nil {
		t.Fatal(err)
	}
	env, err := fake.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"name": {"Ada"}}})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := fake.WaitViewAck(ctx, env); err != nil || a.Action != "" {
		t.Fatalf("got %+v (%v), want a plain ack before After ran", a, err)
	}
	close(release)
	calls, err := fake.WaitCalls(ctx, "chat.postMessage", 2)
	if err != nil || calls[0].Params["channel"] != "C1" || calls[1].Params["channel"] != "C2" {
		t.Fatalf("got %+v (%v), want After's two posts", calls, err)
	}
	if md := calls[0].Params["metadata"]; md == "" {
		t.Error("After's post carries no delivery mark: it ran outside the journaled delivery")
	}
}
