package bot

import "github.com/slack-go/slack"

// maxMessageBlocks is how many blocks Slack shows in one message.
const maxMessageBlocks = 50

// fitBlocks keeps a message within Slack's 50 blocks, whatever the content
// (an admin's comparison of 60 rows): past 49 it cuts, and says so in the
// last block, rather than have Slack refuse the whole message.
func fitBlocks(blocks []slack.Block) []slack.Block {
	if len(blocks) <= maxMessageBlocks {
		return blocks
	}
	note := slack.NewContextBlock("cut", slack.NewTextBlockObject(slack.MarkdownType,
		"_…cut here: this is longer than Slack shows in one message._", false, false))
	return append(blocks[:maxMessageBlocks-1:maxMessageBlocks-1], note)
}
