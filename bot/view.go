package bot

import (
	"context"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// defaultViewBudget is how long a view submission's handler may run:
// Slack shows the user an error unless the ack, which carries the
// handler's answer, arrives within 3 seconds of sending, and the ack still
// has to travel.
const defaultViewBudget = 2500 * time.Millisecond

// answerView handles a view submission before acking it: the handler
// computes its response_action (field errors, the next view) within
// the view budget, the ack carries it, and only then is the Reply's message
// delivered, as for any other envelope. It runs off the socket's read
// path, in a goroutine bounded by the worker count and tracked like the
// workers, so shutdown waits for it.
//
// The envelope is journaled before, as every envelope is. A takeover
// (this process died after the ack) runs the handler again without an
// ack to answer: its View is dropped and its message delivered once, so a
// view handler must be safe to run twice, as every handler is.
func (b *Bot) answerView(ctx context.Context, smc *socketmode.Client, sreq socketmode.Request, j job, log zerolog.Logger) {
	acked := false
	j.ack = func(r *slack.ViewSubmissionResponse) {
		if acked {
			return
		}
		acked = true
		b.ackView(smc, sreq, r, log)
		b.opts.observer.Acked(string(socketmode.EventTypeInteractive), time.Since(j.received))
	}
	b.inflight.Go(func() {
		select {
		case b.viewSlots <- struct{}{}:
			defer func() { <-b.viewSlots }()
		case <-time.After(time.Until(j.received.Add(b.opts.viewBudget))):
			log.Warn().Str("envelope_id", j.envelopeID).Msg("view submission waited its whole budget for a slot")
			j.ack(apologyView())
			b.finish(ctx, j, "busy", nil, &log)
			return
		}
		b.process(ctx, j)
		j.ack(nil) // a path that never reached the handler: never leave Slack waiting
	})
}

// ackView acks sreq with r. slack-go refuses a payload of 20 KB or more
// (Slack would drop it silently); then the user gets the apology instead.
func (b *Bot) ackView(smc *socketmode.Client, sreq socketmode.Request, r *slack.ViewSubmissionResponse, log zerolog.Logger) {
	var err error
	if r == nil {
		err = smc.Ack(sreq)
	} else {
		err = smc.Ack(sreq, r)
	}
	if err == nil {
		return
	}
	log.Error().Err(err).Str("envelope_id", sreq.EnvelopeID).Str("response_action", responseAction(r)).Msg("view answer not acked; sending an apology")
	if err := smc.Ack(sreq, apologyView()); err != nil {
		log.Error().Err(err).Str("envelope_id", sreq.EnvelopeID).Msg("ack failed")
	}
}

// handleView runs a view submission's handler within its budget and acks
// with its answer; on an error the modal shows an apology. It returns the
// reply whose message is still to be delivered.
func (b *Bot) handleView(ctx context.Context, j job, log *zerolog.Logger) (Reply, string) {
	hctx, cancel := context.WithDeadline(ctx, j.received.Add(b.opts.viewBudget))
	reply, err := b.safeHandle(hctx, j.req)
	cancel()
	if err != nil {
		log.Error().Err(err).Msg("view handler failed")
		j.ack(apologyView())
		return Reply{}, "error" // the user saw the apology: nothing to retry
	}
	j.ack(reply.View)
	return reply, "ok"
}

func responseAction(r *slack.ViewSubmissionResponse) string {
	if r == nil {
		return ""
	}
	return string(r.ResponseAction)
}

// apologyView replaces the modal with an apology: the user's input is
// lost, but they know to try again rather than wait.
func apologyView() *slack.ViewSubmissionResponse {
	text := ":warning: Sorry, something went wrong on my side while saving that. Please try again in a moment."
	return slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type:   slack.VTModal,
		Title:  slack.NewTextBlockObject(slack.PlainTextType, "Something went wrong", false, false),
		Close:  slack.NewTextBlockObject(slack.PlainTextType, "Close", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)}},
	})
}
