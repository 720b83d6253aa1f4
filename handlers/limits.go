package handlers

import (
	"context"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// limit is how often a user may do a heavy action.
type limit struct {
	n      int
	window time.Duration
	what   string
}

// limits on the actions that post several messages or start state.
var limits = map[string]limit{
	"assess":   {n: 10, window: time.Hour, what: "start more than 10 assessments an hour"},
	"tips-now": {n: 5, window: 10 * time.Minute, what: "post more than 5 tips on demand in 10 minutes"},
	"pair":     {n: 10, window: time.Hour, what: "send more than 10 co-founder invitations an hour"},
}

// overLimit counts one use of action and, past its limit, returns a polite
// reply. When Redis is down the action goes ahead: its own store reports
// the outage.
func (r *Router) overLimit(ctx context.Context, req *bot.Request, action string) (bot.Reply, bool) {
	l, ok := limits[action]
	if !ok {
		return bot.Reply{}, false
	}
	allowed, err := r.store.Allow(ctx, req.UserID, action, l.n, l.window)
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Str("limit", action).Msg("rate limit unavailable")
		return bot.Reply{}, false
	}
	if allowed {
		return bot.Reply{}, false
	}
	return blockkit.EphemeralText(":raised_hand: Easy there: you can't " + l.what + ". Please try again a little later."), true
}
