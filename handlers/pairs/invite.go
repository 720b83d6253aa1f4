package pairs

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// mentionPattern is a user mention as Slack sends it in a slash command
// with should_escape on (<@U123|name>, the name possibly with spaces) or in
// a message (<@U123>).
var mentionPattern = regexp.MustCompile(`<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>`)

// parseMention returns the user id a command argument names (a mention or
// a bare id), "" if none.
func parseMention(arg string) string {
	arg = strings.TrimSpace(arg)
	if userPattern.MatchString(arg) {
		return arg
	}
	if m := mentionPattern.FindStringSubmatch(arg); m != nil && m[0] == arg {
		return m[1]
	}
	return ""
}

// inviteArgs is what `pair …` names: the people mentioned (in order, once
// each) and the other words.
type inviteArgs struct {
	users []string
	words []string
}

// parseInviteArgs reads a pair command's arguments. They are rejoined
// first: a mention's name may hold a space, which splits it into two.
func parseInviteArgs(args []string) inviteArgs {
	text := strings.Join(args, " ")
	var a inviteArgs
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(a.users, m[1]) {
			a.users = append(a.users, m[1])
		}
	}
	for _, w := range strings.Fields(mentionPattern.ReplaceAllString(text, " ")) {
		if userPattern.MatchString(w) {
			if !slices.Contains(a.users, w) {
				a.users = append(a.users, w)
			}
			continue
		}
		a.words = append(a.words, w)
	}
	return a
}

func usage() string {
	return "Mention your co-founder: `" + blockkit.SlashCommand + " pair @name`. I'll DM you both the same questions; " +
		"you each see the other's answers only if you both agree."
}

// Handle answers the `pair` command: `pair @cofounder [pair-id]` invites,
// `pair [pair-id]` alone opens the co-founder picker.
func (s *Service) Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	a := parseInviteArgs(args)
	if text := s.refuseArgs(a); text != "" {
		return blockkit.EphemeralText(text), nil
	}
	p, reply, ok := s.pickPair(a.words)
	if !ok {
		return reply, nil
	}
	if len(a.users) == 0 {
		if req.TriggerID == "" { // typed in a DM or the assistant pane: a click can open the picker
			return blockkit.Ephemeral(usage(), blockkit.SectionButton(usage(),
				styled(blockkit.Button(blockkit.ActionPairStart, p.ID, "Pick your co-founder"), slack.StylePrimary))), nil
		}
		return s.openPicker(ctx, req, p.ID)
	}
	invitee := a.users[0]
	if problem, err := s.checkCofounder(ctx, req, invitee); err != nil || problem != "" {
		return blockkit.EphemeralText(problem), err
	}
	return s.sendInvite(ctx, req, invitee, p)
}

// refuseArgs says what is wrong with a pair command's arguments, "" if
// nothing: a pair is you and one other person, named by a mention; without
// one, the only word may be a paired assessment's id (for the picker).
func (s *Service) refuseArgs(a inviteArgs) string {
	if len(a.users) > 1 {
		return "A pair is two people: you and one co-founder. Mention just one: `" + blockkit.SlashCommand + " pair @name`."
	}
	for _, w := range a.words {
		switch {
		case strings.HasPrefix(w, "<#"):
			return "That's a channel. " + usage()
		case strings.HasPrefix(w, "<!"):
			return "That's a group, not a person. " + usage()
		}
	}
	if len(a.users) > 0 || len(a.words) == 0 {
		return ""
	}
	if _, ok := s.kb.PairByID(strings.ToLower(a.words[0])); !ok || len(a.words) > 1 {
		return "I couldn't tell who `" + blockkit.Echo(strings.Join(a.words, " "), 40) + "` is. " + usage()
	}
	return ""
}

// sendInvite invites invitee to p and posts the invitation in their DM;
// the reply tells the inviter.
func (s *Service) sendInvite(ctx context.Context, req *bot.Request, invitee string, p *knowledge.Pair) (bot.Reply, error) {
	msg, text, err := s.invite(ctx, req, invitee, p)
	if err != nil || msg == nil {
		return blockkit.EphemeralText(text), err
	}
	if _, err := s.sl.Post(ctx, *msg); err != nil {
		return bot.Reply{}, fmt.Errorf("post invitation to %s: %w", invitee, err)
	}
	return blockkit.EphemeralText(text), nil
}

// pickPair finds the paired assessment a command names (its last word
// besides the mention), else the first one.
func (s *Service) pickPair(words []string) (*knowledge.Pair, bot.Reply, bool) {
	if len(s.kb.Pairs) == 0 {
		return nil, blockkit.EphemeralText("There are no paired assessments yet."), false
	}
	if len(words) >= 1 {
		id := strings.ToLower(words[len(words)-1])
		p, ok := s.kb.PairByID(id)
		if !ok {
			var ids []string
			for _, p := range s.kb.Pairs {
				ids = append(ids, "`"+p.ID+"`")
			}
			text := "I don't know a paired assessment called `" + blockkit.Echo(id, 60) +
				"`. There is " + strings.Join(ids, ", ") + "."
			return nil, blockkit.EphemeralText(text), false
		}
		return p, bot.Reply{}, true
	}
	return s.kb.Pairs[0], bot.Reply{}, true
}

