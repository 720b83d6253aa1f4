package tips

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/scheduler"
)

// form is a settings submission: the defaults, then the changes.
func form(changes map[string]bot.Field) bot.Form {
	f := bot.Form{
		fieldDest: {Value: destChannel}, fieldChannel: {Value: "C1"}, fieldFreq: {Value: scheduler.KindWeekly},
		fieldDays: {Values: []string{"mon"}}, fieldTime: {Value: "09:30"}, fieldTZ: {Value: "Europe/Berlin"},
		fieldAudience: {Value: "all"},
	}
	for k, v := range changes {
		f[k] = v
	}
	return f
}

func TestSettingsFieldErrors(t *testing.T) {
	now := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		changes map[string]bot.Field
		field   string
	}{
		{"a channel but none picked", map[string]bot.Field{fieldChannel: {}}, fieldChannel},
		{"someone's DM is no channel", map[string]bot.Field{fieldChannel: {Value: "DSOMEONE"}}, fieldChannel},
		{"weekly without a day", map[string]bot.Field{fieldDays: {}}, fieldDays},
		{"no time", map[string]bot.Field{fieldTime: {}}, fieldTime},
		{"unknown timezone", map[string]bot.Field{fieldTZ: {Value: "Mars/Olympus"}}, fieldTZ},
		{"Local is no timezone", map[string]bot.Field{fieldTZ: {Value: "Local"}}, fieldTZ},
		{"skip until a day that began", map[string]bot.Field{fieldSkip: {Value: "2026-01-05"}}, fieldSkip},
		{"skip for years", map[string]bot.Field{fieldSkip: {Value: "2028-01-05"}}, fieldSkip},
		{"no frequency", map[string]bot.Field{fieldFreq: {}}, fieldFreq},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := readSettings(form(tt.changes), now)
			if len(errs) != 1 || errs[tt.field] == "" {
				t.Fatalf("got errors %v, want one under %s", errs, tt.field)
			}
		})
	}
	if _, errs := readSettings(form(map[string]bot.Field{fieldDest: {Value: destDM}, fieldChannel: {}, fieldFreq: {Value: "daily"}, fieldDays: {}}), now); len(errs) != 0 {
		t.Errorf("got %v, want my DMs daily accepted without a channel or days", errs)
	}
}

func TestSettingsSchedule(t *testing.T) {
	tests := []struct {
		name string
		days []string
		want scheduler.Schedule
	}{
		{"one day", []string{"thu"}, scheduler.Schedule{Kind: scheduler.KindWeekly, Weekday: time.Thursday, Hour: 9, Minute: 30, TZ: "Europe/Berlin"}},
		{"two days", []string{"thu", "mon"}, scheduler.Schedule{Kind: scheduler.KindWeekly, Days: []time.Weekday{time.Monday, time.Thursday}, Hour: 9, Minute: 30, TZ: "Europe/Berlin"}},
		{"Monday to Friday", []string{"mon", "tue", "wed", "thu", "fri"}, scheduler.Schedule{Kind: scheduler.KindWeekdays, Hour: 9, Minute: 30, TZ: "Europe/Berlin"}},
		{"every day", []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, scheduler.Schedule{Kind: scheduler.KindDaily, Hour: 9, Minute: 30, TZ: "Europe/Berlin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := readSettings(form(map[string]bot.Field{fieldDays: {Values: tt.days}}), time.Now())
			if got := st.schedule(); len(errs) > 0 || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v (%v), want %+v", got, errs, tt.want)
			}
		})
	}
}

