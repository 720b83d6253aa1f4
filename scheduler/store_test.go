package scheduler

import (
	"context"
	"encoding/json"
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

// Unsubscribing removes the subscription with its rotations (both the
// audience's and the weak topics') and its last fired instant: on Redis
// Cluster too, where they lie in different slots (redistest fails a
// command across slots, as the Cluster does).
func TestUnsubscribeLeavesNoStateBehind(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil, WithWeakness(weakness{"U1": {"hiring"}}))
	ctx := context.Background()
	for _, sub := range []Subscription{
		{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"},
		{Channel: "D1", Personal: true, User: "U1", Schedule: weeklyUTC, CreatedBy: "U1"},
	} {
		if _, err := r.s.Subscribe(ctx, sub); err != nil {
			t.Fatal(err)
		}
		if _, err := r.s.PostNow(ctx, sub.Channel); err != nil {
			t.Fatal(err)
		}
		if err := rdb.HSet(ctx, r.s.st.lastKey(), sub.Channel, 1).Err(); err != nil {
			t.Fatal(err)
		}
	}
	for _, ch := range []string{"C1", "D1"} {
		if n, _ := rdb.Keys(ctx, prefix+"cursor:*"+ch).Result(); len(n) == 0 {
			t.Fatalf("no rotation stored for %s: the test proves nothing", ch)
		}
		if err := r.s.Unsubscribe(ctx, ch); err != nil {
			t.Fatalf("unsubscribe %s: %v", ch, err)
		}
		if left, _ := rdb.Keys(ctx, prefix+"*"+ch+"*").Result(); len(left) > 0 {
			t.Errorf("after unsubscribing %s, keys left: %v", ch, left)
		}
		if ok, _ := rdb.HExists(ctx, r.s.st.lastKey(), ch).Result(); ok {
			t.Errorf("after unsubscribing %s its last fired is left", ch)
		}
	}
}

// Subscriptions saved before the App Home's index existed are indexed when
// a process starts, once.
func TestIndexBackfilledAtStart(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	ctx := context.Background()
	for _, sub := range []Subscription{
		{Channel: "C1", CreatedBy: "U1", Schedule: weeklyUTC},
		{Channel: "D1", Personal: true, User: "U1", CreatedBy: "U1", Schedule: weeklyUTC},
	} {
		b, _ := json.Marshal(sub)
		if err := rdb.HSet(ctx, r.s.st.subsKey(), sub.Channel, b).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if got, _, err := r.s.Managed(ctx, "U1", false, 15); err != nil || len(got) != 0 {
		t.Fatalf("before the start got %v (%v), want nothing indexed yet", got, err)
	}
	r.start(t)
	got, more, err := r.s.Managed(ctx, "U1", false, 15)
	if err != nil || more != 0 || len(got) != 2 || got[0].Channel != "C1" || got[1].Channel != "D1" {
		t.Fatalf("got %+v more=%v (%v), want C1 and D1", got, more, err)
	}
}
