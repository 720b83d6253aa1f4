package integration

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/tips"
)

// tipLead is the least time left before the minute a tip is scheduled for,
// so that every process has the subscription by then.
const tipLead = 15 * time.Second

// tipSettle is how long the test waits after the tip for a second one. A
// duplicate has no signal to wait for; every process's cron fires at the
// same instant, so one would come within milliseconds.
const tipSettle = 3 * time.Second

// tipCheck is a channel subscribed to a daily tip at the next usable minute.
type tipCheck struct {
	c       *clusterRig
	channel string
	at      time.Time
}

// subscribeTip subscribes a channel, by slash command, to a daily tip at the
// next minute that is at least tipLead away.
func (c *clusterRig) subscribeTip() *tipCheck {
	c.t.Helper()
	now := time.Now().UTC()
	at := now.Truncate(time.Minute).Add(time.Minute)
	if at.Sub(now) < tipLead {
		at = at.Add(time.Minute)
	}
	tc := &tipCheck{c: c, channel: "CTIPS", at: at}
	text := fmt.Sprintf("tips subscribe daily %02d:%02d UTC", at.Hour(), at.Minute())
	id := c.send(func() string {
		return c.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: text, UserID: "UTIPS", ChannelID: tc.channel})
	})
	c.waitCall(15*time.Second, slacktest.MethodResponseURL, "the subscription's confirmation", func(cl slacktest.Call) bool {
		return responseTo(cl) == id && strings.Contains(cl.Params["text"], "subscribed this channel")
	})
	c.t.Logf("subscribed %s with %q at %s; the tip is due in %v", tc.channel, text,
		now.Format("15:04:05"), time.Until(at).Round(time.Second))
	return tc
}

func (tc *tipCheck) isTip(cl slacktest.Call) bool {
	return cl.Params["channel"] == tc.channel && strings.Contains(text(cl), tips.ActionPause)
}

// check waits for the tip (at most 25 s past its minute) and wants exactly
// one post of it across all processes.
func (tc *tipCheck) check(t *testing.T) {
	r := tc.c.in(t)
	wait := time.Until(tc.at.Add(25 * time.Second))
	t.Logf("waiting up to %v for the tip due at %s", wait.Round(time.Second), tc.at.Format("15:04:05"))
	first := r.waitCall(wait, "chat.postMessage", "a tip in "+tc.channel, tc.isTip)
	if d := time.Until(first.At.Add(tipSettle)); d > 0 {
		time.Sleep(d) // see tipSettle: nothing to wait on for a duplicate
	}
	var posters []string
	for _, p := range r.procs() {
		if n := len(p.log.find(func(l logLine) bool { return l.Message == "tip posted" && l.Channel == tc.channel })); n > 0 {
			posters = append(posters, fmt.Sprintf("%s×%d", p.name, n))
		}
	}
	n := r.count("chat.postMessage", tc.isTip)
	if n != 1 {
		t.Errorf("got %d tips posted to %s, want exactly 1 (posted by %v)", n, tc.channel, posters)
	}
	if first.At.Before(tc.at) {
		t.Errorf("tip posted at %s, before its minute %s", first.At.Format("15:04:05.000"), tc.at.Format("15:04:05"))
	}
	t.Logf("tip due %s posted %d time(s), %v after the minute, by %v, with %d processes running",
		tc.at.Format("15:04:05"), n, first.At.Sub(tc.at).Round(time.Millisecond), posters, len(r.live()))
}

// unsubscribe ends the channel's tips with `tips unsubscribe` on the
// Cluster, where the subscription, its last fired instant and its two
// rotations lie in different slots: the user gets the confirmation, not an
// apology, and no key of the channel is left but the claims (which expire).
func (tc *tipCheck) unsubscribe(t *testing.T) {
	r := tc.c.in(t)
	id := r.send(func() string {
		return r.fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips unsubscribe", UserID: "UTIPS", ChannelID: tc.channel})
	})
	reply := r.waitCall(15*time.Second, slacktest.MethodResponseURL, "the reply to tips unsubscribe", func(cl slacktest.Call) bool {
		return responseTo(cl) == id
	})
	if got := text(reply); !strings.Contains(got, "Unsubscribed") || strings.Contains(got, apology) {
		t.Errorf("got %q, want the confirmation", got)
	}
	opt, err := redis.ParseClusterURL(strings.Replace(tc.c.env["REDIS_URL"], "redis-cluster://", "redis://", 1))
	if err != nil {
		t.Fatal(err)
	}
	cc := redis.NewClusterClient(opt)
	defer cc.Close()
	ctx := context.Background()
	var mu sync.Mutex
	var left []string
	err = cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
		keys, err := c.Keys(ctx, "*"+tc.channel+"*").Result()
		mu.Lock()
		defer mu.Unlock()
		for _, k := range keys {
			if !strings.Contains(k, ":claim:") {
				left = append(left, k)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("after unsubscribing %s, keys left on the cluster: %v", tc.channel, left)
	}
	t.Logf("tips unsubscribe on the cluster answered %.40q; %d keys of %s left besides its claims", text(reply), len(left), tc.channel)
}
