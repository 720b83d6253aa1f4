package pairs

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// openPicker opens the modal that asks who the co-founder is, for pairID
// ("Take it with a co-founder", or `pair` with nobody named); over the
// modal the click came from, if any.
func (s *Service) openPicker(ctx context.Context, req *bot.Request, pairID string) (bot.Reply, error) {
	p, ok := s.kb.PairByID(pairID)
	if !ok {
		return blockkit.EphemeralText("That paired assessment is no longer available."), nil
	}
	pick := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, blockkit.Plain("Pick your co-founder"), "cofounder")
	modal := blockkit.Modal(CallbackInvite, "With a co-founder", "Invite", p.ID,
		blockkit.Section("*"+p.Title+"*\n"+p.Summary),
		blockkit.Input("cofounder", "Your co-founder", "They get an invitation in their DM with Accept and Decline.", false, pick))
	open := s.sl.OpenView
	if req.ViewID != "" { // clicked in a modal: Slack stacks the picker on it
		open = s.sl.PushView
	}
	if _, err := open(ctx, req.TriggerID, modal); err != nil {
		return bot.Reply{}, fmt.Errorf("open co-founder picker: %w", err)
	}
	return bot.Reply{}, nil
}

// openPostPicker opens the modal that asks where to post a comparison.
func (s *Service) openPostPicker(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	r, err := parseRef(req.ActionValue)
	if err != nil {
		return blockkit.EphemeralText("That button no longer works."), nil
	}
	pick := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, blockkit.Plain("Pick a channel"), "channel")
	pick.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true, ExcludeExternalSharedChannels: true}
	modal := blockkit.Modal(CallbackPost, "Post the comparison", "Propose", r.value(),
		blockkit.Section("Your co-founder has to agree to the same channel before anything is posted."),
		blockkit.Input("channel", "Channel", "Invite the advisor there first (/invite @advisor).", false, pick))
	if _, err := s.sl.OpenView(ctx, req.TriggerID, modal); err != nil {
		return bot.Reply{}, fmt.Errorf("open channel picker: %w", err)
	}
	return bot.Reply{}, nil
}

// HandleCallback answers the submissions of the pairs' modals (callback
// ids starting with pair:). It runs before the ack, so it does only quick
// work: the messages it causes are posted after the ack, from its Reply.
func (s *Service) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if req.Kind != bot.KindViewSubmission {
		return bot.Reply{}, nil
	}
	switch req.CallbackID {
	case CallbackInvite:
		return s.submitInvite(ctx, req)
	case CallbackPost:
		return s.submitPost(ctx, req)
	}
	return bot.Reply{}, nil
}

// submitInvite invites the co-founder picked in the modal: a problem with
// them shows under the field; the invitation goes to their DM after the ack.
func (s *Service) submitInvite(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	p, ok := s.kb.PairByID(req.PrivateMetadata)
	if !ok {
		return bot.Reply{View: blockkit.Update(blockkit.Notice(CallbackInvite, "With a co-founder", "That paired assessment is no longer available."))}, nil
	}
	invitee := req.Values.Value("cofounder")
	if !userPattern.MatchString(invitee) {
		return blockkit.FieldErrors(map[string]string{"cofounder": "Pick your co-founder."}), nil
	}
	problem, err := s.checkCofounder(ctx, req, invitee)
	if err != nil {
		return bot.Reply{}, err
	}
	if problem != "" {
		return blockkit.FieldErrors(map[string]string{"cofounder": plainMentions(problem)}), nil
	}
	msg, text, err := s.invite(ctx, req, invitee, p)
	if err != nil {
		return bot.Reply{}, err
	}
	reply := bot.Reply{View: blockkit.Update(blockkit.Notice(CallbackInvite, "With a co-founder", text))}
	if msg != nil {
		reply.Channel, reply.Text, reply.Blocks = msg.Channel, msg.Text, msg.Blocks
	}
	return reply, nil
}

// plainMentions turns <@U…> into "that person" for plain-text places
// (field errors), where Slack shows no mentions.
func plainMentions(s string) string {
	for {
		i := strings.Index(s, "<@")
		j := strings.IndexByte(s[max(i, 0):], '>')
		if i < 0 || j < 0 {
			return s
		}
		s = s[:i] + "That person" + s[i+j+1:]
	}
}
