package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Through the whole path (cron's instant, catch-up, claim, post): a tip in
// the hour skipped when DST starts posts once at the end of the gap, and
// one in the hour repeated when DST ends posts once although cron fires
// twice.
func TestDSTDaysPostOnce(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		name  string
		s     Schedule
		since time.Time
		fires []time.Time // when cron runs the entry
		want  time.Time   // the one post's clock
	}{
		{"02:30 on the spring-forward day posts at 03:00",
			Schedule{Kind: KindDaily, Hour: 2, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 3, 7, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 3, 0, 1, 0, ny)},
			time.Date(2026, 3, 8, 3, 0, 1, 0, ny)},
		{"01:30 on the fall-back day posts once",
			Schedule{Kind: KindDaily, Hour: 1, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 10, 31, 12, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 11, 1, 5, 30, 1, 0, time.UTC), time.Date(2026, 11, 1, 6, 30, 1, 0, time.UTC)}, // 01:30 EDT, then 01:30 EST
			time.Date(2026, 11, 1, 5, 30, 1, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, prefix := redisFor(t)
			clock := newFakeClock(tt.since)
			r := newRig(t, rdb, prefix, nil, clock)
			if _, err := r.s.Subscribe(context.Background(), Subscription{Channel: "C1", Schedule: tt.s, CreatedBy: "U1"}); err != nil {
				t.Fatal(err)
			}
			r.start(t)
			for _, at := range tt.fires {
				if next := r.s.NextRun(Subscription{Schedule: tt.s}); !next.Equal(at.Truncate(time.Minute)) {
					t.Fatalf("next run got %v, want %v", next, at.Truncate(time.Minute).In(ny))
				}
				clock.Set(at)
				r.s.runEntry("C1")
				if at.Equal(tt.fires[0]) {
					r.poster.waitPosts(t, 1)
					// The post is made; its claim is settled a moment later.
					// Cron's second fire comes an hour after it, so wait for
					// the claim to be done before the clock jumps: the fake
					// clock would otherwise expire the lease under an
					// attempt that is still settling.
					waitClaimDone(t, rdb, r.s.st.claimKey("C1", at, ny))
				}
			}
			r.stop()
			posts := r.poster.sent()
			if len(posts) != 1 || !posts[0].at.Equal(tt.want) {
				t.Fatalf("got posts at %v, want one at %v", postTimes(posts), tt.want.In(ny))
			}
		})
	}
}

func postTimes(ps []post) []time.Time {
	var out []time.Time
	for _, p := range ps {
		out = append(out, p.at)
	}
	return out
}

// waitClaimDone waits until the claim at key is settled as done.
func waitClaimDone(t *testing.T, rdb redis.UniversalClient, key string) {
	t.Helper()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for {
		if ok, err := rdb.HExists(context.Background(), key, "done").Result(); err == nil && ok {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("claim %s not done after 10s", key)
		}
	}
}
