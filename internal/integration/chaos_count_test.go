package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitAnswered waits until every envelope is acked, every flow has ended
// and every envelope of the stream has its answer, for at most
// chaosAnswered after the last kill.
func (c *chaosRun) waitAnswered(t *testing.T, ld *chaosLoad, lastKill time.Time) {
	ok := waitUntil(time.Until(lastKill.Add(chaosAnswered)), func() bool {
		if ld.acks.waiting() > 0 {
			return false
		}
		ld.mu.Lock()
		defer ld.mu.Unlock()
		for _, e := range ld.envs {
			if e.key != "" && c.ledger.count(e.key) == 0 {
				return false
			}
		}
		return true
	})
	if !ok {
		t.Errorf("not every envelope was acked and answered within %v of the last kill", chaosAnswered)
	}
	ld.wg.Wait() // the flows end by themselves within flowStepTimeout
}

// waitTips waits until every tip channel has its tip.
func (c *chaosRun) waitTips(t *testing.T) {
	ok := waitUntil(time.Until(c.tipAt.Add(chaosTipWait)), func() bool {
		for n := range c.tipChannels {
			if c.ledger.count("tip:"+tipChannel(n)) == 0 {
				return false
			}
		}
		return true
	})
	if !ok {
		t.Errorf("not every tip was posted within %v of its minute %s", chaosTipWait, c.tipAt.Format("15:04:05"))
	}
}

// waitJournalEmpty waits until no journal entry is left (nothing is left
// to deliver again: a duplicate would have been posted by now), then
// tipSettle for a second post of a tip, which has no such signal.
func (c *chaosRun) waitJournalEmpty(t *testing.T) {
	ctx := context.Background()
	var left int64
	ok := waitUntil(20*time.Second, func() bool {
		left = 0
		for s := range 16 {
			n, err := c.rdb.ZCard(ctx, c.prefix+"{journal:"+strconv.Itoa(s)+"}:leases").Result()
			if err != nil {
				return false
			}
			left += n
		}
		return left == 0
	})
	if !ok {
		t.Errorf("%d journal entries left 20s after everything was answered", left)
	}
	time.Sleep(tipSettle) // see tipSettle
}

// inDoubtRepost is what the advisor logs when it posts a reply again that
// a process killed between the post and its record may have made: a
// response_url keeps no record Slack could be asked about, so the one
// place where exactly once cannot be known is answered at least once. The
// test counts these apart (and only when the log says so), not as
// duplicates.
const inDoubtRepost = "an earlier run may have made this post and Slack cannot say"

// tally counts answers per envelope: exactly once, more, none.
type tally struct {
	sent, once, dup, lost, inDoubt int
	bad                            []badAnswer
}

// badAnswer is an envelope answered more than once or never.
type badAnswer struct{ id, what string }

func (ty *tally) add(id, what string, n int) {
	ty.sent++
	switch {
	case n == 1:
		ty.once++
	case n > 1:
		ty.dup++
		ty.bad = append(ty.bad, badAnswer{id, fmt.Sprintf("%s answered %d times", what, n)})
	default:
		ty.lost++
		ty.bad = append(ty.bad, badAnswer{id, what + " never answered"})
	}
}

