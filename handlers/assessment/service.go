// Package assessment is everything a user sees of the scored assessments:
// the conversations in a thread or a DM (by buttons or typed replies), the
// results and their sharing, the one reminder of an unfinished assessment
// (RemindDue, a scheduled job), and the assessments' App Home section
// (HomeBlocks). All conversation state lives in Redis and every step is one
// atomic script, so sessions survive restarts, work with several bot
// processes, and never skip or double-count a question.
//
// It owns the Redis keys under <prefix>as: (see keys.go), the action ids
// starting with assess: (blockkit has the two other features show,
// assess:start and assess:restart) and the callback ids of its modals
// (assess:pick, the list the "Take an assessment" shortcut opens). It may import bot, handlers/blockkit
// and knowledge; it must not import package handlers, handlers/tips or
// scheduler.
package assessment

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/internal/chart"
	"github.com/advisor-bot/advisor/knowledge"
)

// Slack is the part of the bot's Web API wrapper the assessments use.
type Slack interface {
	Post(ctx context.Context, m bot.Message) (ts string, err error)
	Update(ctx context.Context, channel, ts string, m bot.Message) error
	OpenDM(ctx context.Context, userID string) (channelID string, err error)
	OpenView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
	// UploadFile shares a file (the result's chart) with files upload v2.
	UploadFile(ctx context.Context, f bot.File) (fileID string, err error)
}

// Observer hears about session lifecycles, e.g. to count them as metrics.
// Abandoned covers cancelled and expired sessions, and active ones replaced
// by a new start. Calls must be quick and safe for concurrent use.
type Observer interface {
	Started(assessmentID string)
	Completed(assessmentID string)
	Abandoned(assessmentID string)
}

type nopObserver struct{}

func (nopObserver) Started(string)   {}
func (nopObserver) Completed(string) {}
func (nopObserver) Abandoned(string) {}

// Defaults for the options.
const (
	DefaultTTL           = 24 * time.Hour
	DefaultReminderDelay = 4 * time.Hour
	DefaultHistoryTTL    = 90 * 24 * time.Hour
	// markerGrace is how long after its session an expired marker is kept,
	// so a late reply still gets the friendly "expired" answer.
	markerGrace = 7 * 24 * time.Hour
	// historyLen caps the outcomes kept per user.
	historyLen = 50
)

// Service runs assessments. It is safe for concurrent use, and several
// processes may share one Redis and prefix.
type Service struct {
	rdb      redis.Cmdable
	keys     keys
	kb       *knowledge.Base
	sl       Slack
	log      zerolog.Logger
	ttl      time.Duration
	remind   time.Duration
	history  time.Duration
	now      func() time.Time
	observer Observer
	defs     definitions
	// drawBars renders a result's chart; tests that finish thousands of
	// runs replace it (gonum takes ~10 ms a chart).
	drawBars func(title string, bars []chart.Bar) ([]byte, error)
}

// Option configures a Service.
type Option func(*Service)

// WithTTL sets how long an unanswered session lives (refreshed on each step).
func WithTTL(d time.Duration) Option { return func(s *Service) { s.ttl = d } }

// WithReminderDelay sets how long after the last step the one reminder goes out.
func WithReminderDelay(d time.Duration) Option { return func(s *Service) { s.remind = d } }

// WithHistoryTTL sets how long a user's results are kept.
func WithHistoryTTL(d time.Duration) Option { return func(s *Service) { s.history = d } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithObserver reports session starts, completions and abandonments.
func WithObserver(o Observer) Option { return func(s *Service) { s.observer = o } }

// NewService builds a Service whose Redis keys all start with prefix.
func NewService(rdb redis.Cmdable, prefix string, kb *knowledge.Base, sl Slack, log zerolog.Logger, opts ...Option) *Service {
	s := &Service{
		rdb: rdb, keys: keys{prefix: prefix}, kb: kb, sl: sl,
		log:      log.With().Str("component", "assessment").Logger(),
		ttl:      DefaultTTL,
		remind:   DefaultReminderDelay,
		history:  DefaultHistoryTTL,
		now:      time.Now,
		observer: nopObserver{},
		defs:     newDefinitions(kb),
		drawBars: chart.Bars,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

func ms(t time.Time) int64 { return t.UnixMilli() }
