package handlers

import (
	"context"
	"strings"

	"github.com/advisor-bot/advisor/bot"
)

// CommandHandler answers a typed command a feature owns (`drafts`, `kb
// edit …`): args are the words after the command's name.
type CommandHandler interface {
	Handle(ctx context.Context, req *bot.Request, args []string) (bot.Reply, error)
}

// ActionHandler answers the clicks on a feature's buttons.
type ActionHandler interface {
	HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error)
}

// feature is a command's handler and what to call it when storage is down.
type feature struct {
	what    string // "Drafts": "Drafts are unavailable for the moment"
	command CommandHandler
}

// WithCommand routes the command name (typed first, as in
// `/ceo-vs-cto drafts`, `@advisor drafts` or a DM) to h; what names the
// feature, plural, in the reply when its storage is unavailable.
func WithCommand(name, what string, h CommandHandler) Option {
	return func(r *Router) { r.commands[name] = feature{what: what, command: h} }
}

// WithActions routes every click whose action id starts with prefix (the
// feature's own, e.g. drafts.Prefix) to h; the longest prefix wins.
func WithActions(prefix string, h ActionHandler) Option {
	return func(r *Router) { r.actions[prefix] = h }
}

// featureCommand runs a command a feature registered; false if none did.
func (r *Router) featureCommand(ctx context.Context, req *bot.Request, cmd string, args []string) (bot.Reply, bool, error) {
	f, ok := r.commands[cmd]
	if !ok {
		return bot.Reply{}, false, nil
	}
	reply, err := f.command.Handle(ctx, req, args)
	reply, err = r.unavailable(ctx, reply, err, f.what)
	return reply, true, err
}

// featureAction runs a click on a feature's button; false if no feature
// registered its prefix.
func (r *Router) featureAction(ctx context.Context, req *bot.Request) (bot.Reply, bool, error) {
	best := ""
	for p := range r.actions {
		if strings.HasPrefix(req.ActionID, p) && len(p) > len(best) {
			best = p
		}
	}
	h, ok := r.actions[best]
	if !ok {
		return bot.Reply{}, false, nil
	}
	reply, err := h.HandleAction(ctx, req)
	reply, err = r.unavailable(ctx, reply, err, "These buttons")
	return reply, true, err
}
