package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
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
	req      *Request
	envType  string
	received time.Time
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

// runConnection runs one socketmode client, reading its events, until ctx
// ends or Slack rejects the token.
func (b *Bot) runConnection(ctx context.Context, n int) error {
	smc := socketmode.New(b.api, b.opts.socketOpts...)
	log := b.log.With().Int("conn", n).Logger()
	errc := make(chan error, 1)
	go func() { errc <- b.keepOpen(ctx, smc, log) }()
	var up bool
	setUp := func(v bool) {
		if v != up {
			up = v
			if v {
				b.opts.observer.Connected(int(b.connected.Add(1)))
			} else {
				b.opts.observer.Connected(int(b.connected.Add(-1)))
			}
		}
	}
	defer setUp(false)
	for {
		select {
		case err := <-errc:
			return err
		case evt := <-smc.Events:
			switch evt.Type {
			case socketmode.EventTypeConnected:
				setUp(true)
				log.Info().Msg("socket mode connected")
			case socketmode.EventTypeConnecting:
				setUp(false)
			case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError:
				setUp(false)
				log.Warn().Interface("error", evt.Data).Msg("socket mode connection error; reconnecting")
			case socketmode.EventTypeDisconnect:
				setUp(false)
			case socketmode.EventTypeErrorBadMessage:
				b.ackBadMessage(smc, evt, log)
			case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
				b.accept(ctx, smc, evt, log)
			}
		}
	}
}

// keepOpen runs the socketmode client, restarting it with backoff if it
// ever returns for anything but a rejected token or shutdown.
func (b *Bot) keepOpen(ctx context.Context, smc *socketmode.Client, log zerolog.Logger) error {
	backoff := 500 * time.Millisecond
	for {
		err := smc.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil && isAuthError(err.Error()) {
			return fmt.Errorf("socket mode with SLACK_APP_TOKEN: %s: %w", err, ErrAuth)
		}
		log.Warn().Err(err).Dur("backoff", backoff).Msg("socket mode stopped; restarting")
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

// accept acks the envelope at once, then queues the work. Nothing slow
// happens here: this is the socket's read path.
func (b *Bot) accept(ctx context.Context, smc *socketmode.Client, evt socketmode.Event, log zerolog.Logger) {
	received := time.Now()
	if err := smc.Ack(*evt.Request); err != nil {
		log.Error().Err(err).Str("envelope_id", evt.Request.EnvelopeID).Msg("ack failed")
	}
	b.opts.observer.Acked(string(evt.Type), time.Since(received))
	req, reason := Decode(evt, b.botUserID)
	if req == nil {
		log.Debug().Str("envelope_id", evt.Request.EnvelopeID).Str("type", string(evt.Type)).
			Str("reason", reason).Msg("ignored")
		b.opts.observer.Handled("ignored", "ignored", 0)
		return
	}
	if b.opts.allowedTeams != nil && !b.opts.allowedTeams[req.TeamID] {
		log.Warn().Str("envelope_id", evt.Request.EnvelopeID).Str("team", req.TeamID).
			Msg("envelope from a workspace not in ALLOWED_TEAM_IDS ignored")
		b.opts.observer.Handled(req.Kind.String(), "forbidden_team", 0)
		return
	}
	j := job{req: req, envType: string(evt.Type), received: received}
	select {
	case b.jobs <- j: // room in the queue: never drop acked work, even while stopping
		return
	default:
	}
	select {
	case b.jobs <- j:
	case <-ctx.Done():
		log.Error().Str("envelope_id", evt.Request.EnvelopeID).Msg("shutting down with a full queue: envelope dropped")
	}
}

// ackBadMessage acks an envelope slack-go could not parse, so that Slack
// does not retry a payload that will never parse.
func (b *Bot) ackBadMessage(smc *socketmode.Client, evt socketmode.Event, log zerolog.Logger) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
	}
	_ = json.Unmarshal(bad.Message, &env)
	log.Warn().Err(bad.Cause).Str("envelope_id", env.EnvelopeID).Msg("malformed envelope")
	if env.EnvelopeID != "" {
		_ = smc.Ack(socketmode.Request{EnvelopeID: env.EnvelopeID})
	}
}

// process runs one request through de-duplication, the handler and
// delivery, and logs one line for it.
func (b *Bot) process(ctx context.Context, j job) {
	req := j.req
	log := b.log.With().Str("envelope_id", req.ID).Str("type", j.envType).Str("kind", req.Kind.String()).
		Str("team", req.TeamID).Str("channel", req.ChannelID).Str("user", req.UserID).Logger()
	if req.Command != "" {
		log = log.With().Str("command", req.Command).Logger()
	}
	if req.ActionID != "" {
		log = log.With().Str("action", req.ActionID).Logger()
	}
	ctx, cancel := context.WithTimeout(log.WithContext(ctx), b.opts.handlerTimeout)
	defer cancel()
	outcome := b.handle(ctx, req, &log)
	took := time.Since(j.received)
	b.opts.observer.Handled(req.Kind.String(), outcome, took)
	log.Info().Str("outcome", outcome).Dur("latency", took).Msg("envelope handled")
}

func (b *Bot) handle(ctx context.Context, req *Request, log *zerolog.Logger) string {
	first, err := b.dedup.First(ctx, req.ID)
	if err != nil {
		// Fail open: answering twice in a rare Redis outage beats not answering.
		log.Warn().Err(err).Msg("de-duplication unavailable; handling anyway")
	} else if !first {
		return "duplicate"
	}
	reply, err := b.safeHandle(ctx, req)
	outcome := "ok"
	if err != nil {
		log.Error().Err(err).Msg("handler failed")
		reply, outcome = apology(), "error"
	}
	if err := Deliver(ctx, b.client, req, reply); err != nil {
		log.Error().Err(err).Msg("reply not delivered")
		return "delivery_failed"
	}
	return outcome
}

func (b *Bot) safeHandle(ctx context.Context, req *Request) (reply Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panic: %v", p)
			zerolog.Ctx(ctx).Error().Str("panic", fmt.Sprint(p)).Bytes("stack", debug.Stack()).Msg("handler panicked")
		}
	}()
	return b.handler.Handle(ctx, req)
}

func apology() Reply {
	return Reply{Text: ":warning: Sorry, something went wrong on my side while answering that. Please try again in a moment.",
		Visibility: VisibilityEphemeral}
}
