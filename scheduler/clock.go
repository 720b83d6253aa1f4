package scheduler

import (
	"context"
	"time"
)

// Clock is the scheduler's view of time: what time it is, and waiting.
// Pacing, Retry-After waits and missed-post decisions go through it so tests
// can run a week of schedule without sleeping. (cron's own timer and the
// jobs it runs, reconcile among them, use real time; tests call fire and
// reconcile directly.)
type Clock interface {
	Now() time.Time
	// SleepUntil waits until t or until ctx is done, returning ctx.Err() then.
	SleepUntil(ctx context.Context, t time.Time) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) SleepUntil(ctx context.Context, until time.Time) error {
	d := time.Until(until)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
