package handlers

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// fakePane records what the router sets on assistant threads.
type fakePane struct {
	mu       sync.Mutex
	prompts  []slack.AssistantThreadsPrompt
	titles   []string
	statuses []string
}

func (f *fakePane) SetSuggestedPrompts(_ context.Context, _, _, _ string, p []slack.AssistantThreadsPrompt) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prompts = p
	return nil
}

func (f *fakePane) SetThreadTitle(_ context.Context, _, _, title string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.titles = append(f.titles, title)
	return nil
}

func (f *fakePane) SetThreadStatus(_ context.Context, _, _, status string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statuses = append(f.statuses, status)
	return nil
}

// busyAssess is fakeAssess whose Start says it is busy, as the real one does.
type busyAssess struct{ fakeAssess }

func (b *busyAssess) Start(ctx context.Context, req *bot.Request, id string) (bot.Reply, error) {
	blockkit.Busy(ctx, "is starting your assessment…")
	return b.fakeAssess.Start(ctx, req, id)
}

// recordTips records the requests `tips …` hands to the tips feature.
type recordTips struct{ reqs []bot.Request }

func (r *recordTips) Handle(_ context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	r.reqs = append(r.reqs, *req)
	return bot.Reply{Text: "tips " + strings.Join(args, " ")}, nil
}

func (r *recordTips) HandleAction(context.Context, *bot.Request) (bot.Reply, error) {
	return bot.Reply{}, nil
}

func TestAssistantPane(t *testing.T) {
	pane, tips := &fakePane{}, &recordTips{}
	r, _ := testRouter(t, WithAssistant(pane), WithAssessments(&busyAssess{}), WithTips(tips))
	thread := func(kind bot.Kind, text string) *bot.Request {
		return &bot.Request{Kind: kind, ID: "Ev" + text, UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "7.0", Text: text}
	}
	started := thread(bot.KindAssistantStarted, "")
	started.ContextChannelID = "C5"
	greeting, err := r.Handle(t.Context(), started)
	if err != nil || !strings.Contains(greeting.Text, "<#C5>") || len(pane.prompts) != 4 || pane.prompts[3].Message != TipsHere {
		t.Fatalf("got %q (%v), prompts %+v, want a greeting naming C5 and four prompts, tips for this channel last", greeting.Text, err, pane.prompts)
	}

	// The first question names the thread; a DM the envelope did not mark is known as the pane's.
	first, err := r.Handle(t.Context(), thread(bot.KindAssistantMessage, "who should I hire first, I can't code?"))
	if err != nil || !strings.Contains(flat(t, first), "non-technical founder") {
		t.Fatalf("got %s (%v), want the answer", flat(t, first), err)
	}
	unmarked := thread(bot.KindDM, "assess first-seat")
	if _, err := r.Handle(t.Context(), unmarked); err != nil || unmarked.Kind != bot.KindAssistantMessage {
		t.Fatalf("got kind %v (%v), want the DM thread handled as the pane's", unmarked.Kind, err)
	}
	if len(pane.titles) != 1 || pane.titles[0] != "who should I hire first, I can't code?" {
		t.Errorf("got titles %q, want one, the first question", pane.titles)
	}
	if len(pane.statuses) != 1 || pane.statuses[0] != "is starting your assessment…" {
		t.Errorf("got statuses %q, want the assessment's", pane.statuses)
	}

	// "send tips to this channel" is tips subscribe, for the channel in view.
	if _, err := r.Handle(t.Context(), thread(bot.KindAssistantMessage, "Send tips to this channel")); err != nil {
		t.Fatal(err)
	}
	changed := thread(bot.KindAssistantContextChanged, "")
	changed.ContextChannelID = "C6"
	if _, err := r.Handle(t.Context(), changed); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Handle(t.Context(), thread(bot.KindAssistantMessage, "get me weekly tips here please")); err != nil {
		t.Fatal(err)
	}
	if len(tips.reqs) != 2 || tips.reqs[0].ContextChannelID != "C5" || tips.reqs[1].ContextChannelID != "C6" {
		t.Errorf("got tips requests %+v, want two, for C5 then C6", tips.reqs)
	}

	// A DM thread the pane never had stays a DM.
	other := &bot.Request{Kind: bot.KindDM, ID: "Ev9", UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "8.0", Text: "compare"}
	if _, err := r.Handle(t.Context(), other); err != nil || other.Kind != bot.KindDM {
		t.Errorf("got kind %v (%v), want a plain DM", other.Kind, err)
	}
}

func TestThreadBegunWithAPromptTitledByIt(t *testing.T) {
	tests := []struct{ first, want string }{
		{"compare", "Compare the seats"},
		{"ASSESS", "Take an assessment"},
		{TipsHere, "Get weekly tips in this channel"},
		{"tips subscribe", "Get weekly tips"},
		{"pair", "Take it with a co-founder"},
		{"  who should   I hire first? ", "who should I hire first?"},
	}
	for _, tt := range tests {
		t.Run(tt.first, func(t *testing.T) {
			pane := &fakePane{}
			r, _ := testRouter(t, WithAssistant(pane))
			req := &bot.Request{Kind: bot.KindAssistantMessage, ID: "Ev1", UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "7.0", Text: tt.first}
			if _, err := r.Handle(t.Context(), req); err != nil {
				t.Fatal(err)
			}
			if len(pane.titles) != 1 || pane.titles[0] != tt.want {
				t.Errorf("got titles %q, want %q", pane.titles, tt.want)
			}
		})
	}
}

func TestTipsPhrases(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{TipsHere, true},
		{"please send us weekly tips in this channel!", true},
		{"post tips here", true},
		{"get tips", true},
		{"send tips to my boss", false},
		{"what tips do you have on hiring?", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			cmd, _, _ := parseCommand(tt.text)
			if got := cmd == "tips"; got != tt.want {
				t.Fatalf("got %q, want tips %v", cmd, tt.want)
			}
		})
	}
}
