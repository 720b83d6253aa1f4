package pairs

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
)

// TestEveryKeyHasATTL runs every kind of step the pairs take (invitations
// accepted, declined and expired, reminders, answers, a reveal, a channel
// proposed) and then requires each key under the prefix to expire: nothing
// the pairs write may stay in Redis for ever.
func TestEveryKeyHasATTL(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	invite := func(from, to, id string) {
		t.Helper()
		r, err := e.svc.Handle(ctx, &bot.Request{Kind: bot.KindCommand, ID: id, TeamID: "T1", UserID: from}, []string{"<@" + to + ">"})
		if err != nil || !strings.Contains(r.Text, "Invited") {
			t.Fatalf("invite %s: %q, %v", to, r.Text, err)
		}
	}
	invite("U3", "U4", "E3") // left to expire
	invite("U5", "U6", "E5") // declined
	inv, ts := e.last(t, "DU6")
	e.act(t, e.svc, e.click("U6", "DU6", ts, ActionDecline, button(t, inv.Blocks, ActionDecline).Value))
	e.inviteAndAccept(t)
	e.clock.Add(DefaultReminderDelay + time.Minute)
	if n, err := e.svc.SendDueReminders(ctx); err != nil || n != 2 {
		t.Fatalf("reminders: %d, %v; want one to each seat", n, err)
	}
	for _, u := range []string{"U1", "U2"} {
		m, ts := e.last(t, "D"+u)
		e.act(t, e.svc, e.click(u, "D"+u, ts, ActionResume, button(t, m.Blocks, ActionResume).Value))
	}
	e.clock.Add(DefaultInviteWindow)
	if _, err := e.svc.SendDueReminders(ctx); err != nil {
		t.Fatal(err)
	}
	if m, _ := e.last(t, "DU3"); !strings.Contains(m.Text, "expired") {
		t.Fatalf("U3 got %q, want the invitation's expiry", m.Text)
	}
	c := reveal(t, e, answersA, answersB)
	e.act(t, e.svc, e.click("U1", "DU1", "", ActionPost, button(t, c.Blocks, ActionPost).Value))
	if _, err := e.svc.HandleCallback(ctx, &bot.Request{Kind: bot.KindViewSubmission, ID: "V1", UserID: "U1", CallbackID: CallbackPost,
		PrivateMetadata: e.sl.views[0].PrivateMetadata, Values: bot.Form{"channel": {Value: "C9"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.HomeBlocks(ctx, "U1"); err != nil {
		t.Fatal(err)
	}
	n := 0
	iter := e.rdb.Scan(ctx, 0, "*"+e.prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		n++
		k := iter.Val()
		if ttl, err := e.rdb.PTTL(ctx, k).Result(); err != nil || ttl <= 0 {
			t.Errorf("key %s: TTL %v (%v), want one", k, ttl, err)
		}
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 8 { // 4 takes, a history, 6 user sets (some shared), the due set
		t.Errorf("found %d keys, want every kind of key the pairs write", n)
	}
}
