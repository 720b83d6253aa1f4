package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// TestPacing10kDueInOneMinute stores 10,000 subscriptions all due at 09:00,
// brings a scheduler up at 09:00:30 and lets it post them through the real
// claim/rotation/queue/sender path at the default pacing (20/s global,
// 1/s per channel, 4 senders) on a virtual clock. It reports how long the
// burst takes in Slack time, and how long the machinery took for real.
func TestPacing10kDueInOneMinute(t *testing.T) {
	const n = 10000
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = n
	r := newRig(t, rdb, prefix, sl, clock)
	ctx := context.Background()
	pipe := rdb.Pipeline()
	for i := range n {
		sub := Subscription{Channel: fmt.Sprintf("C%05d", i), Schedule: weeklyUTC, CreatedBy: "U1", CreatedAt: t0, Since: t0}
		b, _ := json.Marshal(sub)
		pipe.HSet(ctx, r.s.st.subsKey(), sub.Channel, b)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	due := weeklyUTC.Next(t0)
	start := due.Add(30 * time.Second)
	clock.Set(start)
	wall := time.Now()
	r.start(t)
	select {
	case <-sl.done:
	case <-time.After(5 * time.Minute):
		t.Fatalf("only %d of %d posted", len(sl.sent()), n)
	}
	realTook := time.Since(wall)
	r.stop()
	posts := sl.sent()
	if len(posts) != n {
		t.Fatalf("got %d posts, want %d", len(posts), n)
	}
	took := posts[len(posts)-1].at.Sub(start)
	want := time.Duration(n-1) * time.Second / 20
	if took < want || took > want+time.Second {
		t.Fatalf("virtual time for %d posts got %v, want about %v at 20/s", n, took, want)
	}
	t.Logf("%d tips due in one minute: %v of Slack time at 20/s (last post %v after start); machinery took %v real time",
		n, took.Round(time.Millisecond), took, realTook.Round(time.Millisecond))
}

func TestPacerPerChannel(t *testing.T) {
	clock := newFakeClock(t0)
	p := newPacer(clock, 1000, time.Second)
	ctx := context.Background()
	var times []time.Time
	for range 3 {
		if err := p.wait(ctx, "C1"); err != nil {
			t.Fatal(err)
		}
		times = append(times, clock.Now())
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < time.Second {
			t.Fatalf("posts %d and %d in one channel %v apart, want at least 1s", i-1, i, gap)
		}
	}
	before := clock.Now()
	if err := p.wait(ctx, "C2"); err != nil {
		t.Fatal(err)
	}
	if got := clock.Now().Sub(before); got > 10*time.Millisecond {
		t.Fatalf("another channel waited %v, want no per-channel wait", got)
	}
}
