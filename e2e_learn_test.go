package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/drafts"
	"github.com/advisor-bot/advisor/handlers/experts"
)

const learnQ = "Who should own the on-call pager rotation?"

// dmReply asks q in user's DM on h and returns the bot's reply. The event
// id is its own: two fake Slacks number their events alike, and replicas
// sharing Redis share the de-duplication.
func dmReply(t *testing.T, h *harness, user, q string) slacktest.Call {
	t.Helper()
	have := len(h.slack.Calls("chat.postMessage"))
	h.slack.DM(slacktest.Msg{User: user, Text: q, EventID: fmt.Sprintf("EvLearn%d", time.Now().UnixNano())})
	return h.nextPost(have, func(c slacktest.Call) bool { return c.Params["channel"] == "D"+user })
}

// waitApplied polls until h's knowledge holds published version v, for at
// most d, and says how long it took.
func waitApplied(t *testing.T, h *harness, v int64, d time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for h.app.drafts.Applied() < v {
		if time.Since(start) > d {
			t.Fatalf("version %d not searchable on the other replica after %v (it has %d)", v, d, h.app.drafts.Applied())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// TestPublishedDraftAnswersOnTheOtherReplicaAndAfterARestart: the whole
// loop. A question the advisor cannot answer goes to a person (Ask a
// person, the Answer modal); the expert's answer, kept as a draft, published by an admin from the App Home of one
// replica, answers the same question asked by someone else on another
// replica within 5 s, and after that replica restarts; a draft the lint
// refuses is not published, and the admin is told why.
func TestPublishedDraftAnswersOnTheOtherReplicaAndAfterARestart(t *testing.T) {
	env := map[string]string{"ADMIN_USER_IDS": "UADMIN", "EXPERTS_CHANNEL": "CEXP"}
	fakeA, fakeB := slacktest.New(), slacktest.New()
	t.Cleanup(fakeA.Close)
	t.Cleanup(fakeB.Close)
	fakeA.SetChannelUsers("CEXP", "UEXP")
	a := startAppOn(t, fakeA, env)
	b := startAppOn(t, fakeB, env, withKeyPrefix(a.prefix))

	if got := dmReply(t, b, "U2", learnQ).Params["blocks"]; strings.Contains(got, "Weekly rotations") {
		t.Fatal("answered before anything was published")
	}
	// U1 asks on A, gets "I don't know" with Ask a person; the expert
	// answers in the modal, "add this to the knowledge base" left checked.
	offer := dmReply(t, a, "U1", learnQ)
	ask := find(t, buttons(t, offer), experts.ActionAsk)
	have := len(fakeA.Calls("chat.postMessage"))
	fakeA.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "DU1", ActionID: ask.ActionID, Value: ask.Value})
	post := a.nextPost(have, func(c slacktest.Call) bool { return c.Params["channel"] == "CEXP" })
	answer := find(t, buttons(t, post), experts.ActionAnswer)
	fakeA.BlockAction(slacktest.Action{UserID: "UEXP", ChannelID: "CEXP", ActionID: answer.ActionID, Value: answer.Value})
	if _, err := fakeA.WaitView(a.ctx(), "UEXP", experts.CallbackAnswer, 0); err != nil {
		t.Fatal(err)
	}
	have = len(fakeA.Calls("chat.postMessage"))
	sub, _ := fakeA.SubmitView(slacktest.Submission{UserID: "UEXP", Values: map[string][]string{"answer": {"Weekly rotations of two, with a handover on Mondays. <!channel>"}}})
	if ack, _ := fakeA.WaitViewAck(a.ctx(), sub); ack.Problem != "" || len(ack.Errors) > 0 {
		t.Fatalf("got %+v, want the answer sent", ack)
	}
	a.nextPost(have, func(c slacktest.Call) bool { return c.Params["channel"] == "DU1" }) // the asker has it
	a.slack.HomeOpened("UADMIN")
	home := a.waitCalls("views.publish", 1)[0]
	if v := home.Params["view"]; !strings.Contains(v, "Drafts to review* (1)") || strings.Contains(v, "<!channel>") {
		t.Fatalf("got home %s, want the draft to review, escaped", v)
	}
	pub := find(t, buttons(t, home), drafts.ActionPublish)
	a.slack.BlockAction(slacktest.Action{UserID: "UADMIN", HomeView: true, ActionID: pub.ActionID, Value: pub.Value})
	started := time.Now()
	if v := a.waitCalls("views.publish", 2)[1].Params["view"]; !strings.Contains(v, "Drafts to review* (0) · 1 published") {
		t.Errorf("got home %s, want it drawn again without the draft", v)
	}
	took := waitApplied(t, b, 1, 5*time.Second-time.Since(started))
	t.Logf("searchable on the other replica %v after the click (%v after the Home was drawn again)", time.Since(started), took)
	got := dmReply(t, b, "U3", "who should own the on-call pager rotation")
	if blocks := got.Params["blocks"]; !strings.Contains(blocks, "Weekly rotations of two") || !strings.Contains(blocks, "Answered by your team") || strings.Contains(blocks, "<!channel>") {
		t.Fatalf("got %s, want the published answer", blocks)
	}

	// A restarted replica answers from the published entries at once.
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	c := startAppOn(t, fakeB, env, withKeyPrefix(a.prefix))
	if blocks := dmReply(t, c, "U4", learnQ).Params["blocks"]; !strings.Contains(blocks, "Weekly rotations of two") {
		t.Fatalf("got %s after a restart, want the published answer", blocks)
	}

	// A draft the lint refuses: the reason, and nothing published.
	if err := a.app.drafts.AddDraft(a.ctx(), drafts.Draft{Question: "Who signs off on the data budget?", Short: strings.Repeat("a long answer with no end ", 130),
		ExpertID: "UEXP", AskerID: "U1", RequestID: "req-2"}); err != nil {
		t.Fatal(err)
	}
	replies := len(fakeA.Calls(slacktest.MethodResponseURL))
	a.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "drafts", UserID: "UADMIN", ChannelID: "C1"})
	list := a.waitCalls(slacktest.MethodResponseURL, replies+1)[replies]
	pub = find(t, buttons(t, list), drafts.ActionPublish)
	a.slack.BlockAction(slacktest.Action{UserID: "UADMIN", ChannelID: "C1", Ephemeral: true, ActionID: pub.ActionID, Value: pub.Value})
	refusal := string(a.waitCalls(slacktest.MethodResponseURL, replies+2)[replies+1].Body)
	if !strings.Contains(refusal, "Not published") || !strings.Contains(refusal, "long is") {
		t.Errorf("got %s, want the lint's reason", refusal)
	}
	if ps, _ := a.app.drafts.Published(a.ctx()); len(ps) != 1 {
		t.Errorf("got %d published, want the refused one left out", len(ps))
	}
}

