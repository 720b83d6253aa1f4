package slacktest

import (
	"bytes"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestAssistantPane(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	th, _ := s.AssistantThreadStarted(AssistantThread{UserID: "U1", ContextChannelID: "C7"})
	ev := c.next(t, socketmode.EventTypeEventsAPI)
	started, ok := ev.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.AssistantThreadStartedEvent)
	if !ok || started.AssistantThread.ChannelID != "DU1" || started.AssistantThread.ThreadTimeStamp != th.ThreadTS || started.AssistantThread.Context.ChannelID != "C7" {
		t.Fatalf("got %+v, want assistant_thread_started for DU1 with context C7", ev.Data)
	}
	s.AssistantMessage(th, "who first?")
	ev = c.next(t, socketmode.EventTypeEventsAPI)
	msg, ok := ev.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || msg.ThreadTimeStamp != th.ThreadTS || msg.ChannelType != "im" || msg.AssistantThread == nil {
		t.Fatalf("got %+v, want a marked message.im in the thread", ev.Data)
	}

	api := webClient(s)
	five := slack.AssistantThreadsSetSuggestedPromptsParameters{ChannelID: th.ChannelID, ThreadTS: th.ThreadTS}
	for range 5 {
		five.AddPrompt("t", "m")
	}
	if got := slackErr(api.SetAssistantThreadsSuggestedPromptsContext(ctx(t), five)); got != "invalid_arguments" {
		t.Errorf("five prompts got %q, want invalid_arguments", got)
	}
	five.Prompts = five.Prompts[:4]
	if err := api.SetAssistantThreadsSuggestedPromptsContext(ctx(t), five); err != nil {
		t.Fatal(err)
	}
	if err := api.SetAssistantThreadsTitleContext(ctx(t), slack.AssistantThreadsSetTitleParameters{ChannelID: th.ChannelID, ThreadTS: th.ThreadTS, Title: "Who first"}); err != nil {
		t.Fatal(err)
	}
	if err := api.SetAssistantThreadsStatusContext(ctx(t), slack.AssistantThreadsSetStatusParameters{ChannelID: th.ChannelID, ThreadTS: th.ThreadTS, Status: "is thinking…"}); err != nil {
		t.Fatal(err)
	}
	if got := slackErr(api.SetAssistantThreadsTitleContext(ctx(t), slack.AssistantThreadsSetTitleParameters{ChannelID: "C1", ThreadTS: "1.1", Title: "x"})); got != "channel_not_found" {
		t.Errorf("title outside a DM got %q, want channel_not_found", got)
	}
	if a, _ := s.AssistantState(th.ChannelID, th.ThreadTS); a.Status != "is thinking…" || a.Title != "Who first" || len(a.Prompts) != 4 {
		t.Fatalf("got %+v, want title, status and four prompts", a)
	}
	if _, _, err := api.PostMessageContext(ctx(t), th.ChannelID, slack.MsgOptionText("answer", false), slack.MsgOptionTS(th.ThreadTS)); err != nil {
		t.Fatal(err)
	}
	if a, err := s.WaitAssistant(ctx(t), th.ChannelID, th.ThreadTS, func(a Assistant) bool { return a.Status == "" }); err != nil || len(a.Statuses) != 1 {
		t.Errorf("got %+v (%v), want the status cleared by the answer", a, err)
	}
}

func TestMessageShortcutAndPermalink(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	s.MessageShortcut(MessageShortcut{UserID: "U1", CallbackID: "ask", Message: Msg{User: "U2", Text: "hire a CTO?", ThreadTS: "1.0", TS: "1.5"}})
	cb := c.next(t, socketmode.EventTypeInteractive).Data.(slack.InteractionCallback)
	if cb.Type != slack.InteractionTypeMessageAction || cb.CallbackID != "ask" || cb.Message.Text != "hire a CTO?" || cb.Message.ThreadTimestamp != "1.0" ||
		cb.Channel.ID != DefaultChannelID || cb.ResponseURL == "" || cb.TriggerID == "" {
		t.Fatalf("got %+v, want the message shortcut with its message, channel, response_url and trigger", cb)
	}
	s.GlobalShortcut(Shortcut{UserID: "U1", CallbackID: "assess"})
	if cb := c.next(t, socketmode.EventTypeInteractive).Data.(slack.InteractionCallback); cb.Type != slack.InteractionTypeShortcut || cb.CallbackID != "assess" || cb.TriggerID == "" {
		t.Fatalf("got %+v, want the global shortcut", cb)
	}
	link, err := webClient(s).GetPermalinkContext(ctx(t), &slack.PermalinkParameters{Channel: "C1", Ts: "1.5"})
	if err != nil || link != Permalink("C1", "1.5") {
		t.Errorf("got %q (%v), want %q", link, err, Permalink("C1", "1.5"))
	}
}

func TestFileUploadV2(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	sum, err := api.UploadFileContext(ctx(t), slack.UploadFileParameters{Reader: bytes.NewReader(png), FileSize: len(png),
		Filename: "chart.png", Title: "Chart", AltTxt: "a chart", Channel: "C1", ThreadTimestamp: "1.0", InitialComment: "Your results"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.WaitFiles(ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	f := files[0]
	if f.ID != sum.ID || !bytes.Equal(f.Content, png) || f.Channel != "C1" || f.ThreadTS != "1.0" || f.Title != "Chart" || f.AltText != "a chart" || f.Comment != "Your results" {
		t.Errorf("got %+v, want the uploaded bytes shared in the thread", f)
	}
	_, err = api.CompleteUploadExternalContext(ctx(t), slack.CompleteUploadExternalParameters{Files: []slack.FileSummary{{ID: "FNOPE"}}, Channel: "C1"})
	if got := slackErr(err); got != "file_not_found" {
		t.Errorf("completing an unknown file got %q, want file_not_found", got)
	}
}
