package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// replica runs one Bot against fake on rdb (keys under prefix) until the
// returned stop is called; stop waits for Run to return.
func replica(t *testing.T, fake *slacktest.Server, rdb redis.UniversalClient, prefix string, h bot.Handler, opts ...bot.Option) (stop func()) {
	t.Helper()
	api := bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil)
	b := bot.New(api, bot.NewClient(api), h, bot.NewJournal(rdb, prefix, bot.WithLease(time.Second)),
		zerolog.New(zerolog.NewTestWriter(t)), opts...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var stopped bool
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	t.Cleanup(stop)
	return stop
}

// answeredOnce checks that every envelope in ids got exactly one
// response_url post.
func answeredOnce(t *testing.T, fake *slacktest.Server, ids []string) {
	t.Helper()
	per := map[string]int{}
	for _, c := range fake.Calls(slacktest.MethodResponseURL) {
		per[c.Path[strings.LastIndex(c.Path, "/")+1:]]++
	}
	var lost, twice int
	for _, id := range ids {
		switch per[id] {
		case 0:
			lost++
		case 1:
		default:
			twice++
		}
	}
	if lost > 0 || twice > 0 {
		t.Errorf("of %d acked envelopes, %d never answered and %d answered more than once", len(ids), lost, twice)
	}
}

func TestGracefulShutdownHandsBackWhatItCannotFinish(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	rdb, prefix := redistest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Replica A's handlers never finish in time: two busy workers and 30
	// envelopes acked behind them when SIGTERM comes.
	slow := bot.HandlerFunc(func(ctx context.Context, _ *bot.Request) (bot.Reply, error) {
		<-ctx.Done()
		return bot.Reply{}, ctx.Err()
	})
	stopA := replica(t, fake, rdb, prefix, slow, bot.WithWorkers(2), bot.WithConnections(1),
		bot.WithShutdownTimeout(200*time.Millisecond))
	if err := fake.WaitConnections(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 30 {
		ids = append(ids, fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "x"}))
	}
	for _, id := range ids {
		if _, err := fake.WaitAck(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	stopA()
	if n := len(fake.Calls(slacktest.MethodResponseURL)); n != 0 {
		t.Fatalf("the stopping replica answered %d, want 0 (its handlers never finished)", n)
	}
	fine := bot.HandlerFunc(func(context.Context, *bot.Request) (bot.Reply, error) { return bot.Reply{Text: "done"}, nil })
	replica(t, fake, rdb, prefix, fine, bot.WithConnections(1))
	if _, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, len(ids)); err != nil {
		t.Fatalf("%v: %d of %d answered after the hand-back", err, len(fake.Calls(slacktest.MethodResponseURL)), len(ids))
	}
	answeredOnce(t, fake, ids)
}

func TestEnvelopesOfACrashedReplicaAreTakenOver(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	rdb, prefix := redistest.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Replica A acks and journals, then "dies": its Redis connection goes
	// (no renewal, no hand-back) and its handlers hang for good.
	deadRedis := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{rdb.Options().Addr}, DB: rdb.Options().DB,
		Username: rdb.Options().Username, Password: rdb.Options().Password})
	hang := make(chan struct{})
	defer close(hang)
	stuck := bot.HandlerFunc(func(ctx context.Context, _ *bot.Request) (bot.Reply, error) {
		select {
		case <-hang:
		case <-ctx.Done():
		}
		return bot.Reply{}, context.Canceled
	})
	replica(t, fake, deadRedis, prefix, stuck, bot.WithWorkers(4), bot.WithConnections(1), bot.WithHandlerTimeout(time.Minute))
	if err := fake.WaitConnections(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for range 10 {
		ids = append(ids, fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "x"}))
	}
	for _, id := range ids {
		if _, err := fake.WaitAck(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	_ = deadRedis.Close()
	died := time.Now()
	fine := bot.HandlerFunc(func(context.Context, *bot.Request) (bot.Reply, error) { return bot.Reply{Text: "done"}, nil })
	replica(t, fake, rdb, prefix, fine, bot.WithConnections(1))
	if _, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, len(ids)); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d envelopes of the dead replica answered by the other %v after it died (lease 1s)", len(ids), time.Since(died).Round(time.Millisecond))
	answeredOnce(t, fake, ids)
}
