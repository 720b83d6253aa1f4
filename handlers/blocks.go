package handlers

import (
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/knowledge"
)

// entryBlocks renders a FAQ answer: the question, the short and the long
// answer, related questions as buttons and, if asked, the feedback buttons.
func entryBlocks(kb *knowledge.Base, e *knowledge.Entry, feedback bool) []slack.Block {
	blocks := []slack.Block{
		section("*" + e.Question + "*\n" + e.Short),
		section(e.Long),
	}
	if rel := kb.RelatedEntries(e); len(rel) > 0 {
		var btns []slack.BlockElement
		for i, x := range rel {
			if i == 4 {
				break
			}
			btns = append(btns, slack.NewButtonBlockElement(ActionFAQ, x.ID, plain(clipRunes(x.Question, 75))))
		}
		blocks = append(blocks, contextText("Related questions"), actions("related", btns...))
	}
	if feedback {
		blocks = append(blocks, actions("feedback",
			slack.NewButtonBlockElement(ActionFeedback, "up:"+e.ID, slack.NewTextBlockObject(slack.PlainTextType, ":thumbsup: Helpful", true, false)),
			slack.NewButtonBlockElement(ActionFeedback, "down:"+e.ID, slack.NewTextBlockObject(slack.PlainTextType, ":thumbsdown: Not helpful", true, false)),
		))
	}
	return blocks
}

// comparisonBlocks renders the whole comparison: one section per
// dimension with the two roles side by side, then where they converge.
func comparisonBlocks(c *knowledge.Comparison) []slack.Block {
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(clipRunes(c.Title, 150))),
	}
	if c.Summary != "" {
		blocks = append(blocks, section(c.Summary))
	}
	for i := range c.Rows {
		row := &c.Rows[i]
		blocks = append(blocks, slack.NewSectionBlock(
			slack.NewTextBlockObject(slack.MarkdownType, "*"+row.Dimension+"*", false, false),
			[]*slack.TextBlockObject{
				slack.NewTextBlockObject(slack.MarkdownType, clipRunes("*"+c.Left.Name+"*\n"+row.Left, 2000), false, false),
				slack.NewTextBlockObject(slack.MarkdownType, clipRunes("*"+c.Right.Name+"*\n"+row.Right, 2000), false, false),
			}, nil))
	}
	if c.Convergence != "" {
		blocks = append(blocks, slack.NewDividerBlock(), section(":handshake: *Where the seats meet*\n"+c.Convergence))
	}
	return blocks
}

// rowBlocks renders one dimension of a comparison.
func rowBlocks(c *knowledge.Comparison, row *knowledge.Row) []slack.Block {
	return []slack.Block{
		section("*" + c.Left.Name + " vs " + c.Right.Name + ": " + row.Dimension + "*"),
		slack.NewSectionBlock(nil, []*slack.TextBlockObject{
			slack.NewTextBlockObject(slack.MarkdownType, clipRunes("*"+c.Left.Name+"*\n"+row.Left, 2000), false, false),
			slack.NewTextBlockObject(slack.MarkdownType, clipRunes("*"+c.Right.Name+"*\n"+row.Right, 2000), false, false),
		}, nil),
		actions("row_more", runButton("See the whole comparison", "compare", "")),
	}
}
