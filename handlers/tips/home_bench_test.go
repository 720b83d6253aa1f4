package tips

import (
	"context"
	"fmt"
	"testing"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// BenchmarkHomeBlocks10k opens the App Home's tips section of one user
// (who manages two channels and has personal tips) among 10,000
// subscriptions of 1,000 users, against the real Redis.
func BenchmarkHomeBlocks10k(b *testing.B) {
	kb, err := knowledge.Load("")
	if err != nil {
		b.Fatal(err)
	}
	rdb, prefix := redistest.New(b)
	s := NewScheduler(rdb, prefix, kb, nil, zerolog.Nop())
	ctx := context.Background()
	sch := scheduler.Schedule{Kind: scheduler.KindWeekly, Hour: 9, TZ: "UTC"}
	for i := range 10000 {
		sub := scheduler.Subscription{Channel: fmt.Sprintf("C%05d", i), Schedule: sch, CreatedBy: fmt.Sprintf("U%03d", i%1000)}
		if i%10 == 9 {
			sub.Personal, sub.User, sub.Channel = true, sub.CreatedBy, "D"+sub.CreatedBy
		}
		if _, err := s.Subscribe(ctx, sub); err != nil {
			b.Fatal(err)
		}
	}
	h := Home{Subs: s}
	b.ResetTimer()
	for b.Loop() {
		blocks, err := h.HomeBlocks(ctx, "U007")
		if err != nil || len(blocks) < 5 {
			b.Fatalf("got %d blocks, %v", len(blocks), err)
		}
	}
}
