package handlers

import (
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// entryBlocks renders a FAQ answer: the question, the short and the long
// answer, related questions as buttons and, if asked, the feedback buttons.
func entryBlocks(kb *knowledge.Base, e *knowledge.Entry, feedback bool) []slack.Block {
	blocks := []slack.Block{
		blockkit.Section("*" + e.Question + "*\n" + e.Short),
		blockkit.Section(e.Long),
	}
	if rel := kb.RelatedEntries(e); len(rel) > 0 {
		var btns []slack.BlockElement
		for i, x := range rel {
			if i == 4 {
				break
			}
			btns = append(btns, blockkit.Button(blockkit.ActionFAQ, x.ID, x.Question))
		}
		blocks = append(blocks, blockkit.Context("", "Related questions"), blockkit.Actions("related", btns...))
	}
	if feedback {
		blocks = append(blocks, blockkit.Actions("feedback",
			blockkit.EmojiButton(ActionFeedback, "up:"+e.ID, ":thumbsup: Helpful"),
			blockkit.EmojiButton(ActionFeedback, "down:"+e.ID, ":thumbsdown: Not helpful"),
		))
	}
	return blocks
}

// comparisonBlocks renders the whole comparison: one section per
// dimension with the two roles side by side, then where they converge.
func comparisonBlocks(c *knowledge.Comparison) []slack.Block {
	blocks := []slack.Block{
		blockkit.Header(c.Title),
	}
	if c.Summary != "" {
		blocks = append(blocks, blockkit.Section(c.Summary))
	}
	for i := range c.Rows {
		row := &c.Rows[i]
		blocks = append(blocks, sideBySide("*"+row.Dimension+"*", c, row))
	}
	if c.Convergence != "" {
		blocks = append(blocks, slack.NewDividerBlock(), blockkit.Section(":handshake: *Where the seats meet*\n"+c.Convergence))
	}
	return blocks
}

// rowBlocks renders one dimension of a comparison.
func rowBlocks(c *knowledge.Comparison, row *knowledge.Row) []slack.Block {
	return []slack.Block{
		blockkit.Section("*" + c.Left.Name + " vs " + c.Right.Name + ": " + row.Dimension + "*"),
		sideBySide("", c, row),
		blockkit.Actions("row_more", runButton("See the whole comparison", "compare", "")),
	}
}

// sideBySide is one row of a comparison: the two roles as fields, under
// text unless it is empty.
func sideBySide(text string, c *knowledge.Comparison, row *knowledge.Row) *slack.SectionBlock {
	return blockkit.Fields(text, "*"+c.Left.Name+"*\n"+row.Left, "*"+c.Right.Name+"*\n"+row.Right)
}
