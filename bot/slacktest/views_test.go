package slacktest

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func opt(v string) *slack.OptionBlockObject { return slack.NewOptionBlockObject(v, plain(v), nil) }

// settingsModal is a modal with one input of each kind the advisor uses.
func settingsModal() slack.ModalViewRequest {
	days := slack.NewCheckboxGroupsBlockElement("d", opt("mon"), opt("tue"), opt("thu"))
	tp := slack.NewTimePickerBlockElement("t")
	tp.InitialTime = "09:00"
	freq := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "f", opt("daily"), opt("weekly"))
	freq.InitialOption = opt("weekly")
	conv := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, nil, "c")
	conv.InitialConversation = "C1"
	skip := slack.NewInputBlock("skip", plain("Skip until"), nil, slack.NewDatePickerBlockElement("s"))
	skip.Optional = true
	return slack.ModalViewRequest{Type: slack.VTModal, Title: plain("Tips"), Submit: plain("Save"), CallbackID: "tips:settings",
		PrivateMetadata: "meta", Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("dest", plain("Where"), nil, conv),
			slack.NewInputBlock("freq", plain("How often"), nil, freq),
			slack.NewInputBlock("days", plain("Days"), nil, days),
			slack.NewInputBlock("time", plain("Time"), nil, tp),
			skip,
		}}}
}

func (s *Server) testTrigger(user, viewID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.triggerLocked(user, viewID)
}

func slackErr(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestViewsOpenNeedsAFreshTrigger(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	tr := s.testTrigger("U1", "")
	if _, err := api.OpenViewContext(ctx(t), tr, settingsModal()); err != nil {
		t.Fatalf("first open: %v", err)
	}
	if got := slackErr(func() error { _, err := api.OpenViewContext(ctx(t), tr, settingsModal()); return err }()); got != "exchanged_trigger_id" {
		t.Errorf("second use got %q, want exchanged_trigger_id", got)
	}
	if got := slackErr(func() error { _, err := api.OpenViewContext(ctx(t), "made.up", settingsModal()); return err }()); got != "invalid_trigger_id" {
		t.Errorf("unknown trigger got %q, want invalid_trigger_id", got)
	}
	expired := newServer(t, WithTriggerTTL(time.Nanosecond))
	old := expired.testTrigger("U1", "")
	if got := slackErr(func() error { _, err := webClient(expired).OpenViewContext(ctx(t), old, settingsModal()); return err }()); got != "expired_trigger_id" {
		t.Errorf("expired trigger got %q, want expired_trigger_id", got)
	}
	if v, err := s.WaitView(ctx(t), "U1", "tips:settings", 0); err != nil || v.Title() != "Tips" || v.Initial("time")[0] != "09:00" {
		t.Errorf("got %+v (%v), want the open modal with its initial time", v, err)
	}
}

func TestModalsCheckedAgainstBlockKitLimits(t *testing.T) {
	long := strings.Repeat("x", 25)
	many := make([]*slack.OptionBlockObject, 11)
	for i := range many {
		many[i] = opt(string(rune('a' + i)))
	}
	tests := []struct {
		name   string
		modify func(v *slack.ModalViewRequest)
	}{
		{"title over 24", func(v *slack.ModalViewRequest) { v.Title = plain(long) }},
		{"no title", func(v *slack.ModalViewRequest) { v.Title = nil }},
		{"inputs without submit", func(v *slack.ModalViewRequest) { v.Submit = nil }},
		{"over 100 blocks", func(v *slack.ModalViewRequest) {
			for range 100 {
				v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewDividerBlock())
			}
		}},
		{"11 checkboxes", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet[2] = slack.NewInputBlock("days", plain("Days"), nil, slack.NewCheckboxGroupsBlockElement("d", many...))
		}},
		{"initial option not offered", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet[1].(*slack.InputBlock).Element.(*slack.SelectBlockElement).InitialOption = opt("hourly")
		}},
		{"label over 2000", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet[3].(*slack.InputBlock).Label = plain(strings.Repeat("é", 2001))
		}},
		{"button in an input", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet[3] = slack.NewInputBlock("time", plain("Time"), nil, slack.NewButtonBlockElement("b", "v", plain("x")))
		}},
		{"feedback buttons in a modal", func(v *slack.ModalViewRequest) {
			fb := slack.NewFeedbackButtonsBlockElement("fb", slack.NewFeedbackButton(plain("Yes"), "up"), slack.NewFeedbackButton(plain("No"), "down"))
			v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewContextActionsBlock("ca", fb))
		}},
		{"bad initial time", func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet[3].(*slack.InputBlock).Element.(*slack.TimePickerBlockElement).InitialTime = "9am"
		}},
		{"repeated block id", func(v *slack.ModalViewRequest) {
			d := slack.NewDividerBlock()
			d.BlockID = "dest" // slack-go itself refuses repeated input block ids
			v.Blocks.BlockSet = append(v.Blocks.BlockSet, d)
		}},
		{"private_metadata over 3000", func(v *slack.ModalViewRequest) { v.PrivateMetadata = strings.Repeat("m", 3001) }},
	}
	s := newServer(t)
	api := webClient(s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := settingsModal()
			tt.modify(&v)
			_, err := api.OpenViewContext(ctx(t), s.testTrigger("U1", ""), v)
			var se slack.SlackErrorResponse
			if !errors.As(err, &se) || se.Err != "invalid_arguments" || len(se.ResponseMetadata.Messages) == 0 {
				t.Fatalf("got %v, want invalid_arguments with a message", err)
			}
		})
	}
}

