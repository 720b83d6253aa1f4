package bot_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
)

func TestClientSurfaceMethods(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	c := bot.NewClient(bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	prompts := []slack.AssistantThreadsPrompt{{Title: "Compare", Message: "compare"}}
	if err := c.SetSuggestedPrompts(ctx, "D1", "1.0", "Try", prompts); err != nil {
		t.Fatal(err)
	}
	if err := c.SetThreadTitle(ctx, "D1", "1.0", "Who to hire"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetThreadStatus(ctx, "D1", "1.0", "is thinking…"); err != nil {
		t.Fatal(err)
	}
	if a, _ := fake.AssistantState("D1", "1.0"); a.Title != "Who to hire" || a.Status != "is thinking…" || a.PromptsTitle != "Try" || len(a.Prompts) != 1 {
		t.Errorf("got %+v, want title, status and prompts set", a)
	}
	if link, err := c.Permalink(ctx, "C1", "1.5"); err != nil || link != slacktest.Permalink("C1", "1.5") {
		t.Errorf("got %q (%v), want the message's permalink", link, err)
	}
	png := []byte("\x89PNG\r\n\x1a\nchart")
	id, err := c.UploadFile(ctx, bot.File{Channel: "C1", Name: "chart.png", Title: "Chart", AltText: "a chart", Content: png})
	if err != nil {
		t.Fatal(err)
	}
	if files := fake.Files(); len(files) != 1 || files[0].ID != id || !bytes.Equal(files[0].Content, png) {
		t.Errorf("got %+v, want the chart's bytes shared", files)
	}
	if _, err := c.UploadFile(ctx, bot.File{Channel: "C1", Name: "empty.png"}); err == nil {
		t.Error("an empty file was uploaded")
	}
	if _, err := c.OpenView(ctx, "", slack.ModalViewRequest{Type: slack.VTModal}); err == nil {
		t.Error("views.open without a trigger_id succeeded")
	}
	if err := c.UpdateView(ctx, "VNONE", "", slack.ModalViewRequest{Type: slack.VTModal,
		Title: slack.NewTextBlockObject(slack.PlainTextType, "x", false, false)}); err == nil {
		t.Error("views.update of an unknown view succeeded")
	}
}
