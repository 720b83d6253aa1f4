package integration

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// connsPerProc is SOCKET_CONNECTIONS for the cluster processes.
const connsPerProc = 2

// clusterRig is advisor processes sharing a Redis Cluster and one fake
// Slack.
type clusterRig struct {
	*rig
	env  map[string]string
	next int // number for the next process's name
}

// startProc starts one more advisor process against the cluster; it runs
// until the whole test ends.
func (c *clusterRig) startProc(r *rig) *botProc {
	r.t.Helper()
	c.next++
	return r.start(fmt.Sprintf("advisor-%d", c.next), c.env)
}

// TestCluster runs three advisor processes against a three-master Redis
// Cluster and proves that they act as one: a re-delivered envelope is
// handled once, an assessment moves between processes (even when the one
// that started it dies), a process killed mid-stream loses nothing that was
// not in its hands at the instant of the kill, and a scheduled tip is posted
// once. The tip's minute is awaited while the other parts run.
func TestCluster(t *testing.T) {
	skipIfShort(t)
	t.Parallel()
	began := time.Now()
	url, _ := startCluster(t)
	r := newRig(t)
	c := &clusterRig{rig: r, env: r.env(url, redistest.Prefix(t), connsPerProc)}
	for range 3 {
		c.startProc(r)
	}
	r.waitConnections(3 * connsPerProc)
	t.Logf("3 advisor processes ready after %v", time.Since(began).Round(time.Millisecond))

	tip := c.subscribeTip()
	t.Run("redelivered envelope is handled once", c.testRedelivery)
	t.Run("redelivered command or click is handled once", c.testRedeliverInteractive)
	t.Run("assessment moves between processes", c.testAssessment)
	t.Run("kill mid-stream loses nothing acked", c.testKillMidStream)
	t.Run("scheduled tip is posted once", tip.check)
	t.Run("tips unsubscribe works on the cluster", tip.unsubscribe)
	t.Logf("TestCluster took %v", time.Since(began).Round(time.Millisecond))
}

// testRedelivery delivers mentions, then re-delivers each with a new
// envelope id (round-robin puts it on another connection, usually another
// process) and with the same id, and wants one answer per mention.
func (c *clusterRig) testRedelivery(t *testing.T) {
	r := c.in(t)
	const mentions = 10
	spread := 0
	for i := range mentions {
		ts := fmt.Sprintf("1800000000.%06d", 100+i)
		ev := fmt.Sprintf("EvRedeliver%04d", i)
		channel := fmt.Sprintf("CREDELIVER%d", i)
		answer := func(cl slacktest.Call) bool { return cl.Params["channel"] == channel && cl.Params["thread_ts"] == ts }
		id := r.send(func() string {
			return r.fake.Mention(slacktest.Msg{User: "URD", Channel: channel, Text: "compare", TS: ts, EventID: ev})
		})
		r.waitCall(15*time.Second, "chat.postMessage", "the answer in "+channel, answer)
		retry := r.fake.Redeliver(id, true)
		again := r.fake.Redeliver(id, false)
		r.ensureAcked(retry)
		r.ensureAcked(again)
		// Three deliveries of one event make three "envelope handled" lines
		// (one ok, two duplicates): then every answer that will come came.
		r.waitHandled(3, ev)
		by := r.handledBy(ev)
		if distinctProcs(by) > 1 {
			spread++
		}
		if n := r.count("chat.postMessage", answer); n != 1 {
			t.Errorf("mention %d delivered 3 times was answered %d times, want once (handled by %v)", i, n, by)
		}
		if n := countOutcome(by, "ok"); n != 1 {
			t.Errorf("mention %d: %d of its deliveries handled as new, want 1 (handled by %v)", i, n, by)
		}
	}
	t.Logf("%d mentions, each delivered 3 times (first, again with a new envelope id, again with the same id): "+
		"answered once each; for %d of them the deliveries reached more than one process", mentions, spread)
}

// testRedeliverInteractive re-delivers a slash command and a button click
// with a new envelope id and wants one reply to each.
func (c *clusterRig) testRedeliverInteractive(t *testing.T) {
	r := c.in(t)
	for _, tc := range []struct {
		name    string
		deliver func() string
	}{
		{"slash command", func() string {
			return r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "compare", UserID: "URDI"})
		}},
		{"click", func() string {
			return r.fake.BlockAction(slacktest.Action{UserID: "URDI", ActionID: "run", Value: "compare"})
		}},
	} {
		id := r.send(tc.deliver)
		reply := func(cl slacktest.Call) bool { return responseTo(cl) == id }
		r.waitCall(15*time.Second, slacktest.MethodResponseURL, "the reply to the "+tc.name, reply)
		again := r.fake.Redeliver(id, true)
		r.ensureAcked(again)
		r.waitHandled(1, again)
		if n := r.count(slacktest.MethodResponseURL, reply); n != 1 {
			t.Errorf("%s delivered twice (new envelope id) got %d replies, want 1 (handled by %v then %v)",
				tc.name, n, r.handledBy(id), r.handledBy(again))
		}
	}
}

func distinctProcs(by []string) int {
	seen := map[string]bool{}
	for _, b := range by {
		name, _, _ := strings.Cut(b, ":")
		seen[name] = true
	}
	return len(seen)
}

func countOutcome(by []string, outcome string) int {
	n := 0
	for _, b := range by {
		if strings.HasSuffix(b, ":"+outcome) {
			n++
		}
	}
	return n
}

