package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Observer is told about each envelope, for metrics. Optional.
type Observer interface {
	Acked(envelopeType string, latency time.Duration)
	Handled(kind, outcome string, duration time.Duration)
	Connected(n int)
}

type nopObserver struct{}

func (nopObserver) Acked(string, time.Duration)           {}
func (nopObserver) Handled(string, string, time.Duration) {}
func (nopObserver) Connected(int)                         {}

// Bot holds the Socket Mode connections and the worker pool.
type Bot struct {
	api     *slack.Client
	client  *Client
	handler Handler
	journal *Journal
	log     zerolog.Logger
	opts    options

	botUserID string
	connected atomic.Int32
	jobs      chan job
	inflight  sync.WaitGroup

	viewSlots chan struct{} // bounds the view submissions handled before their ack

	heldMu sync.Mutex
	held   map[string]bool // journal entries this process holds: renewed, released on shutdown
}

type job struct {
	req        *Request
	envelopeID string
	envType    string
	received   time.Time
	journaled  bool      // recorded in the journal: settled there when done
	attempt    int       // 0 for the first delivery, more after a takeover or retry
	d          *delivery // its journaled calls, while a worker runs it (nil if not journaled)

	// ack, for a view submission not acked yet, sends the ack with the
	// handler's answer (nil: a plain ack). Nil for everything acked first.
	ack func(*slack.ViewSubmissionResponse)
}

type options struct {
	workers         int
	connections     int
	queue           int
	handlerTimeout  time.Duration
	viewBudget      time.Duration
	shutdownTimeout time.Duration
	allowedTeams    map[string]bool
	observer        Observer
	socketOpts      []socketmode.Option
}

// Option configures a Bot.
type Option func(*options)

// WithWorkers sets the number of handler goroutines (default 16).
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }

// WithConnections sets how many Socket Mode connections the process keeps
// open (default 2), so that one is open while another refreshes.
func WithConnections(n int) Option { return func(o *options) { o.connections = n } }

// WithQueue sets how many acked envelopes may wait for a worker (default
// 4096). Only past that does the read loop wait, and with it the acks.
func WithQueue(n int) Option { return func(o *options) { o.queue = n } }

// WithShutdownTimeout bounds how long shutdown waits for in-flight work.
func WithShutdownTimeout(d time.Duration) Option { return func(o *options) { o.shutdownTimeout = d } }

// WithHandlerTimeout bounds one handler call (default 15s).
func WithHandlerTimeout(d time.Duration) Option { return func(o *options) { o.handlerTimeout = d } }

// WithViewBudget bounds a view submission's handler, which runs before
// the ack because its answer travels in it (default 2.5 s: Slack wants
// the ack within 3 s).
func WithViewBudget(d time.Duration) Option { return func(o *options) { o.viewBudget = d } }

// WithAllowedTeams limits the bot to these workspaces; none means all.
func WithAllowedTeams(ids []string) Option {
	return func(o *options) {
		if len(ids) == 0 {
			return
		}
		o.allowedTeams = map[string]bool{}
		for _, id := range ids {
			o.allowedTeams[id] = true
		}
	}
}

// WithObserver reports envelopes to o, for metrics.
func WithObserver(obs Observer) Option { return func(o *options) { o.observer = obs } }

// WithSocketOptions passes options to every socketmode client (tests set
// the ping interval).
func WithSocketOptions(opts ...socketmode.Option) Option {
	return func(o *options) { o.socketOpts = append(o.socketOpts, opts...) }
}

// New builds a Bot. api carries the bot and app tokens and the API URL; j
// journals every envelope from before its ack until its reply is delivered.
func New(api *slack.Client, client *Client, h Handler, j *Journal, log zerolog.Logger, opts ...Option) *Bot {
	o := options{workers: 16, connections: 2, handlerTimeout: 15 * time.Second, viewBudget: defaultViewBudget,
		shutdownTimeout: 10 * time.Second, observer: nopObserver{}}
	for _, opt := range opts {
		opt(&o)
	}
	if o.queue == 0 {
		o.queue = max(4096, o.workers*64)
	}
	return &Bot{api: api, client: client, handler: h, journal: j, opts: o, held: map[string]bool{},
		log: log.With().Str("component", "bot").Logger(), jobs: make(chan job, o.queue), viewSlots: make(chan struct{}, o.workers)}
}

// ErrAuth is returned when Slack rejects a token: retrying cannot help.
var ErrAuth = errors.New("slack rejected the token")

// Authenticate calls auth.test and remembers the bot's own user id, so that
// the bot ignores its own messages.
func (b *Bot) Authenticate(ctx context.Context) error {
	res, err := b.api.AuthTestContext(ctx)
	if err != nil {
		var se slack.SlackErrorResponse
		if errors.As(err, &se) && isAuthError(se.Err) {
			return fmt.Errorf("auth.test with SLACK_BOT_TOKEN: %s: %w", se.Err, ErrAuth)
		}
		return fmt.Errorf("auth.test: %w", err)
	}
	b.botUserID = res.UserID
	b.log.Info().Str("bot_user", res.UserID).Str("team", res.TeamID).Msg("authenticated")
	return nil
}

func isAuthError(s string) bool {
	switch s {
	case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired":
		return true
	}
	return false
}

// BotUserID is the bot's own user id, known after Authenticate.
func (b *Bot) BotUserID() string { return b.botUserID }

// Connected reports whether at least one Socket Mode connection is open.
func (b *Bot) Connected() bool { return b.connected.Load() > 0 }

// Run keeps the connections open and handles envelopes until ctx is
// cancelled; then it stops reading, lets in-flight work finish (bounded by
// the shutdown timeout), hands what it could not finish back to the journal
// for another replica, and returns. Meanwhile it takes over envelopes other
// replicas left. A rejected token ends it with ErrAuth.
func (b *Bot) Run(ctx context.Context) error {
	if b.botUserID == "" {
		if err := b.Authenticate(ctx); err != nil {
			return err
		}
	}
	// Work gets its own context: a shutdown stops the reading at once but
	// gives acked work time to finish.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	for range b.opts.workers {
		b.inflight.Go(func() {
			for j := range b.jobs {
				b.process(workCtx, j)
			}
		})
	}
	renewCtx, stopRenew := context.WithCancel(workCtx)
	renewed := make(chan struct{})
	go func() { b.renewLeases(renewCtx); close(renewed) }()

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	fatal := make(chan error, b.opts.connections)
	var readers sync.WaitGroup
	readers.Go(func() { b.takeOver(runCtx) })
	for i := range b.opts.connections {
		readers.Go(func() {
			if err := b.runConnection(runCtx, workCtx, i); err != nil {
				fatal <- err
				stop()
			}
		})
	}
	readers.Wait()
	close(b.jobs)
	b.drain(cancelWork)
	stopRenew()
	<-renewed
	b.releaseHeld(context.WithoutCancel(ctx))
	select {
	case err := <-fatal:
		return err
	default:
		return nil
	}
}

// drain waits for the workers, cancelling their work at the shutdown
// timeout: what they hold then goes back to the journal.
func (b *Bot) drain(cancelWork context.CancelFunc) {
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
		b.log.Info().Msg("in-flight work finished")
	case <-time.After(b.opts.shutdownTimeout):
		b.log.Warn().Dur("timeout", b.opts.shutdownTimeout).Msg("shutdown timeout: handing in-flight work back to the journal")
		cancelWork()
		<-done
	}
}
