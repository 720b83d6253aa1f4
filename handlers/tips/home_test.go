package tips

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/internal/redistest"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// The tips' App Home section lists what the user manages (their channel
// subscriptions, every one for an admin, at most 10, then how many more),
// and their personal tips or a button to start them; from the index, not
// from every subscription.
func TestHomeListsWhatTheUserManages(t *testing.T) {
	kb, err := knowledge.Load("")
	if err != nil {
		t.Fatal(err)
	}
	rdb, prefix := redistest.New(t)
	s := NewScheduler(rdb, prefix, kb, nil, zerolog.New(zerolog.NewTestWriter(t)))
	ctx := context.Background()
	sch := scheduler.Schedule{Kind: scheduler.KindWeekly, Hour: 9, TZ: "UTC"}
	for _, sub := range []scheduler.Subscription{
		{Channel: "C1", CreatedBy: "U1"}, {Channel: "C2", CreatedBy: "U1"}, {Channel: "C3", CreatedBy: "U2"},
		{Channel: "C4", CreatedBy: "U1"}, {Channel: "C4", CreatedBy: "U2"}, // taken over by U2
		{Channel: "D1", Personal: true, User: "U1", CreatedBy: "U1"}, {Channel: "D2", Personal: true, User: "U2", CreatedBy: "U2"},
	} {
		sub.Schedule = sch
		if _, err := s.Subscribe(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 20 {
		if _, err := s.Subscribe(ctx, scheduler.Subscription{Channel: fmt.Sprintf("CX%02d", i), CreatedBy: "U9", Schedule: sch}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, user string
		admin      bool
		want, not  []string
	}{
		{"own channels and personal tips", "U1", false, []string{"<#C1>", "<#C2>", `"value":"D1"`, "You get personal tips"}, []string{"<#C3>", "<#C4>", "D2", "CX", "more"}},
		{"another's", "U2", false, []string{"<#C3>", "<#C4>", `"value":"D2"`}, []string{"<#C1>", "D1"}},
		{"nothing managed", "U5", false, []string{"Get tips in my DM"}, []string{"<#C", "You get personal tips"}},
		{"an admin sees 10 channels, then how many more", "UADMIN", true, []string{"<#C1>", "<#CX05>", "…and 14 more", "Get tips in my DM"}, []string{"<#CX06>", "D1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := Home{Subs: s, IsAdmin: func(context.Context, string) bool { return tt.admin }}
			blocks, err := h.HomeBlocks(ctx, tt.user)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(blocks); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("section lacks %s: %s", w, got)
				}
			}
			for _, d := range tt.not {
				if strings.Contains(got, d) {
					t.Errorf("section has %s: %s", d, got)
				}
			}
		})
	}
}
