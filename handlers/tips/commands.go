// Package tips is everything a user sees of scheduled tips: the `tips`
// commands and buttons (subscribing a channel, or oneself in a DM, and
// pausing, resuming, previewing and ending those subscriptions), the
// schedule words and their errors, the tip message and its buttons, the
// tips' App Home section, and the Poster through which package scheduler
// posts tips to Slack.
//
// It owns the Redis keys under <prefix>tips: (NewScheduler hands them to
// the scheduler: subscriptions, last-fired instants, rotation cursors,
// claims, the change channel), the action ids tips:pause, tips:resume,
// tips:stop, tips:edit, tips:setup and tips:subscribe-me, and the callback
// ids of its modals (tips:settings). It may import bot, handlers/blockkit, scheduler and
// knowledge; it must not import package handlers or handlers/assessment.
package tips

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/scheduler"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
)

// Scheduler is the part of *scheduler.Scheduler the commands use.
type Scheduler interface {
	Subscribe(ctx context.Context, sub scheduler.Subscription) (scheduler.Subscription, error)
	Get(ctx context.Context, channel string) (scheduler.Subscription, error)
	Pause(ctx context.Context, channel, by, reason string) error
	Resume(ctx context.Context, channel string) error
	Unsubscribe(ctx context.Context, channel string) error
	PostNow(ctx context.Context, channel string) (scheduler.Pick, error)
	Preview(ctx context.Context, channel string) (scheduler.Pick, error)
	NextRun(sub scheduler.Subscription) time.Time
}

// Slack is the part of the bot's Slack wrapper the commands and the Poster
// call.
type Slack interface {
	UserInfo(ctx context.Context, userID string) (*slack.User, error)
	IsMember(ctx context.Context, channelID string) (bool, error)
	OpenDM(ctx context.Context, userID string) (string, error)
	Post(ctx context.Context, m bot.Message) (string, error)
	blockkit.Views // the settings modal
}

// Commands answers `tips ...` and the tip buttons.
type Commands struct {
	s         Scheduler
	sl        Slack
	admins    []string
	defaultTZ string
	clock     func() time.Time
}

// Option configures Commands.
type Option func(*Commands)

// WithClock replaces time.Now (tests): the settings modal checks its
// "skip until" date against it.
func WithClock(now func() time.Time) Option { return func(c *Commands) { c.clock = now } }

// NewCommands builds the tips commands. admins may change any channel's
// subscription; defaultTZ applies when a channel subscriber names none.
func NewCommands(s Scheduler, sl Slack, admins []string, defaultTZ string, opts ...Option) *Commands {
	c := &Commands{s: s, sl: sl, admins: admins, defaultTZ: defaultTZ, clock: time.Now}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Handle answers `tips <args>` from a slash command, mention or DM in the
// request's channel. Management replies are ephemeral; a new channel
// subscription is confirmed visibly.
func (c *Commands) Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error) {
	req = forPane(req)
	verb := "help"
	if len(args) > 0 {
		verb = strings.ToLower(args[0])
		args = args[1:]
	}
	switch verb {
	case "subscribe", "sub", "start":
		return c.subscribe(ctx, req, args)
	case "status", "info":
		return c.status(ctx, req)
	case "pause":
		return typed(c.pause(ctx, req, req.ChannelID))
	case "resume", "unpause":
		return typed(c.resume(ctx, req, req.ChannelID))
	case "unsubscribe", "unsub", "stop":
		return typed(c.unsubscribe(ctx, req, req.ChannelID))
	case "now":
		return c.now(ctx, req)
	case "preview", "next":
		return c.preview(ctx, req)
	}
	return blockkit.Ephemeral(helpText), nil
}

const helpText = "*Scheduled tips*\n" +
	"• `tips subscribe` — weekly, Mondays 09:00. Or say when: `tips subscribe weekly mon 09:00 America/New_York`, " +
	"`tips subscribe daily 08:30 Europe/Berlin`, `tips subscribe weekdays 10:00`, `tips subscribe cron \"0 9 * * 1\"`; " +
	"add `for founders`, `for ceos`, `for ctos` or `for team-leads` to pick the audience. In a DM with me it subscribes just you.\n" +
	"• `tips status`, `tips pause`, `tips resume`, `tips unsubscribe`\n" +
	"• `tips now` posts the next tip now; `tips preview` shows it to you only."

