package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// maxAttempts bounds retries of a rate-limited post.
const maxAttempts = 5

// job is one tip waiting to be posted.
type job struct {
	sub  Subscription
	pick Pick
	at   time.Time // the scheduled instant; zero for `tips now`
}

// pacer spaces posts: one per interval globally and one per perChannel in
// any channel. Each caller reserves the next free slot and sleeps until it,
// so N sender goroutines share the budget without a central ticker.
type pacer struct {
	clock      Clock
	global     time.Duration
	perChannel time.Duration

	mu         sync.Mutex
	nextGlobal time.Time
	next       map[string]time.Time
}

func newPacer(c Clock, perSecond float64, perChannel time.Duration) *pacer {
	return &pacer{clock: c, global: time.Duration(float64(time.Second) / perSecond), perChannel: perChannel, next: map[string]time.Time{}}
}

// wait blocks until channel may post again.
func (p *pacer) wait(ctx context.Context, channel string) error {
	p.mu.Lock()
	now := p.clock.Now()
	g := later(now, p.nextGlobal)
	p.nextGlobal = g.Add(p.global)
	c := later(now, p.next[channel])
	p.next[channel] = c.Add(p.perChannel)
	if len(p.next) > 4096 {
		for ch, t := range p.next {
			if t.Before(now) {
				delete(p.next, ch)
			}
		}
	}
	p.mu.Unlock()
	return p.clock.SleepUntil(ctx, later(g, c))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// deliver posts a job's tip at the paced rate, retrying a rate limit
// after its Retry-After, and pausing the subscription when the channel is
// gone or closed to the bot.
func (s *Scheduler) deliver(ctx context.Context, j job) error {
	ch := j.sub.Channel
	for attempt := 1; ; attempt++ {
		if err := s.pace.wait(ctx, ch); err != nil {
			return fmt.Errorf("pace post to %s: %w", ch, err)
		}
		err := s.post.PostTip(ctx, j.sub, j.pick)
		if err == nil {
			s.obs.TipPosted()
			s.log.Debug().Str("channel", ch).Time("at", j.at).Msg("tip posted")
			return nil
		}
		var de *DeliveryError
		if errors.As(err, &de) && errors.Is(err, ErrRateLimited) && attempt < maxAttempts {
			wait := de.RetryAfter
			if wait <= 0 {
				wait = time.Second
			}
			s.log.Warn().Str("channel", ch).Dur("retry_after", wait).Int("attempt", attempt).Msg("tip post rate limited")
			if err := s.clock.SleepUntil(ctx, s.clock.Now().Add(wait)); err != nil {
				return fmt.Errorf("wait retry-after %s: %w", ch, err)
			}
			continue
		}
		s.obs.TipFailed()
		if errors.As(err, &de) && errors.Is(err, ErrChannelGone) {
			s.pauseForError(ctx, j.sub, de.Reason)
		}
		return fmt.Errorf("post tip to %s: %w", ch, err)
	}
}

// pauseForError pauses a subscription whose channel is closed to the bot,
// and has its creator told.
func (s *Scheduler) pauseForError(ctx context.Context, sub Subscription, reason string) {
	log := s.log.With().Str("channel", sub.Channel).Str("slack_error", reason).Logger()
	if err := s.Pause(ctx, sub.Channel, "advisor", reason); err != nil {
		log.Error().Err(err).Msg("pause after slack error failed")
		return
	}
	log.Warn().Msg("subscription paused after slack error")
	if sub.Personal || sub.CreatedBy == "" {
		return
	}
	if err := s.post.TellPaused(ctx, sub, reason); err != nil {
		log.Error().Err(err).Str("user", sub.CreatedBy).Msg("tell creator about pause failed")
	}
}

// sendLoop is one sender goroutine: it posts queued jobs until the queue is
// closed.
func (s *Scheduler) sendLoop(ctx context.Context) {
	for j := range s.queue {
		if err := s.deliver(ctx, j); err != nil {
			s.log.Error().Err(err).Str("channel", j.sub.Channel).Time("at", j.at).Msg("tip post failed")
		}
	}
}

// enqueue hands a job to the senders, giving up when ctx ends.
func (s *Scheduler) enqueue(ctx context.Context, j job) error {
	select {
	case s.queue <- j:
		return nil
	default:
	}
	select {
	case s.queue <- j:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("queue tip for %s: %w", j.sub.Channel, ctx.Err())
	}
}
