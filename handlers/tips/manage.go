package tips

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
	"github.com/advisor-bot/advisor/scheduler"
)

// audiences maps the words after `for` to knowledge audiences.
var audiences = map[string]string{
	"founder": knowledge.AudienceFounder, "founders": knowledge.AudienceFounder,
	"ceo": knowledge.AudienceCEO, "ceos": knowledge.AudienceCEO,
	"cto": knowledge.AudienceCTO, "ctos": knowledge.AudienceCTO,
	"team-lead": knowledge.AudienceTeamLead, "team-leads": knowledge.AudienceTeamLead,
	"teamlead": knowledge.AudienceTeamLead, "teamleads": knowledge.AudienceTeamLead,
	"team lead": knowledge.AudienceTeamLead, "team leads": knowledge.AudienceTeamLead,
	"leads": knowledge.AudienceTeamLead,
}

var audienceNames = map[string]string{
	knowledge.AudienceFounder: "founders", knowledge.AudienceCEO: "CEOs",
	knowledge.AudienceCTO: "CTOs", knowledge.AudienceTeamLead: "team leads",
}

// splitAudience removes `for <audience>` from the subscribe words.
func splitAudience(words []string) (sched []string, audience string, err error) {
	i := -1
	for j, w := range words {
		if strings.EqualFold(w, "for") {
			i = j
		}
	}
	if i < 0 {
		return words, "", nil
	}
	phrase := strings.ToLower(strings.Join(words[i+1:], " "))
	a, ok := audiences[phrase]
	if !ok {
		return nil, "", &UserError{Msg: fmt.Sprintf("I don't know the audience `%s`. Use `for founders`, `for ceos`, `for ctos` or `for team-leads`, e.g. `tips subscribe weekly mon 09:00 for ctos`.", escape(phrase))}
	}
	return words[:i], a, nil
}

func (c *Commands) subscribe(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	if len(args) == 0 && req.TriggerID != "" {
		return c.setUp(ctx, req, req.ChannelID)
	}
	words, audience, err := splitAudience(args)
	if err != nil {
		return userError(err)
	}
	tz := c.defaultTZ
	if blockkit.IsDM(req) {
		if tz, err = c.userTZ(ctx, req.UserID); err != nil {
			return bot.Reply{}, err
		}
	}
	sch, err := ParseSchedule(words, tz)
	if err != nil {
		return userError(err)
	}
	sub := scheduler.Subscription{Channel: req.ChannelID, Schedule: sch, Audience: audience, CreatedBy: req.UserID}
	if blockkit.IsDM(req) {
		sub.Personal, sub.User = true, req.UserID
	} else {
		if old, err := c.s.Get(ctx, req.ChannelID); err == nil {
			ok, err := c.allowed(ctx, req.UserID, old)
			if err != nil {
				return bot.Reply{}, err
			}
			if !ok {
				return refusal(old), nil
			}
		} else if !errors.Is(err, scheduler.ErrNotSubscribed) {
			return bot.Reply{}, fmt.Errorf("get subscription %s: %w", req.ChannelID, err)
		}
		if r, err := c.member(ctx, req, req.ChannelID); err != nil || !r.Empty() {
			return r, err
		}
	}
	sub, err = c.s.Subscribe(ctx, sub)
	if err != nil {
		return userError(err)
	}
	if sub.Personal {
		return bot.Reply{Text: personalConfirmation(sub, c.s.NextRun(sub).Format(timeLayout))}, nil
	}
	return bot.Reply{Visibility: bot.VisibilityInChannel,
		Text: fmt.Sprintf("<@%s> subscribed %s to %s%s", req.UserID, here(req), phrase(sub.Schedule), forAudience(sub.Audience))}, nil
}

// subscribeMe subscribes the clicking user to personal tips in their DM,
// in their timezone, and confirms there.
func (c *Commands) subscribeMe(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	dm, err := c.sl.OpenDM(ctx, req.UserID)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("open dm %s: %w", req.UserID, err)
	}
	tz, err := c.userTZ(ctx, req.UserID)
	if err != nil {
		return bot.Reply{}, err
	}
	sub, err := c.s.Subscribe(ctx, scheduler.Subscription{Channel: dm, Personal: true, User: req.UserID,
		Schedule: DefaultSchedule(tz), CreatedBy: req.UserID})
	if err != nil {
		return bot.Reply{}, fmt.Errorf("subscribe %s: %w", req.UserID, err)
	}
	if _, err := c.sl.Post(ctx, bot.Message{Channel: dm, Text: personalConfirmation(sub, c.s.NextRun(sub).Format(timeLayout))}); err != nil {
		return bot.Reply{}, fmt.Errorf("confirm personal tips %s: %w", req.UserID, err)
	}
	if req.OnHome {
		blockkit.HomeChanged(ctx) // its button becomes the subscription's
	}
	return bot.Reply{}, nil
}

// userTZ is the user's Slack timezone, or the default.
func (c *Commands) userTZ(ctx context.Context, user string) (string, error) {
	u, err := c.sl.UserInfo(ctx, user)
	if err != nil {
		return "", fmt.Errorf("look up user %s: %w", user, err)
	}
	if u.TZ == "" {
		return c.defaultTZ, nil
	}
	return u.TZ, nil
}

const timeLayout = "Mon 2 Jan 15:04 MST"

func personalConfirmation(sub scheduler.Subscription, next string) string {
	return fmt.Sprintf("You're subscribed to personal tips: %s (your timezone). The first one arrives %s. "+
		"If you've taken an assessment, they focus on where you scored lowest. Say `tips unsubscribe` or press *Stop these* to end them.",
		describe(sub.Schedule), next)
}

func forAudience(a string) string {
	if a == "" {
		return ""
	}
	return " for " + audienceNames[a]
}

// userError answers a *UserError, or a schedule the scheduler refused,
// with its sentence; other errors go up to be logged and apologised for.
func userError(err error) (bot.Reply, error) {
	var ue *UserError
	if errors.As(explain(err), &ue) {
		return blockkit.Ephemeral(ue.Msg), nil
	}
	return bot.Reply{}, err
}

func (c *Commands) now(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if _, r, err := c.existing(ctx, req, req.ChannelID); err != nil || !r.Empty() {
		return r, err
	}
	if r, err := c.member(ctx, req, req.ChannelID); err != nil || !r.Empty() {
		return r, err
	}
	if _, err := c.s.PostNow(ctx, req.ChannelID); err != nil {
		if errors.Is(err, scheduler.ErrNoTips) {
			return blockkit.Ephemeral("There are no tips for this channel's audience yet."), nil
		}
		return bot.Reply{}, fmt.Errorf("post tip now %s: %w", req.ChannelID, err)
	}
	return blockkit.Ephemeral("Posted the next tip."), nil
}

func (c *Commands) preview(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	p, err := c.s.Preview(ctx, req.ChannelID)
	if errors.Is(err, scheduler.ErrNoTips) {
		return blockkit.Ephemeral("There are no tips for this channel's audience yet."), nil
	}
	if err != nil {
		return bot.Reply{}, fmt.Errorf("preview tip %s: %w", req.ChannelID, err)
	}
	text := "*Next tip (only you can see this preview):*\n" + p.Tip.Text
	return blockkit.Ephemeral(text, blockkit.Section(text), blockkit.Context("", topicLine(p))), nil
}
