package tips

import (
	"strings"

	"github.com/advisor-bot/advisor/bot"
)

// forPane makes `tips …` typed in the assistant pane act on the channel
// the user is looking at beside it, as if typed there: "send tips to this
// channel" means that channel. Without one (the user looks at a DM, or at
// nothing) it stays in the DM: personal tips. The copy keeps its kind, so
// replies still go to the pane's thread and say which channel they mean.
func forPane(req *bot.Request) *bot.Request {
	ch := req.ContextChannelID
	if req.Kind != bot.KindAssistantMessage || (!strings.HasPrefix(ch, "C") && !strings.HasPrefix(ch, "G")) {
		return req
	}
	c := *req
	c.ChannelID, c.ChannelType, c.ThreadTS = ch, "channel", ""
	if strings.HasPrefix(ch, "G") {
		c.ChannelType = "group"
	}
	return &c
}

// here names the request's channel in a visible confirmation: "this
// channel" where it is read, the channel itself when said from the pane.
func here(req *bot.Request) string {
	if req.Kind == bot.KindAssistantMessage {
		return "<#" + req.ChannelID + ">"
	}
	return "this channel"
}
