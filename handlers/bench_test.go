package handlers

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

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

// BenchmarkAnswerMessages is answering one question as the advisor does,
// search and rendering to the JSON Slack receives (no Redis), over the
// eval messages typed short and behind a sentence of context; it reports
// the median and 99th percentile besides the mean.
func BenchmarkAnswerMessages(b *testing.B) {
	r, _ := testRouter(b)
	data, err := os.ReadFile("../knowledge/testdata/eval.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var set struct {
		Questions []struct {
			Q string `yaml:"q"`
		} `yaml:"questions"`
		Offtopic []string `yaml:"offtopic"`
	}
	if err := yaml.Unmarshal(data, &set); err != nil {
		b.Fatal(err)
	}
	var msgs []string
	for _, q := range set.Questions {
		msgs = append(msgs, q.Q, "we're a 12-person seed startup and my cofounder runs sales while I write the code. "+q.Q)
	}
	msgs = append(msgs, set.Offtopic...)
	req := &bot.Request{Kind: bot.KindDM, UserID: "U1", ChannelID: "D1", ChannelType: "im"}
	took := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		reply := r.answerReply(req, r.base().Search(msgs[i%len(msgs)]))
		if _, err := json.Marshal(reply.Blocks); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
}
