package main

import (
	"bytes"
	"image"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers"
)

// e2eClock is a settable clock for the paired assessments.
type e2eClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *e2eClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *e2eClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// posts are the chat.postMessage calls in channel, oldest first.
func posts(h *harness, channel string) []slacktest.Call {
	var out []slacktest.Call
	for _, c := range h.slack.Calls("chat.postMessage") {
		if c.Params["channel"] == channel {
			out = append(out, c)
		}
	}
	return out
}

// press clicks, as user in their DM, the button whose action id starts
// with prefix (and whose value ends with suffix) on the latest post that
// has one, and waits for the bot to post want more messages.
func press(t *testing.T, h *harness, user, prefix, suffix string, want int) {
	t.Helper()
	before := len(h.slack.Calls("chat.postMessage"))
	ps := posts(h, "D"+user)
	for i := len(ps) - 1; i >= 0; i-- {
		for _, b := range buttons(t, ps[i]) {
			if strings.HasPrefix(b.ActionID, prefix) && strings.HasSuffix(b.Value, suffix) {
				h.slack.BlockAction(slacktest.Action{UserID: user, ChannelID: "D" + user, ActionID: b.ActionID, Value: b.Value})
				h.waitCalls("chat.postMessage", before+want)
				return
			}
		}
	}
	t.Fatalf("no %s…%s button in %s's DM", prefix, suffix, user)
}

// answerPair answers questions of the paired assessment as user, option
// by option; each answer brings one post (the next question or the wait).
func answerPair(t *testing.T, h *harness, user string, opts []int) {
	t.Helper()
	for _, o := range opts {
		press(t, h, user, "pair:answer:"+string(rune('0'+o)), "", 1)
	}
}

func invitePair(t *testing.T, h *harness) {
	t.Helper()
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "pair <@U2|bob>", UserID: "U1", ChannelID: "C1"})
	reply := h.waitCalls(slacktest.MethodResponseURL, 1)[0]
	if !strings.Contains(string(reply.Body), "Invited") {
		t.Fatalf("got %s, want the invitation confirmed", reply.Body)
	}
	h.waitCalls("chat.postMessage", 1)
	press(t, h, "U2", "pair:accept", "", 3) // U1 told, question 1 to both
}

func TestPairedAssessmentDaysApartEndToEnd(t *testing.T) {
	clock := &e2eClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	h := startApp(t, nil, withClock(clock.Now))
	invitePair(t, h)
	answerPair(t, h, "U1", []int{0, 0, 4, 3, 0, 0, 1, 2, 0})
	if last := posts(h, "DU1"); !strings.Contains(last[len(last)-1].Params["text"], "Waiting for <@U2>") {
		t.Fatalf("got %q, want U1 waiting for U2", last[len(last)-1].Params["text"])
	}
	// Three days on, U2 has answered one question: one reminder, to U2 only.
	answerPair(t, h, "U2", []int{2})
	clock.Add(3 * 24 * time.Hour)
	for range 2 {
		if _, err := h.app.pairs.SendDueReminders(h.ctx()); err != nil {
			t.Fatal(err)
		}
	}
	ps := posts(h, "DU2")
	if !strings.Contains(ps[len(ps)-1].Params["text"], "You're 1 of 9 questions into") || len(posts(h, "DU1")) != 11 {
		t.Fatalf("got %q and %d posts to U1, want one reminder to U2", ps[len(ps)-1].Params["text"], len(posts(h, "DU1")))
	}
	press(t, h, "U2", "pair:resume", "", 1)
	answerPair(t, h, "U2", []int{0, 2, 3, 0, 0, 1, 2})
	press(t, h, "U2", "pair:answer:4", "", 2) // the last answer: a share prompt to each
	// U1's yes is answered before U2 clicks (the resume's reply counted
	// already, so count from here); each comparison is followed by its chart.
	replies := len(h.slack.Calls(slacktest.MethodResponseURL))
	press(t, h, "U1", "pair:share", "|1", 0)
	h.waitCalls(slacktest.MethodResponseURL, replies+1)
	press(t, h, "U2", "pair:share", "|1", 0)
	files, err := h.slack.WaitFiles(h.ctx(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"U1", "U2"} {
		ps := posts(h, "D"+u)
		got := ps[len(ps)-1].Params["blocks"]
		for _, want := range []string{"You agree on *6 of 9*", "Biggest gaps", "Settle this one before any other", "faq:show", "pair:post"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s's comparison lacks %q:\n%s", u, want, got)
			}
		}
	}
	for _, f := range files {
		img, format, err := image.Decode(bytes.NewReader(f.Content))
		if err != nil || format != "png" || img.Bounds().Dx() < 600 {
			t.Errorf("file %s in %s: %v %q, want a PNG chart", f.Name, f.Channel, err, format)
		}
	}
	h.slack.HomeOpened("U1")
	home := h.waitCalls("views.publish", 1)[0].Params["view"]
	for _, want := range []string{"With a co-founder", "you agree on 6 of 9", "Take it with a co-founder"} {
		if !strings.Contains(home, want) {
			t.Errorf("App Home lacks %q", want)
		}
	}
}

