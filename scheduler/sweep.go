package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// fire queues channel's instant at for the senders, which claim it: every
// process fires every instant, and the claim makes one of them post it. An
// instant that cannot be queued because this process is stopping is listed
// as pending, for the sweep of another process (or of the next one).
func (s *Scheduler) fire(ctx context.Context, sub Subscription, at time.Time) error {
	err := s.enqueue(ctx, job{sub: sub, at: at})
	if err == nil {
		return nil
	}
	fresh, cancel := s.settleContext(ctx)
	defer cancel()
	if perr := s.st.pend(fresh, pendingMember(sub.Channel, at), s.clock.Now(), true); perr != nil {
		s.log.Error().Err(perr).Str("channel", sub.Channel).Time("at", at).Msg("list an unqueued tip as pending failed")
	}
	return fmt.Errorf("fire tip for %s: %w", sub.Channel, err)
}

// sweep retries the pending instants that are due: given back after a
// failure, handed back by a process that stopped, or held by one that
// died. Each is queued once more (and not swept again for a lease's time,
// so a long queue is not filled twice); one whose subscription is gone or
// paused, whose grace is over, or that a later post superseded is dropped.
func (s *Scheduler) sweep(ctx context.Context) error {
	now := s.clock.Now()
	due, err := s.st.duePending(ctx, now, sweepBatch)
	if err != nil {
		return err
	}
	for _, m := range due {
		ch, at, ok := parsePending(m)
		sub, due, err := s.stillDue(ctx, ch, at, now)
		if err != nil {
			return err
		}
		if ok && due {
			if err := s.st.pend(ctx, m, now.Add(s.lease), false); err != nil {
				return err
			}
			if err := s.fire(ctx, sub, at); err != nil {
				return err
			}
			continue
		}
		if err := s.st.unpend(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// stillDue returns a pending instant's subscription, and whether the
// instant should still be posted.
func (s *Scheduler) stillDue(ctx context.Context, channel string, at, now time.Time) (Subscription, bool, error) {
	if channel == "" {
		return Subscription{}, false, nil
	}
	sub, err := s.st.get(ctx, channel)
	if errors.Is(err, ErrNotSubscribed) {
		return sub, false, nil
	}
	if err != nil {
		return sub, false, err
	}
	if !sub.postsAt(at) {
		return sub, false, nil
	}
	if at.Before(now.Add(-s.grace)) {
		s.log.Error().Str("channel", channel).Time("at", at).Msg("tip not posted within the grace period; given up")
		return sub, false, nil
	}
	last, err := s.st.lastFiredOf(ctx, channel)
	return sub, last.Before(at), err
}
