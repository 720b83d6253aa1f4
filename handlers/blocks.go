package handlers

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// entryBlocks renders a FAQ answer: the question, the short answer (and
// the asker's figures worked out, if any), the long answer, related
// questions as buttons and, if asked, the feedback buttons.
func entryBlocks(kb *knowledge.Base, e *knowledge.Entry, worked []string, feedback bool) []slack.Block {
	head := "*" + e.Question + "*\n" + e.Short
	if len(worked) > 0 {
		head += "\n:abacus: *For your numbers:* " + strings.Join(worked, " ")
	}
	blocks := []slack.Block{blockkit.Section(head)}
	if e.Long != e.Short { // an answer published from a short reply is both
		blocks = append(blocks, blockkit.Section(e.Long))
	}
	if on, ok := e.AnsweredOn(); ok {
		blocks = append(blocks, blockkit.Context("answered", ":busts_in_silhouette: Answered by your team, "+on.Format("January 2, 2006")))
	}
	blocks = append(blocks, questionButtons("Related questions", "related", kb.RelatedEntries(e), 4)...)
	if feedback {
		blocks = append(blocks, blockkit.Feedback(ActionFeedback, "up:"+e.ID, "down:"+e.ID))
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

// questionButtons offers up to n entries as buttons that show their
// answers, under a context line; nothing when there are none.
func questionButtons(label, blockID string, entries []*knowledge.Entry, n int) []slack.Block {
	if len(entries) == 0 {
		return nil
	}
	var btns []slack.BlockElement
	for _, e := range entries[:min(n, len(entries))] {
		btns = append(btns, blockkit.Button(blockkit.ActionFAQ, e.ID, e.Question))
	}
	return []slack.Block{blockkit.Context("", label), blockkit.Actions(blockID, btns...)}
}
