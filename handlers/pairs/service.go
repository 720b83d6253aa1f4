// Package pairs is the paired assessment: two co-founders answer the same
// questions, each privately in their own DM, and only when both have
// finished and both agree does each see the comparison — per question
// agree or differ, the advice that applies to each difference, the biggest
// gaps, and a chart of the two side by side — which they may post to a
// channel they both choose. It owns the invitation (`pair @someone`, or
// "Take it with a co-founder"), the questions and their buttons, the share
// and post consents, the one reminder per seat and the expiry of
// invitations (RemindDue, a scheduled job), and the pairs' App Home
// section with how the gaps moved since the couple's last take.
//
// Why not inside handlers/assessment: a solo session is one user's, keyed
// by where it runs; a take is two seats' that move independently plus the
// consents joining them, so it has its own record and scripts. What the two
// share is data (knowledge) and vocabulary (blockkit).
//
// It owns the Redis keys under <prefix>pr: (see keys.go), the action ids
// and callback ids starting with pair: (blockkit has pair:start, which the
// assessment list and the App Home show). It may import bot,
// handlers/blockkit, internal/chart and knowledge; it must not import
// package handlers, the other features or scheduler.
package pairs

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// Slack is the part of the bot's Web API wrapper the pairs use.
type Slack interface {
	Post(ctx context.Context, m bot.Message) (ts string, err error)
	Update(ctx context.Context, channel, ts string, m bot.Message) error
	OpenDM(ctx context.Context, userID string) (channelID string, err error)
	UserInfo(ctx context.Context, userID string) (*slack.User, error)
	UploadFile(ctx context.Context, f bot.File) (fileID string, err error)
	OpenView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
	// PushView opens a modal over the one a click came from (the
	// assessments' picker offers the pairs too).
	PushView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
}

// Defaults for the options.
const (
	DefaultTTL           = 14 * 24 * time.Hour // a take idle this long lapses
	DefaultInviteWindow  = 7 * 24 * time.Hour  // an invitation not accepted by then expires
	DefaultReminderDelay = 4 * time.Hour
	DefaultHistoryTTL    = 365 * 24 * time.Hour
	// grace keeps a closed take readable a while, for App Home and late clicks.
	grace = 7 * 24 * time.Hour
	// historyLen caps the revealed takes kept per couple.
	historyLen = 20
)

// Service runs paired assessments. It is safe for concurrent use, and
// several processes may share one Redis and prefix.
type Service struct {
	rdb     redis.Cmdable
	keys    keys
	kb      *knowledge.Base
	sl      Slack
	log     zerolog.Logger
	ttl     time.Duration
	window  time.Duration
	remind  time.Duration
	history time.Duration
	now     func() time.Time
}

// Option configures a Service.
type Option func(*Service)

// WithTTL sets how long a take may sit idle before it lapses.
func WithTTL(d time.Duration) Option { return func(s *Service) { s.ttl = d } }

// WithInviteWindow sets how long an invitation can be accepted.
func WithInviteWindow(d time.Duration) Option { return func(s *Service) { s.window = d } }

// WithReminderDelay sets how long after a seat's last answer its one
// reminder goes out.
func WithReminderDelay(d time.Duration) Option { return func(s *Service) { s.remind = d } }

// WithHistoryTTL sets how long a couple's revealed takes are kept.
func WithHistoryTTL(d time.Duration) Option { return func(s *Service) { s.history = d } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// NewService builds a Service whose Redis keys all start with prefix.
func NewService(rdb redis.Cmdable, prefix string, kb *knowledge.Base, sl Slack, log zerolog.Logger, opts ...Option) *Service {
	s := &Service{
		rdb: rdb, keys: keys{prefix: prefix}, kb: kb, sl: sl,
		log: log.With().Str("component", "pairs").Logger(),
		ttl: DefaultTTL, window: DefaultInviteWindow, remind: DefaultReminderDelay,
		history: DefaultHistoryTTL, now: time.Now,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Action ids of the pairs' own buttons and callback ids of their modals;
// blockkit has ActionPairStart and ActionPairAgain, which the router
// rate-limits and other features show.
const (
	ActionAccept   = blockkit.PrefixPair + "accept"
	ActionDecline  = blockkit.PrefixPair + "decline"
	ActionAnswer   = blockkit.PrefixPair + "answer"
	ActionBack     = blockkit.PrefixPair + "back"
	ActionRestart  = blockkit.PrefixPair + "restart"
	ActionCancel   = blockkit.PrefixPair + "cancel"
	ActionResume   = blockkit.PrefixPair + "resume"
	ActionShare    = blockkit.PrefixPair + "share"  // value: a ref; option 1 says yes, 0 no
	ActionPost     = blockkit.PrefixPair + "post"   // opens the channel picker
	ActionAgree    = blockkit.PrefixPair + "agree"  // post where the other proposed; value: ref|channel
	ActionRefuse   = blockkit.PrefixPair + "refuse" // not there; value: ref|channel
	CallbackInvite = blockkit.PrefixPair + "invite" // the co-founder picker
	CallbackPost   = blockkit.PrefixPair + "where"  // the channel picker
)

func ms(t time.Time) int64 { return t.UnixMilli() }
