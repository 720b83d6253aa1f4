package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

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
	ans := r.base().Search(question)
	r.noteAsked(ctx, req, question, ans)
	reply := r.answerReply(req, ans)
	if r.experts != nil && (ans.Kind == knowledge.AnswerNone || ans.Kind == knowledge.AnswerGap) {
		reply.Blocks = append(reply.Blocks, r.experts.Offer(ctx, req, question, "")...)
	}
	return reply
}

// noteAsked counts an answered entry as asked, or keeps an unanswered
// question for the admins.
func (r *Router) noteAsked(ctx context.Context, req *bot.Request, question string, ans knowledge.Answer) {
	log := zerolog.Ctx(ctx)
	switch ans.Kind {
	case knowledge.AnswerFAQ:
		if err := r.store.CountAsked(ctx, ans.Entry.ID); err != nil {
			log.Warn().Err(err).Msg("count asked")
		}
	case knowledge.AnswerNone, knowledge.AnswerGap:
		if err := r.store.RecordUnanswered(ctx, Unanswered{Text: question, UserID: req.UserID, ChannelID: req.ChannelID}); err != nil {
			log.Warn().Err(err).Msg("record unanswered question")
		}
		r.store.observeUnanswered()
	}
}

// answerReply renders what Search found; it touches no storage.
func (r *Router) answerReply(req *bot.Request, ans knowledge.Answer) bot.Reply {
	switch ans.Kind {
	case knowledge.AnswerGreeting:
		return r.greeting(req)
	case knowledge.AnswerComparison:
		return r.compare(req, "")
	case knowledge.AnswerRow:
		return r.renderRef(req, "row:"+ans.Comparison.ID+"/"+ans.Row.ID, "")
	case knowledge.AnswerFAQ:
		reply := r.renderRef(req, faqRef(ans.Entry.ID, ans.Figures), "")
		if ans.Likely {
			reply = readingAs(reply, ans)
		}
		return reply
	case knowledge.AnswerGap:
		return r.dontKnowGap(req, ans.Entry, ans.Suggestions)
	}
	if ans.Request {
		return r.declineRequest(req, ans.Suggestions)
	}
	return r.dontKnow(req, ans.Suggestions)
}

// declineRequest answers a request to write or fix something: the advisor
// answers questions, and says so rather than passing off the nearest entry
// as the draft that was asked for.
func (r *Router) declineRequest(req *bot.Request, near []*knowledge.Entry) bot.Reply {
	text := ":memo: I can't help with writing or fixing things like that: I answer questions about the CEO and CTO seats, from who owns what to hiring, pay and how AI changes the work."
	blocks := append([]slack.Block{blockkit.Section(text)}, questionButtons("What I can tell you about instead:", "near", near, 3)...)
	blocks = append(blocks, blockkit.Context("", "Try `"+blockkit.SlashCommand+" help` for what I can do."))
	return bot.Reply{Text: "I can't write that, but I can answer questions about it.", Blocks: blocks, Visibility: visibilityFor(req)}
}

// readingAs heads a likely answer with how the question was read, and
// offers the runners-up, so a misreading costs one click.
func readingAs(reply bot.Reply, ans knowledge.Answer) bot.Reply {
	head := blockkit.Context("", "Reading this as: *"+ans.Entry.Question+"*")
	blocks := append([]slack.Block{head}, reply.Blocks...)
	blocks = append(blocks, questionButtons("Not what you asked? Maybe one of these:", "reading", ans.Alternatives, 2)...)
	if len(blocks) > 50 {
		blocks = blocks[:50]
	}
	reply.Blocks = blocks
	return reply
}

// dontKnowGap declines a question the knowledge knowingly does not cover,
// saying what it does not cover and what it can offer instead.
func (r *Router) dontKnowGap(req *bot.Request, gap *knowledge.Entry, near []*knowledge.Entry) bot.Reply {
	blocks := append([]slack.Block{blockkit.Section(":thinking_face: " + gap.Short)},
		questionButtons("What I can tell you about instead:", "near", near, 3)...)
	blocks = append(blocks, blockkit.Context("", "Try `"+blockkit.SlashCommand+" help` for what I can do. I've noted the question so my knowledge can grow."))
	return bot.Reply{Text: "That's outside what I know.", Blocks: blocks, Visibility: visibilityFor(req)}
}

