package tips

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// maxSkip bounds "skip until": a holiday, not a way to stop the tips.
const maxSkip = 366 * 24 * time.Hour

// HandleCallback answers the tips' modals: the settings modal's
// submission is checked field by field (each problem shown under its
// input), then saved, and the modal says when the first tip comes, in the
// user's own timezone.
func (c *Commands) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if req.Kind != bot.KindViewSubmission || req.CallbackID != CallbackSettings {
		return bot.Reply{}, nil // a notice's close, or an old modal: nothing to do
	}
	var meta modalMeta
	_ = json.Unmarshal([]byte(req.PrivateMetadata), &meta)
	st, errs := readSettings(req.Values, c.clock())
	if len(errs) > 0 {
		return blockkit.FieldErrors(errs), nil
	}
	if st.Personal {
		dm, err := c.sl.OpenDM(ctx, req.UserID)
		if err != nil {
			return bot.Reply{}, fmt.Errorf("open dm %s: %w", req.UserID, err)
		}
		st.Channel = dm
	}
	old, problem, err := c.checkSettings(ctx, req, st, meta)
	if err != nil || problem != "" {
		return blockkit.FieldErrors(map[string]string{fieldChannel: problem}), err
	}
	sub, err := c.save(ctx, req, st, old, meta)
	if err != nil {
		return userError(err)
	}
	if meta.Home {
		blockkit.HomeChanged(ctx)
	}
	return c.confirmSettings(ctx, req, sub, meta)
}

// readSettings reads the submitted form, or says what is wrong with it,
// by block id.
func readSettings(f bot.Form, now time.Time) (settings, map[string]string) {
	errs := map[string]string{}
	st := settings{Personal: f.Value(fieldDest) == destDM, Channel: f.Value(fieldChannel), Kind: f.Value(fieldFreq),
		TZ: strings.TrimSpace(f.Value(fieldTZ)), Audience: f.Value(fieldAudience), Skip: f.Value(fieldSkip)}
	if st.Audience == "all" {
		st.Audience = ""
	}
	if !st.Personal && !strings.HasPrefix(st.Channel, "C") && !strings.HasPrefix(st.Channel, "G") {
		// The select offers channels only; anything else (a DM's id in a forged payload) is no channel.
		errs[fieldChannel] = "Pick a channel, or choose “Just me, in my DMs” above."
	}
	for _, v := range f.Values(fieldDays) {
		if d, ok := parseWeekday(v); ok {
			st.Days = append(st.Days, d)
		}
	}
	if st.Kind == scheduler.KindWeekly && len(st.Days) == 0 {
		errs[fieldDays] = "Pick at least one day for weekly tips."
	}
	if _, ok := freqNames[st.Kind]; !ok {
		errs[fieldFreq] = "Pick how often."
	}
	if t, err := time.Parse("15:04", f.Value(fieldTime)); err != nil {
		errs[fieldTime] = "Pick a time of day."
	} else {
		st.Hour, st.Minute = t.Hour(), t.Minute()
	}
	loc, err := time.LoadLocation(st.TZ)
	if err != nil || st.TZ == "" || strings.EqualFold(st.TZ, "local") {
		errs[fieldTZ] = "That is not a timezone I know. Use an IANA name such as Europe/Berlin or America/New_York."
		loc = time.UTC
	}
	if st.Skip != "" {
		d, err := time.ParseInLocation(time.DateOnly, st.Skip, loc)
		switch {
		case err != nil:
			errs[fieldSkip] = "Pick a date."
		case !d.After(now):
			errs[fieldSkip] = "That date has already begun: pick a later one, or clear it."
		case d.Sub(now) > maxSkip:
			errs[fieldSkip] = "Pick a date within a year. To stop the tips for longer, pause or unsubscribe them."
		}
		st.until = d
	}
	return st, errs
}

// schedule is the form's schedule: weekly on one day, on several (Days),
// or all five weekdays, which is KindWeekdays.
func (st settings) schedule() scheduler.Schedule {
	s := scheduler.Schedule{Kind: st.Kind, Hour: st.Hour, Minute: st.Minute, TZ: st.TZ}
	if st.Kind != scheduler.KindWeekly {
		return s
	}
	days := slices.Clone(st.Days)
	slices.Sort(days)
	days = slices.Compact(days)
	switch {
	case len(days) == 7:
		s.Kind = scheduler.KindDaily
	case slices.Equal(days, []time.Weekday{1, 2, 3, 4, 5}):
		s.Kind = scheduler.KindWeekdays
	case len(days) == 1:
		s.Weekday = days[0]
	default:
		s.Days = days
	}
	return s
}

