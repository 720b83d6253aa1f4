package scheduler

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

// fakeClock is a virtual clock: SleepUntil jumps time forward instead of
// waiting, so pacing and Retry-After cost no real time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Time // every SleepUntil target in the future
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) SleepUntil(ctx context.Context, t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.sleeps = append(c.sleeps, t)
		c.now = t
	}
	return ctx.Err()
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// post is one tip the fake poster received, with the virtual time.
type post struct {
	sub  Subscription
	pick Pick
	at   time.Time
}

// told is one TellPaused call.
type told struct {
	sub    Subscription
	reason string
}

// fakePoster records posts; errs[channel] are returned, in order, before
// posts to that channel succeed.
type fakePoster struct {
	mu    sync.Mutex
	clock Clock
	posts []post
	told  []told
	errs  map[string][]error
	want  int           // when len(posts) reaches want, done is closed
	done  chan struct{} // see want
	// hold, if set, makes an attempt block until its context ends (then it
	// fails with the context's error, posting nothing): a Slack that hangs,
	// or a process that died mid-post. Each held attempt is sent on held.
	hold func(sub Subscription, posted int) bool
	held chan string
	each chan struct{} // a value per post
}

func newFakePoster(c Clock) *fakePoster {
	return &fakePoster{clock: c, errs: map[string][]error{}, done: make(chan struct{}), held: make(chan string, 64), each: make(chan struct{}, 1<<15)}
}

func (f *fakePoster) PostTip(ctx context.Context, sub Subscription, p Pick) error {
	f.mu.Lock()
	if f.hold != nil && f.hold(sub, len(f.posts)) {
		f.mu.Unlock()
		f.held <- sub.Channel
		<-ctx.Done()
		return ctx.Err()
	}
	defer f.mu.Unlock()
	if q := f.errs[sub.Channel]; len(q) > 0 {
		f.errs[sub.Channel] = q[1:]
		return q[0]
	}
	f.posts = append(f.posts, post{sub: sub, pick: p, at: f.clock.Now()})
	select {
	case f.each <- struct{}{}:
	default:
	}
	if len(f.posts) == f.want {
		close(f.done)
	}
	return nil
}

func (f *fakePoster) TellPaused(_ context.Context, sub Subscription, reason string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.told = append(f.told, told{sub: sub, reason: reason})
	return nil
}

// perChannel counts the posts to each channel.
func (f *fakePoster) perChannel() map[string]int {
	n := map[string]int{}
	for _, p := range f.sent() {
		n[p.sub.Channel]++
	}
	return n
}

// waitDone waits until want posts were made, failing the test after
// timeout (a guard: the posts come from a virtual clock, not real waits).
func (f *fakePoster) waitDone(t *testing.T, timeout time.Duration) {
	t.Helper()
	select {
	case <-f.done:
	case <-time.After(timeout):
		t.Fatalf("got %d posts (%v), want %d", len(f.sent()), f.perChannel(), f.want)
	}
}

// waitPosts waits for n more posts (a guard timeout fails the test).
func (f *fakePoster) waitPosts(t *testing.T, n int) {
	t.Helper()
	for i := range n {
		select {
		case <-f.each:
		case <-time.After(10 * time.Second):
			t.Fatalf("got %d of %d more posts", i, n)
		}
	}
}

func (f *fakePoster) sent() []post {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]post(nil), f.posts...)
}

func (f *fakePoster) tellings() []told {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]told(nil), f.told...)
}

// testTips is a small knowledge base: five tips for everyone, two of them
// also for CTOs, spread over three topics.
func testTips() *knowledge.Base {
	mk := func(id, topic string, aud ...string) *knowledge.Tip {
		return &knowledge.Tip{ID: id, Text: "Tip " + id, Topic: topic, Audience: aud, Related: "faq-" + id}
	}
	return &knowledge.Base{Tips: []*knowledge.Tip{
		mk("t1", "selling", "founder", "ceo"), mk("t2", "selling", "ceo"), mk("t3", "hiring", "cto", "founder"),
		mk("t4", "ai", "cto"), mk("t5", "hiring", "team-lead"),
	}}
}

// rig is a scheduler on a shared Redis prefix with a fake clock and poster.
type rig struct {
	s      *Scheduler
	clock  *fakeClock
	poster *fakePoster
	stop   func() // cancels Run and waits for it to drain
}

var t0 = time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC) // a Monday

func newRig(t *testing.T, rdb redis.UniversalClient, prefix string, sl *fakePoster, clock *fakeClock, opts ...Option) *rig {
	t.Helper()
	if clock == nil {
		clock = newFakeClock(t0)
	}
	if sl == nil {
		sl = newFakePoster(clock)
	}
	opts = append([]Option{WithClock(clock), WithDrainTimeout(time.Minute)}, opts...)
	s := New(rdb, prefix, testTips(), sl, zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.InfoLevel), opts...)
	return &rig{s: s, clock: clock, poster: sl}
}

// start runs the scheduler until the test ends or stop is called.
func (r *rig) start(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- r.s.Run(ctx) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(r.stop)
	select {
	case <-r.s.ready:
	case err := <-errc:
		t.Fatalf("Run ended early: %v", err)
	}
}

func redisFor(t *testing.T) (redis.UniversalClient, string) {
	c, prefix := redistest.New(t)
	return c, prefix
}
