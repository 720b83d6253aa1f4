package main

import (
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers"
)

func TestMessageShortcutAnsweredPrivatelyAndShared(t *testing.T) {
	h := startApp(t, nil)
	// On a top-level message: the answer comes through the response_url, only to U1.
	h.slack.MessageShortcut(slacktest.MessageShortcut{UserID: "U1", CallbackID: handlers.ShortcutAsk,
		Message: slacktest.Msg{User: "U2", Channel: "C1", TS: "1700000100.000100", Text: "should i hire a cto first? i can't code"}})
	answer := h.waitCalls(slacktest.MethodResponseURL, 1)[0]
	raw := string(answer.Body)
	if body(t, answer)["response_type"] != "ephemeral" || !strings.Contains(raw, "non-technical founder") ||
		!strings.Contains(raw, slacktest.Permalink("C1", "1700000100.000100")) || !strings.Contains(raw, `from \u003c@U2\u003e`) {
		t.Fatalf("got %s, want the answer privately, linking the message and its author", raw)
	}
	share := find(t, buttons(t, answer), "share")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C1", ActionID: share.ActionID, Value: share.Value, Ephemeral: true})
	calls := h.waitCalls(slacktest.MethodResponseURL, 3)
	if body(t, calls[1])["response_type"] != "in_channel" || !strings.Contains(string(calls[1].Body), "non-technical founder") {
		t.Errorf("got %s, want the answer shared in the channel", calls[1].Body)
	}

	// In a thread: an ephemeral in that thread; shared, it is posted there.
	h.slack.MessageShortcut(slacktest.MessageShortcut{UserID: "U1", CallbackID: handlers.ShortcutAsk,
		Message: slacktest.Msg{User: "U2", Channel: "C1", ThreadTS: "1700000100.000100", Text: "when should we split the ceo and cto roles?"}})
	eph := h.waitCalls("chat.postEphemeral", 1)[0]
	if eph.Params["thread_ts"] != "1700000100.000100" || eph.Params["user"] != "U1" {
		t.Fatalf("got %v, want an ephemeral for U1 in the thread", eph.Params)
	}
	share = find(t, buttons(t, eph), "share")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C1", ThreadTS: "1700000100.000100", ActionID: share.ActionID, Value: share.Value, Ephemeral: true})
	post := h.waitCalls("chat.postMessage", 1)[0]
	if post.Params["thread_ts"] != "1700000100.000100" || !strings.Contains(post.Params["blocks"], "Shared by") {
		t.Errorf("got %v, want the answer shared in the thread", post.Params)
	}

	// A message without words gets a clear reply.
	h.waitCalls(slacktest.MethodResponseURL, 4) // the thread's ephemeral removed after sharing
	h.slack.MessageShortcut(slacktest.MessageShortcut{UserID: "U1", CallbackID: handlers.ShortcutAsk,
		Message: slacktest.Msg{User: "U2", Channel: "C1", Text: "<@U3> :tada:"}})
	none := h.waitCalls(slacktest.MethodResponseURL, 5)[4]
	if !strings.Contains(string(none.Body), "no text I can read") {
		t.Errorf("got %s, want the no-text reply", none.Body)
	}
}

func TestGlobalShortcutPicksAnAssessmentThatRunsInTheDM(t *testing.T) {
	h := startApp(t, nil)
	h.slack.GlobalShortcut(slacktest.Shortcut{UserID: "U1", CallbackID: handlers.ShortcutAssess})
	v, err := h.slack.WaitView(h.ctx(), "U1", "assess:pick", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"which": {"no-such"}}}); err == nil {
		t.Fatal("the fake let an assessment the modal does not offer be submitted")
	}
	env, err := h.slack.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"which": {"first-seat"}}})
	if err != nil {
		t.Fatal(err)
	}
	ack, err := h.slack.WaitViewAck(h.ctx(), env)
	if err != nil || ack.Action != "update" || ack.Problem != "" {
		t.Fatalf("got %+v (%v), want the modal updated", ack, err)
	}
	if got, _ := h.slack.ViewByID(v.ID); !strings.Contains(string(got.Raw), "waiting for you in our DM") {
		t.Errorf("got modal %s, want it to say the assessment is in the DM", got.Raw)
	}
	q := h.waitCalls("chat.postMessage", 1)[0]
	if q.Params["channel"] != "DU1" || q.Params["thread_ts"] != "" {
		t.Errorf("got the first question in %s/%s, want the DM", q.Params["channel"], q.Params["thread_ts"])
	}
	find(t, buttons(t, q), "assess:answer")
}
