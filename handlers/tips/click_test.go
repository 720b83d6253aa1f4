package tips

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// watchHome is a context in which blockkit.HomeChanged is counted.
func watchHome() (context.Context, *int) {
	n := new(int)
	return blockkit.WithHomeChanged(context.Background(), func() { *n++ }), n
}

// actionIDs are the action ids of a reply's buttons.
func actionIDs(r bot.Reply) []string {
	var ids []string
	for _, b := range r.Blocks {
		if a, ok := b.(*slack.ActionBlock); ok {
			for _, e := range a.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok {
					ids = append(ids, btn.ActionID)
				}
			}
		}
	}
	return ids
}

func TestManageClicksAnsweredWhereTheyWerePressed(t *testing.T) {
	tests := []struct {
		name        string
		user        string
		action      string
		onHome, eph bool
		wantHome    int
		wantReplace bool
		wantText    string // in the reply's text ("" for none)
		wantButtons string // the reply's button ids, comma separated
		wantPaused  bool
	}{
		{name: "pause on the Home: the Home again, no DM", user: "U1", action: ActionPause, onHome: true, wantHome: 1, wantPaused: true},
		{name: "pause on tips status: redrawn with Resume", user: "U1", action: ActionPause, eph: true, wantReplace: true,
			wantText: "Paused the tips in <#C1>", wantButtons: "tips:edit,tips:resume,tips:stop", wantPaused: true},
		{name: "pause on a tip: said as before", user: "U1", action: ActionPause, wantText: "Paused the tips in <#C1>", wantPaused: true},
		{name: "unsubscribe on tips status: the note alone", user: "U1", action: ActionStop, eph: true, wantReplace: true, wantText: "Unsubscribed <#C1>"},
		{name: "refused on the Home: said, Home unchanged", user: "U2", action: ActionPause, onHome: true, wantText: "Only <@U1>"},
		{name: "refused on tips status: said, status kept", user: "U2", action: ActionStop, eph: true, wantText: "Only <@U1>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			run(t, e, channelReq("U1"), "subscribe")
			ctx, home := watchHome()
			req := &bot.Request{Kind: bot.KindAction, UserID: tt.user, ActionID: tt.action, ActionValue: "C1", OnHome: tt.onHome, Ephemeral: tt.eph}
			if !tt.onHome {
				req.ChannelID, req.ResponseURL = "C1", "https://hooks/x"
			}
			r, err := e.c.HandleAction(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if *home != tt.wantHome || r.ReplaceOriginal != tt.wantReplace {
				t.Errorf("got Home published %d times, replace %v; want %d, %v", *home, r.ReplaceOriginal, tt.wantHome, tt.wantReplace)
			}
			if tt.wantText == "" && !r.Empty() || !strings.Contains(r.Text, tt.wantText) {
				t.Errorf("got %q, want %q", r.Text, tt.wantText)
			}
			if got := strings.Join(actionIDs(r), ","); got != tt.wantButtons {
				t.Errorf("got buttons %q, want %q", got, tt.wantButtons)
			}
			if sub, _ := e.s.Get(context.Background(), "C1"); sub.Paused != tt.wantPaused {
				t.Errorf("got paused %v, want %v", sub.Paused, tt.wantPaused)
			}
		})
	}
}

func TestPersonalPauseSaysWhose(t *testing.T) {
	e := newEnv(t)
	run(t, e, &bot.Request{Kind: bot.KindDM, UserID: "UTOKYO", ChannelID: "D-UTOKYO", ChannelType: "im"}, "subscribe")
	r, err := e.c.HandleAction(context.Background(), &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", ChannelID: "D-UTOKYO",
		ActionID: ActionPause, ActionValue: "D-UTOKYO", ResponseURL: "https://hooks/x"})
	if err != nil || !strings.Contains(r.Text, "Paused your personal tips") || strings.Contains(r.Text, "<#") {
		t.Fatalf("got %q (%v), want the personal tips named, not a DM as a channel", r.Text, err)
	}
}

func TestSettingsFromTheHomePublishItAgain(t *testing.T) {
	for _, fromHome := range []bool{false, true} {
		e := newEnv(t)
		ctx, home := watchHome()
		if _, err := e.c.HandleAction(ctx, &bot.Request{Kind: bot.KindAction, UserID: "U1", TriggerID: "tr", ActionID: ActionSetup, OnHome: fromHome}); err != nil {
			t.Fatal(err)
		}
		meta := e.sl.views[0].PrivateMetadata
		r, err := e.c.HandleCallback(ctx, &bot.Request{Kind: bot.KindViewSubmission, CallbackID: CallbackSettings, UserID: "U1",
			PrivateMetadata: meta, Values: form(nil)})
		if err != nil || r.View == nil || len(r.View.Errors) > 0 {
			t.Fatalf("got %+v (%v), want the settings saved", r.View, err)
		}
		if want := map[bool]int{false: 0, true: 1}[fromHome]; *home != want {
			t.Errorf("opened from the Home %v: got the Home published %d times, want %d", fromHome, *home, want)
		}
	}
}

// Slack's datepicker cannot be emptied: an edit form holding a skip date
// that has begun could never be saved.
func TestEditFormLeavesOutASkipDateThatHasBegun(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, berlin)
	tests := []struct {
		name string
		skip time.Time
		want string
	}{
		{"passed", time.Date(2026, 3, 2, 0, 0, 0, 0, berlin), ""},
		{"began today", time.Date(2026, 3, 10, 0, 0, 0, 0, berlin), ""},
		{"ahead", time.Date(2026, 3, 20, 0, 0, 0, 0, berlin), "2026-03-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := scheduler.Subscription{Channel: "C1", Schedule: scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 9, TZ: "Europe/Berlin"}, SkipUntil: tt.skip}
			st := settingsOf(sub, "C1", "UTC", now)
			if st.Skip != tt.want {
				t.Fatalf("got skip %q, want %q", st.Skip, tt.want)
			}
			if _, errs := readSettings(form(map[string]bot.Field{fieldFreq: {Value: scheduler.KindDaily}, fieldSkip: {Value: st.Skip}}), now); len(errs) > 0 {
				t.Errorf("the form as filled in is refused: %v", errs)
			}
		})
	}
}
