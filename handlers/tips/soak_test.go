package tips

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// TestSoakDueInOneMinuteAgainstFakeSlack is the real-time version of
// scheduler's TestPacing10kDueInOneMinute: N subscriptions (ADVISOR_SOAK_N,
// default 10,000) all due at the next minute, posted by the tips' Poster
// through bot.Client to the project's fake Slack at the default pacing, on
// the wall clock. It takes minutes, so it runs only with ADVISOR_SOAK=1
// (see BENCHMARKS.md).
func TestSoakDueInOneMinuteAgainstFakeSlack(t *testing.T) {
	if os.Getenv("ADVISOR_SOAK") != "1" {
		t.Skip("a multi-minute soak: set ADVISOR_SOAK=1 to run it")
	}
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("ADVISOR_SOAK_N")); err == nil && v > 0 {
		n = v
	}
	fake := slacktest.New()
	defer fake.Close()
	api := bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil)
	rdb, prefix := redistest.New(t)
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatal(err)
	}
	s := NewScheduler(rdb, prefix, kb, bot.NewClient(api), zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel))
	ctx := context.Background()
	now := time.Now().UTC()
	due := now.Truncate(time.Minute).Add(time.Minute)
	if due.Sub(now) < 10*time.Second {
		due = due.Add(time.Minute)
	}
	sch := scheduler.Schedule{Kind: scheduler.KindDaily, Hour: due.Hour(), Minute: due.Minute(), TZ: "UTC"}
	for i := range n {
		if _, err := s.Subscribe(ctx, scheduler.Subscription{Channel: fmt.Sprintf("C%05d", i), Schedule: sch, CreatedBy: "U1"}); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(runCtx) }()
	wctx, wcancel := context.WithTimeout(ctx, time.Until(due)+time.Duration(n)*time.Second/10+time.Minute)
	defer wcancel()
	calls, err := fake.WaitCalls(wctx, "chat.postMessage", n)
	cancel()
	<-done
	if err != nil {
		t.Fatalf("posted %d of %d: %v", len(fake.Calls("chat.postMessage")), n, err)
	}
	first, last := calls[0].At, calls[len(calls)-1].At
	failed := 0
	for _, c := range calls {
		if c.Err != "" {
			failed++
		}
	}
	t.Logf("%d tips due at %s: first posted %v after, last %v after (%.1f posts/s), %d failed",
		n, due.Format(time.TimeOnly), first.Sub(due).Round(time.Millisecond), last.Sub(due).Round(time.Millisecond),
		float64(n-1)/last.Sub(first).Seconds(), failed)
}
