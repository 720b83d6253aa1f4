package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// handledObserver reports each settled envelope's outcome.
type handledObserver struct{ outcomes chan string }

func (o handledObserver) Acked(string, time.Duration) {}
func (o handledObserver) Connected(int)               {}
func (o handledObserver) Handled(_, outcome string, _ time.Duration) {
	o.outcomes <- outcome
}

// A post whose connection is reset once the request went out may or may
// not be in Slack. The journal retries the delivery, looks the post up by
// its metadata, and posts only if Slack does not have it: once either way.
func TestPostInDoubtIsPostedExactlyOnce(t *testing.T) {
	for _, tc := range []struct {
		name      string
		afterPost bool
	}{{"reset before Slack posted", false}, {"reset after Slack posted", true}} {
		t.Run(tc.name, func(t *testing.T) {
			fake := slacktest.New()
			t.Cleanup(fake.Close)
			rdb, prefix := redistest.New(t)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			obs := handledObserver{outcomes: make(chan string, 10)}
			h := bot.HandlerFunc(func(context.Context, *bot.Request) (bot.Reply, error) {
				return bot.Reply{Text: "the answer"}, nil
			})
			replica(t, fake, rdb, prefix, h, bot.WithConnections(1), bot.WithObserver(obs))
			if err := fake.WaitConnections(ctx, 1); err != nil {
				t.Fatal(err)
			}
			fake.ResetNext("chat.postMessage", tc.afterPost)
			fake.Mention(slacktest.Msg{Channel: "CDOUBT", Text: "compare"})
			var outcomes []string
			for {
				select {
				case o := <-obs.outcomes:
					outcomes = append(outcomes, o)
				case <-ctx.Done():
					t.Fatalf("never delivered; outcomes %v", outcomes)
				}
				if outcomes[len(outcomes)-1] != "retry" {
					break
				}
			}
			posted := 0
			for _, c := range fake.Calls("chat.postMessage") {
				if c.Err == "" && c.Params["channel"] == "CDOUBT" {
					posted++ // a reset after the post counts: Slack has it
				}
			}
			if posted != 1 {
				t.Errorf("got %d posts in Slack, want exactly 1 (outcomes %v)", posted, outcomes)
			}
			if len(fake.Calls("conversations.replies"))+len(fake.Calls("conversations.history")) == 0 {
				t.Error("the post in doubt was not looked up")
			}
		})
	}
}
