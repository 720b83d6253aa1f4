package tips

import (
	"testing"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
	"github.com/slack-go/slack"
)

func TestTipMessageButtons(t *testing.T) {
	tip := &knowledge.Tip{ID: "t1", Text: "Tip t1", Topic: "selling", Audience: []string{"ceo"}, Related: "faq-t1"}
	tests := []struct {
		name    string
		sub     scheduler.Subscription
		want    map[string]string // action_id → value
		notWant string
	}{
		{"channel", scheduler.Subscription{Channel: "C1"}, map[string]string{blockkit.ActionFAQ: tip.Related, ActionPause: "C1"}, ActionStop},
		{"personal", scheduler.Subscription{Channel: "D1", Personal: true}, map[string]string{blockkit.ActionFAQ: tip.Related, ActionStop: "D1"}, ActionPause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := TipMessage(tt.sub, scheduler.Pick{Tip: tip})
			got := map[string]string{}
			for _, b := range m.Blocks {
				if a, ok := b.(*slack.ActionBlock); ok {
					for _, e := range a.Elements.ElementSet {
						btn := e.(*slack.ButtonBlockElement)
						got[btn.ActionID] = btn.Value
					}
				}
			}
			for id, v := range tt.want {
				if got[id] != v {
					t.Fatalf("button %s value got %q, want %q", id, got[id], v)
				}
			}
			if _, ok := got[tt.notWant]; ok {
				t.Fatalf("got a %s button, want none", tt.notWant)
			}
			if m.Channel != tt.sub.Channel {
				t.Fatalf("channel got %q, want %q", m.Channel, tt.sub.Channel)
			}
		})
	}
}
