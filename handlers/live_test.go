package handlers

import (
	"context"
	"strings"
	"testing"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/knowledge"
)

// TestAnswersFollowTheLiveBase: a base swapped in while the router runs
// answers the next question, and a team's entry says who answered it,
// once.
func TestAnswersFollowTheLiveBase(t *testing.T) {
	r0, _ := testRouter(t)
	live := knowledge.NewLive(r0.kb)
	r, _ := testRouter(t, WithKnowledge(live))
	q := "How do we run on-call rotations for the data platform team?"
	req := &bot.Request{Kind: bot.KindDM, UserID: "U1", ChannelID: "D1", ChannelType: "im", Text: q}
	if got := flat(t, r.ask(context.Background(), req, q)); strings.Contains(got, "Weekly rotations") {
		t.Fatal("answered before the entry was published")
	}
	short := "Weekly rotations of two, with a handover on Mondays."
	b, err := knowledge.Extend("", []*knowledge.Entry{{ID: "team-on-call", Question: q, Alternates: []string{q}, Short: short, Long: short, Answered: "2026-05-04"}})
	if err != nil {
		t.Fatal(err)
	}
	live.Store(b)
	got := flat(t, r.ask(context.Background(), req, q))
	if !strings.Contains(got, "Answered by your team, May 4, 2026") || strings.Count(got, short) != 1 {
		t.Errorf("got %s, want the team's answer shown once with its date", got)
	}
}
