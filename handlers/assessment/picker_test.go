package assessment

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

func TestPickerStartsTheChosenAssessmentInTheDM(t *testing.T) {
	e := newEnv(t)
	if _, err := e.svc.OpenPicker(t.Context(), &bot.Request{Kind: bot.KindShortcut, UserID: "U1", TriggerID: "tr"}); err != nil {
		t.Fatal(err)
	}
	if len(e.sl.views) != 1 || e.sl.views[0].CallbackID != CallbackPick {
		t.Fatalf("got modals %+v, want the picker", e.sl.views)
	}
	in := e.sl.views[0].Blocks.BlockSet[1].(*slack.InputBlock)
	radio, ok := in.Element.(*slack.RadioButtonsBlockElement)
	if !ok || len(radio.Options) != len(e.kb.Assessments) {
		t.Fatalf("got %T, want radio buttons with every assessment", in.Element)
	}
	submit := func(value string) (bot.Reply, error) {
		return e.svc.HandleCallback(t.Context(), &bot.Request{Kind: bot.KindViewSubmission, CallbackID: CallbackPick, UserID: "U1",
			Values: bot.Form{blockPick: {Type: "radio_buttons", Value: value}}})
	}
	r, err := submit("")
	if err != nil || r.View == nil || r.View.Errors[blockPick] == "" || len(e.sl.allPosts()) != 0 {
		t.Fatalf("got %+v (%v), want a field error and nothing started", r, err)
	}
	r, err = submit(radio.Options[0].Value)
	if err != nil || r.View == nil || r.View.ResponseAction != slack.RAUpdate || !strings.Contains(replyText(bot.Reply{Blocks: r.View.View.Blocks.BlockSet}), "our DM") {
		t.Fatalf("got %+v (%v), want the modal to say the assessment is in the DM", r, err)
	}
	if p := e.sl.last(t); p.M.Channel != "DU1" || p.M.ThreadTS != "" || !r.Empty() {
		t.Errorf("got the first question in %s/%s (reply %+v), want the DM and no other message", p.M.Channel, p.M.ThreadTS, r)
	}
}