func submit(t *testing.T, e env, user string, meta modalMeta, f bot.Form) bot.Reply {
	t.Helper()
	raw := `{"o":"` + meta.Origin + `","e":"` + meta.Edit + `"}`
	r, err := e.c.HandleCallback(context.Background(), &bot.Request{Kind: bot.KindViewSubmission, CallbackID: CallbackSettings,
		UserID: user, PrivateMetadata: raw, Values: f})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func noticeText(r bot.Reply) string {
	if r.View == nil || r.View.View == nil {
		return ""
	}
	var b strings.Builder
	for _, blk := range r.View.View.Blocks.BlockSet {
		if s, ok := blk.(*slack.SectionBlock); ok {
			b.WriteString(s.Text.Text)
		}
	}
	return b.String()
}

func TestSettingsSavedAndConfirmedInTheUsersTimezone(t *testing.T) {
	e := newEnv(t)
	r := submit(t, e, "UTOKYO", modalMeta{Origin: "C1"}, form(map[string]bot.Field{fieldDays: {Values: []string{"mon", "thu"}}}))
	text := noticeText(r)
	if !strings.Contains(text, "weekly, Mondays and Thursdays 09:30 Europe/Berlin") || !strings.Contains(text, "your time (Asia/Tokyo)") ||
		!strings.Contains(text, "in Europe/Berlin") {
		t.Fatalf("got %q, want the schedule and the first tip in Tokyo time and Berlin time", text)
	}
	if r.Channel != "C1" || !strings.Contains(r.Text, "<@UTOKYO> subscribed this channel to") {
		t.Errorf("got %q to %q, want the typed form's announcement in C1", r.Text, r.Channel)
	}
	sub, err := e.s.Get(context.Background(), "C1")
	if err != nil || sub.CreatedBy != "UTOKYO" || len(sub.Schedule.Days) != 2 {
		t.Fatalf("got %+v (%v), want C1 on two days, set up by UTOKYO", sub, err)
	}

	// Someone else may not change it; the creator may, and a pause survives the edit.
	if r := submit(t, e, "U2", modalMeta{Origin: "C1"}, form(nil)); r.View == nil || r.View.Errors[fieldChannel] == "" {
		t.Fatalf("got %+v, want a field error for someone else's channel", r)
	}
	if err := e.s.Pause(context.Background(), "C1", "UTOKYO", ""); err != nil {
		t.Fatal(err)
	}
	r = submit(t, e, "UTOKYO", modalMeta{Origin: "C1", Edit: "C1"}, form(map[string]bot.Field{fieldFreq: {Value: "daily"}, fieldSkip: {Value: time.Now().AddDate(0, 1, 0).Format(time.DateOnly)}}))
	if r.View != nil && len(r.View.Errors) > 0 {
		t.Fatalf("got errors %v", r.View.Errors)
	}
	sub, _ = e.s.Get(context.Background(), "C1")
	if !sub.Paused || sub.Schedule.Kind != scheduler.KindDaily || r.Channel != "" || !strings.Contains(noticeText(r), "paused") {
		t.Errorf("got %+v, reply %q, want a daily schedule still paused and no new announcement", sub, noticeText(r))
	}

	// Not a member: a field error, nothing saved.
	if r := submit(t, e, "UTOKYO", modalMeta{}, form(map[string]bot.Field{fieldChannel: {Value: "C9"}})); r.View == nil || !strings.Contains(r.View.Errors[fieldChannel], "/invite") {
		t.Errorf("got %+v, want the invite hint under the channel", r)
	}

	// My DMs: personal tips, and the modal filled in from them on edit.
	submit(t, e, "UTOKYO", modalMeta{}, form(map[string]bot.Field{fieldDest: {Value: destDM}, fieldTZ: {Value: "Asia/Tokyo"}, fieldAudience: {Value: "cto"}}))
	mine, err := e.s.Get(context.Background(), "D-UTOKYO")
	if err != nil || !mine.Personal || mine.Audience != "cto" || mine.Schedule.TZ != "Asia/Tokyo" {
		t.Fatalf("got %+v (%v), want personal tips for CTOs in Tokyo time", mine, err)
	}
	if _, err := e.c.HandleAction(context.Background(), &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", TriggerID: "tr",
		ActionID: ActionEdit, ActionValue: "D-UTOKYO"}); err != nil {
		t.Fatal(err)
	}
	v := e.sl.views[len(e.sl.views)-1]
	if !strings.Contains(v.PrivateMetadata, `"e":"D-UTOKYO"`) || initialRadio(v, fieldDest) != destDM || initialRadio(v, fieldAudience) != "cto" {
		t.Errorf("got modal %+v, want it filled in from the personal tips", v)
	}
}

// initialRadio is the initially selected option of the radio buttons in block id.
func initialRadio(v slack.ModalViewRequest, id string) string {
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok && in.BlockID == id {
			if r, ok := in.Element.(*slack.RadioButtonsBlockElement); ok && r.InitialOption != nil {
				return r.InitialOption.Value
			}
		}
	}
	return ""
}

func TestSubscribeAloneOpensTheModalWhereSlackCan(t *testing.T) {
	e := newEnv(t)
	click := &bot.Request{Kind: bot.KindAction, UserID: "UTOKYO", ChannelID: "C1", TriggerID: "tr"} // help's "Subscribe to tips"
	if r := run(t, e, click, "subscribe"); !r.Empty() || len(e.sl.views) != 1 || e.sl.views[0].CallbackID != CallbackSettings {
		t.Fatalf("got %+v and modals %d, want the settings opened and nothing said", r, len(e.sl.views))
	}
	if _, err := e.s.Get(context.Background(), "C1"); err == nil {
		t.Error("opening the settings subscribed the channel")
	}
	v := e.sl.views[0]
	if !strings.Contains(v.PrivateMetadata, `"o":"C1"`) || initialRadio(v, fieldDest) != destChannel {
		t.Errorf("got %+v, want the channel it was opened in suggested", v)
	}
	typed := channelReq("U1") // no trigger: a mention, or a DM
	if r := run(t, e, typed, "subscribe"); !strings.Contains(r.Text, "subscribed this channel") || len(e.sl.views) != 1 {
		t.Errorf("got %q, want the typed form as before", r.Text)
	}
	mine := run(t, e, &bot.Request{Kind: bot.KindAction, UserID: "U2", ChannelID: "C1", TriggerID: "tr2"}, "subscribe")
	if !strings.Contains(mine.Text, "Only <@U1>") {
		t.Errorf("got %q, want someone else's subscription refused, not opened", mine.Text)
	}
}
