package tips

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// SubscriptionLister lists the tip subscriptions a user manages.
type SubscriptionLister interface {
	Managed(ctx context.Context, userID string, all bool, limit int) ([]scheduler.Subscription, int, error)
	NextRun(sub scheduler.Subscription) time.Time
}

// Home is the tips' App Home section: the tip subscriptions a user
// manages and their own personal tips, each with Edit, Pause or Resume
// and Unsubscribe, and Set up tips, which opens the settings modal.
type Home struct {
	Subs    SubscriptionLister
	IsAdmin func(ctx context.Context, userID string) bool
}

// maxHomeSubs is how many managed subscriptions the Home lists with their
// buttons (two blocks each, of the view's 100).
const maxHomeSubs = 10

// HomeBlocks implements handlers.HomeSection.
func (h Home) HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error) {
	admin := h.IsAdmin != nil && h.IsAdmin(ctx, userID)
	subs, more, err := h.Subs.Managed(ctx, userID, admin, maxHomeSubs)
	if err != nil {
		return nil, err
	}
	blocks := []slack.Block{slack.NewDividerBlock()}
	var personal *scheduler.Subscription
	shown := 0
	for i, s := range subs {
		switch {
		case s.Personal:
			personal = &subs[i]
		default:
			if shown == 0 {
				blocks = append(blocks, blockkit.Section("*Tip subscriptions you manage*"))
			}
			shown++
			blocks = append(blocks, blockkit.Section(fmt.Sprintf("<#%s>: %s (%s)", s.Channel, describe(s.Schedule), h.state(s))), manageButtons(s))
		}
	}
	if more > 0 {
		blocks = append(blocks, blockkit.Context("", fmt.Sprintf("…and %d more: say `tips status` in each channel.", more)))
	}
	if personal != nil {
		blocks = append(blocks, blockkit.Section(fmt.Sprintf(":bulb: You get personal tips in your DM: %s (%s).", describe(personal.Schedule), h.state(*personal))),
			manageButtons(*personal))
	} else {
		blocks = append(blocks, blockkit.SectionButton(":bulb: Get a weekly tip in your DM, picked for where your latest assessment scored lowest.",
			blockkit.Button(ActionSubscribeMe, "me", "Get tips in my DM")))
	}
	return append(blocks, blockkit.Actions("tips_setup", blockkit.Button(ActionSetup, "", "Set up tips…"))), nil
}

// state says when a subscription posts next, or that it is paused.
func (h Home) state(s scheduler.Subscription) string {
	if s.Paused {
		return "paused"
	}
	return "next " + h.Subs.NextRun(s).Format("Mon Jan 2 15:04 MST")
}
