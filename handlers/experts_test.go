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

// fakeExperts records what the router asks of Ask a person.
type fakeExperts struct {
	mu     sync.Mutex
	offers []string // question|entry
}

func (f *fakeExperts) Offer(_ context.Context, _ *bot.Request, question, entryID string) []slack.Block {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.offers = append(f.offers, question+"|"+entryID)
	return []slack.Block{blockkit.Context("", "ASK-A-PERSON")}
}

func (f *fakeExperts) Handle(context.Context, *bot.Request, []string) (bot.Reply, error) {
	return blockkit.EphemeralText("EXPERTS-COMMAND"), nil
}

func (f *fakeExperts) HandleAction(context.Context, *bot.Request) (bot.Reply, error) {
	return blockkit.EphemeralText("EXPERTS-ACTION"), nil
}

func (f *fakeExperts) PersonStatus(_ context.Context, qs []string) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		if strings.Contains(q, "sourdough") {
			out[i] = "PERSON-ANSWERED"
		}
	}
	return out
}

func TestAskAPersonOfferedWhereTheAdvisorFallsShort(t *testing.T) {
	ex := &fakeExperts{}
	r, _ := testRouter(t, WithExperts(ex), WithAdmins([]string{"UBOSS"}))
	ctx := context.Background()
	tests := []struct {
		name  string
		req   *bot.Request
		offer string // how what Offer was given ends (question|entry), "" for no offer
	}{
		{"I don't know", cmd("ask how do I bake sourdough"), "how do I bake sourdough|"},
		{"a known answer", cmd("ask who should I hire first as a non-technical founder?"), ""},
		{"a thumbs down", &bot.Request{Kind: bot.KindAction, UserID: "U1", ChannelID: "C1", ActionID: ActionFeedback,
			ActionValue: "down:hire-first-nontechnical"}, "|hire-first-nontechnical"},
		{"a thumbs up", &bot.Request{Kind: bot.KindAction, UserID: "U1", ChannelID: "C1", ActionID: ActionFeedback,
			ActionValue: "up:hire-first-nontechnical"}, ""},
		{"the experts command", cmd("experts status"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex.offers = nil
			reply, err := r.Handle(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := flat(t, reply)
			if offered := strings.Contains(got, "ASK-A-PERSON"); offered != (tt.offer != "") {
				t.Errorf("got %s, want the offer shown: %v", got, tt.offer != "")
			}
			if tt.offer != "" && (len(ex.offers) != 1 || !strings.HasSuffix(ex.offers[0], tt.offer)) {
				t.Errorf("got offers %q, want %q", ex.offers, tt.offer)
			}
		})
	}
	if reply, _ := r.Handle(ctx, cmd("experts status")); !strings.Contains(reply.Text, "EXPERTS-COMMAND") {
		t.Errorf("got %q, want experts routed", reply.Text)
	}
	click := &bot.Request{Kind: bot.KindAction, UserID: "U1", ActionID: blockkit.PrefixExperts + "ask", ActionValue: "x"}
	if reply, _ := r.Handle(ctx, click); !strings.Contains(reply.Text, "EXPERTS-ACTION") {
		t.Errorf("got %q, want the experts' buttons routed", reply.Text)
	}
	req := cmd("unanswered")
	req.UserID = "UBOSS"
	if reply, _ := r.Handle(ctx, req); !strings.Contains(flat(t, reply), "sourdough") || !strings.Contains(flat(t, reply), "PERSON-ANSWERED") {
		t.Errorf("got %s, want the unanswered list to say how each fared with a person", flat(t, reply))
	}
}
