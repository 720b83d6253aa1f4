package bot

import (
	"context"
	"time"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack/socketmode"
)

// maxAcceptBatch bounds how many envelopes one turn of a read loop
// journals in one round trip (slack-go buffers 50 events per connection).
const maxAcceptBatch = 64

// acceptJournalTimeout bounds the journal's round trip before the acks.
const acceptJournalTimeout = time.Second

// accepted is one envelope of a read loop's turn.
type accepted struct {
	evt socketmode.Event
	req *Request
	job job
}

// acceptAll journals the envelopes of one turn of the read loop (claiming
// their delivery ids) in one round trip, then acks each and queues its
// work: an envelope is acked only once it is recorded, and the read loop
// waits for Redis once per turn, not once per envelope. Envelopes that are
// ignored are acked at once. A view submission is the exception to
// ack-first: its answer travels in the ack, so answerView handles it, off
// this path, and acks when the handler is done.
func (b *Bot) acceptAll(ctx, workCtx context.Context, smc *socketmode.Client, evts []socketmode.Event, log zerolog.Logger) {
	todo := make([]accepted, 0, len(evts))
	for _, evt := range evts {
		received := time.Now()
		envID := evt.Request.EnvelopeID
		req, reason := Decode(evt, b.botUserID)
		switch {
		case req == nil:
			log.Debug().Str("envelope_id", envID).Str("type", string(evt.Type)).Str("reason", reason).Msg("ignored")
			b.ack(smc, evt, received, log)
			b.opts.observer.Handled("ignored", "ignored", 0)
		case b.opts.allowedTeams != nil && !b.opts.allowedTeams[req.TeamID]:
			log.Warn().Str("envelope_id", envID).Str("team", req.TeamID).Msg("envelope from a workspace not in ALLOWED_TEAM_IDS ignored")
			b.ack(smc, evt, received, log)
			b.opts.observer.Handled(req.Kind.String(), "forbidden_team", 0)
		default:
			todo = append(todo, accepted{evt: evt, req: req,
				job: job{req: req, envelopeID: envID, envType: string(evt.Type), received: received}})
		}
	}
	if len(todo) == 0 {
		return
	}
	firsts := b.beginAll(ctx, todo, log)
	for i := range todo {
		a := &todo[i]
		if firsts[i] && a.req.Kind == KindViewSubmission {
			b.answerView(workCtx, smc, *a.evt.Request, a.job, log)
			continue
		}
		b.ack(smc, a.evt, a.job.received, log)
	}
	for i := range todo {
		a := &todo[i]
		switch {
		case firsts[i] && a.req.Kind == KindViewSubmission:
		case !firsts[i]:
			log.Info().Str("envelope_id", a.job.envelopeID).Str("delivery_id", a.req.ID).Str("type", a.job.envType).
				Str("kind", a.req.Kind.String()).Str("outcome", "duplicate").Msg("envelope handled")
			b.opts.observer.Handled(a.req.Kind.String(), "duplicate", 0)
		default:
			b.enqueue(ctx, a.job, log)
		}
	}
}

func (b *Bot) ack(smc *socketmode.Client, evt socketmode.Event, received time.Time, log zerolog.Logger) {
	if err := smc.Ack(*evt.Request); err != nil {
		log.Error().Err(err).Str("envelope_id", evt.Request.EnvelopeID).Msg("ack failed")
	}
	b.opts.observer.Acked(string(evt.Type), time.Since(received))
}

// beginAll journals todo before its acks and says which are first
// deliveries (marking those journaled). A journal that does not answer in
// time (Redis down) fails open: the envelope is handled, unjournaled and
// without de-duplication, since answering twice in a rare outage beats not
// answering.
func (b *Bot) beginAll(ctx context.Context, todo []accepted, log zerolog.Logger) []bool {
	jctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), acceptJournalTimeout)
	defer cancel()
	es := make([]*entry, len(todo))
	for i := range todo {
		j := &todo[i].job
		es[i] = &entry{Req: j.req, EnvelopeID: j.envelopeID, EnvType: j.envType, Received: j.received}
	}
	res := b.journal.BeginAll(jctx, es)
	firsts := make([]bool, len(todo))
	for i, r := range res {
		j := &todo[i].job
		switch {
		case r.err != nil:
			log.Warn().Err(r.err).Str("envelope_id", j.envelopeID).Msg("journal unavailable; handling unjournaled")
			firsts[i] = true
		case r.first:
			b.hold(j.req.ID)
			firsts[i], j.journaled = true, true
		}
	}
	return firsts
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
			b.settle(ctx, j.req.ID, settleRetry, 0, nil)
			return
		}
		log.Error().Str("envelope_id", j.envelopeID).Msg("shutting down with a full queue: envelope dropped")
	}
}