func TestSubmissionAckAppliedAsSlackDoes(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	res, err := webClient(s).OpenViewContext(ctx(t), s.testTrigger("U1", ""), settingsModal())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitView(Submission{UserID: "U1", Values: map[string][]string{"days": {"tue"}, "freq": {"hourly"}}}); err == nil {
		t.Error("an option the select does not offer was submitted")
	}
	env, err := s.SubmitView(Submission{UserID: "U1", Values: map[string][]string{"days": {"thu", "mon"}, "time": {"17:30"}}})
	if err != nil {
		t.Fatal(err)
	}
	ev := c.next(t, socketmode.EventTypeInteractive)
	cb := ev.Data.(slack.InteractionCallback)
	vals := cb.View.State.Values
	if cb.Type != slack.InteractionTypeViewSubmission || cb.View.ID != res.ID || cb.View.PrivateMetadata != "meta" || cb.TriggerID == "" ||
		vals["time"]["t"].SelectedTime != "17:30" || vals["freq"]["f"].SelectedOption.Value != "weekly" ||
		vals["dest"]["c"].SelectedConversation != "C1" || len(vals["days"]["d"].SelectedOptions) != 2 || vals["days"]["d"].SelectedOptions[0].Value != "mon" {
		t.Fatalf("got %+v, want the submission with its state as slack-go parses it", cb.View.State)
	}
	_ = c.sm.Ack(*ev.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"days": "Pick one day"}))
	a, err := s.WaitViewAck(ctx(t), env)
	if v, _ := s.ViewByID(res.ID); err != nil || a.Action != "errors" || a.Problem != "" || !v.Open || v.Errors["days"] != "Pick one day" {
		t.Fatalf("got %+v, view %+v (%v), want the error shown under days", a, v, err)
	}

	env, _ = s.SubmitView(Submission{UserID: "U1", Values: map[string][]string{"days": {"mon"}}})
	ev = c.next(t, socketmode.EventTypeInteractive)
	_ = c.sm.Ack(*ev.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"nosuch": "x"}))
	if a, _ := s.WaitViewAck(ctx(t), env); !strings.Contains(a.Problem, "not an input block") {
		t.Errorf("got %+v, want errors naming a missing block refused", a)
	}

	done := slack.ModalViewRequest{Type: slack.VTModal, Title: plain("Done"), Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "Saved", false, false), nil, nil)}}}
	env, _ = s.SubmitView(Submission{UserID: "U1", Values: map[string][]string{"days": {"mon"}}})
	ev = c.next(t, socketmode.EventTypeInteractive)
	_ = c.sm.Ack(*ev.Request, slack.NewUpdateViewSubmissionResponse(&done))
	if v, err := s.WaitView(ctx(t), "U1", "", 1); err != nil || v.Title() != "Done" || v.ID != res.ID {
		t.Fatalf("got %+v (%v), want the modal replaced by the update", v, err)
	}
	if _, err := s.WaitViewAck(ctx(t), env); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitView(Submission{UserID: "U1"}); err != nil {
		t.Fatal(err)
	}
	ev = c.next(t, socketmode.EventTypeInteractive)
	_ = c.sm.Ack(*ev.Request)
	if err := s.waitFor(ctx(t), func() bool { return len(s.stacks["U1"]) == 0 }); err != nil {
		t.Fatalf("a plain ack left the modal open: %v", err)
	}
}

