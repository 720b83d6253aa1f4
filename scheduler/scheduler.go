// Package scheduler is the clock of the tips: it keeps subscriptions in
// Redis, runs the same cron entries in every process, claims each channel
// and scheduled instant in Redis so that exactly one process posts it, and
// paces the posts through a queue served by a fixed pool of senders. It
// posts through a Poster, which handlers/tips implements. Other periodic
// jobs (the assessment reminders) run on the same cron with Every.
//
// It owns the Redis keys under the prefix New is given: subs and lastfired
// (hashes by channel), changes (a pub/sub channel), cursor:<pool><channel>,
// claim:<channel>:<local time> (a lease on one scheduled post: see
// lease.go) and pending (the claimed instants not yet posted). A tip is
// posted at least once while its grace lasts, and at most once: last fired
// moves only after a post, a failed post gives its claim back, and one whose
// fate is unknown is looked up before it is posted again. It knows no
// Slack: it must not import slack-go, bot or handlers; it imports
// knowledge for the tips.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/advisor-bot/advisor/knowledge"
	"github.com/redis/go-redis/v9"
	"github.com/robfig/cron/v3"
	"github.com/rs/zerolog"
)

// Scheduler owns the subscriptions under one key prefix and posts their tips.
type Scheduler struct {
	st    store
	rdb   redis.UniversalClient
	kb    *knowledge.Base
	post  Poster
	log   zerolog.Logger
	clock Clock
	weak  Weakness
	obs   Observer

	grace          time.Duration
	rate           float64
	senders        int
	queueSize      int
	reconcileEvery time.Duration
	drainTimeout   time.Duration
	defaultTZ      string
	lease          time.Duration
	sweepEvery     time.Duration // how often pending claims are looked at: a third of the lease
	owner          string        // names this process in its claims' tokens

	pace  *pacer
	queue chan job
	cron  *cron.Cron

	mu      sync.Mutex
	entries map[string]entry        // channel → live cron entry (active subscriptions only)
	subs    map[string]Subscription // channel → last known subscription
	runCtx  context.Context         // cron jobs' context, set by Run

	applied func(channel string) // test hook: a change notification was applied
	ready   chan struct{}        // closed when Run has loaded and started
	running atomic.Bool          // see Running
}

type entry struct {
	id  cron.EntryID
	key string // schedule spec and timezone
}

// Option configures optional parts of a Scheduler.
type Option func(*Scheduler)

// WithClock replaces the wall clock (tests).
func WithClock(c Clock) Option { return func(s *Scheduler) { s.clock = c } }

// WithGrace sets how late a missed post may still be made after an outage
// (default 1h); older ones are skipped.
func WithGrace(d time.Duration) Option { return func(s *Scheduler) { s.grace = d } }

// WithGlobalRate sets the most posts per second across all channels (default 20).
func WithGlobalRate(perSecond float64) Option { return func(s *Scheduler) { s.rate = perSecond } }

// WithWeakness lets personal tips favour the user's weakest assessment topics.
func WithWeakness(w Weakness) Option { return func(s *Scheduler) { s.weak = w } }

// WithDefaultTimezone sets the timezone of cron itself (default UTC);
// every subscription also carries its own.
func WithDefaultTimezone(tz string) Option { return func(s *Scheduler) { s.defaultTZ = tz } }

// WithSenders sets the number of sender goroutines (default 4).
func WithSenders(n int) Option { return func(s *Scheduler) { s.senders = n } }

// WithReconcileInterval sets how often the full subscription list is
// reloaded as a safety net for missed change notifications (default 1m).
func WithReconcileInterval(d time.Duration) Option {
	return func(s *Scheduler) { s.reconcileEvery = d }
}

// Observer hears about tip posts, e.g. to count them as metrics.
type Observer interface {
	// TipPosted: a tip was posted.
	TipPosted()
	// TipFailed: an attempt failed; a scheduled tip's claim has been
	// settled by then (given back for a retry, or done for good).
	TipFailed()
}

type nopObserver struct{}

func (nopObserver) TipPosted() {}
func (nopObserver) TipFailed() {}

// WithObserver reports each tip posted or given up on.
func WithObserver(o Observer) Option { return func(s *Scheduler) { s.obs = o } }

// WithLease sets how long a claim on a tip lasts without renewal (default
// 15s): a process that dies holding one loses it this long after, and
// another process posts the tip on its next sweep (every third of it).
func WithLease(d time.Duration) Option { return func(s *Scheduler) { s.lease = d } }

// WithDrainTimeout bounds how long Run keeps posting queued tips after its
// context ends (default 30s).
func WithDrainTimeout(d time.Duration) Option { return func(s *Scheduler) { s.drainTimeout = d } }

