package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/handlers"
)

// words is a text of n characters made of word, as an admin might paste.
func words(word string, n int) string {
	s := strings.Repeat(word+" ", n/(len(word)+1)+1)
	return strings.TrimSpace(s[:n])
}

// hugeKnowledge writes knowledge files with every text as long as the
// knowledge's own checks let through, or longer where they set no limit
// (titles, rows, reasons), and more items than any block takes.
func hugeKnowledge(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("comparisons:\n  - id: ceo-vs-cto\n")
	fmt.Fprintf(&b, "    title: %q\n    summary: %q\n    convergence: %q\n", words("Title", 300), words("summary", 4000), words("converge", 4000))
	fmt.Fprintf(&b, "    left: {key: ceo, name: %q, title: Chief}\n    right: {key: cto, name: %q, title: Tech}\n    rows:\n", words("CEO", 100), words("CTO", 100))
	for i := range 60 {
		fmt.Fprintf(&b, "      - {id: row-%d, dimension: %q, left: %q, right: %q, keywords: [dim%d]}\n", i, words("Dimension", 200), words("left", 2500), words("right", 2500), i)
	}
	related := make([]string, 10)
	b.WriteString("faq:\n")
	for i := range related {
		related[i] = fmt.Sprintf("rel-%d", i)
		fmt.Fprintf(&b, "  - {id: rel-%d, question: %q, short: %q, long: %q, tags: [roles]}\n", i, words("Related question", 500), words("short", 300), words("long", 2900))
	}
	fmt.Fprintf(&b, "  - {id: huge, question: %q, alternates: [huge question about everything], short: %q, long: %q, related: [%s], tags: [roles]}\n",
		words("Huge question", 600), words("short", 300), words("long", 2900), strings.Join(related, ", "))
	b.WriteString("tips:\n")
	for i := range 3 {
		fmt.Fprintf(&b, "  - {id: huge-tip-%d, text: %q, topic: selling, audience: [founder, ceo, cto, team-lead], related: huge}\n", i, words("tip", 500))
	}
	b.WriteString("assessments:\n")
	for a := range 101 {
		fmt.Fprintf(&b, "  - id: huge-%d\n    title: %q\n    summary: %q\n    audience: [founder, ceo]\n    dimensions: [{id: d1, name: %q, topic: selling}]\n    questions:\n",
			a, words("Assessment title", 300), words("summary", 3000), words("Dimension name", 200))
		for q := range 7 {
			fmt.Fprintf(&b, "      - id: q%d\n        text: %q\n        dimension: d1\n        options:\n", q, words("question text", 1000))
			for k := range 5 {
				fmt.Fprintf(&b, "          - {label: %q, score: %d}\n", words(fmt.Sprintf("Option %d label", k), 75), k)
			}
		}
		reasons := make([]string, 10)
		for i := range reasons {
			reasons[i] = fmt.Sprintf("%q", words("reason", 500))
		}
		fmt.Fprintf(&b, "    bands: [{min: 0, max: 28, title: %q, recommendation: %q, reasons: [%s], read: [huge, %s]}]\n",
			words("Band title", 300), words("recommendation", 3000), strings.Join(reasons, ", "), strings.Join(related, ", "))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "huge.yaml"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEveryReplyFitsBlockKitWithHugeKnowledge runs every surface over
// knowledge at its limits: the harness fails on any call the fake Slack
// rejects (it checks Block Kit's limits for messages, modals and the Home).
func TestEveryReplyFitsBlockKitWithHugeKnowledge(t *testing.T) {
	h := startApp(t, map[string]string{"KNOWLEDGE_DIR": hugeKnowledge(t), "ADMIN_USER_IDS": "UADMIN", "WORKERS": "1"})
	cmd := func(text string) {
		h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: text, UserID: "UADMIN", ChannelID: "C1"})
	}
	n := 0
	for _, text := range []string{"help", "compare", "compare dim7", "ask huge question about everything", "assess", "assess nope",
		"tips subscribe daily 09:00 UTC", "tips status", "tips preview", "stats", "unanswered"} {
		cmd(text)
		n++
		h.waitCalls(slacktest.MethodResponseURL, n)
	}
	if cmp := h.slack.Calls(slacktest.MethodResponseURL)[1]; !strings.Contains(string(cmp.Body), "cut here") {
		t.Errorf("got %.300s, want the 60-row comparison cut at Slack's 50 blocks, saying so", cmp.Body)
	}
	cmd("tips now")
	h.waitCalls("chat.postMessage", 1)
	h.slack.HomeOpened("UADMIN")
	h.waitCalls("views.publish", 1)
	h.slack.GlobalShortcut(slacktest.Shortcut{UserID: "UADMIN", CallbackID: handlers.ShortcutAssess})
	if _, err := h.slack.WaitView(h.ctx(), "UADMIN", "assess:pick", 0); err != nil {
		t.Fatal(err)
	}
	h.slack.MessageShortcut(slacktest.MessageShortcut{UserID: "UADMIN", CallbackID: handlers.ShortcutAsk, Message: slacktest.Msg{Text: words("huge question about everything", 40000)}})
	n++
	h.waitCalls(slacktest.MethodResponseURL, n)
	cmd("tips subscribe")
	if _, err := h.slack.WaitView(h.ctx(), "UADMIN", "tips:settings", 0); err != nil {
		t.Fatal(err)
	}
	cmd("assess huge-3") // runs in the DM
	for q := 2; ; q++ {  // chat.postMessage 1 was the tip
		last := h.waitCalls("chat.postMessage", q)[q-1]
		if !strings.Contains(last.Params["blocks"], "assess:answer") {
			if !strings.Contains(last.Params["blocks"], "Band title") {
				t.Errorf("got %.300s, want the result", last.Params["blocks"])
			}
			break
		}
		ans := find(t, buttons(t, last), "assess:answer")
		h.slack.BlockAction(slacktest.Action{UserID: "UADMIN", ChannelID: "DUADMIN", ActionID: ans.ActionID, Value: ans.Value, MessageTS: last.Params["ts"]})
	}
}