// report checks and prints every count.
func (c *chaosRun) report(t *testing.T, ld *chaosLoad, took time.Duration) {
	l := c.ledger
	byKind := map[string]*tally{}
	kindOf := func(k string) *tally {
		if byKind[k] == nil {
			byKind[k] = &tally{}
		}
		return byKind[k]
	}
	republished := 0
	for _, e := range ld.envs {
		if e.key == "" {
			continue // a click: counted with its flow
		}
		n := l.count(e.key)
		if e.kind == kindHome && n > 1 { // views.publish is idempotent: a re-run publishes again
			republished += n - 1
			n = 1
		}
		if n == 2 && strings.HasPrefix(e.key, "r:") && strings.Contains(c.grepLogs(e.id), inDoubtRepost) {
			kindOf(e.kind).inDoubt++ // see inDoubtRepost
			n = 1
		}
		kindOf(e.kind).add(e.id, fmt.Sprintf("%s %s (%s; handled %v)", e.kind, e.id, e.key, c.r.handledBy(e.id)), n)
	}
	answers := c.checkFlows(t, ld, kindOf(kindClick))
	tipTally := &tally{}
	for n := range c.tipChannels {
		tipTally.add("", "tip in "+tipChannel(n), l.count("tip:"+tipChannel(n)))
	}
	var total tally
	var lines []string
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		ty := byKind[k]
		total.sent, total.once, total.dup, total.lost = total.sent+ty.sent, total.once+ty.once, total.dup+ty.dup, total.lost+ty.lost
		total.inDoubt += ty.inDoubt
		total.bad = append(total.bad, ty.bad...)
		lines = append(lines, fmt.Sprintf("  %-17s sent %4d  answered once %4d  duplicated %d  lost %d  (in doubt, answered twice: %d)",
			k, ty.sent, ty.once, ty.dup, ty.lost, ty.inDoubt))
	}
	faults := r2s(c.r.fake.FaultsInjected())
	slices.Sort(c.restarts)
	if len(c.restarts) > 0 {
		t.Logf("replacements ready in %v (median), %v (slowest)", c.restarts[len(c.restarts)/2].Round(time.Millisecond),
			c.restarts[len(c.restarts)-1].Round(time.Millisecond))
	}
	t.Logf("chaos in %v: 3 processes on a 3-master Redis Cluster, %d SIGKILLs (each replaced), one node stopped for %v, "+
		"Web API faults one in %d: %s\n"+
		"envelopes: sent %d, answered exactly once %d, duplicated %d, lost %d (%d deliveries repeated after a missed ack; "+
		"App Home republished %d times by re-runs, idempotent; %d response_url replies posted twice in doubt after a SIGKILL "+
		"between the post and its record, counted once above)\n%s\n"+
		"assessments: %d taken, %d answers counted once each (history checked)\n"+
		"tips: due %d, posted exactly once %d, duplicated %d, lost %d",
		took.Round(time.Second), c.kills, chaosRedisDown, chaosFaultOne, faults,
		total.sent, total.once, total.dup, total.lost, ld.acks.again, republished, total.inDoubt, strings.Join(lines, "\n"),
		len(ld.flows), answers, tipTally.sent, tipTally.once, tipTally.dup, tipTally.lost)
	for i, b := range append(total.bad, tipTally.bad...)[:min(20, len(total.bad)+len(tipTally.bad))] {
		t.Error(b.what)
		if i < 5 && b.id != "" {
			t.Logf("%s in the logs:\n%s", b.id, c.grepLogs(b.id))
		}
	}
	if len(ld.acks.never) > 0 {
		t.Errorf("%d envelopes never acked after 5 deliveries: %v", len(ld.acks.never), ld.acks.never)
	}
	if total.sent < chaosEnvelopes {
		t.Errorf("sent %d envelopes, want %d or more", total.sent, chaosEnvelopes)
	}
}

// checkFlows counts each flow's clicks as answered (the counted click by
// the next question, the others by their reply), checks that each
// question and the result were posted once and that the history holds
// one outcome with the answers clicked, and returns the answers counted.
func (c *chaosRun) checkFlows(t *testing.T, ld *chaosLoad, clicks *tally) int {
	l := c.ledger
	counted := 0
	for _, f := range ld.flows {
		if f.err != nil {
			t.Error(f.err)
			t.Logf("%s in the logs:\n%s", f.user, c.grepLogs(f.user))
		}
		for q, ids := range f.clicks {
			for i, id := range ids {
				n := l.count("r:" + id)
				if i == len(ids)-1 {
					n += l.count(f.nextKey(q))
				}
				clicks.add(id, fmt.Sprintf("%s click %s on question %d (handled %v; replied %.200q)", f.user, id, q+1, c.r.handledBy(id), l.reply(id)), n)
			}
		}
		for q := range c.questions {
			if n := l.count(f.questionKey(q)); n != 1 {
				t.Errorf("%s: question %d posted %d times, want once", f.user, q+1, n)
			}
		}
		want := make([]int, c.questions)
		for q := range want {
			want[q] = q % 2
		}
		got := c.history(t, f.user)
		if len(got) != 1 || !slices.Equal(got[0], want) {
			t.Errorf("%s: history holds answers %v, want one outcome with %v", f.user, got, want)
			continue
		}
		counted += c.questions
	}
	return counted
}

// history reads the answers of every outcome in user's history.
func (c *chaosRun) history(t *testing.T, user string) [][]int {
	raw, err := c.rdb.LRange(context.Background(), c.prefix+"as:hist:{"+user+"}", 0, -1).Result()
	if err != nil {
		t.Errorf("read %s's history: %v", user, err)
		return nil
	}
	var out [][]int
	for _, r := range raw {
		var o struct {
			Answers []int `json:"answers"`
		}
		if err := json.Unmarshal([]byte(r), &o); err != nil {
			t.Errorf("decode %s's outcome: %v", user, err)
			continue
		}
		out = append(out, o.Answers)
	}
	return out
}

func r2s(m map[string]int) string {
	keys := make([]string, 0, len(m))
	total := 0
	for k, v := range m {
		keys = append(keys, fmt.Sprintf("%s %d", k, v))
		total += v
	}
	sort.Strings(keys)
	return fmt.Sprintf("%d (%s)", total, strings.Join(keys, ", "))
}

// grepLogs returns every process's log lines that contain s, for a
// failure's story.
func (c *chaosRun) grepLogs(s string) string {
	var out []string
	for _, p := range c.r.procs() {
		p.log.mu.Lock()
		for _, line := range strings.Split(p.log.raw.String(), "\n") {
			if strings.Contains(line, s) {
				out = append(out, p.name+": "+line)
			}
		}
		p.log.mu.Unlock()
	}
	return strings.Join(out, "\n")
}
