package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// runBot runs a Bot with handler h against a fresh fake Slack.
func runBot(t *testing.T, h bot.Handler, opts ...bot.Option) (*slacktest.Server, context.Context) {
	t.Helper()
	return runBotWithClient(t, func(*bot.Client) bot.Handler { return h }, opts...)
}

// runBotWithClient is runBot for a handler that calls the Web API itself:
// h gets the Bot's Client.
func runBotWithClient(t *testing.T, h func(c *bot.Client) bot.Handler, opts ...bot.Option) (*slacktest.Server, context.Context) {
	t.Helper()
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	rdb, prefix := redistest.New(t)
	api := bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil)
	client := bot.NewClient(api)
	b := bot.New(api, client, h(client), bot.NewJournal(rdb, prefix, bot.WithLease(time.Second)), zerolog.New(zerolog.NewTestWriter(t)), opts...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(wcancel)
	if err := fake.WaitConnections(wctx, 1); err != nil {
		t.Fatal(err)
	}
	return fake, wctx
}

func TestPanicIsRecoveredAndAnsweredWithAnApology(t *testing.T) {
	h := bot.HandlerFunc(func(_ context.Context, req *bot.Request) (bot.Reply, error) {
		if req.Text == "boom" {
			panic("handler exploded")
		}
		return bot.Reply{Text: "fine"}, nil
	})
	fake, ctx := runBot(t, h, bot.WithConnections(1))
	fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "boom"})
	calls, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(calls[0].Body), "Sorry, something went wrong") {
		t.Errorf("got %s, want an apology", calls[0].Body)
	}
	fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "next"})
	calls, err = fake.WaitCalls(ctx, slacktest.MethodResponseURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(calls[1].Body), "fine") {
		t.Errorf("got %s after the panic, want the bot still answering", calls[1].Body)
	}
}

func TestEnvelopesFromOtherWorkspacesIgnored(t *testing.T) {
	h := bot.HandlerFunc(func(_ context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "hello " + req.TeamID}, nil
	})
	fake, ctx := runBot(t, h, bot.WithAllowedTeams([]string{"TGOOD"}), bot.WithWorkers(1))
	bad := fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "x", TeamID: "TEVIL"})
	if _, err := fake.WaitAck(ctx, bad); err != nil {
		t.Fatal(err) // acked all the same, so Slack does not retry it
	}
	fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "x", TeamID: "TGOOD"})
	calls, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(fake.Calls(slacktest.MethodResponseURL)) != 1 || !strings.Contains(string(calls[0].Body), "TGOOD") {
		t.Errorf("got %d replies, want only the allowed workspace answered", len(fake.Calls(slacktest.MethodResponseURL)))
	}
}

func TestBurstIsBoundedAndAllAcked(t *testing.T) {
	release := make(chan struct{})
	h := bot.HandlerFunc(func(ctx context.Context, _ *bot.Request) (bot.Reply, error) {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return bot.Reply{Text: "done"}, nil
	})
	fake, ctx := runBot(t, h, bot.WithWorkers(2), bot.WithConnections(1))
	var ids []string
	for range 200 {
		ids = append(ids, fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "x"}))
	}
	// Every envelope is acked while the two workers are still blocked.
	for _, id := range ids {
		ack, err := fake.WaitAck(ctx, id)
		if err != nil {
			t.Fatalf("envelope %s not acked while handlers were busy: %v", id, err)
		}
		if ack.Latency > time.Second {
			t.Errorf("ack after %v", ack.Latency)
		}
	}
	close(release)
	if _, err := fake.WaitCalls(ctx, slacktest.MethodResponseURL, len(ids)); err != nil {
		t.Fatal(err)
	}
}
