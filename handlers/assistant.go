package handlers

import (
	"context"
	"strings"
	"sync/atomic"

	"github.com/rs/zerolog"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// maxTitle bounds an assistant thread's title: the pane lists it on one line.
const maxTitle = 80

// Assistant is the part of the Web API the assistant pane needs;
// *bot.Client has it.
type Assistant interface {
	SetSuggestedPrompts(ctx context.Context, channel, threadTS, title string, prompts []slack.AssistantThreadsPrompt) error
	SetThreadTitle(ctx context.Context, channel, threadTS, title string) error
	SetThreadStatus(ctx context.Context, channel, threadTS, status string) error
}

// TipsHere is what the "Get weekly tips" prompt says when the user looks
// at a channel: the tips then go to that channel (see tipsPhrase).
const TipsHere = "send tips to this channel"

// prompts are the suggested prompts of a new assistant thread (Slack shows
// up to four). With the paired assessments plugged in, taking one with a
// co-founder replaces the sample question.
func prompts(contextChannel string, pairs bool) []slack.AssistantThreadsPrompt {
	tips := slack.AssistantThreadsPrompt{Title: "Get weekly tips", Message: "tips subscribe"}
	if contextChannel != "" {
		tips = slack.AssistantThreadsPrompt{Title: "Get weekly tips in this channel", Message: TipsHere}
	}
	second := slack.AssistantThreadsPrompt{Title: "Who to hire first", Message: "Who should I hire first, a CEO or a CTO?"}
	if pairs {
		second = slack.AssistantThreadsPrompt{Title: "Take it with a co-founder", Message: "pair"}
	}
	return []slack.AssistantThreadsPrompt{
		{Title: "Compare the seats", Message: "compare"},
		second,
		{Title: "Take an assessment", Message: "assess"},
		tips,
	}
}

// promptTitles names a thread begun with a prompt (ours, or the
// manifest's before ours are set) by the prompt's title: by message.
var promptTitles = func() map[string]string {
	m := map[string]string{}
	for _, p := range append(prompts("C", true), prompts("", false)...) {
		m[strings.ToLower(p.Message)] = p.Title
	}
	return m
}()

// assistant answers the assistant pane: a new thread gets a greeting and
// the suggested prompts, a change of context is remembered, and every
// message is answered in its thread by the same router as a DM.
func (r *Router) assistant(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	log := zerolog.Ctx(ctx)
	ctxChannel := viewedChannel(req.ContextChannelID)
	switch req.Kind {
	case bot.KindAssistantStarted, bot.KindAssistantContextChanged:
		if err := r.store.SaveAssistantThread(ctx, req.ChannelID, req.ThreadTS, ctxChannel); err != nil {
			log.Warn().Err(err).Msg("remember assistant thread")
		}
		if req.Kind == bot.KindAssistantContextChanged || r.pane == nil {
			return bot.Reply{}, nil
		}
		if err := r.pane.SetSuggestedPrompts(ctx, req.ChannelID, req.ThreadTS, "Try one of these", prompts(ctxChannel, r.pairs != nil)); err != nil {
			log.Warn().Err(err).Msg("set suggested prompts")
		}
		return r.greetPane(ctxChannel), nil
	}
	if !r.inAssistantThread(ctx, req) { // marked by Slack, but its start never reached us
		if err := r.store.SaveAssistantThread(ctx, req.ChannelID, req.ThreadTS, ""); err != nil {
			log.Warn().Err(err).Msg("remember assistant thread")
		}
	}
	if r.pane == nil {
		return r.answerPane(ctx, req)
	}
	r.titleOnce(ctx, req)
	var busy atomic.Bool
	status := func(ctx context.Context, status string) {
		if err := r.pane.SetThreadStatus(ctx, req.ChannelID, req.ThreadTS, status); err != nil {
			zerolog.Ctx(ctx).Warn().Err(err).Msg("set assistant status")
		}
	}
	reply, err := r.answerPane(blockkit.WithBusy(ctx, func(ctx context.Context, s string) {
		busy.Store(s != "")
		status(ctx, s)
	}), req)
	if busy.Load() && err == nil && reply.Empty() {
		// Slack clears the status line when the answer posts in the
		// thread; nothing will post there, so clear it here.
		status(ctx, "")
	}
	return reply, err
}

// answerPane answers a message in an assistant thread: an assessment's
// answer, else a command or a question, as in a DM.
func (r *Router) answerPane(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if r.assess != nil {
		reply, handled, err := r.assess.HandleMessage(ctx, req)
		if handled || err != nil {
			return r.unavailable(ctx, reply, err, "Assessments")
		}
	}
	return r.route(ctx, req, req.Text)
}

// inAssistantThread reports whether a DM in a thread is in an assistant
// thread the router saw start, and fills in the channel the user looks at.
func (r *Router) inAssistantThread(ctx context.Context, req *bot.Request) bool {
	if req.ThreadTS == "" || !blockkit.IsDM(req) {
		return false
	}
	t, known, err := r.store.AssistantThreadOf(ctx, req.ChannelID, req.ThreadTS)
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("look up assistant thread")
	}
	if known && req.ContextChannelID == "" {
		req.ContextChannelID = t.Context
	}
	return known
}

// titleOnce names the thread after its first question, or after the
// prompt the user picked (its message is a bare command such as
// `compare`; its title says what the thread is about).
func (r *Router) titleOnce(ctx context.Context, req *bot.Request) {
	title := blockkit.Clip(strings.Join(strings.Fields(req.Text), " "), maxTitle)
	if title == "" {
		return
	}
	if t, ok := promptTitles[strings.ToLower(title)]; ok {
		title = t
	}
	first, err := r.store.TitleOnce(ctx, req.ChannelID, req.ThreadTS)
	if err == nil && first {
		err = r.pane.SetThreadTitle(ctx, req.ChannelID, req.ThreadTS, title)
	}
	if err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg("set assistant thread title")
	}
}

func (r *Router) greetPane(contextChannel string) bot.Reply {
	text := ":wave: Hi! I'm the CEO vs CTO advisor. Ask me anything about the two seats: who to hire first, " +
		"when to split them, what they cost. Or pick a prompt below."
	if contextChannel != "" {
		text += "\nI can see you're in <#" + contextChannel + ">: say _" + TipsHere + "_ and I'll post a weekly tip there."
	}
	return bot.Reply{Text: text, Blocks: []slack.Block{blockkit.Section(text)}}
}

// viewedChannel is the context channel if tips could go there: a channel,
// not a DM with someone.
func viewedChannel(id string) string {
	if strings.HasPrefix(id, "C") || strings.HasPrefix(id, "G") {
		return id
	}
	return ""
}
