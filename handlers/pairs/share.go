package pairs

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// promptShare asks each seat, in its DM, whether to share with the other.
func (s *Service) promptShare(ctx context.Context, t *take, p *knowledge.Pair) error {
	for _, seat := range []string{"a", "b"} {
		cofounder := t.user(other(seat))
		base := ref{CID: t.CID, Run: t.run(), Question: -1}
		yes, no := base, base
		yes.Option, no.Option = 1, 0
		text := fmt.Sprintf("You have both finished *%s*. Share your answers with <@%s>?", p.Title, cofounder)
		dm, err := s.dm(ctx, t, seat)
		if err != nil {
			return fmt.Errorf("open dm for pair %s: %w", t.CID, err)
		}
		ts, err := s.sl.Post(ctx, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{
			blockkit.Section(text),
			blockkit.Context("consent", "You each see the comparison only if you both say yes. If one of you says no, the other is told only that."),
			blockkit.Actions("share", styled(blockkit.Button(ActionShare, yes.value(), "Share my answers"), slack.StylePrimary),
				blockkit.Button(ActionShare, no.value(), "Keep them private")),
		}})
		if err != nil {
			return fmt.Errorf("post share prompt of pair %s: %w", t.CID, err)
		}
		if _, err := s.step(ctx, t.CID, stepArgs{op: "sts", user: t.user(seat), question: -1, arg: ts}); err != nil {
			return err
		}
	}
	return nil
}

// shared acts on a share decision: wait for the other, tell the other
// only that this one declined, or reveal the comparison to both.
func (s *Service) shared(ctx context.Context, t *take, p *knowledge.Pair) (bot.Reply, error) {
	seat, cofounder := t.Seat, t.user(other(t.Seat))
	switch t.Code {
	case "shared":
		return replace(fmt.Sprintf("You said yes. I'll show you both the comparison once <@%s> says yes too.", cofounder)), nil
	case "closed": // decided already: say how it ended
		if t.get("st") == "revealed" {
			return blockkit.EphemeralText("You both said yes already: the comparison is in this DM."), nil
		}
		if t.get("by") == seat {
			return replace("Your answers stay private; nothing was shared."), nil
		}
		return replace(fmt.Sprintf("<@%s> chose not to share this time, so nothing was shared.", cofounder)), nil
	case "private":
		s.log.Info().Str("pair", t.CID).Msg("pair kept private")
		text := fmt.Sprintf("<@%s> chose not to share this time, so nothing was shared.", t.user(seat))
		s.replacePrompt(ctx, t, other(seat), text)
		return replace("Your answers stay private; nothing was shared."), nil
	}
	if t.get("sh:"+seat) != "y" || t.get("sh:"+other(seat)) != "y" {
		return replace(fmt.Sprintf("<@%s> chose not to share this time, so nothing was shared.", cofounder)), nil
	}
	s.log.Info().Str("pair", t.CID).Msg("pair revealed")
	c, err := s.comparisonOf(p, t.CID, t.run(), t.user("a"), t.user("b"), t.answers("a"), t.answers("b"))
	if err != nil {
		return bot.Reply{}, err
	}
	s.replacePrompt(ctx, t, other(seat), "You both said yes: the comparison is below.")
	for _, st := range []string{"a", "b"} {
		dm, err := s.dm(ctx, t, st)
		if err != nil {
			return bot.Reply{}, fmt.Errorf("open dm for pair %s: %w", t.CID, err)
		}
		if err := s.postComparison(ctx, c, dm, true); err != nil {
			return bot.Reply{}, err
		}
	}
	return replace("You both said yes: the comparison is below."), nil
}

// replacePrompt closes a seat's share prompt with text.
func (s *Service) replacePrompt(ctx context.Context, t *take, seat, text string) {
	ts := t.get("sts:" + seat)
	dm, err := s.dm(ctx, t, seat)
	if ts == "" || err != nil {
		s.tell(ctx, t, seat, text)
		return
	}
	if err := s.sl.Update(ctx, dm, ts, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{blockkit.Section(text)}}); err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Msg("update share prompt")
		s.tell(ctx, t, seat, text)
	}
}
