package bot

import (
	"context"
	"time"
)

// takeOver polls the journal for envelopes whose lease expired (their
// owner died or gave them back) and queues them, while there is room.
func (b *Bot) takeOver(ctx context.Context) {
	every := max(b.journal.Lease()/5, 50*time.Millisecond)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		room := min(cap(b.jobs)-len(b.jobs), 256)
		es, err := b.journal.Expired(ctx, room)
		if err != nil {
			if ctx.Err() == nil {
				b.log.Warn().Err(err).Msg("journal: cannot look for envelopes to take over")
			}
			continue
		}
		for _, e := range es {
			b.hold(e.Req.ID)
			b.log.Info().Str("envelope_id", e.EnvelopeID).Str("delivery_id", e.Req.ID).Str("kind", e.Req.Kind.String()).
				Int("attempt", e.Attempt).Dur("age", time.Since(e.Received)).Msg("envelope taken over from the journal")
			select {
			case b.jobs <- job{req: e.Req, envelopeID: e.EnvelopeID, envType: e.EnvType, received: e.Received,
				journaled: true, attempt: e.Attempt}:
			default: // no room after all: let it expire again for whoever has room
				b.settle(ctx, e.Req.ID, settleRetry, 0, nil)
			}
		}
	}
}

// renewLeases keeps the leases of held entries alive until ctx ends.
func (b *Bot) renewLeases(ctx context.Context) {
	t := time.NewTicker(max(b.journal.Lease()/3, 50*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := b.journal.Renew(ctx, b.heldIDs()); err != nil && ctx.Err() == nil {
			b.log.Warn().Err(err).Msg("journal: cannot renew leases")
		}
	}
}

func (b *Bot) hold(id string) {
	b.heldMu.Lock()
	b.held[id] = true
	b.heldMu.Unlock()
}

func (b *Bot) heldIDs() []string {
	b.heldMu.Lock()
	defer b.heldMu.Unlock()
	ids := make([]string, 0, len(b.held))
	for id := range b.held {
		ids = append(ids, id)
	}
	return ids
}

// How a journaled envelope is settled.
type settlement int

const (
	settleDone  settlement = iota // delivered, or given up: forget it
	settleRetry                   // hand it back, for anyone to take after a delay
	settleLost                    // another replica has it now
)

// settle ends this process's hold on a journal entry. last is the
// delivery's last post if it is not recorded yet: Done makes its record
// moot; an entry that stays (retried, handed back, taken over) gets it
// first, so that a re-run skips the post. It runs on a context of its own:
// the work's may be cancelled by now.
func (b *Bot) settle(ctx context.Context, id string, s settlement, after time.Duration, last *callRecord) {
	b.heldMu.Lock()
	delete(b.held, id)
	b.heldMu.Unlock()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	var err error
	if last != nil && s != settleDone {
		if err := b.journal.finishCall(sctx, id, last); err != nil {
			b.log.Warn().Err(err).Str("delivery_id", id).Str("call", last.sig).Msg("journal: post made but not recorded")
		}
	}
	switch s {
	case settleDone:
		if err = b.journal.Done(sctx, id); err != nil && last != nil {
			_ = b.journal.finishCall(sctx, id, last) // a re-run then skips the post, if Redis takes this
		}
	case settleRetry:
		err = b.journal.Release(sctx, []string{id}, after)
	}
	if err != nil {
		b.log.Warn().Err(err).Str("delivery_id", id).Msg("journal: cannot settle entry; its lease will expire")
	}
}

// releaseHeld gives back every entry still held (shutdown), so that
// another replica takes them over at once rather than after the lease.
func (b *Bot) releaseHeld(ctx context.Context) {
	ids := b.heldIDs()
	if len(ids) == 0 {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := b.journal.Release(sctx, ids, 0); err != nil {
		b.log.Error().Err(err).Int("entries", len(ids)).Msg("journal: cannot hand entries back; they are taken over when their lease expires")
		return
	}
	b.log.Info().Int("entries", len(ids)).Msg("journal: unfinished envelopes handed back for takeover")
}
