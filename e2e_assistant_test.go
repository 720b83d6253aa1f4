package main

import (
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers"
)

func TestAssistantPaneAnswersInItsThread(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1", "SOCKET_CONNECTIONS": "1"}) // one socket, one worker: the thread's events are handled in the order sent
	th, _ := h.slack.AssistantThreadStarted(slacktest.AssistantThread{UserID: "U1", ContextChannelID: "C5"})
	greeting := h.waitCalls("chat.postMessage", 1)[0]
	if greeting.Params["channel"] != th.ChannelID || greeting.Params["thread_ts"] != th.ThreadTS || !strings.Contains(greeting.Params["text"], "<#C5>") {
		t.Fatalf("got greeting %v, want it in the pane's thread naming C5", greeting.Params)
	}
	a, err := h.slack.WaitAssistant(h.ctx(), th.ChannelID, th.ThreadTS, func(a slacktest.Assistant) bool { return len(a.Prompts) == 4 })
	if err != nil || a.Prompts[3].Message != handlers.TipsHere {
		t.Fatalf("got %+v (%v), want four prompts, tips for this channel last", a, err)
	}

	h.slack.AssistantMessage(th, "who should I hire first? I can't code")
	answer := h.waitCalls("chat.postMessage", 2)[1]
	if answer.Params["thread_ts"] != th.ThreadTS || !strings.Contains(answer.Params["blocks"], "non-technical founder") {
		t.Fatalf("got %v, want the answer in the thread", answer.Params)
	}
	if a, _ := h.slack.AssistantState(th.ChannelID, th.ThreadTS); a.Title != "who should I hire first? I can't code" {
		t.Errorf("got title %q, want the first question", a.Title)
	}

	// An assessment started in the pane runs in its thread, with the status line meanwhile.
	h.slack.AssistantMessage(th, "assess first-seat")
	q1 := h.waitCalls("chat.postMessage", 3)[2]
	if q1.Params["thread_ts"] != th.ThreadTS {
		t.Fatalf("got the first question in %s/%s, want the pane's thread", q1.Params["channel"], q1.Params["thread_ts"])
	}
	a, _ = h.slack.AssistantState(th.ChannelID, th.ThreadTS)
	if len(a.Statuses) != 1 || !strings.Contains(a.Statuses[0], "assessment") || a.Status != "" {
		t.Errorf("got status %q (history %q), want the assessment's, cleared by the question", a.Status, a.Statuses)
	}
	h.slack.AssistantMessage(th, "1")
	h.waitCalls("chat.update", 1) // the typed answer in the thread moved the session
	if q2 := h.waitCalls("chat.postMessage", 4)[3]; q2.Params["thread_ts"] != th.ThreadTS {
		t.Errorf("got the second question in %s, want the thread", q2.Params["thread_ts"])
	}

	// "send tips to this channel" is about the channel beside the pane.
	h.slack.AssistantMessage(th, "cancel")
	h.waitCalls("chat.postMessage", 5)
	h.slack.AssistantMessage(th, "tips subscribe weekly tue 10:00 Europe/Berlin")
	confirm := h.waitCalls("chat.postMessage", 6)[5]
	if confirm.Params["thread_ts"] != th.ThreadTS || !strings.Contains(confirm.Params["text"], "subscribed <#C5>") {
		t.Errorf("got %v, want C5 subscribed, confirmed in the thread", confirm.Params)
	}
	// The prompt itself, after the user moved to another channel beside the pane.
	th.ContextChannelID = "C6"
	h.slack.AssistantContextChanged(th)
	h.slack.AssistantMessage(th, handlers.TipsHere)
	confirm = h.waitCalls("chat.postMessage", 7)[6]
	if confirm.Params["thread_ts"] != th.ThreadTS || !strings.Contains(confirm.Params["text"], "subscribed <#C6> to weekly tips") {
		t.Errorf("got %v, want C6 subscribed by the prompt, confirmed in the thread", confirm.Params)
	}
	if titles := h.slack.Calls("assistant.threads.setTitle"); len(titles) != 1 {
		t.Errorf("got %d titles set, want one", len(titles))
	}
}
