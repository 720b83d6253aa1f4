package handlers

import (
	"context"
	"strings"
	"unicode"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Callback ids of the shortcuts manifest.yaml declares.
const (
	ShortcutAsk    = "ask_advisor"     // message shortcut "Ask the advisor": the message is the question
	ShortcutAssess = "take_assessment" // global shortcut "Take an assessment": the list in a modal
)

// noText answers a message shortcut on a message without words.
const noText = ":grey_question: That message has no text I can read (it may be only a file, an image or a card). " +
	"Run *Ask the advisor* on a message with a question in it, or ask me directly: `" + blockkit.SlashCommand + " ask who should I hire first?`"

// shortcut answers the advisor's own shortcuts; others go to the feature
// that registered their callback id.
func (r *Router) shortcut(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	switch {
	case req.Kind == bot.KindMessageShortcut && req.CallbackID == ShortcutAsk:
		return r.askAbout(ctx, req), nil
	case req.Kind == bot.KindShortcut && req.CallbackID == ShortcutAssess && r.assess != nil:
		reply, err := r.assess.OpenPicker(ctx, req)
		return r.unavailable(ctx, reply, err, "Assessments")
	}
	return r.callback(ctx, req)
}

// askAbout answers the message a shortcut was run on, privately to the
// user who ran it, with the question quoted and a link to the message.
func (r *Router) askAbout(ctx context.Context, req *bot.Request) bot.Reply {
	question := strings.TrimSpace(req.Text)
	if question == "" || onlyMarkup(question) {
		return blockkit.EphemeralText(noText)
	}
	reply := r.ask(ctx, req, question)
	about := "About " + r.messageLink(ctx, req)
	if id := req.MessageUserID; strings.HasPrefix(id, "U") || strings.HasPrefix(id, "W") { // a person, not a bot
		about += " from <@" + id + ">"
	}
	about += ": “" + blockkit.Echo(oneLine(question), 150) + "”"
	reply.Blocks = append([]slack.Block{blockkit.Context("asked_about", about)}, reply.Blocks...)
	return reply
}

// messageLink links the shortcut's message (chat.getPermalink), or just
// names it when Slack cannot say where it is.
func (r *Router) messageLink(ctx context.Context, req *bot.Request) string {
	link, err := r.slack.Permalink(ctx, req.ChannelID, req.MessageTS)
	if err != nil || link == "" {
		zerolog.Ctx(ctx).Debug().Err(err).Msg("no permalink for the shortcut's message")
		return "this message"
	}
	return "<" + link + "|this message>"
}

// onlyMarkup reports whether text is nothing but mentions, links, emoji
// codes and punctuation: no words to answer.
func onlyMarkup(text string) bool {
	for _, f := range strings.Fields(text) {
		if strings.HasPrefix(f, "<") || (strings.HasPrefix(f, ":") && strings.HasSuffix(f, ":")) {
			continue
		}
		if strings.IndexFunc(f, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
			return false
		}
	}
	return true
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
