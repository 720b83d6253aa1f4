package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"
)

// One subscription that cannot be decoded (written by a newer or broken
// version, or by hand) is logged and skipped: the others still run, and
// the list the App Home shows still comes.
func TestUndecodableSubscriptionIsSkipped(t *testing.T) {
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = 1
	r := newRig(t, rdb, prefix, sl, clock)
	ctx := context.Background()
	if _, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	if err := rdb.HSet(ctx, r.s.st.subsKey(), "CBROKEN", `{"channel":"CBROKEN","schedule":`).Err(); err != nil {
		t.Fatal(err)
	}
	subs, err := r.s.List(ctx)
	if err != nil || len(subs) != 1 || subs[0].Channel != "C1" {
		t.Fatalf("got %+v (%v), want C1 listed and the broken one skipped", subs, err)
	}
	if _, err := r.s.Get(ctx, "CBROKEN"); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("got %v for the broken one, want ErrUndecodable", err)
	}
	clock.Set(weeklyUTC.Next(t0).Add(time.Second))
	r.start(t) // loads and catches C1 up
	sl.waitDone(t, 10*time.Second)
	r.stop()
	if got := sl.perChannel(); got["C1"] != 1 || len(got) != 1 {
		t.Fatalf("got posts %v, want C1's once", got)
	}
}
