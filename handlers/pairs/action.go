package pairs

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// HandleAction answers every click whose action id starts with "pair:".
func (s *Service) HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	id := blockkit.BaseAction(req.ActionID)
	switch id {
	case blockkit.ActionPairStart:
		return s.openPicker(ctx, req, req.ActionValue)
	case blockkit.ActionPairAgain:
		return s.again(ctx, req)
	case ActionPost:
		return s.openPostPicker(ctx, req)
	case ActionAgree, ActionRefuse:
		return s.answerProposal(ctx, req, id == ActionAgree)
	}
	r, err := parseRef(req.ActionValue)
	if err != nil {
		return blockkit.EphemeralText("That button no longer works. Start again with `" + blockkit.SlashCommand + " pair @cofounder`."), nil
	}
	args := stepArgs{user: req.UserID, run: r.Run, seatRun: r.SeatRun, question: r.Question, arg: "-1", delivery: req.ID}
	switch {
	case id == ActionAccept:
		return s.accept(ctx, req, r)
	case id == ActionDecline:
		args.op = "decline"
	case id == ActionShare:
		args.op, args.arg = "share", map[bool]string{true: "y", false: "n"}[r.Option == 1]
		args.extra = []any{historyLen, s.history.Milliseconds()}
	case strings.HasPrefix(id, ActionAnswer):
		args.op, args.arg = "answer", fmt.Sprint(r.Option)
	case id == ActionBack:
		args.op = "back"
	case id == ActionRestart:
		args.op, args.arg = "restart", newRun()
	case id == ActionCancel:
		args.op = "cancel"
	case id == ActionResume:
		args.op = "resume"
	default:
		return bot.Reply{}, fmt.Errorf("handle action %q: unknown pair action", id)
	}
	t, err := s.step(ctx, r.CID, args)
	if err != nil {
		return bot.Reply{}, err
	}
	s.log.Debug().Str("pair", r.CID).Str("user", req.UserID).Str("op", args.op).Str("code", t.Code).Msg("pair step")
	return s.respond(ctx, req, t, args.op)
}

// respond acts on a step's result.
func (s *Service) respond(ctx context.Context, req *bot.Request, t *take, op string) (bot.Reply, error) {
	if reply, ok := s.unmoved(ctx, t); ok {
		return reply, nil
	}
	p, ok := s.kb.PairByID(t.pairID())
	if !ok {
		return bot.Reply{}, fmt.Errorf("%s pair %s: paired assessment %q is gone", op, t.CID, t.pairID())
	}
	switch t.Code {
	case "declined":
		s.tell(ctx, t, "a", fmt.Sprintf("<@%s> declined your invitation to *%s*.", t.user("b"), p.Title))
		return replace("You declined *" + p.Title + "*. Nothing was shared."), nil
	case "cancelled":
		return s.cancelled(ctx, req, t, p), nil
	case "ok", "done", "bothdone", "back", "restarted", "resumed", "invalid":
		return s.moved(ctx, req, t, p)
	case "shared", "private", "revealed":
		return s.shared(ctx, t, p)
	case "closed":
		if op == "share" {
			return s.shared(ctx, t, p)
		}
	}
	return blockkit.EphemeralText("That paired assessment is over."), nil
}

// unmoved answers the results that leave the take where it was; ok is
// false for the others.
func (s *Service) unmoved(ctx context.Context, t *take) (bot.Reply, bool) {
	switch t.Code {
	case "none":
		return blockkit.EphemeralText("That paired assessment is no longer running. Start a new one with `" + blockkit.SlashCommand + " pair @cofounder`."), true
	case "notyours":
		return blockkit.EphemeralText("That belongs to two other people. Take it with your own co-founder: `" + blockkit.SlashCommand + " pair @cofounder`."), true
	case "stale":
		return blockkit.EphemeralText("That button belongs to an earlier question. Use the latest one."), true
	case "answered":
		return blockkit.EphemeralText("That question was already answered."), true
	case "first":
		return blockkit.EphemeralText("This is the first question."), true
	case "finished":
		return blockkit.EphemeralText(fmt.Sprintf("You have answered every question. Waiting for <@%s>.", t.user(other(t.Seat)))), true
	case "voted":
		return blockkit.EphemeralText("You already answered that."), true
	case "expired", "lapsed":
		return s.expired(ctx, t), true
	}
	return bot.Reply{}, false
}

// tell posts text in the DM of the seat's user; a failure is logged, the
// take has moved on either way.
func (s *Service) tell(ctx context.Context, t *take, seat, text string) {
	dm, err := s.dm(ctx, t, seat)
	if err == nil {
		_, err = s.sl.Post(ctx, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{blockkit.Section(text)}})
	}
	if err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Str("seat", seat).Msg("tell co-founder")
	}
}

// dm is the DM of a seat's user: recorded when the invitation was
// accepted, else opened.
func (s *Service) dm(ctx context.Context, t *take, seat string) (string, error) {
	if dm := t.get("dm:" + seat); dm != "" {
		return dm, nil
	}
	return s.sl.OpenDM(ctx, t.user(seat))
}

// replace answers a click by replacing the message holding the button.
func replace(text string) bot.Reply {
	return bot.Reply{Text: text, Blocks: []slack.Block{blockkit.Section(text)}, ReplaceOriginal: true}
}