// New builds a Scheduler; Run starts it. Keys start with prefix.
func New(rdb redis.UniversalClient, prefix string, kb *knowledge.Base, post Poster, log zerolog.Logger, opts ...Option) *Scheduler {
	log = log.With().Str("component", "scheduler").Logger()
	s := &Scheduler{
		st: store{rdb: rdb, prefix: prefix, log: log}, rdb: rdb, kb: kb, post: post, log: log,
		clock: realClock{}, obs: nopObserver{}, grace: time.Hour, rate: 20, senders: 4, queueSize: 1024,
		reconcileEvery: time.Minute, drainTimeout: 30 * time.Second, defaultTZ: "UTC", lease: defaultLease, owner: newOwner(),
		entries: map[string]entry{}, subs: map[string]Subscription{}, ready: make(chan struct{}),
	}
	for _, o := range opts {
		o(s)
	}
	if s.rate <= 0 {
		s.rate = 20
	}
	if s.senders <= 0 {
		s.senders = 1
	}
	if s.lease < time.Second {
		s.lease = defaultLease
	}
	s.sweepEvery = max(s.lease/3, time.Second)
	loc, err := time.LoadLocation(s.defaultTZ)
	if err != nil {
		s.log.Warn().Str("tz", s.defaultTZ).Msg("unknown default timezone; using UTC")
		loc = time.UTC
	}
	s.pace = newPacer(s.clock, s.rate, time.Second)
	s.queue = make(chan job, s.queueSize)
	cl := cronLogger{s.log}
	// SkipIfStillRunning outside Recover: the other way round, a panic
	// skips the hand-back of SkipIfStillRunning's token and the job never
	// runs again.
	s.cron = cron.New(cron.WithLocation(loc), cron.WithLogger(cl),
		cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)))
	return s
}

// cronLogger adapts zerolog to cron.Logger.
type cronLogger struct{ log zerolog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug().Fields(kv).Msg(msg) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error().Err(err).Fields(kv).Msg(msg)
}

// Subscribe saves sub (replacing the channel's previous subscription) and
// schedules it on every process. CreatedAt and Since are set to now.
func (s *Scheduler) Subscribe(ctx context.Context, sub Subscription) (Subscription, error) {
	if sub.Channel == "" {
		return Subscription{}, errors.New("subscribe: no channel")
	}
	if err := sub.Schedule.Validate(); err != nil {
		return Subscription{}, fmt.Errorf("subscribe %s: %w", sub.Channel, err)
	}
	now := s.clock.Now()
	sub.CreatedAt, sub.Since = now, now
	sub.Paused, sub.PausedBy, sub.PauseReason = false, "", ""
	if err := s.st.put(ctx, sub); err != nil {
		return Subscription{}, err
	}
	s.apply(sub)
	return sub, nil
}

// Get returns a channel's subscription, or ErrNotSubscribed.
func (s *Scheduler) Get(ctx context.Context, channel string) (Subscription, error) {
	return s.st.get(ctx, channel)
}

// Pause stops a channel's posts until Resume; by and reason are shown in status.
func (s *Scheduler) Pause(ctx context.Context, channel, by, reason string) error {
	return s.update(ctx, channel, func(sub *Subscription) {
		sub.Paused, sub.PausedBy, sub.PauseReason = true, by, reason
	})
}

// Resume restarts a paused subscription from now: posts missed while paused
// are not made.
func (s *Scheduler) Resume(ctx context.Context, channel string) error {
	now := s.clock.Now()
	return s.update(ctx, channel, func(sub *Subscription) {
		sub.Paused, sub.PausedBy, sub.PauseReason, sub.Since = false, "", "", now
	})
}

func (s *Scheduler) update(ctx context.Context, channel string, f func(*Subscription)) error {
	sub, err := s.st.get(ctx, channel)
	if err != nil {
		return err
	}
	f(&sub)
	if err := s.st.put(ctx, sub); err != nil {
		return err
	}
	s.apply(sub)
	return nil
}

// Unsubscribe deletes a channel's subscription and its rotation.
func (s *Scheduler) Unsubscribe(ctx context.Context, channel string) error {
	sub, err := s.st.get(ctx, channel)
	if err != nil {
		return err
	}
	if err := s.st.del(ctx, sub); err != nil {
		return err
	}
	s.remove(channel)
	return nil
}

// PostNow posts the channel's next tip at once, advancing its rotation. A
// channel without a subscription gets a tip from all audiences.
func (s *Scheduler) PostNow(ctx context.Context, channel string) (Pick, error) {
	sub, err := s.subOrDefault(ctx, channel)
	if err != nil {
		return Pick{}, err
	}
	p, err := s.choose(ctx, sub, true)
	if err != nil {
		return Pick{}, err
	}
	if err := s.deliver(ctx, job{sub: sub, pick: p}, nil); err != nil {
		s.obs.TipFailed()
		return Pick{}, err
	}
	return p, nil
}

// Preview returns the tip the channel will get next, without advancing.
func (s *Scheduler) Preview(ctx context.Context, channel string) (Pick, error) {
	sub, err := s.subOrDefault(ctx, channel)
	if err != nil {
		return Pick{}, err
	}
	return s.choose(ctx, sub, false)
}

func (s *Scheduler) subOrDefault(ctx context.Context, channel string) (Subscription, error) {
	sub, err := s.st.get(ctx, channel)
	if errors.Is(err, ErrNotSubscribed) {
		return Subscription{Channel: channel}, nil
	}
	if err != nil {
		return Subscription{}, fmt.Errorf("load subscription %s: %w", channel, err)
	}
	return sub, nil
}

// NextRun returns sub's next post time in its own timezone (zero if none).
func (s *Scheduler) NextRun(sub Subscription) time.Time {
	t := sub.Schedule.Next(sub.lookFrom(s.clock.Now()))
	if t.IsZero() {
		return t
	}
	return t.In(sub.Schedule.Location())
}

// List returns every subscription, for the App Home and admin views.
func (s *Scheduler) List(ctx context.Context) ([]Subscription, error) {
	subs, err := s.st.all(ctx)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	out := make([]Subscription, 0, len(subs))
	for _, sub := range subs {
		out = append(out, sub)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Channel < out[j].Channel })
	return out, nil
}
