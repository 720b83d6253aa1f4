package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

func TestModalFilledInLineByLine(t *testing.T) {
	var screen *Screen
	var got []bot.Request
	h := bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		got = append(got, *req)
		switch req.Kind {
		case bot.KindCommand:
			txt := func(s string) *slack.TextBlockObject {
				return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
			}
			tp := slack.NewTimePickerBlockElement("t")
			tp.InitialTime = "09:00"
			days := slack.NewCheckboxGroupsBlockElement("d",
				slack.NewOptionBlockObject("mon", txt("Monday"), nil), slack.NewOptionBlockObject("thu", txt("Thursday"), nil))
			_, err := screen.OpenView(ctx, req.TriggerID, slack.ModalViewRequest{Type: slack.VTModal, Title: txt("Tips"), Submit: txt("Save"),
				CallbackID: "tips:settings", PrivateMetadata: "C1", Blocks: slack.Blocks{BlockSet: []slack.Block{
					slack.NewInputBlock("time", txt("Time"), nil, tp), slack.NewInputBlock("days", txt("Days"), nil, days)}}})
			return bot.Reply{}, err
		case bot.KindViewSubmission:
			if len(req.Values.Values("days")) < 2 {
				return bot.Reply{View: slack.NewErrorsViewSubmissionResponse(map[string]string{"days": "Pick both"})}, nil
			}
			done := slack.ModalViewRequest{Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Saved", false, false),
				Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "Tips at "+req.Values.Value("time"), false, false), nil, nil)}}}
			return bot.Reply{View: slack.NewUpdateViewSubmissionResponse(&done), Text: "subscribed"}, nil
		}
		return bot.Reply{}, nil
	})
	var out bytes.Buffer
	screen = NewScreen(&out)
	in := "/cmd tips subscribe\n-\n1\nmon, 2\nhello\n" // the error asks again from the field it names
	if err := Run(context.Background(), strings.NewReader(in), h, screen, "/cmd"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("got %d requests %+v, want the command, two submissions and a DM", len(got), got)
	}
	first, second := got[1], got[2]
	if first.Kind != bot.KindViewSubmission || first.CallbackID != "tips:settings" || first.PrivateMetadata != "C1" ||
		first.Values.Value("time") != "09:00" || strings.Join(first.Values.Values("days"), ",") != "mon" {
		t.Errorf("first submission got %+v, want the initial time kept and Monday", first)
	}
	if strings.Join(second.Values.Values("days"), ",") != "mon,thu" || second.Values.Value("time") != "09:00" {
		t.Errorf("second submission got %+v, want both days after the error", second.Values)
	}
	if got[3].Kind != bot.KindDM || got[3].Text != "hello" {
		t.Errorf("after the modal closed got %+v, want a DM", got[3])
	}
	for _, want := range []string{"modal: Tips", "now: 09:00", "1) Monday", "⚠ Days: Pick both", "modal: Saved", "Tips at 09:00", "subscribed"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("screen lacks %q:\n%s", want, out.String())
		}
	}
}

func TestFeedbackButtonsArePressable(t *testing.T) {
	var got []bot.Request
	h := bot.HandlerFunc(func(_ context.Context, req *bot.Request) (bot.Reply, error) {
		got = append(got, *req)
		txt := func(s string) *slack.TextBlockObject {
			return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
		}
		fb := slack.NewFeedbackButtonsBlockElement("feedback", slack.NewFeedbackButton(txt("Yes"), "up:x"), slack.NewFeedbackButton(txt("No"), "down:x"))
		return bot.Reply{Text: "answer", Blocks: []slack.Block{slack.NewContextActionsBlock("fb", fb)}}, nil
	})
	var out bytes.Buffer
	if err := Run(context.Background(), strings.NewReader("question\n2\n"), h, NewScreen(&out), "/cmd"); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].ActionID != "feedback" || got[1].ActionValue != "down:x" || !strings.Contains(out.String(), "[1] Yes") {
		t.Fatalf("got %+v\n%s\nwant the negative button pressed", got, out.String())
	}
}
