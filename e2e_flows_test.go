package main

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/png"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

// button is a button found in a recorded message.
type button struct{ ActionID, Value, Text string }

// buttons lists the buttons in a call's blocks (form field or JSON body).
func buttons(t *testing.T, c slacktest.Call) []button {
	t.Helper()
	raw := c.Params["blocks"]
	if raw == "" {
		raw = c.Params["view"]
	}
	var blocks []struct {
		Elements []struct {
			ActionID string          `json:"action_id"`
			Value    string          `json:"value"`
			Text     json.RawMessage `json:"text"` // an object on buttons, a string in context blocks
		} `json:"elements"`
		Accessory *struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"accessory"`
	}
	if strings.HasPrefix(raw, "{") { // a view
		var v struct {
			Blocks json.RawMessage `json:"blocks"`
		}
		_ = json.Unmarshal([]byte(raw), &v)
		raw = string(v.Blocks)
	}
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		t.Fatalf("blocks of %s: %v\n%s", c.Method, err, raw)
	}
	var out []button
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.ActionID != "" {
				var label struct{ Text string }
				_ = json.Unmarshal(e.Text, &label)
				out = append(out, button{e.ActionID, e.Value, label.Text})
			}
		}
		if b.Accessory != nil && b.Accessory.ActionID != "" {
			out = append(out, button{ActionID: b.Accessory.ActionID, Value: b.Accessory.Value})
		}
	}
	return out
}

func find(t *testing.T, bs []button, prefix string) button {
	t.Helper()
	for _, b := range bs {
		if strings.HasPrefix(b.ActionID, prefix) {
			return b
		}
	}
	t.Fatalf("no %q button among %+v", prefix, bs)
	return button{}
}

func TestDMQuestionAnsweredAndOffTopicDeclined(t *testing.T) {
	h := startApp(t, nil)
	h.slack.DM(slacktest.Msg{User: "U1", Text: "should i hire a cto first? i can't code"})
	calls := h.waitCalls("chat.postMessage", 1)
	if !strings.Contains(calls[0].Params["blocks"], "non-technical founder") {
		t.Errorf("got %s, want the non-technical founder answer", calls[0].Params["blocks"])
	}
	find(t, buttons(t, calls[0]), "feedback")
	h.slack.DM(slacktest.Msg{User: "U1", Text: "what's the weather in lisbon"})
	calls = h.waitCalls("chat.postMessage", 2)
	if !strings.Contains(calls[1].Params["blocks"], "I don't know") {
		t.Errorf("got %s, want a decline", calls[1].Params["blocks"])
	}
}

func TestShareInChannelRepostsVisiblyAndRemovesTheEphemeral(t *testing.T) {
	h := startApp(t, nil)
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "ask when should we split the ceo and cto roles", UserID: "U1", ChannelID: "C1"})
	first := h.waitCalls(slacktest.MethodResponseURL, 1)[0]
	share := find(t, buttons(t, first), "share")
	h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C1", ActionID: share.ActionID, Value: share.Value, Ephemeral: true, MessageTS: "1.2"})
	calls := h.waitCalls(slacktest.MethodResponseURL, 3)
	posted, deleted := body(t, calls[1]), body(t, calls[2])
	if posted["response_type"] != "in_channel" || !strings.Contains(string(calls[1].Body), "Shared by <@U1>") &&
		!strings.Contains(string(calls[1].Body), `Shared by \u003c@U1\u003e`) {
		t.Errorf("got %s, want an in-channel post naming the sharer", calls[1].Body)
	}
	if deleted["delete_original"] != true {
		t.Errorf("got %s, want the ephemeral deleted", calls[2].Body)
	}
}

func TestAppHomePublished(t *testing.T) {
	h := startApp(t, nil)
	h.slack.HomeOpened("U1")
	calls := h.waitCalls("views.publish", 1)
	bs := buttons(t, calls[0])
	find(t, bs, "assess:start")
	find(t, bs, "tips:subscribe-me")
	if !strings.Contains(calls[0].Params["view"], "at a glance") {
		t.Error("home lacks the comparison at a glance")
	}
}

func TestAssessmentByButtonsInTheDM(t *testing.T) {
	h := startApp(t, nil)
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "assess split-seats", UserID: "U1", ChannelID: "C1"})
	for q := 1; ; q++ {
		posts := h.waitCalls("chat.postMessage", q)
		last := posts[q-1]
		if last.Params["channel"] != "DU1" {
			t.Fatalf("got a post in %q, want the user's DM", last.Params["channel"])
		}
		if strings.Contains(last.Params["blocks"], "your result") {
			find(t, buttons(t, last), "faq:show")
			break
		}
		if q > 8 {
			t.Fatal("no result after 8 questions")
		}
		ans := find(t, buttons(t, last), "assess:answer")
		h.slack.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "DU1", ActionID: ans.ActionID, Value: ans.Value, MessageTS: last.Params["ts"]})
		h.waitCalls("chat.update", q)
	}
	if n := len(h.slack.Calls(slacktest.MethodResponseURL)); n != 1 {
		t.Errorf("got %d slash replies, want one (started in your DM)", n)
	}
	// The result per dimension as a chart, uploaded with files upload v2.
	files, err := h.slack.WaitFiles(h.ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, format, err := image.Decode(bytes.NewReader(files[0].Content)); err != nil || format != "png" || files[0].Channel != "DU1" {
		t.Errorf("got file %s in %s (%q, %v), want a PNG in the DM", files[0].Name, files[0].Channel, format, err)
	}
}

func TestTipsSubscribeStatusAndPostNow(t *testing.T) {
	h := startApp(t, map[string]string{"ADMIN_USER_IDS": "UADMIN"})
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips subscribe weekly mon 09:00 Europe/Berlin for ctos", UserID: "UADMIN", ChannelID: "C7"})
	got := h.waitCalls(slacktest.MethodResponseURL, 1)
	if !strings.Contains(string(got[0].Body), "Europe/Berlin") {
		t.Errorf("got %s, want the schedule confirmed", got[0].Body)
	}
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips status", UserID: "U2", ChannelID: "C7"})
	got = h.waitCalls(slacktest.MethodResponseURL, 2)
	if !strings.Contains(string(got[1].Body), "Mon") {
		t.Errorf("got %s, want the status with the next Monday", got[1].Body)
	}
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips pause", UserID: "U2", ChannelID: "C7"})
	got = h.waitCalls(slacktest.MethodResponseURL, 3)
	if !strings.Contains(strings.ToLower(string(got[2].Body)), "only") {
		t.Errorf("got %s, want a refusal for a user who may not manage it", got[2].Body)
	}
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "tips now", UserID: "UADMIN", ChannelID: "C7"})
	var tip slacktest.Call
	for _, c := range h.waitCalls("chat.postMessage", 1) {
		if c.Params["channel"] == "C7" {
			tip = c
		}
	}
	find(t, buttons(t, tip), "tips:pause")
	more := find(t, buttons(t, tip), "faq:show")
	// "Tell me more" answers in the tip's thread, visibly.
	h.slack.BlockAction(slacktest.Action{UserID: "U2", ChannelID: "C7", ActionID: more.ActionID, Value: more.Value}) // the fake gives the clicked tip message a ts
	var answer slacktest.Call
	for _, c := range h.waitCalls("chat.postMessage", 2) {
		if c.Params["thread_ts"] != "" {
			answer = c
		}
	}
	if answer.Params["channel"] != "C7" || answer.Params["thread_ts"] == "" {
		t.Errorf("got the answer in %q thread %q, want the tip's thread in C7", answer.Params["channel"], answer.Params["thread_ts"])
	}
}

func TestIntroducesItselfOncePerChannel(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1"})
	h.slack.MemberJoined(h.slack.BotUserID(), "C5")
	h.slack.MemberJoined(h.slack.BotUserID(), "C5")
	h.slack.MemberJoined("U9", "C5") // someone else: no intro
	h.slack.MemberJoined(h.slack.BotUserID(), "C6")
	calls := h.waitCalls("chat.postMessage", 2)
	if calls[0].Params["channel"] != "C5" || calls[1].Params["channel"] != "C6" || len(h.slack.Calls("chat.postMessage")) != 2 {
		t.Errorf("got %d intros, want one in C5 and one in C6", len(h.slack.Calls("chat.postMessage")))
	}
}

func TestAssessmentInAChannelThreadByTypedReplies(t *testing.T) {
	h := startApp(t, map[string]string{"WORKERS": "1"})
	const thread = "1700000050.000100"
	h.slack.Mention(slacktest.Msg{User: "U1", Channel: "C3", Text: "assess hiding-in-code", TS: thread})
	for q := 1; ; q++ {
		posts := h.waitCalls("chat.postMessage", q)
		last := posts[q-1]
		if last.Params["channel"] != "C3" || last.Params["thread_ts"] != thread {
			t.Fatalf("got post in %s/%s, want the mention's thread", last.Params["channel"], last.Params["thread_ts"])
		}
		if strings.Contains(last.Params["blocks"], "your result") {
			break
		}
		if q > 8 {
			t.Fatal("no result after 8 questions")
		}
		if q == 2 { // someone else typing in the thread is not an answer
			h.slack.ChannelMessage(slacktest.Msg{User: "U2", Channel: "C3", Text: "1", ThreadTS: thread})
			h.waitCalls("chat.postEphemeral", 1)
		}
		h.slack.ChannelMessage(slacktest.Msg{User: "U1", Channel: "C3", Text: "option 1", ThreadTS: thread})
		h.waitCalls("chat.update", q)
	}
	if n := len(h.slack.Calls("chat.postEphemeral")); n != 1 {
		t.Errorf("got %d ephemeral notes, want 1 (to the other user)", n)
	}
}
