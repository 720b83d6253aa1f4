package slacktest

import (
	"context"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// BenchmarkEnvelopeRoundTrip measures one slash command from SendRaw to the
// recorded ack through a real slack-go client that acks at once.
func BenchmarkEnvelopeRoundTrip(b *testing.B) {
	s := New()
	defer s.Close()
	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = sm.RunContext(ctx) }()
	go func() {
		for ev := range sm.Events {
			if ev.Request != nil && ev.Request.EnvelopeID != "" {
				_ = sm.Ack(*ev.Request)
			}
		}
	}()
	if err := s.WaitConnections(ctx, 1); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		id := s.SlashCommand(SlashCommand{Command: "/bench"})
		if _, err := s.WaitAck(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPostMessage measures one chat.postMessage through slack-go.
func BenchmarkPostMessage(b *testing.B) {
	s := New()
	defer s.Close()
	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()))
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("hi", false)); err != nil {
			b.Fatal(err)
		}
	}
}
