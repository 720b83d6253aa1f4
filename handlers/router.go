// Package handlers is what the advisor does with a Request: one command
// router shared by the slash command, mentions and DMs, answers from the
// knowledge base, the App Home, onboarding and admin views. It returns a
// bot.Reply and never talks to the socket itself. The features
// (handlers/assessment, handlers/pairs, handlers/tips) plug in through the
// interfaces it declares (Assessments, Pairs, Tips, HomeSection, and for a
// feature plugged in by name CommandHandler and ActionHandler: WithCommand,
// WithActions), and the vocabulary they share
// is in handlers/blockkit.
//
// It owns the Redis keys under <prefix>h: (see Store: unanswered, asked,
// feedback, voters:<entry>, seen:<what>, rl:<action>:<user>:<window>) and
// the action ids run and faq:show (declared in blockkit, answered here),
// share and feedback. It must not import its features or scheduler, and
// nothing but main imports it.
package handlers

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/redisconn"
	"github.com/advisor-bot/advisor/knowledge"
)

// Slack is the part of the Web API the router calls itself.
type Slack interface {
	PublishHome(ctx context.Context, userID string, blocks []slack.Block) error
	UserInfo(ctx context.Context, userID string) (*slack.User, error)
	Permalink(ctx context.Context, channel, ts string) (string, error)
}

// Assessments runs assessment conversations (handlers/assessment).
type Assessments interface {
	List(ctx context.Context, req *bot.Request) (bot.Reply, error)
	Start(ctx context.Context, req *bot.Request, id string) (bot.Reply, error)
	HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error)
	HandleMessage(ctx context.Context, req *bot.Request) (bot.Reply, bool, error)
	OpenPicker(ctx context.Context, req *bot.Request) (bot.Reply, error)
}

// Pairs runs paired assessments for two co-founders (handlers/pairs).
type Pairs interface {
	Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error)
	HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error)
}

// Tips manages tip subscriptions (handlers/tips).
type Tips interface {
	Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error)
	HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error)
}

// Experts hands questions the advisor cannot answer to people
// (handlers/experts): Offer is what an "I don't know" or a 👎 adds under
// itself (entryID names the entry a 👎 was about), Handle answers
// `experts …`, and PersonStatus says, for each of the questions given, how
// it fared with a person ("" for not asked).
type Experts interface {
	Offer(ctx context.Context, req *bot.Request, question, entryID string) []slack.Block
	Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error)
	HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error)
	PersonStatus(ctx context.Context, questions []string) []string
}

// HomeSection adds blocks to a user's App Home, such as their latest
// assessment result or the subscriptions they manage.
type HomeSection interface {
	HomeBlocks(ctx context.Context, userID string) ([]slack.Block, error)
}

// Router answers every Request.
type Router struct {
	kb        *knowledge.Base
	live      KnowledgeSource // nil: kb
	slack     Slack
	store     *Store
	assess    Assessments
	tips      Tips
	pairs     Pairs
	experts   Experts
	home      []HomeSection
	callbacks map[string]CallbackHandler // by callback_id prefix
	commands  map[string]feature         // by command name (WithCommand)
	actions   map[string]ActionHandler   // by action id prefix (WithActions)
	pane      Assistant                  // nil: no titles, prompts or status lines
	admins    map[string]bool
	command   string
}

// Option configures a Router.
type Option func(*Router)

// WithAssessments plugs in the assessment conversations.
func WithAssessments(a Assessments) Option { return func(r *Router) { r.assess = a } }

// WithPairs plugs in the paired assessments.
func WithPairs(p Pairs) Option { return func(r *Router) { r.pairs = p } }

// WithExperts plugs in Ask a person.
func WithExperts(e Experts) Option { return func(r *Router) { r.experts = e } }

// WithTips plugs in tip subscriptions.
func WithTips(t Tips) Option { return func(r *Router) { r.tips = t } }

// WithHomeSections adds sections to the App Home, in order.
func WithHomeSections(s ...HomeSection) Option {
	return func(r *Router) { r.home = append(r.home, s...) }
}

// WithAssistant turns on the assistant pane's prompts, titles and status
// lines (the Web API methods behind the pane).
func WithAssistant(a Assistant) Option { return func(r *Router) { r.pane = a } }

// WithAdmins names the users (ADMIN_USER_IDS) who may use admin commands
// besides workspace admins and owners.
func WithAdmins(ids []string) Option {
	return func(r *Router) {
		for _, id := range ids {
			r.admins[id] = true
		}
	}
}

// SlashCommand is the advisor's slash command.
const SlashCommand = "/ceo-vs-cto"

