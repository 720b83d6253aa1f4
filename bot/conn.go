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
	batch := make([]socketmode.Event, 0, maxAcceptBatch)
	for {
		select {
		case err := <-errc:
			return err
		case evt := <-smc.Events:
			// One turn: this event and every one already waiting behind it
			// (slack-go keeps reading meanwhile), journaled together.
			batch = batch[:0]
			for {
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
					batch = append(batch, evt)
				}
				if len(batch) == maxAcceptBatch {
					break
				}
				var more bool
				select {
				case evt, more = <-smc.Events:
				default:
				}
				if !more {
					break
				}
			}
			if len(batch) > 0 {
				b.acceptAll(ctx, workCtx, smc, batch, log)
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
