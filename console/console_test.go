package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// TestRunTurnsLinesIntoRequests: a slash-command line is the command, a
// number presses a button the last reply showed, anything else is a DM.
func TestRunTurnsLinesIntoRequests(t *testing.T) {
	var got []bot.Request
	h := bot.HandlerFunc(func(_ context.Context, req *bot.Request) (bot.Reply, error) {
		got = append(got, *req)
		btn := slack.NewButtonBlockElement("run", "compare", slack.NewTextBlockObject(slack.PlainTextType, "Compare", false, false))
		return bot.Reply{Text: "ok", Blocks: []slack.Block{slack.NewActionBlock("a", btn)}}, nil
	})
	var out bytes.Buffer
	in := "/cmd help\n\nhello there\n1\n7\n"
	if err := Run(context.Background(), strings.NewReader(in), h, NewScreen(&out), "/cmd"); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind       bot.Kind
		text, act  string
		actValue   string
		hasRespURL bool
	}{
		{bot.KindCommand, "help", "", "", true},
		{bot.KindDM, "hello there", "", "", false},
		{bot.KindAction, "", "run", "compare", true},
		{bot.KindDM, "7", "", "", false}, // no button 7: a DM
	}
	if len(got) != len(want) {
		t.Fatalf("got %d requests %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		r := got[i]
		if r.Kind != w.kind || r.Text != w.text || r.ActionID != w.act || r.ActionValue != w.actValue || (r.ResponseURL != "") != w.hasRespURL {
			t.Errorf("request %d got %+v, want %+v", i, r, w)
		}
		if r.UserID != User || r.ChannelID != DM || r.ChannelType != "im" {
			t.Errorf("request %d from %s in %s, want the console's DM", i, r.UserID, r.ChannelID)
		}
	}
	if !strings.Contains(out.String(), "[1] Compare") || !strings.Contains(out.String(), "(pressed [1] Compare)") {
		t.Errorf("screen lacks the numbered button or its press:\n%s", out.String())
	}
}
