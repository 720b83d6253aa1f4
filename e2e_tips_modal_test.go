package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/scheduler"
)

// testClock is the scheduler's clock in a test: it stands still until
// Set, and a wait jumps it forward, so a tip's minute comes when the test
// says.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *testClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

func (c *testClock) SleepUntil(ctx context.Context, t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.now = t
	}
	return ctx.Err()
}

// nextPost waits for the next chat.postMessage after the first have that ok accepts.
func (h *harness) nextPost(have int, ok func(slacktest.Call) bool) slacktest.Call {
	h.t.Helper()
	for n := have + 1; ; n++ {
		if c := h.waitCalls("chat.postMessage", n)[n-1]; ok(c) {
			return c
		}
	}
}

func TestTipsSetEditedAndPausedThroughModalsThenPostedOnTime(t *testing.T) {
	clock := &testClock{now: time.Now()}
	h := startApp(t, map[string]string{"WORKERS": "1"}, withSchedulerOptions(scheduler.WithClock(clock), scheduler.WithReconcileInterval(time.Second)))
	ctx := h.ctx()

	// `tips subscribe` alone opens the settings, this channel and the user's own timezone filled in.
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips subscribe", UserID: "U1", ChannelID: "C7"})
	v, err := h.slack.WaitView(ctx, "U1", "tips:settings", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Initial("channel"); len(got) != 1 || got[0] != "C7" || v.Initial("tz")[0] != "America/New_York" {
		t.Fatalf("got channel %v timezone %v, want C7 and the user's America/New_York", got, v.Initial("tz"))
	}
	env, _ := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"days": {}}})
	if a, _ := h.slack.WaitViewAck(ctx, env); a.Action != "errors" || a.Errors["days"] == "" || a.Problem != "" {
		t.Fatalf("got %+v, want a field error for weekly without a day", a)
	}
	env, _ = h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"days": {"thu"}, "time": {"14:15"}, "tz": {"Asia/Kolkata"}}})
	if a, _ := h.slack.WaitViewAck(ctx, env); a.Action != "update" || a.Problem != "" {
		t.Fatalf("got %+v, want the modal replaced by the confirmation", a)
	}
	if done, _ := h.slack.ViewByID(v.ID); !strings.Contains(string(done.Raw), "your time (America/New_York)") {
		t.Errorf("got %s, want the first tip in the user's timezone", done.Raw)
	}
	h.nextPost(0, func(c slacktest.Call) bool {
		return c.Params["channel"] == "C7" && strings.Contains(c.Params["text"], "subscribed this channel")
	})

	// Edit from tips status: the same modal, filled in; then pause and resume by button.
	status := func(n int) slacktest.Call {
		h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips status", UserID: "U1", ChannelID: "C7"})
		return h.waitCalls(slacktest.MethodResponseURL, n)[n-1]
	}
	st := status(1)
	edit := find(t, buttons(t, st), "tips:edit")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C7", ActionID: edit.ActionID, Value: edit.Value, Ephemeral: true})
	v, err = h.slack.WaitView(ctx, "U1", "tips:settings", 0)
	if err != nil || v.Initial("time")[0] != "14:15" || v.Initial("tz")[0] != "Asia/Kolkata" || strings.Join(v.Initial("days"), ",") != "thu" {
		t.Fatalf("got %v %v %v (%v), want the edit modal filled in", v.Initial("time"), v.Initial("tz"), v.Initial("days"), err)
	}
	env, _ = h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"days": {"mon", "thu"}, "time": {"14:45"}}})
	if a, _ := h.slack.WaitViewAck(ctx, env); a.Action != "update" || a.Problem != "" {
		t.Fatalf("got %+v, want the edit saved", a)
	}
	pause := find(t, buttons(t, status(2)), "tips:pause")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C7", ActionID: pause.ActionID, Value: pause.Value, Ephemeral: true})
	if got := h.waitCalls(slacktest.MethodResponseURL, 3)[2]; !strings.Contains(string(got.Body), "Paused") {
		t.Fatalf("got %s, want the tips paused", got.Body)
	}
	resume := find(t, buttons(t, status(4)), "tips:resume")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C7", ActionID: resume.ActionID, Value: resume.Value, Ephemeral: true})
	h.waitCalls(slacktest.MethodResponseURL, 5)

	// The tip comes at the chosen minute in the chosen timezone: Mondays and Thursdays 14:45 in Kolkata.
	kolkata := scheduler.Schedule{Kind: scheduler.KindWeekly, Days: []time.Weekday{time.Monday, time.Thursday}, Hour: 14, Minute: 45, TZ: "Asia/Kolkata"}
	want := kolkata.Next(clock.Now()).In(kolkata.Location())
	if st := string(status(6).Body); !strings.Contains(st, want.Format("Mon 2 Jan 15:04 MST")) {
		t.Fatalf("got status %s, want the next tip at %s", st, want.Format("Mon 2 Jan 15:04 MST"))
	}
	have := len(h.slack.Calls("chat.postMessage"))
	clock.Set(want.Add(5 * time.Second))
	tip := h.nextPost(have, func(c slacktest.Call) bool { return c.Params["channel"] == "C7" })
	if !strings.Contains(tip.Params["blocks"], "tips:pause") {
		t.Errorf("got %v, want the tip with its buttons", tip.Params)
	}
	if mark := "tip:C7:" + want.Format("2006-01-02T15:04"); !strings.Contains(tip.Params["metadata"], mark) {
		t.Errorf("got metadata %s, want the tip of %s Kolkata time (%s)", tip.Params["metadata"], want.Format("Mon 15:04"), mark)
	}
}

