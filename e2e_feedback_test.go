package main

import (
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

func TestNativeFeedbackButtonsOneVotePerUser(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1"})
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "ask when should we split the ceo and cto roles", UserID: "U1", ChannelID: "C1"})
	answer := h.waitCalls(slacktest.MethodResponseURL, 1)[0]
	if !strings.Contains(string(answer.Body), `"type":"context_actions"`) || !strings.Contains(string(answer.Body), `"type":"feedback_buttons"`) {
		t.Fatalf("got %s, want Slack's feedback buttons in a context_actions block", answer.Body)
	}
	fb := find(t, buttons(t, answer), "feedback")
	var up string
	for _, part := range strings.Split(string(answer.Body), `"value":"`)[1:] {
		if v, _, _ := strings.Cut(part, `"`); strings.HasPrefix(v, "up:") {
			up = v
		}
	}
	click := func(user string) string {
		h.slack.BlockAction(slacktest.Action{UserID: user, ChannelID: "C1", ActionID: fb.ActionID, Type: "feedback_buttons", Value: up, Ephemeral: true})
		calls := h.waitCalls(slacktest.MethodResponseURL, len(h.slack.Calls(slacktest.MethodResponseURL))+1)
		return string(calls[len(calls)-1].Body)
	}
	if got := click("U1"); !strings.Contains(got, "Thanks for the feedback") {
		t.Errorf("first vote got %s, want thanks", got)
	}
	if got := click("U1"); !strings.Contains(got, "already rated") {
		t.Errorf("second vote by the same user got %s, want it refused", got)
	}
	if got := click("U2"); !strings.Contains(got, "Thanks for the feedback") {
		t.Errorf("another user's vote got %s, want thanks", got)
	}
}
