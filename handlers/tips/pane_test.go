package tips

import (
	"errors"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/scheduler"
)

func TestTipsFromThePaneActOnTheChannelInView(t *testing.T) {
	e := newEnv(t)
	pane := func(contextChannel string) *bot.Request {
		return &bot.Request{Kind: bot.KindAssistantMessage, UserID: "UTOKYO", ChannelID: "D-UTOKYO", ChannelType: "im",
			ThreadTS: "7.0", ContextChannelID: contextChannel}
	}
	r := run(t, e, pane("C1"), "subscribe daily 08:30")
	if !strings.Contains(r.Text, "subscribed <#C1> to daily tips, 08:30 Europe/Berlin") {
		t.Fatalf("got %q, want C1 subscribed, named", r.Text)
	}
	if sub, err := e.s.Get(t.Context(), "C1"); err != nil || sub.Personal {
		t.Fatalf("got %+v (%v), want C1's channel subscription", sub, err)
	}
	if _, err := e.s.Get(t.Context(), "D-UTOKYO"); !errors.Is(err, scheduler.ErrNotSubscribed) {
		t.Errorf("got %v, want no personal tips from a subscription of the channel in view", err)
	}
	if r := run(t, e, pane("C9"), "subscribe"); !strings.Contains(r.Text, "not a member of <#C9>") {
		t.Errorf("got %q, want the membership check on the channel in view", r.Text)
	}
	r = run(t, e, pane("DOTHER"), "subscribe") // looking at a DM with someone: personal tips
	if sub, err := e.s.Get(t.Context(), "D-UTOKYO"); err != nil || !sub.Personal || sub.Schedule.TZ != "Asia/Tokyo" {
		t.Errorf("got %+v (%v, %q), want personal tips in the user's timezone", sub, err, r.Text)
	}
}
