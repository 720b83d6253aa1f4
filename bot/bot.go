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

// Deduper remembers which deliveries were handled.
type Deduper interface {
	First(ctx context.Context, id string) (bool, error)
}

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
	dedup   Deduper
	log     zerolog.Logger
	opts    options

	botUserID string
	connected atomic.Int32
	jobs      chan job
	inflight  sync.WaitGroup
}

type job struct {
	req        *Request
	envelopeID string
	envType    string
	received   time.Time
}

type options struct {
	workers         int
	connections     int
	queue           int
	handlerTimeout  time.Duration
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

// New builds a Bot. api carries the bot and app tokens and the API URL.
func New(api *slack.Client, client *Client, h Handler, d Deduper, log zerolog.Logger, opts ...Option) *Bot {
	o := options{workers: 16, connections: 2, handlerTimeout: 15 * time.Second,
		shutdownTimeout: 10 * time.Second, observer: nopObserver{}}
	for _, opt := range opts {
		opt(&o)
	}
	if o.queue == 0 {
		o.queue = max(4096, o.workers*64)
	}
	return &Bot{api: api, client: client, handler: h, dedup: d, opts: o,
		log: log.With().Str("component", "bot").Logger(), jobs: make(chan job, o.queue)}
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
// the shutdown timeout) and returns. A rejected token ends it with ErrAuth.
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

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	fatal := make(chan error, b.opts.connections)
	var readers sync.WaitGroup
	for i := range b.opts.connections {
		readers.Go(func() {
			if err := b.runConnection(runCtx, i); err != nil {
				fatal <- err
				stop()
			}
		})
	}
	readers.Wait()
	close(b.jobs)

	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
		b.log.Info().Msg("in-flight work finished")
	case <-time.After(b.opts.shutdownTimeout):
		b.log.Warn().Dur("timeout", b.opts.shutdownTimeout).Msg("shutdown timeout: cancelling in-flight work")
		cancelWork()
		<-done
	}
	select {
	case err := <-fatal:
		return err
	default:
		return nil
	}
}
