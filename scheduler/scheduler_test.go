package scheduler

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

var weeklyUTC = Schedule{Kind: KindWeekly, Weekday: time.Monday, Hour: 9, TZ: "UTC"}

func TestExactlyOnceAcrossSchedulers(t *testing.T) {
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	a := newRig(t, rdb, prefix, sl, clock)
	b := newRig(t, rdb, prefix, sl, clock)
	ctx := context.Background()
	if _, err := a.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	a.start(t)
	b.start(t)
	const weeks = 5
	at := t0
	for range weeks {
		at = weeklyUTC.Next(at)
		clock.Set(at.Add(2 * time.Second))
		var wg sync.WaitGroup
		for _, r := range []*rig{a, b, a, b} { // each process fires twice, concurrently
			wg.Go(func() { r.s.runEntry("C1") })
		}
		wg.Wait()
		sl.waitPosts(t, 1) // the week's post, before the next week begins
		// and its settle: the fake clock jumps a week next, which would
		// expire a lease still held between the post and "last fired"
		// (a takeover then posts it again, in doubt), as no real clock does.
		waitLastFired(t, a, "C1", at)
	}
	a.stop()
	b.stop()
	posts := sl.sent()
	if len(posts) != weeks {
		t.Fatalf("got %d posts, want %d", len(posts), weeks)
	}
	seen := map[string]bool{}
	for _, p := range posts {
		seen[p.pick.Tip.ID] = true
	}
	if len(seen) != weeks {
		t.Fatalf("got %d distinct tips in %d posts, want all distinct", len(seen), weeks)
	}
}

// waitLastFired waits until the channel's last fired instant is at.
func waitLastFired(t *testing.T, r *rig, channel string, at time.Time) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		last, err := r.s.st.lastFiredOf(context.Background(), channel)
		if err == nil && !last.Before(at) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("last fired of %s is %v, want %v (err %v)", channel, last, at, err)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRotationCoversEveryTipBeforeRepeating(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	ctx := context.Background()
	pool := tipsFor(r.s.kb, "")
	n := len(pool)
	orders := map[string]string{}
	for _, ch := range []string{"C1", "C2", "C3"} {
		sub := Subscription{Channel: ch}
		var ids []string
		for range 3 * n {
			p, err := r.s.choose(ctx, sub, true)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.Tip.ID)
		}
		for c := range 3 {
			cycle := map[string]bool{}
			for _, id := range ids[c*n : (c+1)*n] {
				cycle[id] = true
			}
			if len(cycle) != n {
				t.Fatalf("%s cycle %d got %v, want all %d tips once", ch, c, ids[c*n:(c+1)*n], n)
			}
		}
		orders[ch] = strings.Join(ids, ",")
	}
	if orders["C1"] == orders["C2"] && orders["C2"] == orders["C3"] {
		t.Fatalf("every channel got the same order %s, want a per-channel shuffle", orders["C1"])
	}
}

func TestRotationAudienceAndPreview(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	ctx := context.Background()
	if _, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, Audience: "cto", CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		prev, err := r.s.Preview(ctx, "C1")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := r.s.Preview(ctx, "C1")
		if again.Tip.ID != prev.Tip.ID {
			t.Fatalf("preview moved the rotation: %s then %s", prev.Tip.ID, again.Tip.ID)
		}
		got, err := r.s.PostNow(ctx, "C1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Tip.ID != prev.Tip.ID {
			t.Fatalf("posted %s, preview said %s", got.Tip.ID, prev.Tip.ID)
		}
		if got.Tip.ID != "t3" && got.Tip.ID != "t4" {
			t.Fatalf("posted %s to a CTO channel, want t3 or t4", got.Tip.ID)
		}
	}
}

