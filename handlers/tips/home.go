package tips

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// SubscriptionLister lists tip subscriptions.
type SubscriptionLister interface {
	List(ctx context.Context) ([]scheduler.Subscription, error)
	NextRun(sub scheduler.Subscription) time.Time
}

// Home is the tips' App Home section: the tip subscriptions a user
// manages and their own personal tips, with a button to start or stop
// them.
type Home struct {
	Subs    SubscriptionLister
	IsAdmin func(ctx context.Context, userID string) bool
}

// HomeBlocks implements handlers.HomeSection.
func (h Home) HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error) {
	subs, err := h.Subs.List(ctx)
	if err != nil {
		return nil, err
	}
	admin := h.IsAdmin != nil && h.IsAdmin(ctx, userID)
	var lines []string
	personal := ""
	for _, s := range subs {
		if s.Personal {
			if s.User == userID {
				personal = s.Channel
			}
			continue
		}
		if s.CreatedBy != userID && !admin {
			continue
		}
		state := "next " + h.Subs.NextRun(s).Format("Mon Jan 2 15:04 MST")
		if s.Paused {
			state = "paused"
		}
		lines = append(lines, fmt.Sprintf("• <#%s>: %s (%s)", s.Channel, describe(s.Schedule), state))
		if len(lines) == 15 {
			lines = append(lines, "• …")
			break
		}
	}
	blocks := []slack.Block{slack.NewDividerBlock()}
	if len(lines) > 0 {
		blocks = append(blocks, blockkit.Section("*Tip subscriptions you manage*\n"+strings.Join(lines, "\n")))
	}
	if personal != "" {
		return append(blocks, blockkit.SectionButton(":bulb: You get personal tips in your DM.",
			blockkit.Button(ActionStop, personal, "Stop these"))), nil
	}
	return append(blocks, blockkit.SectionButton(":bulb: Get a weekly tip in your DM, picked for where your latest assessment scored lowest.",
		blockkit.Button(ActionSubscribeMe, "me", "Get tips in my DM"))), nil
}
