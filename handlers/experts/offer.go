package experts

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Offer is what a reply that did not help adds under itself: an Ask a
// person button for question (entryID names the entry a 👎 was about; ""
// for an "I don't know"), or, with no experts channel, how an admin turns
// that on. The question is kept in Redis and the button carries its id.
// A storage problem leaves the reply as it was (logged).
func (s *Service) Offer(ctx context.Context, req *bot.Request, question, entryID string) []slack.Block {
	ch, err := s.Channel(ctx)
	if err != nil {
		s.log.Warn().Err(err).Msg("experts channel for an offer")
		return nil
	}
	if ch == "" {
		return []slack.Block{blockkit.Context("", "No person is set up to take questions I can't answer. "+
			"An admin can turn that on with `"+blockkit.SlashCommand+" experts here` in the channel where people can answer them.")}
	}
	o := offer{Question: clipQuestion(question), Entry: entryID, Origin: originOf(req)}
	if o.Question == "" {
		return nil
	}
	qid, err := s.saveOffer(ctx, o)
	if err != nil {
		s.log.Warn().Err(err).Msg("save expert offer")
		return nil
	}
	text := "Want a person to answer it? I'll pass it to the people who know, and bring their answer back " + whereText(o.Origin) + "."
	if entryID != "" {
		text = "Want a person to answer it instead? I'll pass your question to the people who know, and bring their answer back " +
			whereText(o.Origin) + "."
	}
	return []slack.Block{blockkit.SectionButton(text, blockkit.Button(ActionAsk, qid, "Ask a person"))}
}

// originOf is where req was asked and where its answer should go back.
func originOf(req *bot.Request) origin {
	o := origin{User: req.UserID, Channel: req.ChannelID, MessageTS: req.MessageTS, Thread: req.ThreadTS}
	switch {
	case req.Kind == bot.KindCommand:
		o.Where, o.MessageTS, o.Thread = wherePrivate, "", ""
	case req.Kind == bot.KindMessageShortcut, req.Kind == bot.KindAction && req.Ephemeral:
		o.Where = wherePrivate
	case blockkit.IsDM(req):
		o.Where, o.MessageTS = whereDM, ""
	default: // a mention, a channel thread, a click on a visible message
		o.Where = whereThread
		if o.Thread == "" {
			o.Thread = req.MessageTS
		}
	}
	if o.Where == whereThread && (o.Thread == "" || o.Channel == "") {
		o.Where = wherePrivate
	}
	return o
}

// whereText is where the answer comes back, as the asker reads it.
func whereText(o origin) string {
	switch o.Where {
	case whereThread:
		return "in this thread"
	case whereDM:
		return "here"
	}
	return "to you in a DM from me"
}

// askedText is where a question was asked, as the experts read it.
func askedText(o origin, link string) string {
	var where string
	switch {
	case o.Where == whereDM:
		return "in a DM with me"
	case strings.HasPrefix(o.Channel, "D") || o.Channel == "":
		where = "privately, in a DM"
	case o.Where == wherePrivate:
		where = "privately, in <#" + o.Channel + ">"
	default:
		where = "in <#" + o.Channel + ">"
	}
	if link != "" {
		where += " (<" + link + "|the message>)"
	}
	return where
}
