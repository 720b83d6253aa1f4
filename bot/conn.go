package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack/socketmode"
)

// runConnection runs one socketmode client, reading its events, until ctx
// ends or Slack rejects the token. Work it starts itself (view
// submissions, answered before their ack) runs on workCtx.
func (b *Bot) runConnection(ctx, workCtx context.Context, n int) error {
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
				b.accept(ctx, workCtx, smc, evt, log)
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

// accept journals the envelope (claiming its delivery id in the same round
// trip), acks it, then queues the work. Nothing slow happens here: this is
// the socket's read path. A view submission is the exception to ack-first:
// its answer travels in the ack, so answerView handles it, off this path,
// and acks when the handler is done.
func (b *Bot) accept(ctx, workCtx context.Context, smc *socketmode.Client, evt socketmode.Event, log zerolog.Logger) {
	received := time.Now()
	envID := evt.Request.EnvelopeID
	req, reason := Decode(evt, b.botUserID)
	var j job
	first := true
	switch {
	case req == nil:
		log.Debug().Str("envelope_id", envID).Str("type", string(evt.Type)).Str("reason", reason).Msg("ignored")
	case b.opts.allowedTeams != nil && !b.opts.allowedTeams[req.TeamID]:
		log.Warn().Str("envelope_id", envID).Str("team", req.TeamID).Msg("envelope from a workspace not in ALLOWED_TEAM_IDS ignored")
	default:
		j = job{req: req, envelopeID: envID, envType: string(evt.Type), received: received}
		first, j.journaled = b.begin(ctx, &j, log)
		if first && req.Kind == KindViewSubmission {
			b.answerView(workCtx, smc, *evt.Request, j, log)
			return
		}
	}
	if err := smc.Ack(*evt.Request); err != nil {
		log.Error().Err(err).Str("envelope_id", envID).Msg("ack failed")
	}
	b.opts.observer.Acked(string(evt.Type), time.Since(received))
	switch {
	case req == nil:
		b.opts.observer.Handled("ignored", "ignored", 0)
	case j.req == nil:
		b.opts.observer.Handled(req.Kind.String(), "forbidden_team", 0)
	case !first:
		log.Info().Str("envelope_id", envID).Str("delivery_id", req.ID).Str("type", string(evt.Type)).Str("kind", req.Kind.String()).
			Str("outcome", "duplicate").Msg("envelope handled")
		b.opts.observer.Handled(req.Kind.String(), "duplicate", 0)
	default:
		b.enqueue(ctx, j, log)
	}
}

// begin journals j before its ack. A journal that does not answer in time
// (Redis down) fails open: the envelope is handled, unjournaled and
// without de-duplication, since answering twice in a rare outage beats not
// answering.
func (b *Bot) begin(ctx context.Context, j *job, log zerolog.Logger) (first, journaled bool) {
	jctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	first, err := b.journal.Begin(jctx, &entry{Req: j.req, EnvelopeID: j.envelopeID, EnvType: j.envType, Received: j.received})
	if err != nil {
		log.Warn().Err(err).Str("envelope_id", j.envelopeID).Msg("journal unavailable; handling unjournaled")
		return true, false
	}
	if first {
		b.hold(j.req.ID)
	}
	return first, first
}

func (b *Bot) enqueue(ctx context.Context, j job, log zerolog.Logger) {
	select {
	case b.jobs <- j: // room in the queue: never drop acked work, even while stopping
		return
	default:
	}
	select {
	case b.jobs <- j:
	case <-ctx.Done():
		if j.journaled {
			log.Warn().Str("envelope_id", j.envelopeID).Msg("shutting down with a full queue: envelope handed back to the journal")
			b.settle(ctx, j.req.ID, settleRetry, 0)
			return
		}
		log.Error().Str("envelope_id", j.envelopeID).Msg("shutting down with a full queue: envelope dropped")
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
