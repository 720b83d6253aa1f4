package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
)

func nameModal() slack.ModalViewRequest {
	in := slack.NewInputBlock("name", slack.NewTextBlockObject(slack.PlainTextType, "Name", false, false), nil,
		slack.NewPlainTextInputBlockElement(nil, "n"))
	return slack.ModalViewRequest{Type: slack.VTModal, CallbackID: "test:name", PrivateMetadata: "C9",
		Title:  slack.NewTextBlockObject(slack.PlainTextType, "Your name", false, false),
		Submit: slack.NewTextBlockObject(slack.PlainTextType, "Save", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{in}}}
}

// nameForm opens nameModal from the slash command and answers its
// submission: "" is refused with a field error, "boom" fails, "slow" runs
// past the budget, anything else updates the modal and posts to the
// channel in private_metadata.
func nameForm(c *bot.Client) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		switch req.Kind {
		case bot.KindCommand:
			_, err := c.OpenView(ctx, req.TriggerID, nameModal())
			return bot.Reply{}, err
		case bot.KindViewSubmission:
			switch name := req.Values.Value("name"); name {
			case "x":
				return bot.Reply{View: slack.NewErrorsViewSubmissionResponse(map[string]string{"name": "Longer, please"})}, nil
			case "boom":
				return bot.Reply{}, errors.New("exploded")
			case "slow":
				<-ctx.Done()
				return bot.Reply{}, ctx.Err()
			default:
				done := nameModal()
				done.Title, done.Submit = slack.NewTextBlockObject(slack.PlainTextType, "Saved", false, false), nil
				done.Blocks.BlockSet = []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "Hello "+name, false, false), nil, nil)}
				return bot.Reply{View: slack.NewUpdateViewSubmissionResponse(&done), Channel: req.PrivateMetadata,
					Text: "<@" + req.UserID + "> is " + name}, nil
			}
		}
		return bot.Reply{}, nil
	})
}

func TestViewSubmissionAnsweredInItsAck(t *testing.T) {
	fake, ctx := runBotWithClient(t, nameForm, bot.WithViewBudget(300*time.Millisecond))
	fake.SlashCommand(slacktest.SlashCommand{Command: "/x", UserID: "U1"})
	if _, err := fake.WaitView(ctx, "U1", "test:name", 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, value, action, title string
	}{
		{"a field error keeps the modal open", "x", "errors", "Your name"},
		{"a failing handler shows an apology", "boom", "update", "Something went wrong"},
		{"a slow handler is cut off at the budget", "slow", "update", "Something went wrong"},
		{"an answer replaces the modal", "Ada", "update", "Saved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := fake.OpenViews("U1")
			if len(v) == 0 {
				fake.SlashCommand(slacktest.SlashCommand{Command: "/x", UserID: "U1"})
				var err error
				if _, err = fake.WaitView(ctx, "U1", "test:name", 0); err != nil {
					t.Fatal(err)
				}
			}
			env, err := fake.SubmitView(slacktest.Submission{UserID: "U1", Values: map[string][]string{"name": {tt.value}}})
			if err != nil {
				t.Fatal(err)
			}
			a, err := fake.WaitViewAck(ctx, env)
			if err != nil || a.Action != tt.action || a.Problem != "" {
				t.Fatalf("got %+v (%v), want response_action %s taken", a, err, tt.action)
			}
			if got := fake.OpenViews("U1"); len(got) != 1 || got[0].Title() != tt.title {
				t.Fatalf("got modals %+v, want one titled %q", got, tt.title)
			}
			if tt.title != "Your name" {
				_, _ = fake.CloseView("U1")
			}
		})
	}
	calls, err := fake.WaitCalls(ctx, "chat.postMessage", 1)
	if err != nil || calls[0].Params["channel"] != "C9" || !strings.Contains(calls[0].Params["text"], "is Ada") {
		t.Fatalf("got %+v (%v), want the confirmation posted to C9 after the ack", calls, err)
	}
	if n := len(fake.Calls("chat.postMessage")); n != 1 {
		t.Errorf("got %d posts, want only the successful submission's", n)
	}
}
