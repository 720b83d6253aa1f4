package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// slashTexts are the slash commands the "slash" kind types, in turn.
var slashTexts = []string{"compare", "help"}

// driver sends envelopes through the fake Slack on behalf of virtual users.
type driver struct {
	fake      *slacktest.Server
	tr        *tracker
	questions []string
	seq       atomic.Int64 // picks texts and questions in turn

	mu      sync.Mutex
	records []*record
}

func newDriver(fake *slacktest.Server, tr *tracker, questions []string) *driver {
	return &driver{fake: fake, tr: tr, questions: questions}
}

// send makes an idle user do k and returns the envelope's record.
func (d *driver) send(k Kind) *record {
	u, k := d.tr.take(k)
	return d.sendAs(u, k)
}

// sendAs makes u do k. The record is registered before the envelope goes
// out, so no reply can come before it.
func (d *driver) sendAs(u *vuser, k Kind) *record {
	rec := &record{kind: k}
	d.tr.begin(u, rec)
	i := int(d.seq.Add(1))
	rec.sent = time.Now()
	var id string
	switch k {
	case KindSlash:
		id = d.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: slashTexts[i%len(slashTexts)],
			UserID: u.id, ChannelID: u.userChannel()})
	case KindAssessStart:
		id = d.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess first-seat",
			UserID: u.id, ChannelID: u.userChannel()})
	case KindFAQ:
		id = d.fake.Mention(slacktest.Msg{User: u.id, Channel: u.userChannel(), Text: d.questions[i%len(d.questions)]})
	case KindDM:
		id = d.fake.DM(slacktest.Msg{User: u.id, Text: d.questions[i%len(d.questions)]})
	case KindHome:
		id = d.fake.HomeOpened(u.id)
	case KindButton:
		c := u.click
		id = d.fake.BlockAction(slacktest.Action{UserID: u.id, ChannelID: u.dmChannel(),
			ActionID: c.actionID, BlockID: c.blockID, Value: c.value})
	}
	d.tr.sent(rec, id)
	d.mu.Lock()
	d.records = append(d.records, rec)
	d.mu.Unlock()
	return rec
}

// wait blocks until rec is answered or the timeout passes, and reports
// whether it was answered.
func wait(ctx context.Context, rec *record, timeout time.Duration) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-rec.doneCh:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// runClosed keeps c envelopes in flight until every kind in kinds was sent:
// each worker sends the next one as soon as its last one is answered (or
// timed out).
func (d *driver) runClosed(ctx context.Context, kinds []Kind, c int, timeout time.Duration) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(kinds) {
					return
				}
				wait(ctx, d.send(kinds[i]), timeout)
			}
		})
	}
	wg.Wait()
}

// runPaced sends the kinds at rate per second on a fixed schedule (a late
// sender catches up, it does not slow the schedule), then waits for the
// answers up to timeout after the last send.
func (d *driver) runPaced(ctx context.Context, kinds []Kind, rate float64, timeout time.Duration) {
	start := time.Now()
	for i, k := range kinds {
		due := start.Add(time.Duration(float64(i) / rate * float64(time.Second)))
		if dt := time.Until(due); dt > 0 {
			select {
			case <-time.After(dt):
			case <-ctx.Done():
				return
			}
		}
		d.send(k)
	}
	d.waitAll(ctx, timeout)
}

// waitAll waits until every record is answered, or timeout passes.
func (d *driver) waitAll(ctx context.Context, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for _, rec := range d.all() {
		left := time.Until(deadline)
		if left <= 0 {
			return
		}
		wait(ctx, rec, left)
	}
}

// all returns the records sent so far.
func (d *driver) all() []*record {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]*record(nil), d.records...)
}

// reset forgets the records sent so far (after the warm-up).
func (d *driver) reset() {
	d.mu.Lock()
	d.records = nil
	d.mu.Unlock()
}
