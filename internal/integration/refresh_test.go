package integration

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// refreshSettle is how long the test waits, after everything was handled,
// for a second reply to an envelope it had to deliver twice. A duplicate
// has no signal to wait for; handling takes milliseconds.
const refreshSettle = time.Second

// TestSocketRefreshLosesNothing streams slash commands to one advisor
// process with two Socket Mode connections while the fake Slack keeps
// asking it to reconnect (`disconnect` to one connection, or to all, as
// Slack does before it moves a connection). Envelopes that go unacked are
// delivered again, as Slack does; in the end every envelope is acked and
// answered exactly once. It is long because it is one story, step by step.
func TestSocketRefreshLosesNothing(t *testing.T) {
	skipIfShort(t)
	t.Parallel()
	url := redistest.URL(t) // logs which Redis
	prefix := redistest.Prefix(t)
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { redistest.Clean(t, rdb, prefix); _ = rdb.Close() })

	r := newRig(t)
	r.start("advisor", r.env(url, prefix, 2))
	r.waitConnections(2)
	opened := r.fake.ConnectionsOpened()

	const total = 300
	const interval = 5 * time.Millisecond
	stop := make(chan struct{})
	var refreshes, oneAtATime int
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(120 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if i%3 == 2 {
				r.fake.Disconnect("refresh_requested")
				refreshes++
			} else if r.fake.DisconnectOne("warning") {
				oneAtATime++
			}
		}
	})
	began := time.Now()
	var ids []string
	tick := time.NewTicker(interval)
	for i := range total {
		<-tick.C
		ids = append(ids, r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto",
			Text: []string{"compare", "help", "ask " + faqQuestion}[i%3], UserID: fmt.Sprintf("UREFRESH%d", i%5), ChannelID: "C1"}))
	}
	tick.Stop()
	close(stop)
	wg.Wait()
	sent := time.Since(began)

	var again []string
	for _, id := range ids {
		if r.ensureAcked(id) > 0 {
			again = append(again, id)
		}
	}
	var latest time.Duration
	for _, id := range ids {
		a, _ := r.acked(id)
		latest = max(latest, a.Latency)
	}
	r.waitHandled(1, ids...)
	if len(again) > 0 {
		time.Sleep(refreshSettle) // see refreshSettle
	}
	replies := map[string]int{}
	for _, c := range r.fake.Calls(slacktest.MethodResponseURL) {
		replies[responseTo(c)]++
	}
	for _, id := range ids {
		if n := replies[id]; n != 1 {
			t.Errorf("envelope %s answered %d times, want once (handled: %v)", id, n, r.handledBy(id))
		}
	}
	t.Logf("%d slash commands in %v through %d disconnects (%d of one connection, %d of all), %d connections opened: "+
		"%d acked (%d only after being delivered again; slowest first ack %v), %d answered exactly once",
		total, sent.Round(time.Millisecond), oneAtATime+refreshes, oneAtATime, refreshes,
		r.fake.ConnectionsOpened()-opened, len(ids), len(again), latest.Round(time.Millisecond), countOnce(replies, ids))
}