func TestSetUpTipsFromTheAppHome(t *testing.T) {
	h := startApp(t, nil)
	h.slack.HomeOpened("U1")
	setup := find(t, buttons(t, h.waitCalls("views.publish", 1)[0]), "tips:setup")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", HomeView: true, ActionID: setup.ActionID, Value: setup.Value})
	v, err := h.slack.WaitView(h.ctx(), "U1", "tips:settings", 0)
	if err != nil || strings.Join(v.Initial("dest"), "") != "dm" {
		t.Fatalf("got %v (%v), want the settings for my DMs", v.Initial("dest"), err)
	}
	env, _ := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"freq": {"weekdays"}, "days": {}, "skip": {time.Now().AddDate(0, 0, 10).Format(time.DateOnly)}}})
	if a, _ := h.slack.WaitViewAck(h.ctx(), env); a.Action != "update" || a.Problem != "" {
		t.Fatalf("got %+v, want personal weekday tips saved", a)
	}
	if done, _ := h.slack.ViewByID(v.ID); !strings.Contains(string(done.Raw), "None before") || !strings.Contains(string(done.Raw), "your DMs") {
		t.Errorf("got %s, want the skip and the DM confirmed", done.Raw)
	}
}

// TestTipsManagedFromTheAppHome: set up, paused and edited on the Home,
// which shows each change at once (Slack sends no app_home_opened while
// the user stays on the tab), with no DM saying what the page shows.
func TestTipsManagedFromTheAppHome(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1"})
	ctx := h.ctx()
	h.slack.HomeOpened("U1")
	setup := find(t, buttons(t, h.waitCalls("views.publish", 1)[0]), "tips:setup")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", HomeView: true, ActionID: setup.ActionID, Value: setup.Value})
	if _, err := h.slack.WaitView(ctx, "U1", "tips:settings", 0); err != nil {
		t.Fatal(err)
	}
	env, _ := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"dest": {"channel"}, "channel": {"C7"}, "time": {"08:15"}}})
	if a, _ := h.slack.WaitViewAck(ctx, env); a.Action != "update" || a.Problem != "" {
		t.Fatalf("got %+v, want the tips saved", a)
	}
	home := h.waitCalls("views.publish", 2)[1]
	if !strings.Contains(home.Params["view"], "\\u003c#C7\\u003e: weekly, Mondays 08:15") {
		t.Fatalf("got %.2000s, want the new subscription on the Home", home.Params["view"])
	}

	pause := find(t, buttons(t, home), "tips:pause")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", HomeView: true, ActionID: pause.ActionID, Value: pause.Value})
	home = h.waitCalls("views.publish", 3)[2]
	if !strings.Contains(home.Params["view"], "(paused)") {
		t.Fatalf("got %.2000s, want the Home to show the tips paused", home.Params["view"])
	}
	find(t, buttons(t, home), "tips:resume")

	edit := find(t, buttons(t, home), "tips:edit")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", HomeView: true, ActionID: edit.ActionID, Value: edit.Value})
	v, err := h.slack.WaitView(ctx, "U1", "tips:settings", 0)
	if err != nil || v.Initial("time")[0] != "08:15" || v.Initial("channel")[0] != "C7" {
		t.Fatalf("got %v %v (%v), want the edit modal filled in", v.Initial("time"), v.Initial("channel"), err)
	}
	env, _ = h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"freq": {"weekdays"}}})
	if a, _ := h.slack.WaitViewAck(ctx, env); a.Action != "update" || a.Problem != "" {
		t.Fatalf("got %+v, want the edit saved", a)
	}
	if home = h.waitCalls("views.publish", 4)[3]; !strings.Contains(home.Params["view"], "weekdays, Monday to Friday 08:15") || !strings.Contains(home.Params["view"], "(paused)") {
		t.Errorf("got %.2000s, want the edited schedule, still paused, on the Home", home.Params["view"])
	}
	for _, p := range h.slack.Calls("chat.postMessage") {
		if p.Params["channel"] == "DU1" {
			t.Errorf("got a DM %q, want the Home alone to show the changes", p.Params["text"])
		}
	}
}
