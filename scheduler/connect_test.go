package scheduler

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// A process started while Redis is down waits for it instead of giving up:
// meanwhile it says it is not running; once Redis is there it runs the
// subscriptions stored before and follows the ones made after.
func TestSchedulerWaitsForRedisAtStart(t *testing.T) {
	rdb, prefix := redisFor(t)
	var down atomic.Bool
	down.Store(true)
	refused := make(chan struct{}, 64)
	opt := *rdb.(*redis.Client).Options()
	opt.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if down.Load() {
			select {
			case refused <- struct{}{}:
			default:
			}
			return nil, errors.New("dial tcp " + addr + ": connection refused (redis not started yet)")
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	late := redis.NewClient(&opt)
	t.Cleanup(func() { _ = late.Close() })
	clock := newFakeClock(t0)
	a := newRig(t, late, prefix, nil, clock)
	other := newRig(t, rdb, prefix, nil, clock)
	ctx := context.Background()
	if _, err := other.s.Subscribe(ctx, Subscription{Channel: "C1", Schedule: weeklyUTC, CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	applied := make(chan string, 16)
	a.s.applied = func(ch string) { applied <- ch }

	runCtx, cancel := context.WithCancel(ctx)
	ended := make(chan struct{})
	var runErr error
	go func() { runErr = a.s.Run(runCtx); close(ended) }()
	defer func() {
		cancel()
		<-ended
		if runErr != nil {
			t.Errorf("Run: %v", runErr)
		}
	}()
	for i := range 2 { // a first attempt and a retry
		select {
		case <-refused:
		case <-ended:
			t.Fatalf("Run returned %v while Redis was down, want it to wait", runErr)
		case <-time.After(10 * time.Second):
			t.Fatalf("got %d connection attempts, want a retry", i)
		}
	}
	if a.s.Running() {
		t.Fatal("Running is true before Redis was reachable")
	}
	down.Store(false)
	select {
	case <-a.s.ready:
	case <-ended:
		t.Fatalf("Run returned %v, want it to start once Redis is up", runErr)
	case <-time.After(20 * time.Second):
		t.Fatal("the scheduler did not start once Redis was up")
	}
	if !a.s.Running() {
		t.Fatal("Running is false once started")
	}
	if _, err := other.s.Subscribe(ctx, Subscription{Channel: "C2", Schedule: weeklyUTC, CreatedBy: "U1"}); err != nil {
		t.Fatal(err)
	}
	for ch := range applied {
		if ch == "C2" {
			break
		}
	}
	a.s.mu.Lock()
	_, has1 := a.s.entries["C1"]
	_, has2 := a.s.entries["C2"]
	a.s.mu.Unlock()
	if !has1 || !has2 {
		t.Fatalf("got entries for C1 %v, C2 %v, want both scheduled", has1, has2)
	}
}
