package integration

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/tips"
)

// ledger counts, as the fake Slack records them, the calls that reached
// Slack (a call refused by an injected fault did not; one reset after it
// ran did), under the key of what they answer:
//
//	r:<envelope id>          a post to that envelope's response_url
//	t:<channel>|<thread ts>  a message or ephemeral posted there
//	q:<channel>|<run>|<n>    question n of an assessment run
//	res:<channel>            an assessment's result
//	tip:<channel>            a scheduled tip (it carries the Pause button)
//	h:<user>                 an App Home published
//
// It indexes the calls as they arrive (an OnCall hook), so that waiting
// for one costs a map look-up, not a scan of every call so far.
type ledger struct {
	mu      sync.Mutex
	n       map[string]int
	first   map[string]slacktest.Call // the first call under a q: key, for its buttons
	runs    map[string]string         // channel → the run of its first question 1
	replies map[string]string         // r: key → what the last reply said, for failures
	changed chan struct{}             // closed and replaced on every count
}

func newLedger(fake *slacktest.Server) *ledger {
	l := &ledger{n: map[string]int{}, first: map[string]slacktest.Call{}, runs: map[string]string{},
		replies: map[string]string{}, changed: make(chan struct{})}
	fake.OnCall(l.record)
	return l
}

func (l *ledger) record(c slacktest.Call) {
	if c.Err != "" {
		return // refused, failed or reset before it ran: nothing reached anyone
	}
	var keys []string
	switch c.Method {
	case slacktest.MethodResponseURL:
		if c.Params["delete_original"] != "true" {
			keys = append(keys, "r:"+responseTo(c))
		}
	case "chat.postMessage", "chat.postEphemeral":
		ch := c.Params["channel"]
		keys = append(keys, "t:"+ch+"|"+c.Params["thread_ts"])
		if run, q, ok := buttonRef(c); ok {
			keys = append(keys, "q:"+ch+"|"+run+"|"+strconv.Itoa(q))
		}
		body := text(c)
		if strings.Contains(body, "your result") {
			keys = append(keys, "res:"+ch)
		}
		if strings.HasPrefix(ch, "CTIP") && strings.Contains(body, tips.ActionPause) {
			keys = append(keys, "tip:"+ch)
		}
	case "views.publish":
		keys = append(keys, "h:"+c.Params["user_id"])
	}
	if len(keys) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		l.n[k]++
		if strings.HasPrefix(k, "r:") {
			l.replies[k] = c.Params["text"]
		}
		if strings.HasPrefix(k, "q:") {
			if _, seen := l.first[k]; !seen {
				l.first[k] = c
			}
			if run, q, _ := buttonRef(c); q == 0 {
				if _, seen := l.runs[c.Params["channel"]]; !seen {
					l.runs[c.Params["channel"]] = run
				}
			}
		}
	}
	close(l.changed)
	l.changed = make(chan struct{})
}

// count is how many calls were recorded under key.
func (l *ledger) count(key string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n[key]
}

// reply is what the last post to envelope id's response_url said.
func (l *ledger) reply(id string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.replies["r:"+id]
}

// wait blocks until cond (called with the ledger locked) holds or ctx ends.
func (l *ledger) wait(ctx context.Context, cond func(l *ledger) bool) bool {
	for {
		l.mu.Lock()
		ok := cond(l)
		ch := l.changed
		l.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
	}
}
