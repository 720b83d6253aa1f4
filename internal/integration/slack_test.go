package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// ackTimeout is how long the tests, playing Slack, wait for an ack before
// they deliver the envelope again (Slack waits 3 s too).
const ackTimeout = 3 * time.Second

// rig is one test's fake Slack and the advisor processes connected to it.
// Subtests use in(t) to get a rig that fails them rather than the parent.
type rig struct {
	t     *testing.T // the (sub)test calls fail
	owner *testing.T // the test whose end stops the processes
	fake  *slacktest.Server
	st    *rigState
}

type rigState struct {
	mu    sync.Mutex
	procs []*botProc // every process started, dead ones included
}

func newRig(t *testing.T) *rig {
	t.Helper()
	fake := slacktest.New(slacktest.WithLogger(zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel)))
	t.Cleanup(fake.Close)
	return &rig{t: t, owner: t, fake: fake, st: &rigState{}}
}

// in returns the same rig reporting failures to t (a subtest).
func (r *rig) in(t *testing.T) *rig {
	cp := *r
	cp.t = t
	return &cp
}

// procs returns every process started so far, dead ones included.
func (r *rig) procs() []*botProc {
	r.st.mu.Lock()
	defer r.st.mu.Unlock()
	return append([]*botProc(nil), r.st.procs...)
}

// env is the environment of an advisor process against this rig.
func (r *rig) env(redisURL, prefix string, connections int) map[string]string {
	return map[string]string{
		"SLACK_APP_TOKEN":    r.fake.AppToken(),
		"SLACK_BOT_TOKEN":    r.fake.BotToken(),
		"SLACK_API_URL":      r.fake.APIURL(),
		"REDIS_URL":          redisURL,
		"KEY_PREFIX":         prefix,
		"SOCKET_CONNECTIONS": fmt.Sprint(connections),
	}
}

// start starts an advisor process and waits until it is ready (Socket Mode
// connected, Redis answering).
func (r *rig) start(name string, env map[string]string) *botProc {
	r.t.Helper()
	p := startBot(r.t, r.owner, name, env)
	r.st.mu.Lock()
	r.st.procs = append(r.st.procs, p)
	r.st.mu.Unlock()
	p.waitReadyz(r.t, 200, 20*time.Second)
	return p
}

// live returns the processes that are still running.
func (r *rig) live() []*botProc {
	var out []*botProc
	for _, p := range r.procs() {
		if !p.exited() {
			out = append(out, p)
		}
	}
	return out
}

// waitConnections waits until exactly n connections take envelopes (after a
// kill, until the fake has noticed the dead ones).
func (r *rig) waitConnections(n int) {
	r.t.Helper()
	eventually(r.t, 20*time.Second, fmt.Sprintf("the fake routes to %d connections", n),
		func() bool { return r.fake.Connections() == n },
		func() string { return fmt.Sprintf("have %d", r.fake.Connections()) })
}

// send delivers an envelope with deliver and makes sure it is acked,
// delivering it again (same envelope id) when an ack does not come in time,
// as Slack does. It returns the envelope id.
func (r *rig) send(deliver func() string) string {
	r.t.Helper()
	id := deliver()
	r.ensureAcked(id)
	return id
}

// ensureAcked waits for id's ack, delivering it again on a timeout, and
// returns how often it did.
func (r *rig) ensureAcked(id string) int {
	r.t.Helper()
	for try := 0; try < 5; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
		_, err := r.fake.WaitAck(ctx, id)
		cancel()
		if err == nil {
			return try
		}
		r.t.Logf("envelope %s not acked within %v; delivering it again", id, ackTimeout)
		r.fake.Redeliver(id, false)
	}
	r.t.Fatalf("envelope %s never acked", id)
	return 0
}

// acked reports whether the fake has an ack for id.
func (r *rig) acked(id string) (slacktest.Ack, bool) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // WaitAck answers at once when the ack is there
	a, err := r.fake.WaitAck(ctx, id)
	return a, err == nil
}

// waitCall waits for a call to method that matches and returns it.
func (r *rig) waitCall(timeout time.Duration, method, what string, match func(slacktest.Call) bool) slacktest.Call {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	from := 0
	for {
		calls := r.fake.Calls(method)
		for _, c := range calls[from:] {
			if match(c) {
				return c
			}
		}
		from = len(calls)
		if _, err := r.fake.WaitCalls(ctx, method, from+1); err != nil {
			r.t.Fatalf("no %s call with %s: %v", method, what, err)
		}
	}
}

// count counts the calls to method that match.
func (r *rig) count(method string, match func(slacktest.Call) bool) int {
	n := 0
	for _, c := range r.fake.Calls(method) {
		if match(c) {
			n++
		}
	}
	return n
}

// handled counts the "envelope handled" log lines for id across every
// process.
func (r *rig) handled(id string) int {
	n := 0
	for _, p := range r.procs() {
		n += p.handled(id)
	}
	return n
}

// takenOver counts the processes that took id over from the journal.
func (r *rig) takenOver(id string) int {
	n := 0
	for _, p := range r.procs() {
		n += len(p.log.find(func(l logLine) bool {
			return l.Message == "envelope taken over from the journal" && (l.EnvelopeID == id || l.DeliveryID == id)
		}))
	}
	return n
}

// handledBy names the processes that logged handling id, with the outcome.
func (r *rig) handledBy(id string) []string {
	var out []string
	for _, p := range r.procs() {
		for _, l := range p.log.find(func(l logLine) bool {
			return l.Message == "envelope handled" && (l.EnvelopeID == id || l.DeliveryID == id)
		}) {
			out = append(out, p.name+":"+l.Outcome)
		}
	}
	return out
}

// waitHandled waits until each id has at least want "envelope handled"
// lines: then every reply to it has been sent.
func (r *rig) waitHandled(want int, ids ...string) {
	r.t.Helper()
	for _, id := range ids {
		eventually(r.t, 20*time.Second, fmt.Sprintf("%s is handled %d times", id, want),
			func() bool { return r.handled(id) >= want },
			func() string { return fmt.Sprintf("handled by %v", r.handledBy(id)) })
	}
}

// text is what a posted message says: its text and its blocks' JSON.
func text(c slacktest.Call) string { return c.Params["text"] + "\n" + c.Params["blocks"] }

// buttonValue returns the value of the button with actionID in a posted
// message's blocks.
func buttonValue(c slacktest.Call, actionID string) (string, bool) {
	var blocks []any
	if err := json.Unmarshal([]byte(c.Params["blocks"]), &blocks); err != nil {
		return "", false
	}
	return findButton(blocks, actionID)
}

func findButton(v any, actionID string) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		if x["action_id"] == actionID {
			s, ok := x["value"].(string)
			return s, ok
		}
		for _, e := range x {
			if s, ok := findButton(e, actionID); ok {
				return s, ok
			}
		}
	case []any:
		for _, e := range x {
			if s, ok := findButton(e, actionID); ok {
				return s, ok
			}
		}
	}
	return "", false
}

// responseTo is the envelope id whose response_url a call posted to.
func responseTo(c slacktest.Call) string {
	return strings.TrimPrefix(c.Path, "/response/")
}
