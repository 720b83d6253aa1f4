package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers/experts"
)

// expertsEnv sends unknown questions to CEXP.
var expertsEnv = map[string]string{"EXPERTS_CHANNEL": "CEXP"}

// TestAskAPersonEndToEnd runs the loop through the fake Slack with two
// replicas on one Redis: an unknown question in a thread, Ask a person,
// the same question asked privately with the slash command joining it,
// two experts submitting the Answer modal at once (one wins, the other
// gets a field error), and the answer delivered once to each asker where
// they asked, the experts' post marked answered.
func TestAskAPersonEndToEnd(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	fake.SetChannelUsers("CEXP", "UEXP1", "UEXP2", fake.BotUserID())
	h1 := startAppOn(t, fake, expertsEnv)
	h2 := startAppOn(t, fake, expertsEnv, withKeyPrefix(h1.prefix)) // a second replica
	h2.waitConnections(4)

	// 1. An unknown question in a channel: "I don't know" in the thread,
	// with Ask a person.
	const question = "what's our policy on bringing dogs to the office? <!channel>"
	fake.Mention(slacktest.Msg{User: "U1", Channel: "C1", TS: "1700000100.000100", Text: question})
	reply := h1.waitCalls("chat.postMessage", 1)[0]
	if reply.Params["channel"] != "C1" || reply.Params["thread_ts"] != "1700000100.000100" {
		t.Fatalf("got %+v, want the reply in the mention's thread", reply.Params)
	}
	ask := find(t, buttons(t, reply), experts.ActionAsk)
	fake.BlockAction(slacktest.Action{UserID: "U1", ChannelID: "C1", ActionID: ask.ActionID, Value: ask.Value,
		MessageTS: "1700000100.000200", ThreadTS: "1700000100.000100"})
	h1.waitCalls("chat.postMessage", 2)
	exp := posts(h1, "CEXP")
	if len(exp) != 1 {
		t.Fatalf("got %d posts in the experts channel, want 1", len(exp))
	}
	blocks := plainJSON(exp[0].Params["blocks"])
	for _, want := range []string{"<@U1>", "&lt;!channel&gt;", slacktest.Permalink("C1", "1700000100.000100"), "<#C1>"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("experts' post lacks %q:\n%s", want, blocks)
		}
	}
	if strings.Contains(blocks, "<!channel>") {
		t.Errorf("experts' post pings the channel:\n%s", blocks)
	}
	told := h1.waitCalls(slacktest.MethodResponseURL, 1)[0]
	if !strings.Contains(string(told.Body), "passed your question") || !strings.Contains(string(told.Body), "ephemeral") {
		t.Errorf("got %s, want the asker told privately", told.Body)
	}

	// 2. The same question, privately with the slash command: joins.
	fake.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", UserID: "U2", ChannelID: "C2",
		Text: "What's our policy on bringing DOGS to the office?? <!channel>"})
	dk := h1.waitCalls(slacktest.MethodResponseURL, 2)[1]
	ask2 := find(t, buttons(t, slacktest.Call{Params: map[string]string{"blocks": blocksOf(t, dk)}}), experts.ActionAsk)
	fake.BlockAction(slacktest.Action{UserID: "U2", ChannelID: "C2", ActionID: ask2.ActionID, Value: ask2.Value, Ephemeral: true})
	joined := h1.waitCalls(slacktest.MethodResponseURL, 3)[2]
	if !strings.Contains(string(joined.Body), "same answer") {
		t.Errorf("got %s, want the second asker told they joined", joined.Body)
	}
	if n := len(posts(h1, "CEXP")); n != 1 {
		t.Fatalf("got %d posts in the experts channel, want still 1", n)
	}

	// 3. Two experts press Answer and submit at the same time.
	answer := find(t, buttons(t, exp[0]), experts.ActionAnswer)
	for _, u := range []string{"UEXP1", "UEXP2"} {
		fake.BlockAction(slacktest.Action{UserID: u, ChannelID: "CEXP", ActionID: answer.ActionID, Value: answer.Value})
	}
	for _, u := range []string{"UEXP1", "UEXP2"} {
		v, err := fake.WaitView(h1.ctx(), u, experts.CallbackAnswer, 0)
		if err != nil {
			t.Fatal(err)
		}
		if raw := plainJSON(string(v.Raw)); !strings.Contains(raw, "&lt;!channel&gt;") || !strings.Contains(raw, "knowledge base as a draft") {
			t.Errorf("modal lacks the escaped question or the draft checkbox:\n%s", v.Raw)
		}
	}
	sent := len(fake.Calls("chat.postMessage"))
	envs := map[string]string{}
	for _, u := range []string{"UEXP1", "UEXP2"} {
		env, err := fake.SubmitView(slacktest.Submission{UserID: u, Values: map[string][]string{"answer": {"Dogs on Fridays, <@UALL> & cats never. — " + u}}})
		if err != nil {
			t.Fatal(err)
		}
		envs[u] = env
	}
	winner, loser := "", ""
	for u, env := range envs {
		a, err := fake.WaitViewAck(h1.ctx(), env)
		if err != nil || a.Problem != "" {
			t.Fatalf("got %+v (%v), want %s's submission acked", a, err, u)
		}
		switch a.Action {
		case "update":
			winner = u
		case "errors":
			loser = u
			if !strings.Contains(a.Errors["answer"], "answered") {
				t.Errorf("got %q, want the second expert told it was answered", a.Errors["answer"])
			}
		}
	}
	if winner == "" || loser == "" {
		t.Fatalf("got winner %q and loser %q, want one of each", winner, loser)
	}

	// 4. Each asker gets the answer once, where they asked; the experts'
	// post says who answered, its button gone.
	h1.waitCalls("chat.update", 1)
	h1.waitCalls("chat.postMessage", sent+2) // the thread's answer and U2's DM
	thread, dm := answersIn(h1, "C1"), answersIn(h1, "DU2")
	if len(thread) != 1 || thread[0].Params["thread_ts"] != "1700000100.000100" || len(dm) != 1 {
		t.Fatalf("got %d answers in the thread and %d in U2's DM, want one each, the first in the thread", len(thread), len(dm))
	}
	for _, c := range []slacktest.Call{thread[0], dm[0]} {
		b := plainJSON(c.Params["blocks"])
		if !strings.Contains(b, "Answered by <@"+winner+">") || !strings.Contains(b, "&lt;@UALL&gt; &amp; cats") || strings.Contains(b, "— "+loser) {
			t.Errorf("answer in %s is not the winner's, escaped:\n%s", c.Params["channel"], b)
		}
		find(t, buttons(t, c), experts.ActionFeedback)
	}
	if ups := fake.Calls("chat.update"); len(ups) != 1 {
		t.Errorf("got %d chat.update calls, want 1", len(ups))
	}
	up := fake.Calls("chat.update")[0]
	if up.Params["channel"] != "CEXP" || up.Params["ts"] == "" || !strings.Contains(plainJSON(up.Params["blocks"]), "Answered by <@"+winner+">") ||
		strings.Contains(up.Params["blocks"], experts.ActionAnswer) {
		t.Errorf("got %+v, want the experts' post answered, without its button", up.Params)
	}
	if n := len(posts(h1, "CEXP")); n != 1 {
		t.Errorf("got %d posts in the experts channel, want 1", n)
	}
}

// answersIn are the experts' answers posted in channel.
func answersIn(h *harness, channel string) []slacktest.Call {
	var out []slacktest.Call
	for _, c := range posts(h, channel) {
		if strings.Contains(c.Params["blocks"], "Answered by") {
			out = append(out, c)
		}
	}
	return out
}

// blocksOf is the blocks of a response_url post, as JSON.
func blocksOf(t *testing.T, c slacktest.Call) string {
	t.Helper()
	raw, ok := body(t, c)["blocks"]
	if !ok {
		t.Fatalf("no blocks in %s", c.Body)
	}
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// plainJSON undoes the HTML escaping JSON encoders apply (\u003c for <),
// so what Slack shows can be searched.
func plainJSON(s string) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(s)
}
