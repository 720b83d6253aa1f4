package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/slack-go/slack"
)

// Slack is the part of the bot's Slack wrapper the scheduler calls.
type Slack interface {
	Post(ctx context.Context, m bot.Message) (ts string, err error)
	OpenDM(ctx context.Context, userID string) (channelID string, err error)
}

// maxAttempts bounds retries of a rate-limited post.
const maxAttempts = 5

// job is one tip waiting to be posted.
type job struct {
	sub Subscription
	msg bot.Message
	at  time.Time // the scheduled instant; zero for `tips now`
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

// deliver posts a job's message at the paced rate, retrying a rate limit
// after its Retry-After, and pausing the subscription when the channel is
// gone or closed to the bot.
func (s *Scheduler) deliver(ctx context.Context, j job) error {
	for attempt := 1; ; attempt++ {
		if err := s.pace.wait(ctx, j.msg.Channel); err != nil {
			return fmt.Errorf("pace post to %s: %w", j.msg.Channel, err)
		}
		_, err := s.sl.Post(ctx, j.msg)
		if err == nil {
			s.obs.TipPosted()
			s.log.Debug().Str("channel", j.msg.Channel).Time("at", j.at).Msg("tip posted")
			return nil
		}
		var rl *slack.RateLimitedError
		if errors.As(err, &rl) && attempt < maxAttempts {
			wait := rl.RetryAfter
			if wait <= 0 {
				wait = time.Second
			}
			s.log.Warn().Str("channel", j.msg.Channel).Dur("retry_after", wait).Int("attempt", attempt).Msg("tip post rate limited")
			if err := s.clock.SleepUntil(ctx, s.clock.Now().Add(wait)); err != nil {
				return fmt.Errorf("wait retry-after %s: %w", j.msg.Channel, err)
			}
			continue
		}
		s.obs.TipFailed()
		if code := channelGone(err); code != "" {
			s.pauseForError(ctx, j.sub, code)
		}
		return fmt.Errorf("post tip to %s: %w", j.msg.Channel, err)
	}
}

// channelGone returns the Slack error code when err means the bot cannot
// post to the channel until someone acts.
func channelGone(err error) string {
	code := err.Error()
	var v slack.SlackErrorResponse
	var p *slack.SlackErrorResponse
	switch {
	case errors.As(err, &v):
		code = v.Err
	case errors.As(err, &p):
		code = p.Err
	}
	switch code {
	case "channel_not_found", "not_in_channel", "is_archived":
		return code
	}
	return ""
}

var goneReasons = map[string]string{
	"channel_not_found": "I can no longer find the channel",
	"not_in_channel":    "I am not a member of the channel any more",
	"is_archived":       "the channel was archived",
}

// pauseForError pauses a subscription Slack refused, and tells its creator.
func (s *Scheduler) pauseForError(ctx context.Context, sub Subscription, code string) {
	log := s.log.With().Str("channel", sub.Channel).Str("slack_error", code).Logger()
	if err := s.Pause(ctx, sub.Channel, "advisor", code); err != nil {
		log.Error().Err(err).Msg("pause after slack error failed")
		return
	}
	log.Warn().Msg("subscription paused after slack error")
	if sub.Personal || sub.CreatedBy == "" {
		return
	}
	dm, err := s.sl.OpenDM(ctx, sub.CreatedBy)
	if err != nil {
		log.Error().Err(err).Str("user", sub.CreatedBy).Msg("open dm to tell creator failed")
		return
	}
	text := fmt.Sprintf("I paused the scheduled tips you set up in <#%s> because %s. "+
		"If the channel still exists, invite me with `/invite @advisor` and say `tips resume` there.", sub.Channel, goneReasons[code])
	if _, err := s.sl.Post(ctx, bot.Message{Channel: dm, Text: text}); err != nil {
		log.Error().Err(err).Str("user", sub.CreatedBy).Msg("tell creator about pause failed")
	}
}

// sendLoop is one sender goroutine: it posts queued jobs until the queue is
// closed.
func (s *Scheduler) sendLoop(ctx context.Context) {
	for j := range s.queue {
		if err := s.deliver(ctx, j); err != nil {
			s.log.Error().Err(err).Str("channel", j.msg.Channel).Time("at", j.at).Msg("tip post failed")
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
		return fmt.Errorf("queue tip for %s: %w", j.msg.Channel, ctx.Err())
	}
}
