package assessment

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
)

func (e *env) complete(t *testing.T, answers ...int) {
	t.Helper()
	e.startDM(t)
	for _, a := range answers {
		e.answerByButton(t, e.svc, "U1", a)
	}
}

func TestHistoryLatestAndPrevious(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if l, p, err := e.svc.Latest(ctx, "U1"); l != nil || p != nil || err != nil {
		t.Fatalf("got %v %v %v before any result, want nothing", l, p, err)
	}
	if topics, _, err := e.svc.WeakestTopics(ctx, "U1"); topics != nil || err != nil {
		t.Fatalf("got %v %v before any result, want nil", topics, err)
	}
	e.complete(t, 0, 0, 2, 2) // selling 0/4, product 4/4
	e.clock.Add(24 * time.Hour)
	e.complete(t, 2, 2, 1, 0) // selling 4/4, product 1/4
	latest, prev, err := e.svc.Latest(ctx, "U1")
	if err != nil || latest == nil || prev == nil {
		t.Fatalf("got %v %v %v, want two outcomes", latest, prev, err)
	}
	if latest.Total != 5 || prev.Total != 4 || !latest.At.After(prev.At) {
		t.Errorf("got latest %d at %v, previous %d at %v; want 5 after 4", latest.Total, latest.At, prev.Total, prev.At)
	}
	topics, reason, err := e.svc.WeakestTopics(ctx, "U1")
	if err != nil || !slices.Equal(topics, []string{"product-thinking"}) || !strings.Contains(reason, "*Product* (25%)") {
		t.Errorf("got %v %q %v, want product-thinking because of Product 25%%", topics, reason, err)
	}
	if ttl := e.rdb.PTTL(ctx, e.svc.keys.history("U1")).Val(); ttl < 89*24*time.Hour {
		t.Errorf("got history ttl %v, want about 90 days", ttl)
	}
	// Outcomes older than the history TTL are not shown.
	e.clock.Add(90*24*time.Hour - time.Hour)
	if l, p, _ := e.svc.Latest(ctx, "U1"); l == nil || p != nil {
		t.Errorf("got %v %v near 90 days, want only the latest", l, p)
	}
}

func TestWeakestTopicsTie(t *testing.T) {
	e := newEnv(t)
	e.complete(t, 1, 1, 1, 1) // both 50%
	topics, reason, err := e.svc.WeakestTopics(context.Background(), "U1")
	if err != nil || !slices.Equal(topics, []string{"selling", "product-thinking"}) || !strings.Contains(reason, "*Selling* and *Product*") {
		t.Errorf("got %v %q %v, want both topics", topics, reason, err)
	}
}

func TestActive(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if p, err := e.svc.Active(ctx, "U1"); p != nil || err != nil {
		t.Fatalf("got %v %v before starting, want nil", p, err)
	}
	e.startDM(t)
	e.answerByButton(t, e.svc, "U1", 0)
	p, err := e.svc.Active(ctx, "U1")
	if err != nil || p == nil || p.Answered != 1 || p.Questions != 4 || p.AssessmentID != "founder-fit" {
		t.Fatalf("got %+v %v, want 1 of 4 answered", p, err)
	}
	r, err := e.svc.HandleAction(ctx, &bot.Request{Kind: bot.KindAction, UserID: "U1", ActionID: ActionResume, ActionValue: p.ResumeValue})
	if err != nil || !strings.Contains(r.Text, "2/4") {
		t.Errorf("resume from home: %q %v", r.Text, err)
	}
	for range 3 {
		e.answerByButton(t, e.svc, "U1", 0)
	}
	if p, err := e.svc.Active(ctx, "U1"); p != nil || err != nil {
		t.Errorf("got %v %v after finishing, want nil", p, err)
	}
}
