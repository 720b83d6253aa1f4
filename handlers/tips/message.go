package tips

import (
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
)

// Action ids of the tips' own buttons, handled by HandleAction. A tip's
// "Tell me more" is blockkit.ActionFAQ: the router answers it in a thread.
const (
	ActionPause       = blockkit.PrefixTips + "pause"        // value: the channel id
	ActionStop        = blockkit.PrefixTips + "stop"         // value: the channel id (the DM for personal tips): unsubscribe
	ActionSubscribeMe = blockkit.PrefixTips + "subscribe-me" // App Home button: personal tips by DM
	ActionResume      = blockkit.PrefixTips + "resume"       // value: the channel id
	ActionEdit        = blockkit.PrefixTips + "edit"         // value: the channel id; opens the settings modal filled in
	ActionSetup       = blockkit.PrefixTips + "setup"        // value: the channel to suggest ("" for the DM); opens the settings modal
)

// TipMessage builds the Block Kit message for a tip posted to sub's channel.
func TipMessage(sub scheduler.Subscription, p scheduler.Pick) bot.Message {
	t := p.Tip
	blocks := []slack.Block{blockkit.Section(":bulb: " + t.Text), blockkit.Context("", topicLine(p))}
	var buttons []slack.BlockElement
	if t.Related != "" {
		buttons = append(buttons, blockkit.Button(blockkit.ActionFAQ, t.Related, "Tell me more"))
	}
	if sub.Personal {
		buttons = append(buttons, blockkit.Button(ActionStop, sub.Channel, "Stop these"))
	} else {
		buttons = append(buttons, blockkit.Button(ActionPause, sub.Channel, "Pause these tips"))
	}
	blocks = append(blocks, blockkit.Actions("tip_actions", buttons...))
	return bot.Message{Channel: sub.Channel, Text: blockkit.Clip("Tip: "+t.Text, blockkit.MaxSectionText), Blocks: blocks}
}

// topicLine says a tip's topic and, for a tip picked for the user, why.
func topicLine(p scheduler.Pick) string {
	s := "Topic: *" + p.Tip.Topic + "*"
	if p.Reason != "" {
		s += " · Why this tip: " + p.Reason
	}
	return s
}