// checkSettings checks the user may set tips where the form says: the bot
// is in the channel, and any subscription there or being edited is one
// they may change. It returns the subscription being replaced (if any),
// or a problem to show under the channel.
func (c *Commands) checkSettings(ctx context.Context, req *bot.Request, st settings, meta modalMeta) (scheduler.Subscription, string, error) {
	var old scheduler.Subscription
	for _, ch := range []string{meta.Edit, st.Channel} {
		if ch == "" {
			continue
		}
		sub, err := c.s.Get(ctx, ch)
		if errors.Is(err, scheduler.ErrNotSubscribed) {
			continue
		}
		if err != nil {
			return old, "", fmt.Errorf("get subscription %s: %w", ch, err)
		}
		if ok, err := c.allowed(ctx, req.UserID, sub); err != nil || !ok {
			return old, "Only the person who set up the tips there, a workspace admin or one of the advisor's admins can change them.", err
		}
		if ch == meta.Edit || old.Channel == "" {
			old = sub
		}
	}
	if st.Personal {
		return old, "", nil
	}
	member, err := c.sl.IsMember(ctx, st.Channel)
	if err != nil {
		return old, "", fmt.Errorf("check membership %s: %w", st.Channel, err)
	}
	if !member {
		return old, "I'm not a member of that channel yet: type /invite @advisor there, then save again.", nil
	}
	return old, "", nil
}

// save subscribes st.Channel, keeping the creator and pause of a
// subscription it edits; one moved elsewhere is removed from where it was.
func (c *Commands) save(ctx context.Context, req *bot.Request, st settings, old scheduler.Subscription, meta modalMeta) (scheduler.Subscription, error) {
	sub := scheduler.Subscription{Channel: st.Channel, Schedule: st.schedule(), Audience: st.Audience, CreatedBy: req.UserID, SkipUntil: st.until}
	if st.Personal {
		sub.Personal, sub.User = true, req.UserID
	}
	if old.Channel != "" && old.CreatedBy != "" {
		sub.CreatedBy = old.CreatedBy
	}
	sub, err := c.s.Subscribe(ctx, sub)
	if err != nil {
		return sub, fmt.Errorf("subscribe %s: %w", st.Channel, err)
	}
	if old.Paused && old.Channel == sub.Channel {
		if err := c.s.Pause(ctx, sub.Channel, old.PausedBy, old.PauseReason); err != nil {
			return sub, fmt.Errorf("keep %s paused: %w", sub.Channel, err)
		}
		sub.Paused = true
	}
	if meta.Edit != "" && meta.Edit != sub.Channel {
		if err := c.s.Unsubscribe(ctx, meta.Edit); err != nil && !errors.Is(err, scheduler.ErrNotSubscribed) {
			return sub, fmt.Errorf("move tips from %s: %w", meta.Edit, err)
		}
	}
	zerolog.Ctx(ctx).Info().Str("channel", sub.Channel).Str("schedule", sub.Schedule.Spec()).Str("edited", meta.Edit).Msg("tips set in the modal")
	return sub, nil
}

// confirmSettings replaces the modal with what was saved and when the
// first tip comes, in the user's own timezone (and the subscription's, if
// that is another); a new channel subscription is also announced there,
// as the typed command does.
func (c *Commands) confirmSettings(ctx context.Context, req *bot.Request, sub scheduler.Subscription, meta modalMeta) (bot.Reply, error) {
	tz, err := c.userTZ(ctx, req.UserID)
	if err != nil {
		return bot.Reply{}, err
	}
	where := "<#" + sub.Channel + ">"
	if sub.Personal {
		where = "your DMs"
	}
	var b strings.Builder
	fmt.Fprintf(&b, ":white_check_mark: *Saved.* Tips%s in %s: %s.", forAudience(sub.Audience), where, describe(sub.Schedule))
	if !sub.SkipUntil.IsZero() {
		fmt.Fprintf(&b, "\nNone before %s.", sub.SkipUntil.In(sub.Schedule.Location()).Format("Mon 2 Jan 2006"))
	}
	if next := c.s.NextRun(sub); !next.IsZero() {
		b.WriteString("\n" + firstTip(next, tz, sub.Schedule.TZ))
	}
	if sub.Paused {
		b.WriteString("\nThey are paused, as they were: press *Resume* in `tips status` to restart them.")
	}
	reply := bot.Reply{View: blockkit.Update(blockkit.Notice(CallbackDone, "Tips saved", b.String()))}
	if meta.Edit == "" && !sub.Personal {
		reply.Channel, reply.Visibility = sub.Channel, bot.VisibilityInChannel
		reply.Text = fmt.Sprintf("<@%s> subscribed this channel to %s%s", req.UserID, phrase(sub.Schedule), forAudience(sub.Audience))
	}
	return reply, nil
}

// firstTip says when next is in the user's timezone userTZ, and in the
// subscription's own when that is another.
func firstTip(next time.Time, userTZ, subTZ string) string {
	loc, err := time.LoadLocation(userTZ)
	if err != nil {
		loc, userTZ = next.Location(), subTZ
	}
	s := fmt.Sprintf("The first one comes *%s* your time (%s)", next.In(loc).Format("Mon 2 Jan, 15:04"), userTZ)
	if userTZ != subTZ {
		s += fmt.Sprintf(", which is %s in %s", next.Format("Mon 15:04"), subTZ)
	}
	return s + "."
}