// HandleAction answers the tip buttons: "tips:pause", "tips:resume",
// "tips:stop" and "tips:edit" (value: the channel id), "tips:setup" (value:
// the channel to suggest, "" for the user's DM) and the App Home
// "tips:subscribe-me", which confirms in the user's DM itself and returns
// an empty Reply. Edit and setup open the settings modal. A change made
// on the App Home has the Home published again (blockkit.HomeChanged).
func (c *Commands) HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	switch req.ActionID {
	case ActionPause:
		return c.click(ctx, req, c.pause)
	case ActionStop:
		return c.click(ctx, req, c.unsubscribe)
	case ActionSubscribeMe:
		return c.subscribeMe(ctx, req)
	case ActionResume:
		return c.click(ctx, req, c.resume)
	case ActionEdit:
		return c.edit(ctx, req, req.ActionValue)
	case ActionSetup:
		return c.setUp(ctx, req, req.ActionValue)
	}
	return bot.Reply{}, fmt.Errorf("tips action %q: unknown", req.ActionID)
}

// typed is a change's answer to a typed command.
func typed(r bot.Reply, _ bool, err error) (bot.Reply, error) { return r, err }

// allowed reports whether user may change sub: the advisor's admins, the
// subscription's creator (or, for personal tips, its user), and workspace
// admins and owners.
func (c *Commands) allowed(ctx context.Context, user string, sub scheduler.Subscription) (bool, error) {
	if slices.Contains(c.admins, user) || sub.CreatedBy == user || (sub.Personal && sub.User == user) {
		return true, nil
	}
	if sub.Personal {
		return false, nil
	}
	u, err := c.sl.UserInfo(ctx, user)
	if err != nil {
		return false, fmt.Errorf("look up user %s: %w", user, err)
	}
	return u.IsAdmin || u.IsOwner, nil
}

func refusal(sub scheduler.Subscription) bot.Reply {
	if sub.Personal {
		return blockkit.Ephemeral("These are someone else's personal tips; only they can change them.")
	}
	return blockkit.Ephemeral(fmt.Sprintf("Only <@%s>, who set up these tips, a workspace admin or owner, or one of the advisor's admins can change them. "+
		"Anyone can see them with `tips status`.", sub.CreatedBy))
}

// existing loads the channel's subscription and checks the user may change
// it; a non-empty Reply is the answer to give instead.
func (c *Commands) existing(ctx context.Context, req *bot.Request, channel string) (scheduler.Subscription, bot.Reply, error) {
	sub, err := c.s.Get(ctx, channel)
	if errors.Is(err, scheduler.ErrNotSubscribed) {
		return sub, blockkit.Ephemeral(notSubscribed(req)), nil
	}
	if err != nil {
		return sub, bot.Reply{}, fmt.Errorf("get subscription %s: %w", channel, err)
	}
	ok, err := c.allowed(ctx, req.UserID, sub)
	if err != nil {
		return sub, bot.Reply{}, err
	}
	if !ok {
		zerolog.Ctx(ctx).Info().Str("channel", channel).Str("user", req.UserID).Msg("tips change refused")
		return sub, refusal(sub), nil
	}
	return sub, bot.Reply{}, nil
}

// member checks the bot can post in a (non-DM) channel.
func (c *Commands) member(ctx context.Context, req *bot.Request, channel string) (bot.Reply, error) {
	if blockkit.IsDM(req) && channel == req.ChannelID {
		return bot.Reply{}, nil
	}
	ok, err := c.sl.IsMember(ctx, channel)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("check membership %s: %w", channel, err)
	}
	if !ok {
		return blockkit.Ephemeral(fmt.Sprintf("I'm not a member of <#%s>, so I can't post tips there. Invite me with `/invite @advisor` in the channel, then try again.", channel)), nil
	}
	return bot.Reply{}, nil
}

func notSubscribed(req *bot.Request) string {
	if blockkit.IsDM(req) {
		return "You have no personal tips. Say `tips subscribe` here to get one every Monday at 09:00 your time."
	}
	return "This channel isn't subscribed to tips. Try `tips subscribe` (weekly, Mondays 09:00) or `tips help`."
}