// TestEditModalFieldErrorsThenOverride: `kb edit` on a built-in entry
// opens it in the modal; a bad related id is marked under its field and
// nothing changes; fixed, the override answers on both replicas.
func TestEditModalFieldErrorsThenOverride(t *testing.T) {
	fakeA, fakeB := slacktest.New(), slacktest.New()
	t.Cleanup(fakeA.Close)
	t.Cleanup(fakeB.Close)
	a := startAppOn(t, fakeA, nil)
	b := startAppOn(t, fakeB, nil, withKeyPrefix(a.prefix))
	fakeA.SetUser(slack.User{ID: "UOWNER", IsOwner: true})
	a.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "kb edit hire-first-nontechnical", UserID: "UOWNER", ChannelID: "C1"})
	v, err := a.slack.WaitView(a.ctx(), "UOWNER", drafts.CallbackEdit, 0)
	if err != nil {
		t.Fatal(err)
	}
	env, _ := a.slack.SubmitView(slacktest.Submission{UserID: "UOWNER", Values: map[string][]string{"related": {"no-such-entry"}}})
	if ack, _ := a.slack.WaitViewAck(a.ctx(), env); ack.Action != "errors" || !strings.Contains(ack.Errors["related"], "does not exist") {
		t.Fatalf("got %+v, want the lint's reason under related", ack)
	}
	env, _ = a.slack.SubmitView(slacktest.Submission{UserID: "UOWNER", ViewID: v.ID, Values: map[string][]string{"related": {""}, "short": {"Our team's answer: find a technical co-founder before anyone else."}}})
	if ack, _ := a.slack.WaitViewAck(a.ctx(), env); ack.Action != "update" || ack.Problem != "" {
		t.Fatalf("got %+v, want the modal saying it is published", ack)
	}
	waitApplied(t, b, 1, 5*time.Second)
	if blocks := dmReply(t, b, "U2", "who should i hire first, i am not technical?").Params["blocks"]; !strings.Contains(blocks, "Our team's answer") {
		t.Errorf("got %s, want the override on the other replica", blocks)
	}
}
