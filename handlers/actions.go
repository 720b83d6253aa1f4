package handlers

import (
	"context"
	"strings"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
)

// action answers a button click.
func (r *Router) action(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	req.ActionID = baseAction(req.ActionID)
	switch id := req.ActionID; {
	case id == ActionRun:
		return r.route(ctx, req, req.ActionValue)
	case id == ActionShare:
		reply := r.renderRef(req, req.ActionValue, req.UserID)
		reply.DeleteOriginal = req.Ephemeral
		return reply, nil
	case id == ActionFAQ:
		reply := r.renderRef(req, "faq:"+req.ActionValue, "")
		if !req.Ephemeral && req.ChannelID != "" && req.MessageTS != "" {
			// Under a visible message (a tip, a thread answer): answer in its thread.
			reply.Visibility = bot.VisibilityInChannel
			reply.ThreadTS = req.ThreadTS
			if reply.ThreadTS == "" {
				reply.ThreadTS = req.MessageTS
			}
		}
		return reply, nil
	case id == ActionFeedback:
		return r.feedback(ctx, req), nil
	case strings.HasPrefix(id, "assess:") && r.assess != nil:
		if id == "assess:start" || id == "assess:restart" {
			if reply, over := r.overLimit(ctx, req, "assess"); over {
				return reply, nil
			}
		}
		reply, err := r.assess.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Assessments")
	case strings.HasPrefix(id, "tips:") && r.tips != nil:
		reply, err := r.tips.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Tip subscriptions")
	}
	zerolog.Ctx(ctx).Warn().Str("action", req.ActionID).Msg("unknown action")
	return ephemeralText("That button is no longer active. Try `" + r.command + " help`."), nil
}

func (r *Router) feedback(ctx context.Context, req *bot.Request) bot.Reply {
	dir, id, ok := strings.Cut(req.ActionValue, ":")
	if _, known := r.kb.Entry(id); !ok || !known || (dir != "up" && dir != "down") {
		return ephemeralText("That feedback button is no longer active.")
	}
	first, err := r.store.Feedback(ctx, id, req.UserID, dir == "up")
	switch {
	case err != nil:
		zerolog.Ctx(ctx).Warn().Err(err).Msg("record feedback")
		return ephemeralText("Thanks! I couldn't save your feedback just now, but I appreciate it.")
	case !first:
		return ephemeralText("You already rated this answer — thanks!")
	case dir == "up":
		return ephemeralText(":thumbsup: Thanks for the feedback!")
	}
	return ephemeralText(":thumbsdown: Thanks — I'll let whoever edits my knowledge know this answer needs work.")
}
