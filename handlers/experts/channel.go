package experts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// channelOff is what `experts off` keeps, so that EXPERTS_CHANNEL does not
// come back.
const channelOff = "off"

// Channel is the experts channel: the one an admin set with `experts
// here`, else EXPERTS_CHANNEL; "" when there is none.
func (s *Service) Channel(ctx context.Context) (string, error) {
	ch, _, err := s.channelAndSource(ctx)
	return ch, err
}

func (s *Service) channelAndSource(ctx context.Context) (string, string, error) {
	v, err := s.rdb.Get(ctx, s.keys.channel()).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return s.fallback, "EXPERTS_CHANNEL", nil
	case err != nil:
		return "", "", fmt.Errorf("read experts channel: %w", err)
	case v == channelOff:
		return "", "", nil
	}
	return v, "set with `" + blockkit.SlashCommand + " experts here`", nil
}

// Handle answers `experts [here|status|off]`: admins set the experts
// channel to the one they type it in, or turn Ask a person off; anyone may
// see the status.
func (s *Service) Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	sub := "status"
	if len(args) > 0 {
		sub = strings.ToLower(args[0])
	}
	switch sub {
	case "here", "off":
		if !s.isAdmin(ctx, req.UserID) {
			return blockkit.EphemeralText(":lock: Only the advisor's admins and workspace admins can choose where questions go."), nil
		}
		if sub == "off" {
			if err := s.rdb.Set(ctx, s.keys.channel(), channelOff, 0).Err(); err != nil {
				return bot.Reply{}, fmt.Errorf("turn experts off: %w", err)
			}
			return blockkit.EphemeralText("Ask a person is off: questions I can't answer are only noted for the admins. " +
				"Run `" + blockkit.SlashCommand + " experts here` in a channel to turn it on again."), nil
		}
		return s.setHere(ctx, req)
	case "status":
		return s.status(ctx)
	}
	return blockkit.EphemeralText("Try `" + blockkit.SlashCommand + " experts here` (in the channel where people can answer questions), " +
		"`experts status` or `experts off`."), nil
}

func (s *Service) setHere(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if blockkit.IsDM(req) || !channelOK(req.ChannelID) {
		return blockkit.EphemeralText("Run `" + blockkit.SlashCommand + " experts here` in the channel where people can answer questions, not in a DM."), nil
	}
	if reply, ok := s.checkMember(ctx, req.ChannelID); !ok {
		return reply, nil
	}
	if err := s.rdb.Set(ctx, s.keys.channel(), req.ChannelID, 0).Err(); err != nil {
		return bot.Reply{}, fmt.Errorf("set experts channel: %w", err)
	}
	return blockkit.EphemeralText(":white_check_mark: Questions I can't answer now come to <#" + req.ChannelID + "> when the asker presses *Ask a person*. " +
		"Anyone in this channel can answer them; the answer goes back to whoever asked."), nil
}

// checkMember says how to invite the advisor to ch if it is not in it.
func (s *Service) checkMember(ctx context.Context, ch string) (bot.Reply, bool) {
	in, err := s.sl.IsMember(ctx, ch)
	if err != nil {
		s.log.Warn().Err(err).Str("channel", ch).Msg("experts channel membership")
	}
	if in {
		return bot.Reply{}, true
	}
	return blockkit.EphemeralText(":warning: I'm not a member of <#" + ch + ">, so I can't post questions there. " +
		"Invite me first with `/invite @advisor` in that channel, then run `" + blockkit.SlashCommand + " experts here` there."), false
}

func (s *Service) status(ctx context.Context) (bot.Reply, error) {
	ch, source, err := s.channelAndSource(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	if ch == "" {
		return blockkit.EphemeralText(notOnText), nil
	}
	if reply, ok := s.checkMember(ctx, ch); !ok {
		return reply, nil
	}
	open, err := s.rdb.ZCard(ctx, s.keys.due()).Result()
	if err != nil {
		return bot.Reply{}, fmt.Errorf("count open expert requests: %w", err)
	}
	return blockkit.EphemeralText(fmt.Sprintf("Questions I can't answer go to <#%s> (%s). Open now: %d. "+
		"`%s experts off` turns it off.", ch, source, open, blockkit.SlashCommand)), nil
}

// notOnText says how an admin turns Ask a person on.
const notOnText = "Nobody is set up to answer questions I can't. An admin can turn that on: `" +
	blockkit.SlashCommand + " experts here` in the channel where people can answer them."
