package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// IsAdmin reports whether userID is in ADMIN_USER_IDS or a workspace
// admin or owner.
func (r *Router) IsAdmin(ctx context.Context, userID string) bool {
	if r.admins[userID] {
		return true
	}
	u, err := r.slack.UserInfo(ctx, userID)
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("users.info for admin check")
		return false
	}
	return u.IsAdmin || u.IsOwner || u.IsPrimaryOwner
}

const adminOnly = ":lock: Only the advisor's admins and workspace admins can see this."

// unanswered shows admins the latest questions the advisor could not answer.
func (r *Router) unanswered(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if !r.IsAdmin(ctx, req.UserID) {
		return blockkit.EphemeralText(adminOnly), nil
	}
	qs, err := r.store.LatestUnanswered(ctx, 20)
	if err != nil {
		return r.unavailable(ctx, bot.Reply{}, err, "Admin reports")
	}
	if len(qs) == 0 {
		return blockkit.EphemeralText("No unanswered questions so far. :tada:"), nil
	}
	var person []string // how each fared with a person, from handlers/experts
	if r.experts != nil {
		texts := make([]string, len(qs))
		for i, q := range qs {
			texts[i] = q.Text
		}
		person = r.experts.PersonStatus(ctx, texts)
	}
	var b strings.Builder
	b.WriteString("*Latest questions I could not answer* (newest first)\n")
	for i, q := range qs {
		fmt.Fprintf(&b, "• %s — <@%s> in <#%s>, %s", blockkit.Echo(q.Text, 150),
			q.UserID, q.ChannelID, q.At.Format("Jan 2 15:04 MST"))
		if i < len(person) && person[i] != "" {
			b.WriteString(" — " + person[i])
		}
		b.WriteString("\n")
	}
	return blockkit.EphemeralText(blockkit.Clip(b.String(), 2900)), nil
}

// stats shows admins the most asked and the least helpful entries.
func (r *Router) stats(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if !r.IsAdmin(ctx, req.UserID) {
		return blockkit.EphemeralText(adminOnly), nil
	}
	st, err := r.store.Stats(ctx)
	if err != nil {
		return r.unavailable(ctx, bot.Reply{}, err, "Admin reports")
	}
	if len(st) == 0 {
		return blockkit.EphemeralText("No answers given yet."), nil
	}
	sort.SliceStable(st, func(i, j int) bool { return st[i].Asked > st[j].Asked })
	var most strings.Builder
	for i, s := range st {
		if i == 10 {
			break
		}
		fmt.Fprintf(&most, "• `%s` asked %d× (:thumbsup: %d, :thumbsdown: %d)\n", s.ID, s.Asked, s.Up, s.Down)
	}
	sort.SliceStable(st, func(i, j int) bool { return st[i].Down-st[i].Up > st[j].Down-st[j].Up })
	var least strings.Builder
	for i, s := range st {
		if i == 5 || s.Down == 0 {
			break
		}
		fmt.Fprintf(&least, "• `%s`: :thumbsdown: %d, :thumbsup: %d\n", s.ID, s.Down, s.Up)
	}
	if least.Len() == 0 {
		least.WriteString("No entry has been rated unhelpful.")
	}
	blocks := []slack.Block{blockkit.Section("*Most asked*\n" + most.String()), blockkit.Section("*Least helpful*\n" + least.String())}
	return bot.Reply{Text: "Advisor stats", Blocks: blocks, Visibility: bot.VisibilityEphemeral}, nil
}
