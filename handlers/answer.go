package handlers

import (
	"context"
	"strings"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackutilsx"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// Action ids of the buttons only the router shows (blockkit has the shared
// ones: ActionRun, ActionFAQ).
const (
	ActionShare    = "share"    // value: a ref of the answer to post in the channel
	ActionFeedback = "feedback" // value: "up:<id>" or "down:<id>"
)

// ask answers free text from the FAQ, or says it does not know.
func (r *Router) ask(ctx context.Context, req *bot.Request, question string) bot.Reply {
	ans := r.kb.Search(question)
	log := zerolog.Ctx(ctx)
	switch ans.Kind {
	case knowledge.AnswerGreeting:
		return r.greeting(req)
	case knowledge.AnswerComparison:
		return r.compare(req, "")
	case knowledge.AnswerRow:
		return r.renderRef(req, "row:"+ans.Comparison.ID+"/"+ans.Row.ID, "")
	case knowledge.AnswerFAQ:
		if err := r.store.CountAsked(ctx, ans.Entry.ID); err != nil {
			log.Warn().Err(err).Msg("count asked")
		}
		return r.renderRef(req, "faq:"+ans.Entry.ID, "")
	}
	if err := r.store.RecordUnanswered(ctx, Unanswered{Text: question, UserID: req.UserID, ChannelID: req.ChannelID}); err != nil {
		log.Warn().Err(err).Msg("record unanswered question")
	}
	r.store.observeUnanswered()
	return r.dontKnow(req, question, ans.Suggestions)
}

func (r *Router) dontKnow(req *bot.Request, question string, near []*knowledge.Entry) bot.Reply {
	q := slackutilsx.EscapeMessage(blockkit.Clip(strings.TrimSpace(question), 200))
	text := ":thinking_face: I don't know the answer to “" + q + "”, and I'd rather say so than guess."
	blocks := []slack.Block{blockkit.Section(text)}
	if len(near) > 0 {
		var btns []slack.BlockElement
		for i, e := range near {
			if i == 3 {
				break
			}
			btns = append(btns, blockkit.Button(blockkit.ActionFAQ, e.ID, e.Question))
		}
		blocks = append(blocks, blockkit.Context("", "The closest topics I know:"), blockkit.Actions("near", btns...))
	}
	blocks = append(blocks, blockkit.Context("", "Try `"+blockkit.SlashCommand+" help` for what I can do, or `compare` for the CEO and CTO side by side. I've noted the question so my knowledge can grow."))
	return bot.Reply{Text: "I don't know that one yet.", Blocks: blocks, Visibility: visibilityFor(req)}
}

func (r *Router) greeting(req *bot.Request) bot.Reply {
	reply := r.help(req)
	reply.Text = "Hi! I'm the CEO vs CTO advisor."
	reply.Blocks = append([]slack.Block{blockkit.Section(":wave: Hi <@" + req.UserID + ">! Ask me anything about the CEO and CTO seats, or pick a start below.")}, reply.Blocks[1:]...)
	return reply
}

// compare shows the whole comparison, or one row if rest names one.
func (r *Router) compare(req *bot.Request, rest string) bot.Reply {
	c := r.kb.DefaultComparison()
	if c == nil {
		return blockkit.EphemeralText("I have no comparison loaded.")
	}
	if rest = strings.TrimSpace(rest); rest != "" {
		if row := findRow(c, rest); row != nil {
			return r.renderRef(req, "row:"+c.ID+"/"+row.ID, "")
		}
	}
	return r.renderRef(req, "cmp:"+c.ID, "")
}

func findRow(c *knowledge.Comparison, s string) *knowledge.Row {
	s = strings.ToLower(s)
	for i := range c.Rows {
		row := &c.Rows[i]
		if s == row.ID || s == strings.ToLower(row.Dimension) {
			return row
		}
		for _, k := range row.Keywords {
			if strings.Contains(s, strings.ToLower(k)) {
				return row
			}
		}
	}
	return nil
}

// visibilityFor keeps slash-command answers private until shared.
func visibilityFor(req *bot.Request) bot.Visibility {
	if req.Kind == bot.KindCommand || (req.Kind == bot.KindAction && req.Ephemeral) {
		return bot.VisibilityEphemeral
	}
	return bot.VisibilityDefault
}

// renderRef renders a FAQ entry, a comparison or one of its rows. With
// sharedBy set, the answer is posted in the channel and says who shared it.
func (r *Router) renderRef(req *bot.Request, ref, sharedBy string) bot.Reply {
	vis := visibilityFor(req)
	if sharedBy != "" {
		vis = bot.VisibilityInChannel
	}
	var text string
	var blocks []slack.Block
	kind, id, _ := strings.Cut(ref, ":")
	switch kind {
	case "faq":
		e, ok := r.kb.Entry(id)
		if !ok {
			return blockkit.EphemeralText("That answer is no longer in my knowledge base.")
		}
		text, blocks = e.Question, entryBlocks(r.kb, e, sharedBy == "")
	case "cmp":
		c, ok := r.kb.ComparisonByID(id)
		if !ok {
			return blockkit.EphemeralText("That comparison is no longer in my knowledge base.")
		}
		text, blocks = c.Title, comparisonBlocks(c)
	case "row":
		cid, rid, _ := strings.Cut(id, "/")
		c, ok := r.kb.ComparisonByID(cid)
		row := (*knowledge.Row)(nil)
		if ok {
			row = rowByID(c, rid)
		}
		if row == nil {
			return blockkit.EphemeralText("That comparison row is no longer in my knowledge base.")
		}
		text, blocks = c.Left.Name+" vs "+c.Right.Name+": "+row.Dimension, rowBlocks(c, row)
	default:
		return blockkit.EphemeralText("I can't show that.")
	}
	if sharedBy != "" {
		blocks = append(blocks, blockkit.Context("", "Shared by <@"+sharedBy+"> from `"+blockkit.SlashCommand+"`"))
	} else if vis == bot.VisibilityEphemeral {
		blocks = append(blocks, blockkit.Actions("share",
			blockkit.Button(ActionShare, ref, "Share in channel")))
	}
	return bot.Reply{Text: text, Blocks: blocks, Visibility: vis}
}

func rowByID(c *knowledge.Comparison, id string) *knowledge.Row {
	for i := range c.Rows {
		if c.Rows[i].ID == id {
			return &c.Rows[i]
		}
	}
	return nil
}
