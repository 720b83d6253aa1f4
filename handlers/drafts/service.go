package drafts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// Slack is the part of the Web API the drafts use: the edit modal.
type Slack interface {
	OpenView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
}

// Observer counts what happens to drafts (metrics).
type Observer interface {
	DraftPublished()
}

// Service keeps the drafts and the published entries, and the knowledge
// base every search of this replica uses in step with them.
type Service struct {
	st      store
	live    *knowledge.Live
	dir     string // KNOWLEDGE_DIR: the files under the published entries
	sl      Slack
	isAdmin func(ctx context.Context, userID string) bool
	log     zerolog.Logger
	now     func() time.Time
	obs     Observer
	every   time.Duration // how often Run reconciles without a notice
	sync    bool          // apply a publish before answering (the console)

	applier
}

// Option configures a Service.
type Option func(*Service)

// WithClock gives the drafts a clock (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithObserver counts published drafts.
func WithObserver(o Observer) Option { return func(s *Service) { s.obs = o } }

// WithReconcileEvery sets how often Run checks Redis for published
// entries it was not told about (default ReconcileEvery).
func WithReconcileEvery(d time.Duration) Option { return func(s *Service) { s.every = d } }

// WithSyncApply rebuilds this process's knowledge base before a publish
// is answered, instead of in Run: for the console, which has no Run and
// answers the next line at once.
func WithSyncApply() Option { return func(s *Service) { s.sync = true } }

// ReconcileEvery is how often, by default, a replica checks for published
// entries whose notice it missed: with the rebuild, well within the 5 s
// in which a published entry must be searchable everywhere.
const ReconcileEvery = 2 * time.Second

// NewService builds the drafts over Redis (keys under prefix), the live
// knowledge base the router searches, the knowledge dir it was loaded
// from, the Web API and the admin check (handlers.Router.IsAdmin).
func NewService(rdb redis.UniversalClient, prefix string, live *knowledge.Live, dir string, sl Slack,
	isAdmin func(ctx context.Context, userID string) bool, log zerolog.Logger, opts ...Option) *Service {
	log = log.With().Str("component", "drafts").Logger()
	s := &Service{st: store{rdb: rdb, prefix: prefix, log: log}, live: live, dir: dir, sl: sl, isAdmin: isAdmin,
		log: log, now: time.Now, every: ReconcileEvery}
	for _, o := range opts {
		o(s)
	}
	s.applier = applier{st: s.st, live: live, dir: dir, log: log, kick: make(chan struct{}, 1)}
	return s
}

// AddDraft keeps an expert's answer as a draft for the admins: question
// and answer as typed (escaped here for mrkdwn), who and when. A request
// that has a draft already gets no second one.
func (s *Service) AddDraft(ctx context.Context, d Draft) error {
	d.Question = strings.TrimSpace(blockkit.Echo(d.Question, 0))
	d.Short, d.Long = splitAnswer(blockkit.Echo(strings.TrimSpace(d.Short+"\n\n"+d.Long), 0))
	for i, a := range d.Alternates {
		d.Alternates[i] = blockkit.Echo(a, 0)
	}
	if d.Question == "" || d.Short == "" {
		return fmt.Errorf("add draft for request %s: %w", d.RequestID, ErrEmpty)
	}
	if d.At.IsZero() {
		d.At = s.now()
	}
	added, err := s.st.add(ctx, &d)
	if err != nil {
		return err
	}
	s.log.Info().Str("draft", d.ID).Str("request", d.RequestID).Bool("added", added).Msg("draft from an expert's answer")
	return nil
}

// Latest returns up to n drafts, newest first, and how many there are.
func (s *Service) Latest(ctx context.Context, n int) ([]Draft, int, error) {
	return s.st.latest(ctx, n)
}

// Published returns the entries published at run time, by id.
func (s *Service) Published(ctx context.Context) ([]Published, error) {
	snap, err := s.st.load(ctx)
	if err != nil {
		return nil, err
	}
	return snap.sorted(), nil
}

// Discard deletes a draft (ErrDraftGone if it went already).
func (s *Service) Discard(ctx context.Context, id string) error { return s.st.discard(ctx, id) }
