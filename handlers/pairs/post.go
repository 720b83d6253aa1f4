package pairs

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

var channelPattern = regexp.MustCompile(`^[CG][A-Z0-9]{1,20}$`)

// submitPost records where one seat would post the comparison. The other
// is asked in their DM (after the ack); if they had picked the same
// channel already, this seat gets the button that posts it.
func (s *Service) submitPost(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	notice := func(text string) bot.Reply {
		return bot.Reply{View: blockkit.Update(blockkit.Notice(CallbackPost, "Post the comparison", text))}
	}
	r, err := parseRef(req.PrivateMetadata)
	if err != nil {
		return notice("That comparison can no longer be posted."), nil
	}
	channel := req.Values.Value("channel")
	if !channelPattern.MatchString(channel) {
		return blockkit.FieldErrors(map[string]string{"channel": "Pick a channel (not a direct message)."}), nil
	}
	t, err := s.step(ctx, r.CID, stepArgs{op: "propose", user: req.UserID, run: r.Run, question: -1, arg: channel, delivery: req.ID})
	if err != nil {
		return bot.Reply{}, err
	}
	cofounder := t.user(other(t.Seat))
	value := r.value() + "|" + channel
	switch t.Code {
	case "proposed":
		dm, err := s.dm(ctx, t, other(t.Seat))
		if err != nil {
			return bot.Reply{}, fmt.Errorf("open dm for pair %s: %w", t.CID, err)
		}
		text := fmt.Sprintf("<@%s> would like to post your comparison of *%s* in <#%s>.", req.UserID, s.title(t), channel)
		reply := notice(fmt.Sprintf("I asked <@%s>. The comparison goes to <#%s> once they agree.", cofounder, channel))
		reply.Channel, reply.Text = dm, text
		reply.Blocks = []slack.Block{blockkit.Section(text), blockkit.Actions("proposal",
			styled(blockkit.Button(ActionAgree, value, "Post it there"), slack.StylePrimary), blockkit.Button(ActionRefuse, value, "Not there"))}
		return reply, nil
	case "match":
		text := fmt.Sprintf("<@%s> picked <#%s> too.", cofounder, channel)
		reply := notice(text + " Post it from our DM.")
		reply.Text = text
		reply.Blocks = []slack.Block{blockkit.SectionButton(text, styled(blockkit.Button(ActionAgree, value, "Post it now"), slack.StylePrimary))}
		return reply, nil
	}
	if t.Code == "none" || t.Code == "notyours" || t.Code == "stale" || t.Code == "closed" {
		return notice("That comparison can no longer be posted."), nil
	}
	return notice("Nothing changed; try again from the comparison."), nil
}

// answerProposal posts the comparison where the other seat proposed
// (agree), or turns the proposal down.
func (s *Service) answerProposal(ctx context.Context, req *bot.Request, agree bool) (bot.Reply, error) {
	i := strings.LastIndexByte(req.ActionValue, '|')
	var r ref
	var err error
	if i > 0 {
		r, err = parseRef(req.ActionValue[:i])
	}
	channel := req.ActionValue[i+1:]
	if i <= 0 || err != nil || !channelPattern.MatchString(channel) {
		return blockkit.EphemeralText("That button no longer works."), nil
	}
	op := map[bool]string{true: "agree", false: "refuse"}[agree]
	t, err := s.step(ctx, r.CID, stepArgs{op: op, user: req.UserID, run: r.Run, question: -1, arg: channel, delivery: req.ID})
	if err != nil {
		return bot.Reply{}, err
	}
	proposer := other(t.Seat)
	switch t.Code {
	case "post":
		return s.postInChannel(ctx, t, channel)
	case "refused":
		s.tell(ctx, t, proposer, fmt.Sprintf("<@%s> would rather not post the comparison in <#%s>. Pick another channel with *Post to a channel*.", req.UserID, channel))
		return replace(fmt.Sprintf("OK: not posted in <#%s>.", channel)), nil
	case "changed":
		return replace(fmt.Sprintf("<@%s> no longer proposes <#%s>, so nothing was posted.", t.user(proposer), channel)), nil
	case "posted":
		return blockkit.EphemeralText(fmt.Sprintf("It is already posted in <#%s>.", channel)), nil
	}
	if reply, ok := s.unmoved(ctx, t); ok {
		return reply, nil
	}
	return blockkit.EphemeralText("That comparison can no longer be posted."), nil
}

// postInChannel posts the comparison both seats agreed on in channel and
// tells them both.
func (s *Service) postInChannel(ctx context.Context, t *take, channel string) (bot.Reply, error) {
	p, ok := s.kb.PairByID(t.pairID())
	if !ok {
		return bot.Reply{}, fmt.Errorf("post pair %s: paired assessment %q is gone", t.CID, t.pairID())
	}
	c, err := s.comparisonOf(p, t.CID, t.run(), t.user("a"), t.user("b"), t.answers("a"), t.answers("b"))
	if err != nil {
		return bot.Reply{}, err
	}
	if err := s.postComparison(ctx, c, channel, false); err != nil {
		s.log.Warn().Err(err).Str("pair", t.CID).Str("channel", channel).Msg("post comparison in channel")
		text := fmt.Sprintf("I couldn't post in <#%s>. Add me there with `/invite @advisor`, then propose it again.", channel)
		s.tell(ctx, t, other(t.Seat), text)
		return replace(text), nil
	}
	s.log.Info().Str("pair", t.CID).Str("channel", channel).Msg("pair comparison posted")
	s.tell(ctx, t, other(t.Seat), fmt.Sprintf("<@%s> agreed: the comparison is posted in <#%s>.", t.user(t.Seat), channel))
	return replace(fmt.Sprintf("Posted in <#%s>.", channel)), nil
}

// title is the take's paired assessment's title.
func (s *Service) title(t *take) string {
	if p, ok := s.kb.PairByID(t.pairID()); ok {
		return p.Title
	}
	return t.pairID()
}