// testAssessment takes one assessment with all three processes up, then a
// second one during which the process that started it is killed after
// question 2; the others finish it. A new process replaces the dead one.
func (c *clusterRig) testAssessment(t *testing.T) {
	r := c.in(t)
	start := time.Now()
	f := r.takeAssessment("UASSESSA", nil)
	r.waitHandled(1, append([]string{f.startID}, f.clicks...)...)
	f.check(t)
	t.Logf("assessment with 3 processes: %d questions and the result posted once each, in %v; handled by %s",
		f.n, time.Since(start).Round(time.Millisecond), f.route())

	start = time.Now()
	var victim *botProc
	afterKill := -1 // index of the first click sent after the kill
	g := r.takeAssessment("UASSESSB", func(f *assessFlow, q int) {
		if q != 2 {
			return
		}
		r.waitHandled(1, f.startID)
		for _, p := range r.procs() {
			if p.handled(f.startID) > 0 {
				victim = p
			}
		}
		t.Logf("question 3 posted; killing %s (SIGKILL), which started the assessment", victim.name)
		victim.kill()
		r.waitConnections(len(r.live()) * connsPerProc)
		afterKill = len(f.clicks)
	})
	if victim == nil || afterKill < 0 {
		t.Fatal("the assessment ended before question 3")
	}
	r.waitHandled(1, g.clicks[afterKill:]...)
	g.check(t)
	for _, id := range g.clicks[afterKill:] {
		for _, b := range r.handledBy(id) {
			if strings.HasPrefix(b, victim.name+":") {
				t.Errorf("click %s was handled by %s after it was killed", id, victim.name)
			}
		}
	}
	t.Logf("hand-over: started on %s, killed after question 2, finished by the others "+
		"(%d questions and the result posted once each) in %v; handled by %s",
		victim.name, g.n, time.Since(start).Round(time.Millisecond), g.route())

	c.startProc(r)
	r.waitConnections(3 * connsPerProc)
}

// testKillMidStream sends a stream of slash commands and kills one process
// with SIGKILL halfway. Envelopes that reached it but were not acked are
// delivered again, as Slack does. Every acked envelope must get exactly one
// reply: those the killed process had acked and not yet answered when it
// died are in the journal, and another process takes them over once their
// lease (JOURNAL_LEASE, 10 s by default) expires, within 30 s of the death.
// It is long because it is one story, step by step.
func (c *clusterRig) testKillMidStream(t *testing.T) {
	r := c.in(t)
	const total = 200
	const interval = 8 * time.Millisecond
	texts := []string{"compare", "help", "ask who should I hire first", "compare background"}
	victim := r.live()[0]
	var ids []string
	var killFrom, killTo time.Time
	began := time.Now()
	tick := time.NewTicker(interval)
	for i := range total {
		<-tick.C
		ids = append(ids, r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: texts[i%len(texts)],
			UserID: fmt.Sprintf("USTREAM%d", i%7), ChannelID: "CSTREAM"}))
		if i == total/2 {
			killFrom = time.Now()
			victim.kill()
			killTo = time.Now()
		}
	}
	tick.Stop()
	sent := time.Since(began)
	victimHandled := 0
	for _, id := range ids {
		victimHandled += victim.handled(id)
	}

	var redelivered []string
	for _, id := range ids {
		if n := r.ensureAcked(id); n > 0 {
			redelivered = append(redelivered, id)
		}
	}
	replies := func() map[string]int {
		m := map[string]int{}
		for _, cl := range r.fake.Calls(slacktest.MethodResponseURL) {
			m[responseTo(cl)]++
		}
		return m
	}
	// A live process logs every envelope it acked as handled, after its
	// reply; the dead one's are taken over after their lease.
	waitUntil(30*time.Second, func() bool {
		m := replies()
		for _, id := range ids {
			if m[id] == 0 && r.handled(id) == 0 {
				return false
			}
		}
		return true
	})
	// A re-delivered envelope is the only kind that could be answered twice:
	// once it is handled again, every reply it will get has been sent.
	r.waitHandled(1, redelivered...)
	m := replies()
	var takenOver int
	var lastTakeover time.Duration
	for _, id := range ids {
		switch n := m[id]; {
		case n > 1:
			t.Errorf("envelope %s answered %d times, want once (handled by %v)", id, n, r.handledBy(id))
		case n == 0:
			ack, _ := r.acked(id)
			t.Errorf("envelope %s acked at %v (kill at %v) has no reply after 30s (handled by %v)",
				id, ack.At.Format("15:04:05.000"), killFrom.Format("15:04:05.000"), r.handledBy(id))
		}
		if r.takenOver(id) == 0 {
			continue
		}
		takenOver++
		for _, cl := range r.fake.Calls(slacktest.MethodResponseURL) {
			if responseTo(cl) == id && cl.At.Sub(killTo) > lastTakeover {
				lastTakeover = cl.At.Sub(killTo)
			}
		}
	}
	if lastTakeover > 30*time.Second {
		t.Errorf("the last envelope of the killed process was answered %v after its death, want within 30s", lastTakeover)
	}
	t.Logf("stream: %d slash commands in %v, %s killed after #%d (it had answered %d); "+
		"%d acked (%d only after being delivered again), %d answered exactly once, %d duplicates; "+
		"%d acked by the killed process and unanswered when it died, taken over from the journal, the last answered %v after the SIGKILL",
		total, sent.Round(time.Millisecond), victim.name, total/2+1, victimHandled,
		len(ids), len(redelivered), countOnce(m, ids), countDup(m, ids), takenOver, lastTakeover.Round(time.Millisecond))

	c.startProc(r)
	r.waitConnections(3 * connsPerProc)
}

func countOnce(m map[string]int, ids []string) int {
	n := 0
	for _, id := range ids {
		if m[id] == 1 {
			n++
		}
	}
	return n
}

func countDup(m map[string]int, ids []string) int {
	n := 0
	for _, id := range ids {
		if m[id] > 1 {
			n++
		}
	}
	return n
}
