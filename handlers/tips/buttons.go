package tips

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// manageButtons are a subscription's Edit, Pause or Resume, and
// Unsubscribe buttons (tips status, the App Home).
func manageButtons(sub scheduler.Subscription) *slack.ActionBlock {
	pause := blockkit.Button(ActionPause, sub.Channel, "Pause")
	if sub.Paused {
		pause = blockkit.Button(ActionResume, sub.Channel, "Resume")
	}
	stop := blockkit.Button(ActionStop, sub.Channel, "Unsubscribe")
	stop.Style = slack.StyleDanger
	return blockkit.Actions("tips_manage_"+sub.Channel, blockkit.Button(ActionEdit, sub.Channel, "Edit"), pause, stop)
}

// edit opens the settings modal filled in with channel's subscription,
// for a user who may change it.
func (c *Commands) edit(ctx context.Context, req *bot.Request, channel string) (bot.Reply, error) {
	sub, r, err := c.existing(ctx, req, channel)
	if err != nil || !r.Empty() {
		return r, err
	}
	return c.openSettings(ctx, req, sub, sub.Channel)
}

// setUp opens the settings modal for tips in origin (a channel, the
// user's DM, or "" for the DM): filled in with the subscription there,
// for a user who may change it, else a new one.
func (c *Commands) setUp(ctx context.Context, req *bot.Request, origin string) (bot.Reply, error) {
	if origin == "" {
		return c.openSettings(ctx, req, scheduler.Subscription{}, "")
	}
	sub, r, err := c.existing(ctx, req, origin)
	switch {
	case err != nil:
		return bot.Reply{}, err
	case sub.Channel == "": // none there yet
		return c.openSettings(ctx, req, scheduler.Subscription{}, origin)
	case !r.Empty(): // someone else's
		return r, nil
	}
	return c.openSettings(ctx, req, sub, origin)
}
