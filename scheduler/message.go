package scheduler

import (
	"github.com/advisor-bot/advisor/bot"
	"github.com/slack-go/slack"
)

// Action ids of the buttons on a tip.
const (
	ActionTellMore = "faq:show"   // value: the tip's related FAQ id; the router answers in a thread
	ActionPause    = "tips:pause" // value: the channel id
	ActionStop     = "tips:stop"  // value: the DM channel id (personal tips)
)

// TipMessage builds the Block Kit message for a tip posted to sub's channel.
func TipMessage(sub Subscription, p Pick) bot.Message {
	t := p.Tip
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, truncate(":bulb: "+t.Text, 3000), false, false), nil, nil),
	}
	ctxText := "Topic: *" + t.Topic + "*"
	if p.Reason != "" {
		ctxText += " · Why this tip: " + p.Reason
	}
	blocks = append(blocks, slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, truncate(ctxText, 2000), false, false)))
	var buttons []slack.BlockElement
	if t.Related != "" {
		buttons = append(buttons, slack.NewButtonBlockElement(ActionTellMore, t.Related, slack.NewTextBlockObject(slack.PlainTextType, "Tell me more", false, false)))
	}
	if sub.Personal {
		buttons = append(buttons, slack.NewButtonBlockElement(ActionStop, sub.Channel, slack.NewTextBlockObject(slack.PlainTextType, "Stop these", false, false)))
	} else {
		buttons = append(buttons, slack.NewButtonBlockElement(ActionPause, sub.Channel, slack.NewTextBlockObject(slack.PlainTextType, "Pause these tips", false, false)))
	}
	blocks = append(blocks, slack.NewActionBlock("tip_actions", buttons...))
	return bot.Message{Channel: sub.Channel, Text: truncate("Tip: "+t.Text, 3000), Blocks: blocks}
}

// truncate cuts s to at most n runes, marking the cut.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
