package pairs

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

func progress(q, n int) string { return strconv.Itoa(q+1) + "/" + strconv.Itoa(n) }

// questionText is a seat's question q with its progress and co-founder.
func questionText(p *knowledge.Pair, q int, cofounder string) string {
	return fmt.Sprintf("*%s* · %s · with <@%s>\n*%s*", p.Title, progress(q, len(p.Questions)), cofounder, p.Questions[q].Text)
}

// questionBlocks shows question q to a seat with a button per option and
// the same navigation as a solo assessment.
func questionBlocks(p *knowledge.Pair, t *take, seat string, q int) []slack.Block {
	base := ref{CID: t.CID, Run: t.run(), SeatRun: t.get("r:" + seat), Question: q, Option: -1}
	opts := make([]slack.BlockElement, 0, len(p.Questions[q].Options))
	for i, o := range p.Questions[q].Options {
		v := base
		v.Option = i
		opts = append(opts, blockkit.EmojiButton(ActionAnswer+":"+strconv.Itoa(i), v.value(), strconv.Itoa(i+1)+". "+o.Label))
	}
	var navs []slack.BlockElement
	if q > 0 {
		navs = append(navs, blockkit.EmojiButton(ActionBack, base.value(), "Back"))
	}
	navs = append(navs, blockkit.EmojiButton(ActionRestart, base.value(), "Restart"), blockkit.EmojiButton(ActionCancel, base.value(), "Cancel"))
	cofounder := t.user(other(seat))
	return []slack.Block{
		blockkit.Section(questionText(p, q, cofounder)),
		blockkit.Actions("answers", opts...),
		blockkit.Context("privacy", fmt.Sprintf("Only you see your answers. <@%s> sees them only if you both agree to share, once you have both finished.", cofounder)),
		blockkit.Actions("nav", navs...),
	}
}

// postQuestion posts a seat's question q in its user's DM and records the
// message, so the next step can update it.
func (s *Service) postQuestion(ctx context.Context, p *knowledge.Pair, t *take, seat string, q int) error {
	dm, err := s.dm(ctx, t, seat)
	if err != nil {
		return fmt.Errorf("open dm for pair %s: %w", t.CID, err)
	}
	ts, err := s.sl.Post(ctx, bot.Message{
		Channel: dm,
		Text:    fmt.Sprintf("%s %s: %s", p.Title, progress(q, len(p.Questions)), p.Questions[q].Text),
		Blocks:  questionBlocks(p, t, seat, q),
	})
	if err != nil {
		return fmt.Errorf("post question %d of pair %s: %w", q+1, t.CID, err)
	}
	return s.record(ctx, t.CID, t.user(seat), t.get("r:"+seat), q, ts)
}

// moved acts on a seat's step through the questions: update the question
// just left, then post the next one, the wait, or the share prompts.
func (s *Service) moved(ctx context.Context, req *bot.Request, t *take, p *knowledge.Pair) (bot.Reply, error) {
	seat, n := t.Seat, len(p.Questions)
	q := t.num("q:" + seat)
	if t.Before < 0 || t.Before >= n || q < 0 || q > n {
		return bot.Reply{}, fmt.Errorf("step pair %s: question %d/%d out of range", t.CID, q, n)
	}
	before := p.Questions[t.Before]
	head := questionText(p, t.Before, t.user(other(seat)))
	switch t.Code {
	case "invalid":
		return blockkit.EphemeralText("That option is not one of this question's."), nil
	case "resumed":
		if err := s.postQuestion(ctx, p, t, seat, q); err != nil {
			return bot.Reply{}, err
		}
		return blockkit.EphemeralText(fmt.Sprintf("Picked up *%s* at question %s.", p.Title, progress(q, n))), nil
	case "back", "restarted":
		s.update(ctx, t, seat, req, head+"\n_"+map[string]string{"back": "Went back", "restarted": "Restarted"}[t.Code]+"_")
		return bot.Reply{}, s.postQuestion(ctx, p, t, seat, q)
	}
	label := ""
	if t.Option >= 0 && t.Option < len(before.Options) {
		label = before.Options[t.Option].Label
	}
	s.update(ctx, t, seat, req, head+"\n:white_check_mark: "+label)
	switch t.Code {
	case "done":
		s.tell(ctx, t, seat, fmt.Sprintf("That's all %d questions of *%s*. Waiting for <@%s> to finish; then I'll ask you both whether to share.",
			n, p.Title, t.user(other(seat))))
		return bot.Reply{}, nil
	case "bothdone":
		s.log.Info().Str("pair", t.CID).Msg("pair finished by both")
		return bot.Reply{}, s.promptShare(ctx, t, p)
	}
	return bot.Reply{}, s.postQuestion(ctx, p, t, seat, q)
}

// update replaces the seat's question message that was current before the
// step (recorded, else the one clicked); a failure is only logged.
func (s *Service) update(ctx context.Context, t *take, seat string, req *bot.Request, text string) {
	ts := t.get("ts:" + seat)
	if ts == "" && req.Kind == bot.KindAction {
		ts = req.MessageTS
	}
	dm, err := s.dm(ctx, t, seat)
	if ts == "" || err != nil {
		return
	}
	if err := s.sl.Update(ctx, dm, ts, bot.Message{Channel: dm, Text: text, Blocks: []slack.Block{blockkit.Section(text)}}); err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Str("ts", ts).Msg("update pair question")
	}
}
