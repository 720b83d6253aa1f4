package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"
)

// Run subscribes to changes and loads the subscriptions (waiting for Redis,
// with a back-off, if it is not there yet), starts cron (the tips' entries,
// the periodic reconcile and sweep, and the jobs Every added), the change
// listener and the sender pool, and blocks until ctx ends. It then stops
// cron (waiting for running jobs), and drains the queue for at most the
// drain timeout. Run is called once.
func (s *Scheduler) Run(ctx context.Context) error {
	ps, subs, err := s.connect(ctx)
	if err != nil {
		s.log.Warn().Err(err).Msg("scheduler stopped before redis was reachable")
		return nil
	}
	defer ps.Close()
	if err := s.st.backfill(ctx, subs); err != nil {
		s.log.Error().Err(err).Msg("index subscriptions for the App Home failed; the next start tries again")
	}
	s.mu.Lock()
	s.runCtx = ctx
	s.mu.Unlock()

	senderCtx, stopSenders := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSenders()
	var senders sync.WaitGroup
	for range s.senders {
		senders.Go(func() { s.sendLoop(senderCtx) })
	}

	var producers sync.WaitGroup
	s.cron.Start()
	producers.Go(func() { s.watch(ctx, ps) })
	producers.Go(func() {
		// Posts missed during an outage may be many: make them while
		// already running, not before; the periodic reconcile starts after.
		s.catchUpAll(ctx, subs)
		if err := s.sweep(ctx); err != nil {
			s.log.Error().Err(err).Msg("sweep pending tips failed")
		}
		s.Every("reconcile", s.reconcileEvery, s.reconcile)
		s.Every("sweep pending tips", s.sweepEvery, s.sweep)
	})
	s.log.Info().Int("subscriptions", s.count()).Msg("scheduler started")
	s.running.Store(true)
	defer s.running.Store(false)
	close(s.ready)

	<-ctx.Done()
	<-s.cron.Stop().Done()
	producers.Wait()
	close(s.queue)
	t := time.AfterFunc(s.drainTimeout, stopSenders)
	defer t.Stop()
	senders.Wait()
	s.log.Info().Msg("scheduler stopped")
	return nil
}

// Connect back-off while Redis is unreachable at the start.
const (
	connectWait    = 100 * time.Millisecond
	connectMaxWait = 10 * time.Second
)

// connect subscribes to the change channel, then loads the subscriptions
// (in that order, so that no change between the two is missed), retrying
// with a growing back-off while Redis is unreachable: a process started
// before Redis runs its tips once Redis is there. It fails only when ctx
// ends.
func (s *Scheduler) connect(ctx context.Context) (*redis.PubSub, map[string]Subscription, error) {
	wait := connectWait
	for attempt := 1; ; attempt++ {
		ps := s.rdb.Subscribe(ctx, s.st.changesChannel())
		_, err := ps.Receive(ctx)
		if err == nil {
			var subs map[string]Subscription
			if subs, err = s.load(ctx); err == nil {
				return ps, subs, nil
			}
		}
		_ = ps.Close()
		s.log.Warn().Err(err).Int("attempt", attempt).Dur("retry_in", wait).Msg("scheduler waiting for redis")
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, fmt.Errorf("connect scheduler: %w", ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, connectMaxWait)
	}
}

// Running reports whether Run is running: it has reached Redis and
// loaded the subscriptions, and has not stopped. /readyz shows it.
func (s *Scheduler) Running() bool { return s.running.Load() }

func (s *Scheduler) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// watch applies change notifications from any process.
func (s *Scheduler) watch(ctx context.Context, ps *redis.PubSub) {
	ch := ps.Channel()
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-ch:
			if !ok {
				return
			}
			s.refresh(ctx, msg.Payload)
		}
	}
}

// refresh reloads one channel's subscription and updates its cron entry.
func (s *Scheduler) refresh(ctx context.Context, channel string) {
	sub, err := s.st.get(ctx, channel)
	switch {
	case errors.Is(err, ErrNotSubscribed):
		s.remove(channel)
	case err != nil:
		s.log.Error().Err(err).Str("channel", channel).Msg("refresh subscription failed")
	default:
		s.apply(sub)
	}
	if s.applied != nil {
		s.applied(channel)
	}
}

