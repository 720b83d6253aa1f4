package handlers

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/advisor-bot/advisor/bot"
)

// BenchmarkRoute is one slash command through the router: parse, route,
// render (no Redis: compare touches none).
func BenchmarkRoute(b *testing.B) {
	r, _ := testRouter(b)
	ctx := context.Background()
	req := cmd("compare background")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Handle(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderComparison renders the whole comparison and marshals it
// to the JSON Slack receives.
func BenchmarkRenderComparison(b *testing.B) {
	r, _ := testRouter(b)
	req := cmd("compare")
	b.ReportAllocs()
	for b.Loop() {
		reply := r.compare(req, "")
		if _, err := json.Marshal(reply.Blocks); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAskFAQ answers a free-text question: search, render, and the
// ask counter in Redis.
func BenchmarkAskFAQ(b *testing.B) {
	r, _ := testRouter(b)
	ctx := context.Background()
	req := &bot.Request{Kind: bot.KindMention, UserID: "U1", ChannelID: "C1", Text: "when should we split the ceo and cto roles"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Handle(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}
