package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestSkipUntilHoldsTipsBackAndNextRunSaysWhen(t *testing.T) {
	daily := Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"} // t0 is 08:00: due 09:00 every day
	skip := time.Date(t0.Year(), t0.Month(), t0.Day()+2, 0, 0, 0, 0, time.UTC)
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil, WithGrace(time.Hour))
	ctx := context.Background()
	sub, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: daily, CreatedBy: "U1", SkipUntil: skip})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.s.NextRun(sub), skip.Add(9*time.Hour); !got.Equal(want) {
		t.Errorf("got next run %v, want %v, the first instant after the skip", got, want)
	}
	r.start(t)
	for day := range 3 { // 09:30 on each of three days: the first two are skipped
		r.clock.Set(t0.Add(time.Duration(day)*24*time.Hour + 90*time.Minute))
		r.s.runEntry("C1")
		if err := r.s.reconcile(ctx); err != nil {
			t.Fatal(err)
		}
	}
	r.stop()
	sent := r.poster.sent()
	if len(sent) != 1 || sent[0].at.Before(skip) {
		t.Fatalf("got %d posts (%+v), want one, after %v", len(sent), sent, skip)
	}
}

func TestWeeklyOnSeveralDays(t *testing.T) {
	s := Schedule{Kind: KindWeekly, Days: []time.Weekday{time.Monday, time.Thursday}, Hour: 9, Minute: 30, TZ: "Europe/Berlin"}
	if err := s.Validate(); err != nil || s.Spec() != "30 9 * * 1,4" {
		t.Fatalf("got %q (%v), want the two days in one cron spec", s.Spec(), err)
	}
	mon := time.Date(2025, 6, 2, 10, 0, 0, 0, s.Location()) // a Monday, after 09:30
	if got := s.Next(mon); got.Weekday() != time.Thursday || got.Hour() != 9 || got.Minute() != 30 {
		t.Errorf("got %v, want Thursday 09:30", got)
	}
}

// A tip whose instant passed while its subscription was paused is not
// posted late on resume (nor by the sweep or a restart's catch-up); the
// next instant posts.
func TestPausedInstantNotPostedOnResume(t *testing.T) {
	daily := Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"} // t0 is 08:00: due 09:00 every day
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil, WithGrace(time.Hour))
	ctx := context.Background()
	if _, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: daily, CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	r.start(t)
	if err := r.s.Pause(ctx, "C1", "U1", ""); err != nil {
		t.Fatal(err)
	}
	r.clock.Set(t0.Add(90 * time.Minute)) // 09:30: the 09:00 tip due, within grace, while paused
	r.s.runEntry("C1")
	if err := r.s.Resume(ctx, "C1"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		r.s.runEntry("C1")
		if err := r.s.reconcile(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if sent := r.poster.sent(); len(sent) != 0 {
		t.Fatalf("got %+v, want the tip missed while paused not posted", sent)
	}
	r.clock.Set(t0.Add(24*time.Hour + 90*time.Minute)) // the next day, 09:30
	r.s.runEntry("C1")
	r.stop()
	if sent := r.poster.sent(); len(sent) != 1 || !strings.HasSuffix(sent[0].pick.Mark, "2026-01-06T09:00") {
		t.Fatalf("got %+v, want the next day's 09:00 tip", sent)
	}
}

// A tip queued with a snapshot of its subscription (the cron, a sweep or a
// restart's catch-up) is not posted if the subscription changed before its
// post: checked afresh just before it, and its claim is done, not retried.
func TestQueuedTipHonoursAChangeMadeBeforeItsPost(t *testing.T) {
	at := t0.Add(time.Hour) // 09:00
	tests := []struct {
		name   string
		change func(ctx context.Context, s *Scheduler, c *fakeClock) error
		want   int
	}{
		{"unchanged", func(context.Context, *Scheduler, *fakeClock) error { return nil }, 1},
		{"paused", func(ctx context.Context, s *Scheduler, _ *fakeClock) error { return s.Pause(ctx, "C1", "U1", "") }, 0},
		{"paused, then resumed after the instant", func(ctx context.Context, s *Scheduler, c *fakeClock) error {
			if err := s.Pause(ctx, "C1", "U1", ""); err != nil {
				return err
			}
			c.Set(at.Add(time.Minute))
			return s.Resume(ctx, "C1")
		}, 0},
		{"skipped", func(ctx context.Context, s *Scheduler, _ *fakeClock) error {
			_, err := s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"}, CreatedBy: "U1", SkipUntil: at.Add(24 * time.Hour)})
			return err
		}, 0},
		{"unsubscribed", func(ctx context.Context, s *Scheduler, _ *fakeClock) error { return s.Unsubscribe(ctx, "C1") }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, prefix := redisFor(t)
			r := newRig(t, rdb, prefix, nil, nil, WithGrace(time.Hour))
			ctx := context.Background()
			snapshot, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"}, CreatedBy: "U1"})
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(ctx, r.s, r.clock); err != nil {
				t.Fatal(err)
			}
			r.clock.Set(later(r.clock.Now(), at.Add(time.Second)))
			r.s.send(ctx, job{sub: snapshot, at: at})
			r.s.send(ctx, job{sub: snapshot, at: at}) // a second attempt: the claim is done either way
			if got := len(r.poster.sent()); got != tt.want {
				t.Fatalf("got %d posts, want %d", got, tt.want)
			}
		})
	}
}
