package bot

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"
)

// process runs one request through de-duplication, the handler and
// delivery, and logs one line for it.
func (b *Bot) process(ctx context.Context, j job) {
	req := j.req
	lc := b.log.With().Str("envelope_id", j.envelopeID).Str("delivery_id", req.ID).Str("type", j.envType).Str("kind", req.Kind.String()).
		Str("team", req.TeamID).Str("channel", req.ChannelID).Str("user", req.UserID)
	if req.Command != "" {
		lc = lc.Str("command", req.Command)
	}
	if req.ActionID != "" {
		lc = lc.Str("action", req.ActionID)
	}
	log := lc.Logger()
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
