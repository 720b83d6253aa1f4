package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// maxAttempts bounds retries of a rate-limited post within one attempt.
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
// gone or closed to the bot (the caller reports the failure to the
// Observer once it has settled it). With a lease, it renews it before each
// attempt, and gives up (errLeaseLost) if another process has it. An error
// is ErrNotPosted when no attempt can have reached Slack.
func (s *Scheduler) deliver(ctx context.Context, j job, l *lease) error {
	ch := j.sub.Channel
	for attempt := 1; ; attempt++ {
		if err := s.pace.wait(ctx, ch); err != nil {
			return fmt.Errorf("pace post to %s: %w: %w", ch, ErrNotPosted, err)
		}
		if l != nil {
			if err := s.st.renew(ctx, l, s.clock.Now(), s.lease); err != nil {
				return fmt.Errorf("post tip to %s: %w: %w", ch, ErrNotPosted, err)
			}
			if err := s.checkDue(ctx, j); err != nil {
				return err
			}
		}
		stop := s.keepLease(ctx, l)
		err := s.post.PostTip(ctx, j.sub, j.pick)
		stop()
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
				return fmt.Errorf("wait retry-after %s: %w: %w", ch, ErrNotPosted, err)
			}
			continue
		}
		if errors.As(err, &de) && errors.Is(err, ErrChannelGone) {
			s.pauseForError(ctx, j.sub, de.Reason)
		}
		return fmt.Errorf("post tip to %s: %w", ch, err)
	}
}

// errNoLongerDue says a scheduled tip's subscription changed after the
// tip was queued so that its instant is not to be posted: paused, resumed
// after it, skipped or removed. The queue holds a snapshot of the
// subscription, and a pause may land while the tip waits for its paced
// slot or while this process has not yet heard of it.
var errNoLongerDue = errors.New("subscription paused, skipped or removed since the tip was queued")

// checkDue reads j's subscription afresh, just before the post: nil if
// j's instant is still to be posted, errNoLongerDue if not.
func (s *Scheduler) checkDue(ctx context.Context, j job) error {
	sub, err := s.st.get(ctx, j.sub.Channel)
	switch {
	case errors.Is(err, ErrNotSubscribed):
		return errNoLongerDue
	case err != nil:
		return fmt.Errorf("check tip for %s still due: %w: %w", j.sub.Channel, ErrNotPosted, err)
	case !sub.postsAt(j.at):
		return errNoLongerDue
	}
	return nil
}

// keepLease renews l every third of the lease while a post is in flight
// (a slow Slack must not let another process take it and post again),
// until stop is called. A nil lease needs nothing.
func (s *Scheduler) keepLease(ctx context.Context, l *lease) (stop func()) {
	if l == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(s.sweepEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.st.renew(ctx, l, s.clock.Now(), s.lease); err != nil {
					s.log.Warn().Err(err).Str("claim", l.member).Msg("renew tip claim during a post failed")
				}
			}
		}
	})
	return func() { close(done); wg.Wait() }
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
// closed. Once ctx ends (the drain is over) it only lists what is left as
// pending, for another process (or this one's successor) to post.
func (s *Scheduler) sendLoop(ctx context.Context) {
	for j := range s.queue {
		s.send(ctx, j)
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