// checkCofounder says what is wrong with inviting id ("" if nothing):
// yourself, a bot, someone outside the workspace (not found, deactivated,
// from another organisation through Slack Connect, or a guest).
func (s *Service) checkCofounder(ctx context.Context, req *bot.Request, id string) (string, error) {
	if id == req.UserID {
		return "That's you. " + usage(), nil
	}
	if id == "USLACKBOT" {
		return "Slackbot is a bot: pair with a person, your co-founder.", nil
	}
	u, err := s.sl.UserInfo(ctx, id)
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se) && (se.Err == "user_not_found" || se.Err == "user_not_visible"):
		return "I can't find that person in this workspace. Pair with a co-founder who is in it.", nil
	case err != nil:
		return "", fmt.Errorf("check co-founder %s: %w", id, err)
	case u.IsBot || u.IsAppUser:
		return "<@" + id + "> is a bot: pair with a person, your co-founder.", nil
	case u.Deleted:
		return "<@" + id + "> is no longer in this workspace.", nil
	case u.IsStranger || (u.TeamID != "" && req.TeamID != "" && u.TeamID != req.TeamID && u.Enterprise.EnterpriseID == ""):
		return "<@" + id + "> is outside this workspace. Pair with a co-founder who is in it.", nil
	case u.IsRestricted || u.IsUltraRestricted: // a guest account is for someone from outside
		return "<@" + id + "> is a guest in this workspace. Pair with a co-founder who is a full member of it.", nil
	}
	return "", nil
}

// invite starts a take of p by the requesting user and invitee. It returns
// the invitation to post in the invitee's DM and what to tell the inviter;
// no message when a take is already open (text says which).
func (s *Service) invite(ctx context.Context, req *bot.Request, invitee string, p *knowledge.Pair) (*bot.Message, string, error) {
	inviter := req.UserID
	cid, run := coupleID(inviter, invitee, p.ID), newRun()
	now := s.now()
	args := []any{inviter, invitee, p.ID, run, ms(now), s.ttl.Milliseconds(), s.window.Milliseconds(),
		s.keep().Milliseconds(), req.ID, len(p.Questions)}
	for _, q := range p.Questions {
		args = append(args, len(q.Options))
	}
	res, err := createScript.Run(ctx, s.rdb, []string{s.keys.take(cid)}, args...).StringSlice()
	if err != nil {
		return nil, "", fmt.Errorf("create pair %s: %w", cid, err)
	}
	if res[0] == "busy" {
		return nil, busyText(res, inviter, invitee, p), nil
	}
	run = res[1]
	_, err = s.rdb.Pipelined(ctx, func(pl redis.Pipeliner) error {
		for _, u := range []string{inviter, invitee} {
			pl.SAdd(ctx, s.keys.user(u), cid)
			pl.PExpire(ctx, s.keys.user(u), s.history)
		}
		pl.ZAdd(ctx, s.keys.due(), redis.Z{Score: float64(ms(now.Add(s.window)) + 1000), Member: cid})
		pl.PExpire(ctx, s.keys.due(), s.keep()) // as in schedule
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("index pair %s: %w", cid, err)
	}
	dm, err := s.sl.OpenDM(ctx, invitee)
	if err != nil {
		return nil, "", fmt.Errorf("open dm with %s: %w", invitee, err)
	}
	s.log.Info().Str("pair", cid).Str("user", inviter).Str("invitee", invitee).Msg("pair invited")
	text := fmt.Sprintf("<@%s> invited you to take *%s* together.", inviter, p.Title)
	v := ref{CID: cid, Run: run, Question: -1, Option: -1}.value()
	blocks := []slack.Block{
		blockkit.Section(text + "\n" + p.Summary),
		blockkit.Context("privacy", fmt.Sprintf("You answer in this DM, <@%s> in theirs; neither sees the other's answers unless you both agree. The invitation lasts until %s.",
			inviter, now.Add(s.window).UTC().Format("Jan 2"))),
		blockkit.Actions("invite", styled(blockkit.Button(ActionAccept, v, "Accept"), slack.StylePrimary), blockkit.Button(ActionDecline, v, "Decline")),
	}
	return &bot.Message{Channel: dm, Text: text, Blocks: blocks},
		fmt.Sprintf("Invited <@%s> to *%s*. Once they accept, I'll DM you both the first question.", invitee, p.Title), nil
}

func busyText(res []string, inviter, invitee string, p *knowledge.Pair) string {
	state, by := res[1], ""
	if len(res) > 2 {
		by = res[2]
	}
	switch {
	case state == "invited" && by == inviter:
		return fmt.Sprintf("You already invited <@%s> to *%s*; the invitation is waiting in their DM.", invitee, p.Title)
	case state == "invited":
		return fmt.Sprintf("<@%s> already invited you to *%s*: accept it in our DM.", invitee, p.Title)
	}
	return fmt.Sprintf("You and <@%s> are in the middle of *%s*. Finish it (or cancel it) before starting again.", invitee, p.Title)
}

func styled(b *slack.ButtonBlockElement, st slack.Style) *slack.ButtonBlockElement {
	b.Style = st
	return b
}