func TestChangesPropagateBetweenSchedulers(t *testing.T) {
	rdb, prefix := redisFor(t)
	a := newRig(t, rdb, prefix, nil, nil)
	b := newRig(t, rdb, prefix, nil, nil)
	applied := make(chan string, 16)
	b.s.applied = func(ch string) { applied <- ch }
	a.start(t)
	b.start(t)
	ctx := context.Background()
	wait := func(step string) {
		t.Helper()
		select {
		case ch := <-applied:
			if ch != "C1" {
				t.Fatalf("%s: change for %s, want C1", step, ch)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no change notification reached the other scheduler", step)
		}
	}
	active := func() bool {
		b.s.mu.Lock()
		defer b.s.mu.Unlock()
		_, ok := b.s.entries["C1"]
		return ok
	}
	steps := []struct {
		name       string
		do         func() error
		wantActive bool
	}{
		{"subscribe", func() error {
			_, err := a.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"})
			return err
		}, true},
		{"pause", func() error { return a.s.Pause(ctx, "C1", "U1", "") }, false},
		{"resume", func() error { return a.s.Resume(ctx, "C1") }, true},
		{"reschedule", func() error {
			_, err := a.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: Schedule{Kind: KindDaily, Hour: 7, TZ: "Asia/Tokyo"}, CreatedBy: "U1"})
			return err
		}, true},
		{"unsubscribe", func() error { return a.s.Unsubscribe(ctx, "C1") }, false},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		wait(st.name)
		if got := active(); got != st.wantActive {
			t.Fatalf("%s: other scheduler has entry %v, want %v", st.name, got, st.wantActive)
		}
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	if len(b.s.subs) != 0 || len(b.s.entries) != 0 {
		t.Fatalf("after unsubscribe other scheduler holds %d subs, %d entries, want none", len(b.s.subs), len(b.s.entries))
	}
}

func TestMissedPostGrace(t *testing.T) {
	daily := Schedule{Kind: KindDaily, Hour: 9, TZ: "UTC"} // t0 is 08:00, so first due 09:00 the same day
	tests := []struct {
		name  string
		grace time.Duration
		wake  time.Time // when the processes come back
		want  int
	}{
		{"within grace posts once", time.Hour, t0.Add(90 * time.Minute), 1},
		{"beyond grace skipped", time.Hour, t0.Add(2*time.Hour + time.Second), 0},
		{"days of outage post one, not a burst", 96 * time.Hour, t0.Add(72*time.Hour + 30*time.Minute), 1},
		{"nothing due yet", time.Hour, t0.Add(30 * time.Minute), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, prefix := redisFor(t)
			r := newRig(t, rdb, prefix, nil, nil, WithGrace(tt.grace))
			ctx := context.Background()
			if _, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: daily, CreatedBy: "U1"}); err != nil {
				t.Fatal(err)
			}
			r.clock.Set(tt.wake)
			r.start(t) // loads and catches up
			for range 3 {
				if err := r.s.reconcile(ctx); err != nil { // the periodic safety net must not post it again
					t.Fatal(err)
				}
			}
			r.s.runEntry("C1")
			r.stop()
			if got := len(r.poster.sent()); got != tt.want {
				t.Fatalf("got %d posts, want %d", got, tt.want)
			}
		})
	}
}

func TestChannelErrorsPauseAndTellCreator(t *testing.T) {
	for _, code := range []string{"channel_not_found", "not_in_channel", "is_archived"} {
		t.Run(code, func(t *testing.T) {
			rdb, prefix := redisFor(t)
			r := newRig(t, rdb, prefix, nil, nil)
			ctx := context.Background()
			if _, err := r.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U9"}); err != nil {
				t.Fatal(err)
			}
			r.poster.errs["C1"] = []error{&DeliveryError{Kind: ErrChannelGone, Reason: code, Err: errors.New(code)}}
			if _, err := r.s.PostNow(ctx, "C1"); err == nil {
				t.Fatal("PostNow got nil error, want the slack error")
			}
			sub, err := r.s.Get(ctx, "C1")
			if err != nil {
				t.Fatal(err)
			}
			if !sub.Paused || sub.PauseReason != code {
				t.Fatalf("got paused=%v reason=%q, want paused with %q", sub.Paused, sub.PauseReason, code)
			}
			if posts := r.poster.sent(); len(posts) != 0 {
				t.Fatalf("got posts %+v, want none", posts)
			}
			if got := r.poster.tellings(); len(got) != 1 || got[0].sub.Channel != "C1" || got[0].sub.CreatedBy != "U9" || got[0].reason != code {
				t.Fatalf("got TellPaused calls %+v, want one telling U9 that C1 paused with %q", got, code)
			}
		})
	}
}

