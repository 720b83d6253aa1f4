package integration

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// Envelope kinds of the chaos load.
const (
	kindSlash   = "slash command"
	kindTips    = "tips subscribe"
	kindAssess  = "assess"
	kindMention = "mention"
	kindDM      = "DM"
	kindHome    = "App Home open"
	kindClick   = "assessment click"
)

// chaosEnvelope is one envelope of the load, and the ledger key of the
// answer it wants ("" for a click: its flow checks it).
type chaosEnvelope struct {
	kind string
	id   string
	key  string
}

// chaosLoad is the envelopes sent so far, the flows they started, and the
// acks still awaited.
type chaosLoad struct {
	c     *chaosRun
	mu    sync.Mutex
	envs  []*chaosEnvelope
	flows []*chaosFlow
	acks  *acker
	wg    sync.WaitGroup // the flows
}

// plan lists the kinds of the stream (every envelope but the clicks, which
// the flows send as their questions come): the tip subscriptions first,
// every other envelope of the first 2×tips, the rest shuffled with a fixed
// seed so that each run sends the same load.
func plan(counts map[string]int) []string {
	var rest []string
	for _, k := range []string{kindSlash, kindAssess, kindMention, kindDM, kindHome} {
		for range counts[k] {
			rest = append(rest, k)
		}
	}
	rng := rand.New(rand.NewPCG(15, 2000)) // #nosec G404 -- a reproducible order, not a secret
	rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	var out []string
	for i := range counts[kindTips] {
		out = append(out, kindTips)
		if i < len(rest) {
			out = append(out, rest[i])
		}
	}
	return append(out, rest[min(counts[kindTips], len(rest)):]...)
}

var chaosTexts = []string{"compare", "help", "ask " + faqQuestion, "compare background"}

// send delivers the i-th envelope of the stream, of kind k.
func (ld *chaosLoad) send(i int, k string) {
	f := ld.c.r.fake
	e := &chaosEnvelope{kind: k}
	txt := chaosTexts[i%len(chaosTexts)]
	switch k {
	case kindSlash:
		e.id = f.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: txt,
			UserID: fmt.Sprintf("USLASH%d", i%7), ChannelID: "CSLASH"})
		e.key = "r:" + e.id
	case kindTips:
		n := ld.c.tipChannels
		ld.c.tipChannels++
		e.id = f.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", UserID: "UTIPS", ChannelID: tipChannel(n),
			Text: fmt.Sprintf("tips subscribe daily %02d:%02d UTC", ld.c.tipAt.Hour(), ld.c.tipAt.Minute())})
		e.key = "r:" + e.id
	case kindAssess:
		fl := &chaosFlow{ld: ld, user: fmt.Sprintf("UFLOW%03d", len(ld.flows))}
		fl.dm = "D" + fl.user
		e.id = f.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess " + assessmentID,
			UserID: fl.user, ChannelID: "CASSESS"})
		e.key = "r:" + e.id
		fl.start = e.id
		ld.mu.Lock()
		ld.flows = append(ld.flows, fl)
		ld.mu.Unlock()
		ld.wg.Go(fl.take)
	case kindMention:
		ch, ts := fmt.Sprintf("CMENTION%d", i%10), fmt.Sprintf("1800000500.%06d", i)
		e.id = f.Mention(slacktest.Msg{User: fmt.Sprintf("UMENTION%d", i%13), Channel: ch, Text: txt, TS: ts})
		e.key = "t:" + ch + "|" + ts
	case kindDM:
		user := fmt.Sprintf("UDM%04d", i)
		e.id = f.DM(slacktest.Msg{User: user, Text: txt})
		e.key = "t:D" + user + "|"
	case kindHome:
		user := fmt.Sprintf("UHOME%04d", i)
		e.id = f.HomeOpened(user)
		e.key = "h:" + user
	}
	ld.add(e)
}

// add records an envelope sent and awaits its ack.
func (ld *chaosLoad) add(e *chaosEnvelope) {
	ld.mu.Lock()
	ld.envs = append(ld.envs, e)
	ld.mu.Unlock()
	ld.acks.await(e.id)
}

func tipChannel(n int) string { return fmt.Sprintf("CTIP%03d", n) }

// stream sends the planned kinds one every interval, then waits for the
// flows it started.
func (ld *chaosLoad) stream(kinds []string, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i, k := range kinds {
		<-tick.C
		ld.send(i, k)
	}
	ld.wg.Wait()
}

// acker plays Slack's side of acks: an envelope not acked within
// ackTimeout is delivered again with the same envelope id (as Slack does;
// for a slash command or a click it stands for the user trying again),
// up to 5 times. It polls the fake's acks rather than wait on each.
type acker struct {
	fake    *slacktest.Server
	mu      sync.Mutex
	pending map[string]*pendingAck
	again   int      // deliveries repeated
	never   []string // envelopes never acked after 5 deliveries
	stop    chan struct{}
	done    chan struct{}
}

type pendingAck struct {
	due   time.Time
	tries int
}

func newAcker(fake *slacktest.Server) *acker {
	a := &acker{fake: fake, pending: map[string]*pendingAck{}, stop: make(chan struct{}), done: make(chan struct{})}
	go a.loop()
	return a
}

func (a *acker) await(id string) {
	a.mu.Lock()
	a.pending[id] = &pendingAck{due: time.Now().Add(ackTimeout)}
	a.mu.Unlock()
}

func (a *acker) loop() {
	defer close(a.done)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-tick.C:
		}
		acked := map[string]bool{}
		for _, ak := range a.fake.Acks() {
			acked[ak.EnvelopeID] = true
		}
		now := time.Now()
		var again []string
		a.mu.Lock()
		for id, p := range a.pending {
			switch {
			case acked[id]:
				delete(a.pending, id)
			case now.After(p.due) && p.tries >= 5:
				a.never = append(a.never, id)
				delete(a.pending, id)
			case now.After(p.due):
				p.tries++
				p.due = now.Add(ackTimeout)
				a.again++
				again = append(again, id)
			}
		}
		a.mu.Unlock()
		for _, id := range again {
			a.fake.Redeliver(id, false)
		}
	}
}

// waiting reports how many envelopes still wait for an ack.
func (a *acker) waiting() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending)
}

func (a *acker) close() {
	close(a.stop)
	<-a.done
}
