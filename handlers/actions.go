package handlers

import (
	"context"
	"strings"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// action answers a button click.
func (r *Router) action(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	req.ActionID = blockkit.BaseAction(req.ActionID)
	switch id := req.ActionID; {
	case id == blockkit.ActionRun:
		return r.route(ctx, req, req.ActionValue)
	case id == ActionShare:
		if first, err := r.store.ClaimShare(ctx, req.UserID, req.ActionValue, req.MessageTS, req.ID); err != nil {
			zerolog.Ctx(ctx).Warn().Err(err).Msg("claim share; sharing unchecked")
		} else if !first {
			return bot.Reply{}, nil // a second click on the same button: shared already
		}
		reply := r.renderRef(req, req.ActionValue, req.UserID)
		reply.DeleteOriginal = req.Ephemeral
		reply.ThreadTS = req.ThreadTS // an answer shown privately in a thread is shared there
		return reply, nil
	case id == blockkit.ActionFAQ:
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
	case strings.HasPrefix(id, blockkit.PrefixAssess) && r.assess != nil:
		if id == blockkit.ActionAssessStart || id == blockkit.ActionAssessRestart {
			if reply, over := r.overLimit(ctx, req, "assess"); over {
				return reply, nil
			}
		}
		reply, err := r.assess.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Assessments")
	case strings.HasPrefix(id, blockkit.PrefixPair) && r.pairs != nil:
		if id == blockkit.ActionPairStart || id == blockkit.ActionPairAgain {
			if reply, over := r.overLimit(ctx, req, "pair"); over {
				return reply, nil
			}
		}
		reply, err := r.pairs.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Paired assessments")
	case strings.HasPrefix(id, blockkit.PrefixExperts) && r.experts != nil:
		reply, err := r.experts.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Expert questions")
	case strings.HasPrefix(id, blockkit.PrefixTips) && r.tips != nil:
		reply, err := r.tips.HandleAction(ctx, req)
		return r.unavailable(ctx, reply, err, "Tip subscriptions")
	}
	if reply, ok, err := r.featureAction(ctx, req); ok {
		return reply, err
	}
	zerolog.Ctx(ctx).Warn().Str("action", req.ActionID).Msg("unknown action")
	return blockkit.EphemeralText("That button is no longer active. Try `" + blockkit.SlashCommand + " help`."), nil
}

func (r *Router) feedback(ctx context.Context, req *bot.Request) bot.Reply {
	dir, id, ok := strings.Cut(req.ActionValue, ":")
	e, known := r.base().Entry(id)
	if !ok || !known || (dir != "up" && dir != "down") {
		return blockkit.EphemeralText("That feedback button is no longer active.")
	}
	first, err := r.store.Feedback(ctx, id, req.UserID, dir == "up")
	switch {
	case err != nil:
		zerolog.Ctx(ctx).Warn().Err(err).Msg("record feedback")
		return blockkit.EphemeralText("Thanks! I couldn't save your feedback just now, but I appreciate it.")
	case !first:
		return blockkit.EphemeralText("You already rated this answer — thanks!")
	case dir == "up":
		return blockkit.EphemeralText(":thumbsup: Thanks for the feedback!")
	}
	reply := blockkit.EphemeralText(":thumbsdown: Thanks — I'll let whoever edits my knowledge know this answer needs work.")
	if r.experts != nil {
		reply.Blocks = append(reply.Blocks, r.experts.Offer(ctx, req, e.Question, e.ID)...)
	}
	return reply
}
