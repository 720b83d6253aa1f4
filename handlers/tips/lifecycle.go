package tips

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// change is pause, resume or unsubscribe: its answer, and whether it
// changed the subscription (false for a refusal or a no-op).
type change func(ctx context.Context, req *bot.Request, channel string) (bot.Reply, bool, error)

// click answers a Pause, Resume or Unsubscribe button where it was
// pressed: on the App Home the page is published again (a DM saying so
// would only add noise); on the ephemeral `tips status` the status is
// redrawn in place under what changed, so its buttons stay true; on a tip
// the answer comes as before.
func (c *Commands) click(ctx context.Context, req *bot.Request, do change) (bot.Reply, error) {
	channel := req.ActionValue
	reply, changed, err := do(ctx, req, channel)
	if err != nil || !changed {
		return reply, err
	}
	switch {
	case req.OnHome:
		blockkit.HomeChanged(ctx)
		return bot.Reply{}, nil
	case req.Ephemeral:
		note := reply.Text
		sub, err := c.s.Get(ctx, channel)
		if errors.Is(err, scheduler.ErrNotSubscribed) {
			return bot.Reply{Text: note, Blocks: []slack.Block{blockkit.Section(note)}, ReplaceOriginal: true}, nil
		}
		if err != nil {
			return bot.Reply{}, fmt.Errorf("get subscription %s: %w", channel, err)
		}
		r := c.statusOf(sub)
		r.Text = note + "\n" + r.Text
		r.Blocks = append([]slack.Block{blockkit.Context("", note)}, r.Blocks...)
		r.ReplaceOriginal = true
		return r, nil
	}
	return reply, nil
}

func (c *Commands) status(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	sub, err := c.s.Get(ctx, req.ChannelID)
	if errors.Is(err, scheduler.ErrNotSubscribed) {
		return blockkit.Ephemeral(notSubscribed(req)), nil
	}
	if err != nil {
		return bot.Reply{}, fmt.Errorf("get subscription %s: %w", req.ChannelID, err)
	}
	return c.statusOf(sub), nil
}

// statusOf is `tips status` for sub, with its Edit, Pause or Resume and
// Unsubscribe buttons.
func (c *Commands) statusOf(sub scheduler.Subscription) bot.Reply {
	var b strings.Builder
	fmt.Fprintf(&b, "*Tips here*: %s\n", describe(sub.Schedule))
	fmt.Fprintf(&b, "• Timezone: %s\n", sub.Schedule.TZ)
	if sub.Paused {
		b.WriteString("• *Paused*")
		if sub.PauseReason != "" {
			fmt.Fprintf(&b, " (Slack said `%s`)", sub.PauseReason)
		} else if sub.PausedBy != "" {
			fmt.Fprintf(&b, " by <@%s>", sub.PausedBy)
		}
		b.WriteString(": say `tips resume` to restart\n")
	} else if next := c.s.NextRun(sub); !next.IsZero() {
		fmt.Fprintf(&b, "• Next tip: %s\n", next.Format(timeLayout))
	}
	aud := "everyone"
	if sub.Audience != "" {
		aud = audienceNames[sub.Audience]
	}
	if sub.Personal {
		aud = "you, favouring your weakest assessment topics"
	}
	fmt.Fprintf(&b, "• Audience: %s\n", aud)
	fmt.Fprintf(&b, "• Set up by <@%s> on %s", sub.CreatedBy, sub.CreatedAt.In(sub.Schedule.Location()).Format("2 Jan 2006"))
	if !sub.SkipUntil.IsZero() && sub.SkipUntil.After(c.clock()) {
		fmt.Fprintf(&b, "\n• Skipping until %s", sub.SkipUntil.In(sub.Schedule.Location()).Format("Mon 2 Jan 2006"))
	}
	return blockkit.Ephemeral(b.String(), blockkit.Section(b.String()), manageButtons(sub))
}

// tipsIn names sub's tips in a reply: a channel's, or the user's own.
func tipsIn(sub scheduler.Subscription) string {
	if sub.Personal {
		return "your personal tips"
	}
	return fmt.Sprintf("the tips in <#%s>", sub.Channel)
}

func (c *Commands) pause(ctx context.Context, req *bot.Request, channel string) (bot.Reply, bool, error) {
	sub, r, err := c.existing(ctx, req, channel)
	if err != nil || !r.Empty() {
		return r, false, err
	}
	if sub.Paused {
		return blockkit.Ephemeral("These tips are already paused. Say `tips resume` to restart them."), false, nil
	}
	if err := c.s.Pause(ctx, channel, req.UserID, ""); err != nil {
		return bot.Reply{}, false, fmt.Errorf("pause %s: %w", channel, err)
	}
	return blockkit.Ephemeral(fmt.Sprintf(":double_vertical_bar: Paused %s. Press *Resume* or say `tips resume` to restart them.", tipsIn(sub))), true, nil
}

func (c *Commands) resume(ctx context.Context, req *bot.Request, channel string) (bot.Reply, bool, error) {
	sub, r, err := c.existing(ctx, req, channel)
	if err != nil || !r.Empty() {
		return r, false, err
	}
	if r, err := c.member(ctx, req, channel); err != nil || !r.Empty() {
		return r, false, err
	}
	if err := c.s.Resume(ctx, channel); err != nil {
		return bot.Reply{}, false, fmt.Errorf("resume %s: %w", channel, err)
	}
	return blockkit.Ephemeral(fmt.Sprintf(":arrow_forward: Tips resumed: %s. Next one %s.", describe(sub.Schedule), c.s.NextRun(sub).Format(timeLayout))), true, nil
}

func (c *Commands) unsubscribe(ctx context.Context, req *bot.Request, channel string) (bot.Reply, bool, error) {
	sub, r, err := c.existing(ctx, req, channel)
	if err != nil || !r.Empty() {
		return r, false, err
	}
	if err := c.s.Unsubscribe(ctx, channel); err != nil {
		return bot.Reply{}, false, fmt.Errorf("unsubscribe %s: %w", channel, err)
	}
	if sub.Personal {
		return blockkit.Ephemeral("Done: no more personal tips. Say `tips subscribe` here any time to start again."), true, nil
	}
	return blockkit.Ephemeral(fmt.Sprintf("Unsubscribed <#%s> from tips.", channel)), true, nil
}
