package scheduler

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

var daily9 = Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"} // t0 is 08:00, so first due 09:00 the same day

// subscribeN subscribes channels C00… to sch.
func subscribeN(t *testing.T, s *Scheduler, n int, sch Schedule) {
	t.Helper()
	for i := range n {
		if _, err := s.Subscribe(context.Background(), Subscription{Channel: fmt.Sprintf("C%02d", i), Schedule: sch, CreatedBy: "U1"}); err != nil {
			t.Fatal(err)
		}
	}
}

// waitHeld waits for n attempts to block in the poster.
func waitHeld(t *testing.T, f *fakePoster, n int) []string {
	t.Helper()
	var got []string
	for range n {
		select {
		case ch := <-f.held:
			got = append(got, ch)
		case <-time.After(10 * time.Second):
			t.Fatalf("got %d attempts held in the poster, want %d", len(got), n)
		}
	}
	return got
}

// A deploy stops a process with tips still queued behind a slow Slack: the
// ones it could not post in its drain must be posted (once) by the process
// that comes after it, not lost with their claims.
func TestTipsQueuedWhenTheDrainEndsArePostedAfterARestart(t *testing.T) {
	const n = 20
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = n
	sl.hold = func(_ Subscription, posted int) bool { return posted >= 5 } // Slack hangs after 5 posts
	old := newRig(t, rdb, prefix, sl, clock, WithDrainTimeout(50*time.Millisecond))
	subscribeN(t, old.s, n, daily9)
	clock.Set(t0.Add(time.Hour + 30*time.Second)) // 09:00:30: all 20 due
	old.start(t)
	waitHeld(t, sl, old.s.senders) // every sender stuck, the rest queued
	old.stop()
	if got := len(sl.sent()); got != 5 {
		t.Fatalf("the old process posted %d, want 5 before Slack hung", got)
	}

	sl.mu.Lock()
	sl.hold = nil
	sl.mu.Unlock()
	clock.Set(clock.Now().Add(time.Minute))
	next := newRig(t, rdb, prefix, sl, clock)
	next.start(t)
	sl.waitDone(t, 10*time.Second)
	if err := next.s.reconcile(context.Background()); err != nil { // no second post of any
		t.Fatal(err)
	}
	next.stop()
	for ch, k := range sl.perChannel() {
		if k != 1 {
			t.Errorf("%s got %d posts, want 1", ch, k)
		}
	}
	if got := len(sl.sent()); got != n {
		t.Fatalf("got %d posts of %d due, want each once", got, n)
	}
}

// A post that fails for a reason other than a rate limit (a 503) must give
// its claim back without moving last fired, so that it is retried within
// the grace period.
func TestFailedPostIsRetriedWithinGrace(t *testing.T) {
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = 1
	sl.errs["C00"] = []error{errors.New("chat.postMessage: slack server error: 503 Service Unavailable")}
	a := newRig(t, rdb, prefix, sl, clock)
	subscribeN(t, a.s, 1, daily9)
	clock.Set(t0.Add(time.Hour + time.Second))
	a.start(t)
	a.s.runEntry("C00")
	a.stop() // the failed attempt is over, and its claim settled
	if got := len(sl.sent()); got != 0 {
		t.Fatalf("got %d posts, want the first attempt to fail", got)
	}
	last, err := a.s.st.lastFiredOf(context.Background(), "C00")
	if err != nil || !last.IsZero() {
		t.Fatalf("got last fired %v (%v) after a failed post, want none", last, err)
	}

	clock.Set(clock.Now().Add(5 * time.Minute)) // within the hour of grace
	b := newRig(t, rdb, prefix, sl, clock)
	b.start(t)
	if err := b.s.reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	sl.waitDone(t, 10*time.Second)
	b.stop()
	if got := sl.perChannel()["C00"]; got != 1 {
		t.Fatalf("got %d posts after the retry, want 1", got)
	}
}

// A process that dies holding a claim (mid-post: it never returns) loses
// it when its lease lapses: another process posts the tip, within 30 s of
// the death.
func TestClaimOfADeadProcessLapses(t *testing.T) {
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = 1
	dying := newFakePoster(clock)
	dying.hold = func(Subscription, int) bool { return true }
	a := newRig(t, rdb, prefix, dying, clock, WithDrainTimeout(50*time.Millisecond))
	a.s.sweepEvery = time.Hour // dead processes do not sweep
	b := newRig(t, rdb, prefix, sl, clock)
	subscribeN(t, a.s, 1, daily9)
	clock.Set(t0.Add(time.Hour + time.Second))
	a.start(t)            // catches the 09:00 tip up…
	waitHeld(t, dying, 1) // …claims it, and "dies" mid-post
	died := clock.Now()
	b.start(t)

	clock.Set(died.Add(defaultLease + time.Second))
	if err := b.s.reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	sl.waitDone(t, 10*time.Second)
	if at := sl.sent()[0].at; at.Sub(died) > 30*time.Second {
		t.Fatalf("posted %v after the holder died, want within 30s", at.Sub(died))
	}
	b.stop()
	a.stop()
	if got := len(sl.sent()) + len(dying.sent()); got != 1 {
		t.Fatalf("got %d posts, want 1", got)
	}
}
