// Package experts hands the questions the advisor cannot answer to people.
// Every "I don't know" and every 👎 on an answer offers Ask a person
// (Offer); pressing it posts the question to the experts channel with an
// Answer button; Answer opens a modal, and the answer submitted goes back
// to everyone who asked, where they asked (the thread, the DM, or a DM for
// what was asked privately), attributed to the expert. The same question
// asked while one is open joins it; the first expert to submit wins. An
// open request gets one reminder in the experts channel and expires after
// 14 days, its askers told (RemindDue, a scheduled job). A submitted answer
// can become a draft for the knowledge base through a DraftSink.
//
// The experts channel is EXPERTS_CHANNEL, or `experts here` run by an
// admin in the channel (`experts status`, `experts off`).
//
// It owns the Redis keys under <prefix>ex:{ex}: (see keys.go), the action
// ids and the callback id starting with experts: (blockkit.PrefixExperts).
// It may import bot, handlers/blockkit and knowledge; it must not import
// package handlers, the other features or scheduler.
package experts

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Slack is the part of the bot's Web API wrapper the experts use.
type Slack interface {
	Post(ctx context.Context, m bot.Message) (ts string, err error)
	PostEphemeral(ctx context.Context, m bot.Message) error
	Update(ctx context.Context, channel, ts string, m bot.Message) error
	OpenDM(ctx context.Context, userID string) (channelID string, err error)
	Permalink(ctx context.Context, channel, ts string) (string, error)
	IsMember(ctx context.Context, channelID string) (bool, error)
	HasMember(ctx context.Context, channelID, userID string) (bool, error)
	blockkit.Views // the Answer modal
}

// Draft is an expert's answer offered to the knowledge base: the asker's
// question and the expert's text, with who and when.
type Draft struct {
	Question  string
	Answer    string
	ExpertID  string
	AskerID   string
	At        time.Time
	RequestID string // the expert request it answered: the same on a re-run
}

// DraftSink keeps drafts for the admins to review. AddDraft may be called
// twice for one RequestID (a submission re-run after a takeover): the sink
// keeps one.
type DraftSink interface {
	AddDraft(ctx context.Context, d Draft) error
}

// Observer hears about expert requests, e.g. to count them as metrics.
type Observer interface {
	ExpertRequestOpened()
	ExpertRequestAnswered(after time.Duration)
	ExpertRequestExpired()
}

type nopObserver struct{}

func (nopObserver) ExpertRequestOpened()                {}
func (nopObserver) ExpertRequestAnswered(time.Duration) {}
func (nopObserver) ExpertRequestExpired()               {}

// Defaults for the options.
const (
	DefaultReminder = 24 * time.Hour      // EXPERT_REMINDER
	DefaultExpiry   = 14 * 24 * time.Hour // an open request expires after this
	// grace keeps a closed request readable a while, for late clicks and
	// the admins' unanswered list.
	grace = 16 * 24 * time.Hour
	// MaxAnswer is the longest answer an expert may submit, in characters:
	// it is shown in a section with the question above it.
	MaxAnswer = 2500
	// maxQuestion is the longest question kept and shown.
	maxQuestion = 1500
)

// Action ids of the experts' buttons and the callback id of its modal.
const (
	ActionAsk      = blockkit.PrefixExperts + "ask"      // value: a question id (an offer)
	ActionAnswer   = blockkit.PrefixExperts + "answer"   // value: a request id
	ActionFeedback = blockkit.PrefixExperts + "feedback" // value: up:<request id> or down:<request id>
	CallbackAnswer = blockkit.PrefixExperts + "answer"   // the Answer modal; private_metadata: a request id
)

// Service runs expert requests. It is safe for concurrent use, and several
// processes may share one Redis and prefix.
type Service struct {
	rdb      redis.Cmdable
	keys     keys
	sl       Slack
	isAdmin  func(ctx context.Context, userID string) bool
	log      zerolog.Logger
	fallback string // EXPERTS_CHANNEL
	remind   time.Duration
	expiry   time.Duration
	now      func() time.Time
	drafts   DraftSink
	observer Observer
}

// Option configures a Service.
type Option func(*Service)

// WithChannel sets the experts channel used until an admin sets one with
// `experts here` (EXPERTS_CHANNEL).
func WithChannel(id string) Option { return func(s *Service) { s.fallback = id } }

// WithReminder sets how long an open request waits for its one reminder.
func WithReminder(d time.Duration) Option { return func(s *Service) { s.remind = d } }

// WithExpiry sets how long a request stays open.
func WithExpiry(d time.Duration) Option { return func(s *Service) { s.expiry = d } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithDrafts sends answers marked for the knowledge base to d.
func WithDrafts(d DraftSink) Option { return func(s *Service) { s.drafts = d } }

// WithObserver reports requests opened, answered and expired.
func WithObserver(o Observer) Option { return func(s *Service) { s.observer = o } }

// NewService builds a Service whose Redis keys all start with prefix.
// isAdmin says who may set the experts channel.
func NewService(rdb redis.Cmdable, prefix string, sl Slack, isAdmin func(ctx context.Context, userID string) bool,
	log zerolog.Logger, opts ...Option) *Service {
	s := &Service{rdb: rdb, keys: keys{prefix: prefix}, sl: sl, isAdmin: isAdmin,
		log: log.With().Str("component", "experts").Logger(), remind: DefaultReminder, expiry: DefaultExpiry,
		now: time.Now, observer: nopObserver{}}
	for _, o := range opts {
		o(s)
	}
	return s
}
