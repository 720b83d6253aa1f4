package slacktest

import (
	"testing"

	"github.com/slack-go/slack"
)

func TestFaultEveryCyclesThroughTheKinds(t *testing.T) {
	s := newServer(t)
	api := webClient(s) // no retries: each fault reaches the caller
	s.FaultEvery(2, "chat.postMessage")
	var errs int
	for range 8 {
		if _, _, err := api.PostMessageContext(ctx(t), "C1", slack.MsgOptionText("x", false)); err != nil {
			errs++
		}
	}
	if _, err := api.GetUserInfoContext(ctx(t), "U1"); err != nil {
		t.Errorf("users.info failed with faults on chat.postMessage only: %v", err)
	}
	want := map[string]int{faultRateLimit: 1, faultServerError: 1, faultResetBefore: 1, faultResetAfter: 1}
	got := s.FaultsInjected()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("got %v faults injected, want one of each kind: %v", got, want)
			break
		}
	}
	if errs != 4 {
		t.Errorf("got %d failed calls of 8 with one fault in 2, want 4", errs)
	}
	// The reset after the post left a message in the channel, the one
	// before did not: 4 good posts and 1 reset after.
	h, err := api.GetConversationHistoryContext(ctx(t), &slack.GetConversationHistoryParameters{ChannelID: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Messages) != 5 {
		t.Errorf("got %d messages in the channel, want 5 (4 answered, 1 reset after posting)", len(h.Messages))
	}
}

func TestHistoryAndRepliesCarryMetadata(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	md := slack.SlackMetadata{EventType: "advisor_delivery", EventPayload: map[string]any{"delivery": "Ev1/1"}}
	_, ts, err := api.PostMessageContext(ctx(t), "C2", slack.MsgOptionText("in thread", false), slack.MsgOptionTS("9.0"), slack.MsgOptionMetadata(md))
	if err != nil {
		t.Fatal(err)
	}
	msgs, _, _, err := api.GetConversationRepliesContext(ctx(t), &slack.GetConversationRepliesParameters{ChannelID: "C2", Timestamp: "9.0", IncludeAllMetadata: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Timestamp != ts || msgs[0].Metadata.EventPayload["delivery"] != "Ev1/1" {
		t.Fatalf("got %+v, want the post with its metadata", msgs)
	}
	h, err := api.GetConversationHistoryContext(ctx(t), &slack.GetConversationHistoryParameters{ChannelID: "C2", IncludeAllMetadata: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Messages) != 0 {
		t.Errorf("got %d top-level messages, want 0 (the post is a thread reply)", len(h.Messages))
	}
}
