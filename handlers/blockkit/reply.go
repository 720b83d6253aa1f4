package blockkit

import (
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// Ephemeral is a reply only the typing or clicking user sees: text, and
// blocks if any.
func Ephemeral(text string, blocks ...slack.Block) bot.Reply {
	return bot.Reply{Text: text, Blocks: blocks, Visibility: bot.VisibilityEphemeral}
}

// EphemeralText is Ephemeral with the text shown as a section too, so it
// renders as mrkdwn wherever Slack shows the blocks.
func EphemeralText(text string) bot.Reply {
	return Ephemeral(text, Section(text))
}
