package scheduler

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// A job added with Every runs on the cron: a panic is recovered (the job
// runs again), and stopping Run waits for a run in progress.
func TestEveryRecoversAndShutdownWaitsForTheJob(t *testing.T) {
	rdb, prefix := redisFor(t)
	r := newRig(t, rdb, prefix, nil, nil)
	var runs atomic.Int32
	ran := make(chan int32, 8)
	r.s.Every("panicky", time.Second, func(context.Context) error {
		n := runs.Add(1)
		ran <- n
		if n == 1 {
			panic("boom")
		}
		return errors.New("a failed run is logged, not fatal")
	})
	started, finished := make(chan struct{}), make(chan struct{})
	var once atomic.Bool
	r.s.Every("slow", time.Second, func(ctx context.Context) error {
		if !once.CompareAndSwap(false, true) {
			return nil
		}
		close(started)
		<-ctx.Done()
		close(finished)
		return nil
	})
	r.start(t)
	for want := int32(1); want <= 2; want++ {
		select {
		case n := <-ran:
			if n != want {
				t.Fatalf("got run %d, want %d", n, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("run %d of the job did not come (the panic was not recovered?)", want)
		}
	}
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow job did not start")
	}
	r.stop()
	select {
	case <-finished:
	default:
		t.Fatal("Run returned while a job was still running")
	}
}