func TestPairSurvivesAReplicaRestartAndADecline(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	h := startAppOn(t, fake, nil)
	invitePair(t, h)
	answerPair(t, h, "U1", []int{0, 1, 2, 3})
	answerPair(t, h, "U2", []int{4, 3})
	if err := h.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	// Another replica on the same Redis picks the take up where it was.
	h2 := startAppOn(t, fake, nil, withKeyPrefix(h.prefix))
	answerPair(t, h2, "U1", []int{0, 1, 2, 3})
	answerPair(t, h2, "U2", []int{2, 1, 0, 1, 2, 3})
	// Both answer the last question at the same instant: one finishes, the
	// other finishes both, and each gets exactly one share prompt.
	before := len(fake.Calls("chat.postMessage"))
	for _, u := range []string{"U1", "U2"} {
		ps := posts(h2, "D"+u)
		b := find(t, buttons(t, ps[len(ps)-1]), "pair:answer:1")
		fake.BlockAction(slacktest.Action{UserID: u, ChannelID: "D" + u, ActionID: b.ActionID, Value: b.Value})
	}
	h2.waitCalls("chat.postMessage", before+3)
	replies := len(fake.Calls(slacktest.MethodResponseURL))
	press(t, h2, "U1", "pair:share", "|0", 0)
	h2.waitCalls(slacktest.MethodResponseURL, replies+1) // U1's prompt replaced, after U2's
	// U2 is told only that: its prompt replaced, or (if the decline came
	// before that prompt's message was recorded) a message saying so.
	var told bool
	for _, c := range append(fake.Calls("chat.update"), posts(h2, "DU2")...) {
		told = told || (c.Params["channel"] == "DU2" && strings.Contains(c.Params["text"], "<@U1> chose not to share this time"))
	}
	if !told {
		t.Error("U2 was not told of the decline")
	}
	for _, u := range []string{"U1", "U2"} {
		n := 0
		for _, c := range posts(h2, "D"+u) {
			if strings.Contains(c.Params["text"], "Share your answers") {
				n++
			}
			if strings.Contains(c.Params["blocks"], "You agree on") {
				t.Errorf("%s saw a comparison after a decline", u)
			}
		}
		if n != 1 {
			t.Errorf("%s got %d share prompts, want 1", u, n)
		}
	}
	if len(fake.Files()) != 0 {
		t.Error("a chart was shared after a decline")
	}
}

func TestPairFromTheAssistantPaneThroughThePicker(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1"})
	th, _ := h.slack.AssistantThreadStarted(slacktest.AssistantThread{UserID: "U1"})
	a, err := h.slack.WaitAssistant(h.ctx(), th.ChannelID, th.ThreadTS, func(a slacktest.Assistant) bool { return len(a.Prompts) == 4 })
	if err != nil || a.Prompts[1].Message != "pair" {
		t.Fatalf("got %+v (%v), want Take it with a co-founder among the prompts", a.Prompts, err)
	}
	h.slack.AssistantMessage(th, a.Prompts[1].Message)
	reply := h.waitCalls("chat.postMessage", 2)[1]
	pick := find(t, buttons(t, reply), "pair:start")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: th.ChannelID, ThreadTS: th.ThreadTS, ActionID: pick.ActionID, Value: pick.Value})
	if _, err := h.slack.WaitView(h.ctx(), "U1", "pair:invite", 0); err != nil {
		t.Fatal(err)
	}
	// Picking yourself keeps the modal open with the problem under the field.
	env, err := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"cofounder": {"U1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := h.slack.WaitViewAck(h.ctx(), env); err != nil || ack.Action != "errors" || !strings.Contains(ack.Errors["cofounder"], "That's you") {
		t.Fatalf("got %+v (%v), want a field error", ack, err)
	}
	env, err = h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"cofounder": {"U2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := h.slack.WaitViewAck(h.ctx(), env); err != nil || ack.Action != "update" || ack.Problem != "" {
		t.Fatalf("got %+v (%v), want the modal updated to say who was invited", ack, err)
	}
	inv := h.waitCalls("chat.postMessage", 3)[2]
	if inv.Params["channel"] != "DU2" || !strings.Contains(inv.Params["text"], "<@U1> invited you") {
		t.Fatalf("got %v, want the invitation in U2's DM", inv.Params)
	}
	find(t, buttons(t, inv), "pair:accept")
}

