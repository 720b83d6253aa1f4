package pairs

import (
	"context"
	"fmt"
	"strings"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// accept starts the questions for both seats: the same first question in
// each one's DM.
func (s *Service) accept(ctx context.Context, req *bot.Request, r ref) (bot.Reply, error) {
	cur, err := s.load(ctx, r.CID)
	if err != nil || cur == nil {
		return bot.Reply{Text: "That invitation is no longer open.", Visibility: bot.VisibilityEphemeral}, err
	}
	dms := make([]any, 2)
	for i, seat := range []string{"a", "b"} {
		if dms[i], err = s.sl.OpenDM(ctx, cur.user(seat)); err != nil {
			return bot.Reply{}, fmt.Errorf("open dm for pair %s: %w", r.CID, err)
		}
	}
	t, err := s.step(ctx, r.CID, stepArgs{op: "accept", user: req.UserID, run: r.Run, question: -1,
		arg: newRun() + "," + newRun(), delivery: req.ID, extra: dms})
	if err != nil {
		return bot.Reply{}, err
	}
	if t.Code != "accepted" {
		if reply, ok := s.unmoved(ctx, t); ok {
			return reply, nil
		}
		if st := t.get("st"); st != "invited" && st != "declined" && st != "cancelled" {
			return blockkit.EphemeralText("You already accepted: your questions are in this DM."), nil
		}
		return blockkit.EphemeralText("That invitation is no longer open."), nil
	}
	p, ok := s.kb.PairByID(t.pairID())
	if !ok {
		return bot.Reply{}, fmt.Errorf("accept pair %s: paired assessment %q is gone", t.CID, t.pairID())
	}
	s.log.Info().Str("pair", t.CID).Str("user", req.UserID).Msg("pair accepted")
	if err := s.schedule(ctx, t.CID, ms(s.now().Add(s.remind))); err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Msg("schedule pair reminder")
	}
	s.tell(ctx, t, "a", fmt.Sprintf("<@%s> accepted *%s*. Here is your first question.", t.user("b"), p.Title))
	for _, seat := range []string{"a", "b"} {
		if err := s.postQuestion(ctx, p, t, seat, 0); err != nil {
			return bot.Reply{}, err
		}
	}
	return replace(fmt.Sprintf("You accepted <@%s>'s invitation to *%s*. Your first question is below.", t.user("a"), p.Title)), nil
}

// expired answers a click on a take that timed out; the one that expired
// it tells the other seat too.
func (s *Service) expired(ctx context.Context, t *take) bot.Reply {
	p, _ := s.kb.PairByID(t.pairID())
	title := t.pairID()
	if p != nil {
		title = p.Title
	}
	cofounder := t.user(other(t.Seat))
	text := fmt.Sprintf("*%s* with <@%s> timed out: nobody answered for too long. Nothing was shared.", title, cofounder)
	if t.get("st") == "expired" {
		text = fmt.Sprintf("The invitation to *%s* expired before it was accepted.", title)
	}
	if t.First {
		s.tell(ctx, t, other(t.Seat), text)
	}
	again := blockkit.Button(blockkit.ActionPairAgain, t.CID, "Invite again")
	return blockkit.Ephemeral(text, blockkit.SectionButton(text, again))
}

// cancelled closes the question message and tells the other seat.
func (s *Service) cancelled(ctx context.Context, req *bot.Request, t *take, p *knowledge.Pair) bot.Reply {
	seat, cofounder := t.Seat, t.user(other(t.Seat))
	if t.get("s:"+seat) != "" {
		s.update(ctx, t, seat, req, questionText(p, min(t.num("q:"+seat), len(p.Questions)-1), cofounder)+"\n_Cancelled_")
	}
	s.tell(ctx, t, other(seat), fmt.Sprintf("<@%s> stopped *%s*. Nothing was shared.", t.user(seat), p.Title))
	text := fmt.Sprintf("Cancelled *%s* with <@%s>. Nothing was shared.", p.Title, cofounder)
	return blockkit.Ephemeral(text, blockkit.SectionButton(text, blockkit.Button(blockkit.ActionPairAgain, t.CID, "Start again")))
}

// again invites the clicking user's co-founder of a couple to a new take.
func (s *Service) again(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	cid := req.ActionValue
	if !cidPattern.MatchString(cid) {
		return blockkit.EphemeralText("That button no longer works."), nil
	}
	a, rest, _ := strings.Cut(cid, ":")
	b, _, _ := strings.Cut(rest, ":")
	invitee := a
	switch req.UserID {
	case a:
		invitee = b
	case b:
	default:
		return blockkit.EphemeralText("That belongs to two other people."), nil
	}
	p, ok := s.kb.PairByID(pairOf(cid))
	if !ok {
		return blockkit.EphemeralText("That paired assessment is no longer available."), nil
	}
	return s.sendInvite(ctx, req, invitee, p)
}
