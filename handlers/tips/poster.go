package tips

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// Poster posts tips for the scheduler (it implements scheduler.Poster):
// it builds the tip message, and maps the Slack errors the scheduler acts
// on to its sentinels: a rate limit to scheduler.ErrRateLimited, a
// channel closed to the bot to scheduler.ErrChannelGone, and a post Slack
// provably did not make (it answered with an error, or never got the
// request) to scheduler.ErrNotPosted.
type Poster struct{ sl Slack }

// NewPoster posts through sl.
func NewPoster(sl Slack) *Poster { return &Poster{sl: sl} }

// PostTip posts p to sub's channel. A scheduled tip carries its mark, so
// that one in doubt is looked up before it is posted again.
func (p *Poster) PostTip(ctx context.Context, sub scheduler.Subscription, pick scheduler.Pick) error {
	m := TipMessage(sub, pick)
	m.Mark, m.InDoubt = pick.Mark, pick.InDoubt
	if _, err := p.sl.Post(ctx, m); err != nil {
		return deliveryError(err)
	}
	return nil
}

// goneReasons say, for the Slack errors that close a channel to the bot,
// what happened.
var goneReasons = map[string]string{
	"channel_not_found": "I can no longer find the channel",
	"not_in_channel":    "I am not a member of the channel any more",
	"is_archived":       "the channel was archived",
}

// TellPaused tells the creator of sub, in a DM, that its tips were paused
// because Slack said reason, and how to restart them.
func (p *Poster) TellPaused(ctx context.Context, sub scheduler.Subscription, reason string) error {
	dm, err := p.sl.OpenDM(ctx, sub.CreatedBy)
	if err != nil {
		return fmt.Errorf("open dm to tell %s: %w", sub.CreatedBy, err)
	}
	text := fmt.Sprintf("I paused the scheduled tips you set up in <#%s> because %s. "+
		"If the channel still exists, invite me with `/invite @advisor` and say `tips resume` there.", sub.Channel, goneReasons[reason])
	if _, err := p.sl.Post(ctx, bot.Message{Channel: dm, Text: text}); err != nil {
		return fmt.Errorf("tell %s about the pause: %w", sub.CreatedBy, err)
	}
	return nil
}

// deliveryError wraps the Slack errors the scheduler acts on in a
// *scheduler.DeliveryError; others are returned as they are.
func deliveryError(err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &scheduler.DeliveryError{Kind: scheduler.ErrRateLimited, RetryAfter: rl.RetryAfter, Err: err}
	}
	if code := slackCode(err); goneReasons[code] != "" {
		return &scheduler.DeliveryError{Kind: scheduler.ErrChannelGone, Reason: code, Err: err}
	}
	if bot.NotPosted(err) {
		return &scheduler.DeliveryError{Kind: scheduler.ErrNotPosted, Err: err}
	}
	return err
}

// slackCode is the error code of a Slack Web API error ("" if err is none).
func slackCode(err error) string {
	var v slack.SlackErrorResponse
	var p *slack.SlackErrorResponse
	switch {
	case errors.As(err, &v):
		return v.Err
	case errors.As(err, &p):
		return p.Err
	}
	return ""
}

// KeyPrefix starts the tips' Redis keys, after the app's prefix: the
// scheduler keeps subscriptions, last-fired instants, rotation cursors,
// claims and the change channel under it.
const KeyPrefix = "tips:"

// NewScheduler builds the tips' scheduler: its keys under prefix+KeyPrefix,
// posting through a Poster over sl.
func NewScheduler(rdb redis.UniversalClient, prefix string, kb *knowledge.Base, sl Slack, log zerolog.Logger, opts ...scheduler.Option) *scheduler.Scheduler {
	return scheduler.New(rdb, prefix+KeyPrefix, kb, NewPoster(sl), log, opts...)
}
