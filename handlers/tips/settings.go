package tips

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// Callback ids of the tips' modals, and the block ids of the settings
// modal's inputs (a submission's Values and its field errors use them).
const (
	CallbackSettings = blockkit.PrefixTips + "settings"
	CallbackDone     = blockkit.PrefixTips + "settings-done"

	fieldDest     = "dest"     // radio: a channel, or my DMs
	fieldChannel  = "channel"  // conversations_select
	fieldFreq     = "freq"     // radio: daily, weekdays, weekly
	fieldDays     = "days"     // checkboxes, for weekly
	fieldTime     = "time"     // timepicker
	fieldTZ       = "tz"       // text: an IANA name
	fieldAudience = "audience" // radio
	fieldSkip     = "skip"     // datepicker: no tips until then

	destChannel, destDM = "channel", "dm"
)

// settings is what the modal edits: a subscription in form words.
type settings struct {
	Personal bool
	Channel  string
	Kind     string // scheduler.KindDaily, KindWeekdays or KindWeekly
	Days     []time.Weekday
	Hour     int
	Minute   int
	TZ       string
	Audience string
	Skip     string    // "2006-01-02", or ""
	Cron     string    // the subscription's cron schedule, which the form replaces
	until    time.Time // Skip as an instant in TZ
}

// modalMeta rides in private_metadata: where the modal was opened and
// which subscription it edits ("" for a new one).
type modalMeta struct {
	Origin string `json:"o,omitempty"`
	Edit   string `json:"e,omitempty"`
	Home   bool   `json:"h,omitempty"` // opened from the App Home, which shows the change once saved
}

// settingsOf is the form for sub, or (zero sub) the defaults for a new one
// opened in origin: that channel, or the user's DM, weekly on Mondays at
// 09:00 in tz. A skip date that has begun by now is left out: Slack's
// datepicker cannot be emptied, and the form refuses a date that has
// begun, so it would block every save.
func settingsOf(sub scheduler.Subscription, origin, tz string, now time.Time) settings {
	if sub.Channel == "" {
		personal := origin == "" || strings.HasPrefix(origin, "D")
		st := settings{Personal: personal, Kind: scheduler.KindWeekly, Days: []time.Weekday{time.Monday}, Hour: 9, TZ: tz}
		if !personal {
			st.Channel = origin
		}
		return st
	}
	s := sub.Schedule
	st := settings{Personal: sub.Personal, Channel: sub.Channel, Kind: s.Kind, Hour: s.Hour, Minute: s.Minute, TZ: s.TZ, Audience: sub.Audience}
	if sub.Personal {
		st.Channel = ""
	}
	switch {
	case s.Kind == scheduler.KindWeekly && len(s.Days) > 0:
		st.Days = slices.Clone(s.Days)
	case s.Kind == scheduler.KindWeekly:
		st.Days = []time.Weekday{s.Weekday}
	case s.Kind == scheduler.KindCron:
		st.Kind, st.Days, st.Hour, st.Minute, st.Cron = scheduler.KindWeekly, []time.Weekday{time.Monday}, 9, 0, s.Cron
	}
	if sub.SkipUntil.After(now) {
		st.Skip = sub.SkipUntil.In(s.Location()).Format(time.DateOnly)
	}
	return st
}

var (
	dayOrder  = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	freqNames = map[string]string{scheduler.KindDaily: "Every day", scheduler.KindWeekdays: "Weekdays (Monday to Friday)", scheduler.KindWeekly: "Weekly, on the days below"}
	audOrder  = []string{"", knowledge.AudienceFounder, knowledge.AudienceCEO, knowledge.AudienceCTO, knowledge.AudienceTeamLead}
)

