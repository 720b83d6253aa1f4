package handlers

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// publishHome publishes the App Home: what the advisor does, the
// comparison at a glance, a button per assessment, then the sections the
// assessments and tips add (latest result, subscriptions).
func (r *Router) publishHome(ctx context.Context, userID string) error {
	blocks := []slack.Block{
		blockkit.Header("CEO vs CTO advisor"),
		blockkit.Section("I help founders and leadership teams think through the CEO and CTO seats: what each really does, " +
			"when to split them, what they cost and the mistakes that hurt most.\n" +
			"Ask me in a DM (just type the question), mention `@advisor` in a channel, or use `" + blockkit.SlashCommand + " help`."),
	}
	if c := r.base().DefaultComparison(); c != nil {
		blocks = append(blocks, slack.NewDividerBlock(), blockkit.Section("*"+c.Title+" at a glance*"))
		blocks = append(blocks, glance(c)...)
		blocks = append(blocks, blockkit.Actions("home_compare", runButton("Full comparison in my DM", "compare", "")))
	}
	if len(r.base().Assessments) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(), blockkit.Section("*Assessments* — a few questions, a scored recommendation, in your DM"))
		var btns []slack.BlockElement
		for i, a := range r.base().Assessments {
			if i == 25 {
				break
			}
			btns = append(btns, blockkit.Button(blockkit.ActionAssessStart, a.ID, a.Title))
		}
		blocks = append(blocks, blockkit.Actions("home_assess", btns...))
	}
	if r.pairs != nil {
		for i, p := range r.base().Pairs {
			if i == 5 {
				break
			}
			blocks = append(blocks, blockkit.SectionButton(fmt.Sprintf("*%s* — %d questions you and a co-founder answer privately, then compare.", p.Title, len(p.Questions)),
				blockkit.Button(blockkit.ActionPairStart, p.ID, "Take it with a co-founder")))
		}
	}
	for _, s := range r.home {
		more, err := s.HomeBlocks(ctx, userID)
		if err != nil {
			zerolog.Ctx(ctx).Warn().Err(err).Msg("home section unavailable")
			more = []slack.Block{blockkit.Context("", ":hourglass: Part of this page is unavailable for the moment.")}
		}
		blocks = append(blocks, more...)
	}
	if len(blocks) > 100 {
		blocks = blocks[:100]
	}
	if err := r.slack.PublishHome(ctx, userID, blocks); err != nil {
		return fmt.Errorf("publish home for %s: %w", userID, err)
	}
	return nil
}

// glance is the comparison as compact fields: one line per role and row.
func glance(c *knowledge.Comparison) []slack.Block {
	var fields []*slack.TextBlockObject
	var out []slack.Block
	for i := range c.Rows {
		row := &c.Rows[i]
		fields = append(fields,
			blockkit.Field("*"+c.Left.Name+" · "+row.Dimension+"*\n"+row.Left),
			blockkit.Field("*"+c.Right.Name+" · "+row.Dimension+"*\n"+row.Right))
		if len(fields) == 10 {
			out = append(out, slack.NewSectionBlock(nil, fields, nil))
			fields = nil
		}
	}
	if len(fields) > 0 {
		out = append(out, slack.NewSectionBlock(nil, fields, nil))
	}
	return out
}
