package handlers

import (
	"context"
	"strings"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// CallbackHandler answers a feature's Requests that carry a callback_id:
// the submissions and closes of the modals it opened (bot.KindViewSubmission,
// bot.KindViewClosed) and the shortcuts it declared (bot.KindShortcut,
// bot.KindMessageShortcut). A submission is answered before its ack, within
// 2.5 s: see blockkit.Views for how a feature runs a modal.
type CallbackHandler interface {
	HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error)
}

// CallbackFunc adapts a function to CallbackHandler.
type CallbackFunc func(ctx context.Context, req *bot.Request) (bot.Reply, error)

// HandleCallback calls f.
func (f CallbackFunc) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	return f(ctx, req)
}

// WithCallbacks routes every Request whose callback_id starts with prefix
// (a feature's own, e.g. blockkit.PrefixTips) to h; the longest matching
// prefix wins.
func WithCallbacks(prefix string, h CallbackHandler) Option {
	return func(r *Router) { r.callbacks[prefix] = h }
}

// callback answers a Request with a callback_id through the feature that
// registered its prefix.
func (r *Router) callback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	best := ""
	for p := range r.callbacks {
		if strings.HasPrefix(req.CallbackID, p) && len(p) > len(best) {
			best = p
		}
	}
	if h, ok := r.callbacks[best]; ok {
		reply, err := h.HandleCallback(ctx, req)
		return r.unavailable(ctx, reply, err, "Settings")
	}
	zerolog.Ctx(ctx).Warn().Str("callback_id", req.CallbackID).Str("kind", req.Kind.String()).Msg("unknown callback_id")
	switch req.Kind {
	case bot.KindViewSubmission, bot.KindViewClosed:
		return bot.Reply{}, nil // a plain ack closes a modal nobody answers for any more
	}
	return blockkit.EphemeralText("That shortcut is no longer available. Try `" + blockkit.SlashCommand + " help`."), nil
}