func TestRateLimitedPostRetriedAfterRetryAfter(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	ctx := context.Background()
	r.poster.errs["C1"] = []error{&DeliveryError{Kind: ErrRateLimited, RetryAfter: 30 * time.Second, Err: errors.New("ratelimited")}}
	start := r.clock.Now()
	if _, err := r.s.PostNow(ctx, "C1"); err != nil {
		t.Fatalf("PostNow: %v", err)
	}
	posts := r.poster.sent()
	if len(posts) != 1 {
		t.Fatalf("got %d posts, want 1", len(posts))
	}
	if got := posts[0].at.Sub(start); got < 30*time.Second {
		t.Fatalf("retried after %v, want at least the 30s Retry-After", got)
	}
}

func TestRateLimitGivesUp(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	for range maxAttempts {
		r.poster.errs["C1"] = append(r.poster.errs["C1"], &DeliveryError{Kind: ErrRateLimited, RetryAfter: time.Second, Err: errors.New("ratelimited")})
	}
	_, err := r.s.PostNow(context.Background(), "C1")
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("got %v, want the rate limit error after %d attempts", err, maxAttempts)
	}
}

func TestPersonalTipsFavourWeakTopics(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil, WithWeakness(weakness{"U1": {"hiring"}}))
	ctx := context.Background()
	for _, tt := range []struct {
		name, user string
		wantReason bool
	}{{"with assessment", "U1", true}, {"without assessment", "U2", false}} {
		t.Run(tt.name, func(t *testing.T) {
			ch := "D-" + tt.user
			if _, err := r.s.Subscribe(ctx, Subscription{Channel: ch, Personal: true, User: tt.user, Schedule: weeklyUTC, CreatedBy: tt.user}); err != nil {
				t.Fatal(err)
			}
			for range 4 {
				p, err := r.s.PostNow(ctx, ch)
				if err != nil {
					t.Fatal(err)
				}
				if tt.wantReason && (p.Tip.Topic != "hiring" || p.Reason == "") {
					t.Fatalf("got %s on %s (reason %q), want a hiring tip with a reason", p.Tip.ID, p.Tip.Topic, p.Reason)
				}
				if !tt.wantReason && p.Reason != "" {
					t.Fatalf("got reason %q without an assessment", p.Reason)
				}
			}
			last := r.poster.sent()
			if sub := last[len(last)-1].sub; !sub.Personal || sub.User != tt.user || sub.Channel != ch {
				t.Fatalf("posted for %+v, want the personal subscription of %s", sub, tt.user)
			}
		})
	}
}

type weakness map[string][]string

func (w weakness) WeakestTopics(_ context.Context, user string) ([]string, string, error) {
	if t, ok := w[user]; ok {
		return t, "your last assessment scored lowest on hiring", nil
	}
	return nil, "", nil
}

// An instant that cannot even be queued because the process is stopping
// is listed as pending, and another process's sweep posts it.
func TestInstantNotQueuedWhenStoppingIsPostedByAnother(t *testing.T) {
	rdb, prefix := redisFor(t)
	clock := newFakeClock(t0)
	sl := newFakePoster(clock)
	sl.want = 1
	a := newRig(t, rdb, prefix, sl, clock)
	b := newRig(t, rdb, prefix, sl, clock)
	ctx := context.Background()
	sub, err := a.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"})
	if err != nil {
		t.Fatal(err)
	}
	at := weeklyUTC.Next(t0)
	clock.Set(at.Add(time.Second))
	a.s.queue = make(chan job) // a full queue: nobody is sending
	stopping, cancel := context.WithCancel(ctx)
	cancel()
	if err := a.s.fire(stopping, sub, at); err == nil {
		t.Fatal("got no error, want the fire abandoned")
	}
	b.start(t)
	if err := b.s.sweep(ctx); err != nil {
		t.Fatal(err)
	}
	sl.waitDone(t, 10*time.Second)
	b.stop()
	last, err := b.s.st.lastFiredOf(ctx, "C1")
	if err != nil || !last.Equal(at) {
		t.Fatalf("got last fired %v (%v), want %v", last, err, at)
	}
	if got := len(sl.sent()); got != 1 {
		t.Fatalf("got %d posts, want 1", got)
	}
}