// TestPairRefusalsThroughSlack: whom users.info says is not a co-founder
// one can pair with gets a clear reply and no invitation, through
// slack-go's real errors and user records.
func TestPairRefusalsThroughSlack(t *testing.T) {
	h := startApp(t, nil)
	h.faults = true // users.info is meant to fail for U7
	h.slack.SetUserError("U7", "user_not_found")
	h.slack.SetUser(slack.User{ID: "U8", TeamID: "T9", Name: "far"})
	h.slack.SetUser(slack.User{ID: "U9", Name: "helper", IsBot: true})
	h.slack.SetUser(slack.User{ID: "U10", Name: "guest", IsUltraRestricted: true})
	h.slack.SetUser(slack.User{ID: "U11", Name: "gone", Deleted: true})
	tests := []struct{ text, want string }{
		{"pair <@U7|ghost>", "I can't find that person in this workspace"},
		{"pair <@U8|far>", "is outside this workspace"},
		{"pair <@U9|helper>", "is a bot"},
		{"pair <@U10|guest>", "is a guest in this workspace"},
		{"pair <@U11|gone>", "is no longer in this workspace"},
		{"pair <@U1|me>", "That's you"},
	}
	for i, tt := range tests {
		h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: tt.text, UserID: "U1", ChannelID: "C1"})
		got := string(h.waitCalls(slacktest.MethodResponseURL, i+1)[i].Body)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%q got %s, want %q", tt.text, got, tt.want)
		}
	}
	if n := len(h.slack.Calls("chat.postMessage")); n != 0 {
		t.Errorf("got %d posts, want no invitation", n)
	}
}

// TestPairFromTheShortcutsList: the "Take an assessment" shortcut's list
// offers the paired assessment too; its button stacks the co-founder
// picker over the list (views.push, as Slack wants inside a modal).
func TestPairFromTheShortcutsList(t *testing.T) {
	h := startApp(t, nil)
	h.slack.GlobalShortcut(slacktest.Shortcut{UserID: "U1", CallbackID: handlers.ShortcutAssess})
	v, err := h.slack.WaitView(h.ctx(), "U1", "assess:pick", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(v.Raw), "Take it with a co-founder") {
		t.Fatalf("got %s, want the pairs offered in the list", v.Raw)
	}
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ViewID: v.ID, ActionID: "pair:start", Value: "who-owns-what"})
	if _, err := h.slack.WaitView(h.ctx(), "U1", "pair:invite", 0); err != nil {
		t.Fatal(err)
	}
	if stack := h.slack.OpenViews("U1"); len(stack) != 2 || stack[0].ID != v.ID {
		t.Fatalf("got %d modals open, want the picker over the list", len(stack))
	}
	env, err := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"cofounder": {"U2"}}})
	if err != nil {
		t.Fatal(err)
	}
	if ack, err := h.slack.WaitViewAck(h.ctx(), env); err != nil || ack.Action != "update" || ack.Problem != "" {
		t.Fatalf("got %+v (%v), want the picker to say who was invited", ack, err)
	}
	if inv := h.waitCalls("chat.postMessage", 1)[0]; inv.Params["channel"] != "DU2" || !strings.Contains(inv.Params["text"], "<@U1> invited you") {
		t.Fatalf("got %v, want the invitation in U2's DM", inv.Params)
	}
}