// reconcile makes the cron entries match Redis and makes any post missed
// within the grace period (once, under the usual claim).
func (s *Scheduler) reconcile(ctx context.Context) error {
	subs, err := s.load(ctx)
	if err != nil {
		return err
	}
	s.catchUpAll(ctx, subs)
	return s.sweep(ctx)
}

// load reads every subscription and makes the cron entries match.
func (s *Scheduler) load(ctx context.Context) (map[string]Subscription, error) {
	subs, err := s.st.all(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	for ch := range s.subs {
		if _, ok := subs[ch]; !ok {
			s.removeLocked(ch)
		}
	}
	for _, sub := range subs {
		s.applyLocked(sub)
	}
	s.mu.Unlock()
	return subs, nil
}

// catchUpAll posts, for each active subscription, an instant missed within
// the grace period.
func (s *Scheduler) catchUpAll(ctx context.Context, subs map[string]Subscription) {
	if len(subs) == 0 {
		return
	}
	last, err := s.st.lastFired(ctx)
	if err != nil {
		s.log.Error().Err(err).Msg("catch up failed")
		return
	}
	now := s.clock.Now()
	for _, sub := range subs {
		if !sub.Paused {
			s.catchUp(ctx, sub, last[sub.Channel], now)
		}
	}
}

func (s *Scheduler) apply(sub Subscription) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyLocked(sub)
}

func (s *Scheduler) remove(channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.removeLocked(channel)
}

// applyLocked adds, replaces or removes sub's cron entry as needed.
func (s *Scheduler) applyLocked(sub Subscription) {
	ch := sub.Channel
	s.subs[ch] = sub
	key := sub.Schedule.Spec() + "|" + sub.Schedule.TZ
	e, ok := s.entries[ch]
	if ok && (sub.Paused || e.key != key) {
		s.cron.Remove(e.id)
		delete(s.entries, ch)
		ok = false
	}
	if sub.Paused || ok {
		return
	}
	sch, err := sub.Schedule.cronSchedule()
	if err != nil {
		s.log.Error().Err(err).Str("channel", ch).Msg("bad stored schedule")
		return
	}
	id := s.cron.Schedule(sch, cron.FuncJob(func() { s.runEntry(ch) }))
	s.entries[ch] = entry{id: id, key: key}
}

func (s *Scheduler) removeLocked(channel string) {
	if e, ok := s.entries[channel]; ok {
		s.cron.Remove(e.id)
		delete(s.entries, channel)
	}
	delete(s.subs, channel)
}

// runEntry is a cron job: it posts the instant that is due now. It reads
// the subscription afresh so a pause made a moment ago on another process
// is honoured even if this process has not heard of it yet.
func (s *Scheduler) runEntry(channel string) {
	s.mu.Lock()
	ctx := s.runCtx
	s.mu.Unlock()
	if ctx == nil {
		return
	}
	sub, err := s.st.get(ctx, channel)
	if err != nil || sub.Paused {
		if err != nil && !errors.Is(err, ErrNotSubscribed) {
			s.log.Error().Err(err).Str("channel", channel).Msg("load subscription for cron failed")
		}
		return
	}
	last, err := s.st.lastFiredOf(ctx, channel)
	if err != nil {
		s.log.Error().Err(err).Str("channel", channel).Msg("read last fired failed")
		return
	}
	s.catchUp(ctx, sub, last, s.clock.Now())
}

// catchUp posts the latest scheduled instant in (max(last, since, now-grace), now],
// if there is one and it is not skipped (SkipUntil). Called by cron at the instant itself and by reconcile
// after an outage; either way at most one, and never an old one.
func (s *Scheduler) catchUp(ctx context.Context, sub Subscription, last, now time.Time) {
	after := later(later(last, sub.Since), now.Add(-s.grace))
	at := latestBetween(sub.Schedule, after, now)
	if at.IsZero() || sub.skipped(at) {
		return
	}
	if err := s.fire(ctx, sub, at); err != nil {
		s.log.Error().Err(err).Str("channel", sub.Channel).Time("at", at).Msg("fire tip failed")
	}
}

// latestBetween returns the latest instant in (after, now] at which sch
// fires, or zero.
func latestBetween(sch Schedule, after, now time.Time) time.Time {
	cs, err := sch.cronSchedule()
	if err != nil {
		return time.Time{}
	}
	var best time.Time
	for t, i := cs.Next(after), 0; !t.IsZero() && !t.After(now) && i < 100000; t, i = cs.Next(t), i+1 {
		best = t
	}
	return best
}
