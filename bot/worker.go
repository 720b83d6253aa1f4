package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime/debug"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
)

// process runs one request through the handler and delivery, settles its
// journal entry, and logs one line for it.
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
	if j.attempt > 0 {
		lc = lc.Int("attempt", j.attempt)
	}
	log := lc.Logger()
	if ctx.Err() != nil { // shutdown timeout passed before this one started
		if j.ack != nil { // the user sees the apology: not for another replica to apply later
			j.ack(apologyView())
			b.finish(context.WithoutCancel(ctx), j, "shutting_down", nil, &log)
			return
		}
		b.finish(ctx, j, "handed_back", context.Cause(ctx), &log)
		return
	}
	hctx, cancel := context.WithTimeout(log.WithContext(ctx), b.opts.handlerTimeout)
	defer cancel()
	if j.journaled {
		// A view submission is answered in its ack, once: never run again.
		retry := j.ack == nil && j.attempt+1 < journalMaxAttempt
		j.d = &delivery{j: b.journal, id: req.ID, retry: retry}
		hctx = withDelivery(hctx, j.d)
	}
	outcome, err := b.handle(hctx, j, &log)
	b.finish(ctx, j, outcome, err, &log)
}

// finish settles j in the journal by its outcome and logs it.
func (b *Bot) finish(ctx context.Context, j job, outcome string, err error, log *zerolog.Logger) {
	took := time.Since(j.received)
	retry := retryable(ctx, err) && j.attempt+1 < journalMaxAttempt
	last := j.d.takeLast()
	switch {
	case !j.journaled:
	case errors.Is(err, ErrLeaseLost):
		outcome = "taken_over"
		b.settle(ctx, j.req.ID, settleLost, 0, last)
	case ctx.Err() != nil:
		outcome = "handed_back"
		b.settle(ctx, j.req.ID, settleRetry, 0, last)
	case err != nil && retry:
		outcome = "retry"
		b.settle(ctx, j.req.ID, settleRetry, time.Second<<j.attempt, last)
	default:
		b.settle(ctx, j.req.ID, settleDone, 0, last)
	}
	b.opts.observer.Handled(j.req.Kind.String(), outcome, took)
	ev := log.Info()
	if err != nil && outcome != "handed_back" && outcome != "taken_over" {
		ev = log.Error().Err(err)
		if retry {
			ev = log.Warn().Err(err)
		}
	}
	ev.Str("outcome", outcome).Dur("latency", took).Msg("envelope handled")
}

// handle runs the handler and delivers its reply. A handler error is
// answered with an apology, unless it is a passing one (Slack or Redis
// unreachable) and the journal can try again later.
func (b *Bot) handle(ctx context.Context, j job, log *zerolog.Logger) (string, error) {
	if j.ack != nil {
		reply, outcome := b.handleView(ctx, j, log)
		j.d.lastUnrecorded(reply)
		if err := Deliver(ctx, b.client, j.req, reply); err != nil {
			return "delivery_failed", err
		}
		if err := reply.runAfter(ctx); err != nil {
			return "delivery_failed", err
		}
		return outcome, nil
	}
	reply, err := b.safeHandle(ctx, j.req)
	if err == nil && reply.View != nil && j.req.Kind == KindViewSubmission {
		log.Info().Str("response_action", responseAction(reply.View)).Msg("view answer dropped: the submission was acked before this run")
	}
	outcome := "ok"
	if err != nil {
		if errors.Is(err, ErrLeaseLost) || ctx.Err() != nil ||
			(j.journaled && retryable(ctx, err) && j.attempt+1 < journalMaxAttempt) {
			return "handler_failed", err
		}
		log.Error().Err(err).Msg("handler failed")
		reply, outcome = apology(), "error"
	}
	j.d.lastUnrecorded(reply)
	if err := Deliver(ctx, b.client, j.req, reply); err != nil {
		return "delivery_failed", err
	}
	if err := reply.runAfter(ctx); err != nil {
		return "delivery_failed", err
	}
	return outcome, nil
}

// retryable reports whether err may pass: a network failure (Slack or
// Redis unreachable, a connection reset), a rate limit or a 5xx, a
// handler's ErrRetryLater, and not a refusal that would be the same next
// time.
func retryable(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil || permanent(err) {
		return false
	}
	var ne net.Error
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	return errors.As(err, &ne) || errors.As(err, &rl) || (errors.As(err, &sc) && sc.Code >= 500) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrRetryLater)
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