// faqRef names a FAQ answer, with the asker's figures when they matter,
// so a shared answer shows the same worked numbers:
// "faq:fully-loaded-cost@160000,1,0,b".
func faqRef(id string, f knowledge.Figures) string {
	if f.Amount <= 0 && f.N <= 0 && f.Revenue <= 0 {
		return "faq:" + id
	}
	flags := ""
	if f.Base {
		flags += "b"
	}
	if f.Total {
		flags += "t"
	}
	ref := "faq:" + id + "@" + strconv.FormatFloat(f.Amount, 'f', -1, 64) + "," + strconv.Itoa(max(f.Count, 1)) + "," +
		strconv.FormatFloat(f.N, 'f', -1, 64) + "," + flags
	if f.Revenue > 0 {
		ref += "," + strconv.FormatFloat(f.Revenue, 'f', -1, 64)
	}
	return ref
}

// parseFAQRef splits a faqRef's id part into the entry id and figures; a
// malformed figure part (a button value is user-controlled) means none.
func parseFAQRef(s string) (string, knowledge.Figures) {
	id, fig, ok := strings.Cut(s, "@")
	if !ok {
		return id, knowledge.Figures{}
	}
	parts := strings.Split(fig, ",")
	if len(parts) != 4 && len(parts) != 5 {
		return id, knowledge.Figures{}
	}
	rev := 0.0
	if len(parts) == 5 {
		r, err := strconv.ParseFloat(parts[4], 64)
		if err != nil || r < 0 || r > 1e12 {
			return id, knowledge.Figures{}
		}
		rev = r
	}
	a, err1 := strconv.ParseFloat(parts[0], 64)
	n, err2 := strconv.Atoi(parts[1])
	q, err3 := strconv.ParseFloat(parts[2], 64)
	if err1 != nil || err2 != nil || err3 != nil || a < 0 || a > 1e9 || n < 1 || n > 1000 || q < 0 || q > 1e9 {
		return id, knowledge.Figures{}
	}
	return id, knowledge.Figures{Amount: a, Count: n, N: q, Revenue: rev,
		Base: strings.Contains(parts[3], "b"), Total: strings.Contains(parts[3], "t")}
}

// dontKnow declines honestly. It does not quote the question back: the
// asker can see it, and repeating arbitrary text in the advisor's voice
// ("post in @channel that…") is how bots get made to say things.
func (r *Router) dontKnow(req *bot.Request, near []*knowledge.Entry) bot.Reply {
	text := ":thinking_face: I don't know the answer to that one, and I'd rather say so than guess."
	blocks := append([]slack.Block{blockkit.Section(text)}, questionButtons("The closest topics I know:", "near", near, 3)...)
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
	c := r.base().DefaultComparison()
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

// visibilityFor keeps slash-command and message-shortcut answers private
// until shared.
func visibilityFor(req *bot.Request) bot.Visibility {
	if req.Kind == bot.KindCommand || req.Kind == bot.KindMessageShortcut || (req.Kind == bot.KindAction && req.Ephemeral) {
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
		eid, figs := parseFAQRef(id)
		e, ok := r.base().Entry(eid)
		if !ok {
			return blockkit.EphemeralText("That answer is no longer in my knowledge base.")
		}
		text, blocks = e.Question, entryBlocks(r.base(), e, e.WorkedFigures(figs), sharedBy == "")
	case "cmp":
		c, ok := r.base().ComparisonByID(id)
		if !ok {
			return blockkit.EphemeralText("That comparison is no longer in my knowledge base.")
		}
		text, blocks = c.Title, comparisonBlocks(c)
	case "row":
		cid, rid, _ := strings.Cut(id, "/")
		c, ok := r.base().ComparisonByID(cid)
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
