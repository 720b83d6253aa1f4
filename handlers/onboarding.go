package handlers

import (
	"context"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// introduce says hello once when the bot is added to a channel.
func (r *Router) introduce(ctx context.Context, req *bot.Request) bot.Reply {
	first, err := r.store.FirstTime(ctx, "channel:"+req.ChannelID)
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("onboarding state unavailable; staying quiet")
		return bot.Reply{}
	}
	if !first {
		return bot.Reply{}
	}
	text := ":wave: Hi, I'm the *CEO vs CTO advisor*. I answer questions about the two seats, run short assessments and can post a weekly tip here.\n" +
		"• `" + blockkit.SlashCommand + " compare` — the CEO and CTO side by side\n" +
		"• `@advisor <your question>` — e.g. _when should we split the CEO and CTO roles?_\n" +
		"• `" + blockkit.SlashCommand + " tips subscribe` — a tip every Monday at 09:00"
	return bot.Reply{Text: "Hi, I'm the CEO vs CTO advisor.", Blocks: []slack.Block{blockkit.Section(text)}}
}

// welcomeOnce puts a short welcome with buttons above a user's first DM
// answer.
func (r *Router) welcomeOnce(ctx context.Context, req *bot.Request, reply bot.Reply) bot.Reply {
	first, err := r.store.FirstTime(ctx, "user:"+req.UserID)
	if err != nil || !first {
		return reply
	}
	welcome := []slack.Block{
		blockkit.Section(":wave: Welcome! Ask me anything about the CEO and CTO seats in plain words, or start here:"),
		blockkit.Actions("welcome",
			runButton("Compare CEO vs CTO", "compare", slack.StylePrimary),
			runButton("Take an assessment", "assess", ""),
			runButton("Get tips in my DM", "tips subscribe", ""),
			runButton("Help", "help", "")),
		slack.NewDividerBlock(),
	}
	if len(reply.Blocks) == 0 && reply.Text != "" {
		// With blocks, Slack shows the text only in notifications: keep
		// the answer visible under the welcome.
		reply.Blocks = []slack.Block{blockkit.Section(reply.Text)}
	}
	reply.Blocks = append(welcome, reply.Blocks...)
	if len(reply.Blocks) > 50 {
		reply.Blocks = reply.Blocks[:50]
	}
	return reply
}
