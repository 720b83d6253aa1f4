package tips

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// virtualClock is a scheduler.Clock the test moves; waits jump to their end.
type virtualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *virtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *virtualClock) SleepUntil(ctx context.Context, t time.Time) error {
	c.mu.Lock()
	if t.After(c.now) {
		c.now = t
	}
	c.mu.Unlock()
	return ctx.Err()
}

// failures is a scheduler.Observer that signals each failed attempt.
type failures chan struct{}

func (failures) TipPosted()   {}
func (f failures) TipFailed() { f <- struct{}{} }

func (c *virtualClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// A scheduled tip whose first attempt fails is retried on the sweep, and
// posted once: after a clean failure (Slack answered 500 every time) it is
// posted without a look-up; after a connection reset once Slack had posted
// it, the retry finds it in the channel and does not post it again.
func TestFailedTipRetriedOnceThroughSlack(t *testing.T) {
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		fault       func(f *slacktest.Server)
		wantLookups int
	}{
		{"500 on every retry of the client", func(f *slacktest.Server) { f.ServerErrorNext("chat.postMessage", 4) }, 0},
		{"reset after Slack posted it", func(f *slacktest.Server) { f.ResetNext("chat.postMessage", true) }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := slacktest.New()
			defer fake.Close()
			rdb, prefix := redistest.New(t)
			clock := &virtualClock{now: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
			failed := make(failures, 8)
			s := NewScheduler(rdb, prefix, kb, bot.NewClient(bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil)),
				zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.InfoLevel),
				scheduler.WithClock(clock), scheduler.WithLease(3*time.Second), scheduler.WithObserver(failed))
			ctx := context.Background()
			if _, err := s.Subscribe(ctx, scheduler.Subscription{Channel: "C1", CreatedBy: "U1",
				Schedule: scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 9, TZ: "UTC"}}); err != nil {
				t.Fatal(err)
			}
			tt.fault(fake)
			clock.add(time.Hour + time.Second) // 09:00:01: due
			runCtx, cancelRun := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- s.Run(runCtx) }()
			var once sync.Once
			stop := func() {
				once.Do(func() {
					cancelRun()
					if err := <-done; err != nil {
						t.Errorf("Run: %v", err)
					}
				})
			}
			defer stop()
			wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			select {
			case <-failed:
			case <-wctx.Done():
				t.Fatalf("the first attempt did not fail (calls %d)", len(fake.Calls("chat.postMessage")))
			}
			clock.add(time.Minute) // past the back-off: the next sweep retries it
			var settled func() bool
			if tt.wantLookups > 0 {
				settled = func() bool { return len(fake.Calls("conversations.history")) >= tt.wantLookups }
			} else {
				settled = func() bool { return posted(fake) >= 1 }
			}
			for !settled() {
				if _, err := fake.WaitCalls(wctx, "", len(fake.Calls(""))+1); err != nil {
					t.Fatalf("no retry: %v (calls %d)", err, len(fake.Calls("")))
				}
			}
			stop()
			if got := posted(fake); got != 1 {
				t.Errorf("got %d tips in C1, want 1", got)
			}
			if got := len(fake.Calls("conversations.history")); got != tt.wantLookups {
				t.Errorf("got %d look-ups, want %d", got, tt.wantLookups)
			}
		})
	}
}

// posted counts the tips Slack holds in C1: answered posts, and a post
// whose answer was lost after it was made.
func posted(f *slacktest.Server) int {
	n := 0
	for _, c := range f.Calls("chat.postMessage") {
		if c.Params["channel"] == "C1" && c.Err == "" {
			n++
		}
	}
	return n
}