// NewRouter builds the router over the knowledge base, the Web API and the
// handlers' own Redis store.
func NewRouter(kb *knowledge.Base, sl Slack, store *Store, opts ...Option) *Router {
	r := &Router{kb: kb, slack: sl, store: store, admins: map[string]bool{}, callbacks: map[string]CallbackHandler{},
		commands: map[string]feature{}, actions: map[string]ActionHandler{}, command: SlashCommand}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Handle answers req, then publishes the user's App Home again if a
// feature said a change made on it shows there (blockkit.HomeChanged).
func (r *Router) Handle(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	var changed atomic.Bool
	reply, err := r.handle(blockkit.WithHomeChanged(ctx, func() { changed.Store(true) }), req)
	if changed.Load() && req.UserID != "" {
		if perr := r.publishHome(ctx, req.UserID); perr != nil {
			zerolog.Ctx(ctx).Warn().Err(perr).Msg("publish home after a change")
		}
	}
	return reply, err
}

func (r *Router) handle(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	switch req.Kind {
	case bot.KindHomeOpened:
		return bot.Reply{}, r.publishHome(ctx, req.UserID)
	case bot.KindBotJoined:
		return r.introduce(ctx, req), nil
	case bot.KindAction:
		return r.action(ctx, req)
	case bot.KindShortcut, bot.KindMessageShortcut:
		return r.shortcut(ctx, req)
	case bot.KindViewSubmission, bot.KindViewClosed:
		return r.callback(ctx, req)
	case bot.KindAssistantStarted, bot.KindAssistantContextChanged, bot.KindAssistantMessage:
		return r.assistant(ctx, req)
	case bot.KindThread:
		// Channel thread messages matter only inside an assessment.
		if r.assess == nil {
			return bot.Reply{}, nil
		}
		reply, _, err := r.assess.HandleMessage(ctx, req)
		return r.unavailable(ctx, reply, err, "Assessments")
	case bot.KindDM:
		if r.inAssistantThread(ctx, req) {
			req.Kind = bot.KindAssistantMessage // a thread of the pane the envelope did not mark
			return r.assistant(ctx, req)
		}
		if r.assess != nil {
			reply, handled, err := r.assess.HandleMessage(ctx, req)
			if handled || err != nil {
				return r.unavailable(ctx, reply, err, "Assessments")
			}
		}
		reply, err := r.route(ctx, req, req.Text)
		if err == nil && req.ThreadTS == "" {
			reply = r.welcomeOnce(ctx, req, reply)
		}
		return reply, err
	}
	return r.route(ctx, req, req.Text)
}

// route runs a typed command (or a question) the same way whatever it came
// through: `/ceo-vs-cto compare`, `@advisor compare` and a DM `compare`.
func (r *Router) route(ctx context.Context, req *bot.Request, text string) (bot.Reply, error) {
	cmd, args, rest := parseCommand(text)
	if readsAsQuestion(text) {
		return r.ask(ctx, req, text), nil
	}
	switch cmd {
	case "", "help":
		return r.help(req), nil
	case "compare":
		return r.compare(req, rest), nil
	case "ask":
		if strings.TrimSpace(rest) == "" {
			return blockkit.EphemeralText("Ask me a question after `ask`, for example `" + blockkit.SlashCommand + " ask who should I hire first?`"), nil
		}
		return r.ask(ctx, req, rest), nil
	case "assess":
		if r.assess == nil {
			return blockkit.EphemeralText("Assessments are not available here."), nil
		}
		if len(args) == 0 {
			reply, err := r.assess.List(ctx, req)
			return r.unavailable(ctx, reply, err, "Assessments")
		}
		if reply, over := r.overLimit(ctx, req, "assess"); over {
			return reply, nil
		}
		reply, err := r.assess.Start(ctx, req, strings.ToLower(args[0]))
		return r.unavailable(ctx, reply, err, "Assessments")
	case "pair":
		if r.pairs == nil {
			return blockkit.EphemeralText("Paired assessments are not available here."), nil
		}
		if reply, over := r.overLimit(ctx, req, "pair"); over {
			return reply, nil
		}
		reply, err := r.pairs.Handle(ctx, req, args)
		return r.unavailable(ctx, reply, err, "Paired assessments")
	case "tips":
		if r.tips == nil {
			return blockkit.EphemeralText("Tips are not available here."), nil
		}
		if len(args) > 0 && strings.EqualFold(args[0], "now") {
			if reply, over := r.overLimit(ctx, req, "tips-now"); over {
				return reply, nil
			}
		}
		reply, err := r.tips.Handle(ctx, req, args)
		return r.unavailable(ctx, reply, err, "Tip subscriptions")
	case "experts":
		if r.experts == nil {
			return blockkit.EphemeralText("Asking a person is not available here."), nil
		}
		reply, err := r.experts.Handle(ctx, req, args)
		return r.unavailable(ctx, reply, err, "Expert questions")
	case "unanswered":
		return r.unanswered(ctx, req)
	case "stats":
		return r.stats(ctx, req)
	}
	if reply, ok, err := r.featureCommand(ctx, req, cmd, args); ok {
		return reply, err
	}
	if len(args) == 0 {
		if near := closestCommand(cmd); near != "" {
			return r.didYouMean(cmd, near), nil
		}
	}
	return r.ask(ctx, req, text), nil
}

// unavailable turns a storage outage into a plain sentence; other errors
// go back to the bot, which logs them and apologises. While the delivery
// can run again (bot.Retriable) an outage goes back to the bot too, as
// bot.ErrRetryLater: a node of a Cluster restarting is back within
// seconds, and the steps are idempotent per delivery.
func (r *Router) unavailable(ctx context.Context, reply bot.Reply, err error, what string) (bot.Reply, error) {
	if err == nil {
		return reply, nil
	}
	if redisconn.Unavailable(err) && bot.Retriable(ctx) {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("storage unavailable; the delivery runs again later")
		return bot.Reply{}, fmt.Errorf("%w: %w", bot.ErrRetryLater, err)
	}
	if redisconn.Unavailable(err) {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("storage unavailable")
		return blockkit.EphemeralText(":hourglass: " + what + " are unavailable for the moment (my storage is not answering). " +
			"Comparisons and questions still work; please try again in a few minutes."), nil
	}
	return reply, err
}