func TestPushUpdateAndClose(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	api := webClient(s)
	v := settingsModal()
	v.NotifyOnClose = true
	root, err := api.OpenViewContext(ctx(t), s.testTrigger("U1", ""), v)
	if err != nil {
		t.Fatal(err)
	}
	if got := slackErr(func() error { _, err := api.PushViewContext(ctx(t), s.testTrigger("U1", ""), v); return err }()); got != "not_found" {
		t.Errorf("push with a trigger from outside a modal got %q, want not_found", got)
	}
	for range 2 {
		if _, err := api.PushViewContext(ctx(t), s.testTrigger("U1", root.ID), v); err != nil {
			t.Fatal(err)
		}
	}
	if got := slackErr(func() error { _, err := api.PushViewContext(ctx(t), s.testTrigger("U1", root.ID), v); return err }()); got != "push_limit_reached" {
		t.Errorf("fourth modal got %q, want push_limit_reached", got)
	}
	if got := slackErr(func() error { _, err := api.UpdateViewContext(ctx(t), v, "", "stale", root.ID); return err }()); got != "hash_conflict" {
		t.Errorf("update with a stale hash got %q, want hash_conflict", got)
	}
	if _, err := api.UpdateViewContext(ctx(t), v, "", root.Hash, root.ID); err != nil {
		t.Errorf("update with the current hash: %v", err)
	}
	env, err := s.CloseView("U1")
	if err != nil || env == "" {
		t.Fatalf("close got %q (%v), want a view_closed envelope", env, err)
	}
	ev := c.next(t, socketmode.EventTypeInteractive)
	if cb := ev.Data.(slack.InteractionCallback); cb.Type != slack.InteractionTypeViewClosed || cb.View.CallbackID != "tips:settings" {
		t.Errorf("got %+v, want view_closed for the modal", cb)
	}
	if len(s.OpenViews("U1")) != 0 {
		t.Error("modals still open after close")
	}
}

func TestClickInsideAModalCarriesTheView(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	root, err := webClient(s).OpenViewContext(ctx(t), s.testTrigger("U1", ""), settingsModal())
	if err != nil {
		t.Fatal(err)
	}
	s.BlockAction(Action{UserID: "U1", ViewID: root.ID, ActionID: "more", Value: "x"})
	ev := c.next(t, socketmode.EventTypeInteractive)
	cb := ev.Data.(slack.InteractionCallback)
	raw, _ := json.Marshal(cb.Channel)
	if cb.View.ID != root.ID || cb.View.CallbackID != "tips:settings" || cb.Container.Type != "view" || cb.Channel.ID != "" {
		t.Errorf("got view %+v container %+v channel %s, want the modal and no channel", cb.View, cb.Container, raw)
	}
}
