package experts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// HandleAction answers the experts' buttons: Ask a person, Answer, and the
// 👍/👎 under an expert's answer.
func (s *Service) HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	switch blockkit.BaseAction(req.ActionID) {
	case ActionAsk:
		return s.ask(ctx, req)
	case ActionAnswer:
		return s.openAnswer(ctx, req)
	case ActionFeedback:
		return s.feedback(ctx, req)
	}
	return blockkit.EphemeralText("That button is no longer active."), nil
}

// ask puts the offered question to the experts: a new request posted in
// the experts channel, or the open one for the same question joined.
func (s *Service) ask(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	o, err := s.loadOffer(ctx, req.ActionValue)
	if errors.Is(err, errNotFound) {
		return blockkit.EphemeralText("That question is too old to pass on now. Ask me again, and press *Ask a person* under my reply."), nil
	}
	if err != nil {
		return bot.Reply{}, err
	}
	ch, err := s.Channel(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	if ch == "" {
		return blockkit.EphemeralText(notOnText), nil
	}
	o.Origin.User = req.UserID // whoever pressed it wants the answer (a thread is seen by many)
	key := questionKey(o.Question, o.Entry)
	rid, opened, again, err := s.openOrJoin(ctx, o, key, ch)
	if err != nil {
		return bot.Reply{}, err
	}
	back := whereText(o.Origin)
	switch {
	case again:
		return blockkit.EphemeralText("You've passed this one on already. The answer will come back " + back + "."), nil
	case !opened:
		s.noteJoined(ctx, rid)
		return blockkit.EphemeralText(":raising_hand: Someone asked the experts the same a little while ago. " +
			"You'll get the same answer, " + back + ", as soon as a person replies."), nil
	}
	blockkit.Busy(ctx, "is asking a person…")
	ts, err := s.sl.Post(ctx, bot.Message{Channel: ch, Text: "A question for a person, from <@" + req.UserID + ">",
		Blocks: s.questionBlocks(ctx, rid, o)})
	if err != nil {
		s.log.Error().Err(err).Str("channel", ch).Str("request", rid).Msg("post to the experts channel")
		s.abandon(ctx, rid)
		return blockkit.EphemeralText(":warning: I couldn't reach the experts just now, so nothing was sent. Please try again in a while."), nil
	}
	if err := s.rdb.HSet(ctx, s.keys.request(rid), "post", ts).Err(); err != nil {
		return bot.Reply{}, fmt.Errorf("keep the experts' post of %s: %w", rid, err)
	}
	s.observer.ExpertRequestOpened()
	return blockkit.EphemeralText(":raising_hand: I've passed your question to the people who know. Their answer will come back " +
		back + "."), nil
}

// abandon closes a request whose post never reached the experts, so the
// next ask opens a new one.
func (s *Service) abandon(ctx context.Context, rid string) {
	r, err := s.loadRequest(ctx, rid)
	if err == nil {
		_, err = s.closeRequest(ctx, r, statusUnposted, "", "", "unposted")
	}
	if err != nil {
		s.log.Warn().Err(err).Str("request", rid).Msg("abandon expert request")
	}
}

// questionBlocks is the experts' message: who asked, the question, where,
// and the Answer button.
func (s *Service) questionBlocks(ctx context.Context, rid string, o offer) []slack.Block {
	link := ""
	if o.Origin.MessageTS != "" && o.Origin.Where != whereDM {
		var err error
		if link, err = s.sl.Permalink(ctx, o.Origin.Channel, o.Origin.MessageTS); err != nil {
			s.log.Debug().Err(err).Msg("permalink of the question")
			link = ""
		}
	}
	head := ":raising_hand: <@" + o.Origin.User + "> asked something I couldn't answer:"
	if o.Entry != "" {
		head = ":thumbsdown: <@" + o.Origin.User + "> found my answer to this unhelpful:"
	}
	return []slack.Block{
		blockkit.Section(head + "\n" + quote(o.Question)),
		blockkit.Context("", "Asked "+askedText(o.Origin, link)+". Anyone in this channel can answer; the first answer goes back to the asker."),
		blockkit.Actions("experts", answerButton(rid)),
	}
}

func answerButton(rid string) *slack.ButtonBlockElement {
	b := blockkit.Button(ActionAnswer, rid, "Answer")
	b.Style = slack.StylePrimary
	return b
}

// quote shows user text as a mrkdwn quote, escaped.
func quote(text string) string {
	return "> " + strings.ReplaceAll(blockkit.Echo(text, maxQuestion), "\n", "\n> ")
}

// noteJoined logs that a second asker joined rid: the experts' message
// stays as it is (one post per question), and everyone gets the answer.
func (s *Service) noteJoined(ctx context.Context, rid string) {
	n, err := s.rdb.LLen(ctx, s.keys.askers(rid)).Result()
	if err != nil {
		s.log.Warn().Err(err).Str("request", rid).Msg("count askers")
		return
	}
	s.log.Info().Str("request", rid).Int64("askers", n).Msg("asker joined an open expert request")
}

// feedback counts a 👍/👎 on an expert's answer, once per person.
func (s *Service) feedback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	dir, rid, _ := strings.Cut(req.ActionValue, ":")
	if (dir != "up" && dir != "down") || !validID(rid) {
		return blockkit.EphemeralText("That feedback button is no longer active."), nil
	}
	n, err := s.rdb.SAdd(ctx, s.keys.votes(rid), req.UserID).Result()
	if err == nil {
		err = s.rdb.Expire(ctx, s.keys.votes(rid), s.ttl()).Err()
	}
	switch {
	case err != nil:
		s.log.Warn().Err(err).Msg("record expert answer feedback")
		return blockkit.EphemeralText("Thanks! I couldn't save your feedback just now, but I appreciate it."), nil
	case n == 0:
		return blockkit.EphemeralText("You already rated this answer — thanks!"), nil
	case dir == "up":
		s.log.Info().Str("request", rid).Str("vote", dir).Msg("expert answer rated")
		return blockkit.EphemeralText(":thumbsup: Thanks for the feedback!"), nil
	}
	s.log.Info().Str("request", rid).Str("vote", dir).Msg("expert answer rated")
	return blockkit.EphemeralText(":thumbsdown: Thanks for saying so. Ask me again with more detail, and press *Ask a person* if I still can't help."), nil
}
