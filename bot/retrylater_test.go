package bot_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// A handler whose storage is out of reach for a moment fails with
// ErrRetryLater while the delivery can run again: the journal runs it again
// after a back-off, and the user gets the real answer once, not an apology.
func TestRetryLaterRunsTheDeliveryAgain(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	rdb, prefix := redistest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	var runs []bool // Retriable, per run
	h := bot.HandlerFunc(func(ctx context.Context, _ *bot.Request) (bot.Reply, error) {
		mu.Lock()
		defer mu.Unlock()
		runs = append(runs, bot.Retriable(ctx))
		if len(runs) == 1 {
			return bot.Reply{}, fmt.Errorf("load session: %w: CLUSTERDOWN The cluster is down", bot.ErrRetryLater)
		}
		return bot.Reply{Text: "the answer"}, nil
	})
	replica(t, fake, rdb, prefix, h, bot.WithConnections(1))
	if err := fake.WaitConnections(ctx, 1); err != nil {
		t.Fatal(err)
	}
	id := fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess"})
	calls, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := calls[0].Params["text"]; got != "the answer" {
		t.Errorf("got %q, want the answer of the second run", got)
	}
	answeredOnce(t, fake, []string{id})
	mu.Lock()
	defer mu.Unlock()
	if len(runs) != 2 || !runs[0] || !runs[1] {
		t.Errorf("got runs with Retriable %v, want two, both retriable", runs)
	}
}