// settingsModal is the tips settings modal filled in with st.
func settingsModal(st settings, meta modalMeta) slack.ModalViewRequest {
	raw, _ := json.Marshal(meta)
	dest := radio(fieldDest, st.destValue(), blockkit.Option(destChannel, "A channel (pick it below)"), blockkit.Option(destDM, "Just me, in my DMs"))
	ch := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, blockkit.Plain("Pick a channel"), fieldChannel)
	ch.InitialConversation = st.Channel
	ch.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true}
	var freqOpts []*slack.OptionBlockObject
	for _, k := range []string{scheduler.KindDaily, scheduler.KindWeekdays, scheduler.KindWeekly} {
		freqOpts = append(freqOpts, blockkit.Option(k, freqNames[k]))
	}
	var dayOpts, dayInit []*slack.OptionBlockObject
	for _, d := range dayOrder {
		o := blockkit.Option(strings.ToLower(d.String()[:3]), d.String())
		dayOpts = append(dayOpts, o)
		if slices.Contains(st.Days, d) {
			dayInit = append(dayInit, o)
		}
	}
	days := slack.NewCheckboxGroupsBlockElement(fieldDays, dayOpts...)
	days.InitialOptions = dayInit
	tp := slack.NewTimePickerBlockElement(fieldTime)
	tp.InitialTime = fmt.Sprintf("%02d:%02d", st.Hour, st.Minute)
	tz := slack.NewPlainTextInputBlockElement(blockkit.Plain("e.g. Europe/Berlin"), fieldTZ)
	tz.InitialValue, tz.MaxLength = st.TZ, 64
	var audOpts []*slack.OptionBlockObject
	for _, a := range audOrder {
		audOpts = append(audOpts, blockkit.Option(audienceValue(a), audienceLabel(a)))
	}
	skip := slack.NewDatePickerBlockElement(fieldSkip)
	skip.InitialDate = st.Skip
	blocks := []slack.Block{
		blockkit.Input(fieldDest, "Where", "", false, dest),
		blockkit.Input(fieldChannel, "Channel", "I need to be a member: /invite @advisor there first.", true, ch),
		blockkit.Input(fieldFreq, "How often", "", false, radio(fieldFreq, st.Kind, freqOpts...)),
		blockkit.Input(fieldDays, "Days", "For weekly tips.", true, days),
		blockkit.Input(fieldTime, "Time", "", false, tp),
		blockkit.Input(fieldTZ, "Timezone", "An IANA name such as America/New_York; yours is filled in.", false, tz),
		blockkit.Input(fieldAudience, "Tips for", "", false, radio(fieldAudience, audienceValue(st.Audience), audOpts...)),
		blockkit.Input(fieldSkip, "Skip tips until", "Holidays: no tips before this date.", true, skip),
	}
	if st.Cron != "" {
		blocks = append([]slack.Block{blockkit.Context("", "These tips now follow the cron schedule `"+escape(st.Cron)+"`; saving replaces it with what you pick here.")}, blocks...)
	}
	title := "Set up tips"
	if meta.Edit != "" {
		title = "Edit tips"
	}
	return blockkit.Modal(CallbackSettings, title, "Save", string(raw), blocks...)
}

func (st settings) destValue() string {
	if st.Personal {
		return destDM
	}
	return destChannel
}

// radio is radio buttons with the option valued initial selected.
func radio(actionID, initial string, opts ...*slack.OptionBlockObject) *slack.RadioButtonsBlockElement {
	r := slack.NewRadioButtonsBlockElement(actionID, opts...)
	for _, o := range opts {
		if o.Value == initial {
			r.InitialOption = o
		}
	}
	return r
}

// audienceValue is an audience as an option value: "all" for everyone.
func audienceValue(a string) string {
	if a == "" {
		return "all"
	}
	return a
}

func audienceLabel(a string) string {
	if a == "" {
		return "Everyone"
	}
	n := audienceNames[a]
	return strings.ToUpper(n[:1]) + n[1:]
}

// openSettings opens the settings modal for sub (zero: a new subscription
// opened from origin), with the user's timezone filled in.
func (c *Commands) openSettings(ctx context.Context, req *bot.Request, sub scheduler.Subscription, origin string) (bot.Reply, error) {
	tz, err := c.userTZ(ctx, req.UserID)
	if err != nil {
		return bot.Reply{}, err
	}
	if _, err := c.sl.OpenView(ctx, req.TriggerID, settingsModal(settingsOf(sub, origin, tz, c.clock()), modalMeta{Origin: origin, Edit: sub.Channel, Home: req.OnHome})); err != nil {
		return bot.Reply{}, fmt.Errorf("open tips settings for %s: %w", req.UserID, err)
	}
	return bot.Reply{}, nil
}
