package scheduler

import (
	"context"
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
