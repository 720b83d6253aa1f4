package assessment

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// HandleAction answers every click whose action id starts with "assess:".
func (s *Service) HandleAction(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	id := req.ActionID
	switch {
	case id == blockkit.ActionAssessStart:
		return s.Start(ctx, req, req.ActionValue)
	case id == ActionShare:
		return s.share(ctx, req)
	}
	var op string
	switch {
	case strings.HasPrefix(id, ActionAnswer):
		op = "answer"
	case id == ActionBack:
		op = "back"
	case id == blockkit.ActionAssessRestart:
		op = "restart"
	case id == ActionCancel:
		op = "cancel"
	case id == ActionResume:
		op = "resume"
	default:
		return bot.Reply{}, fmt.Errorf("handle action %q: unknown action", id)
	}
	r, err := parseRef(req.ActionValue)
	if err != nil {
		return blockkit.Ephemeral("That button no longer works. Start a new assessment with `" + blockkit.SlashCommand + " assess`."), nil
	}
	args := stepArgs{op: op, user: req.UserID, run: r.Run, question: r.Question, arg: "-1", delivery: req.ID}
	switch op {
	case "answer":
		args.arg = fmt.Sprint(r.Option)
	case "restart":
		args.arg = newRun()
	}
	reply, _, err := s.advance(ctx, req, r.SID, args)
	return reply, err
}

// advance runs one step and acts on its result: update the question just
// left, post the next one or the result, or explain why nothing happened.
func (s *Service) advance(ctx context.Context, req *bot.Request, sid string, args stepArgs) (bot.Reply, bool, error) {
	res, err := s.step(ctx, sid, args)
	if err != nil {
		return bot.Reply{}, true, err
	}
	typed := req.Kind != bot.KindAction
	log := s.log.With().Str("session", sid).Str("user", req.UserID).Str("op", args.op).Str("code", res.Code).Logger()
	log.Debug().Msg("assessment step")
	if reply, handled, ok := s.unmoved(res, typed); ok {
		return reply, handled, nil
	}
	return s.move(ctx, req, sid, args.op, res, typed)
}

// unmoved answers the step results that leave the session where it was
// (none, expired, closed, not yours, stale, answered, first); ok is false
// for the others. handled is false where a typed reply is no answer at all.
func (s *Service) unmoved(res stepResult, typed bool) (reply bot.Reply, handled, ok bool) {
	switch res.Code {
	case "none":
		if typed {
			return bot.Reply{}, false, true
		}
		return blockkit.Ephemeral("That assessment is no longer running. Start a new one with `" + blockkit.SlashCommand + " assess`."), true, true
	case "expired":
		if res.First {
			s.observer.Abandoned(res.Assessment)
		}
		a, _ := s.kb.AssessmentByID(res.Assessment)
		return bot.Reply{Text: "That assessment expired.", Blocks: expiredBlocks(a), Visibility: visibility(typed)}, true, true
	case "closed":
		if typed {
			return bot.Reply{}, false, true
		}
		return blockkit.Ephemeral("That assessment is already over."), true, true
	case "notyours":
		return s.notYours(res), true, true
	case "stale":
		return blockkit.Ephemeral("That button belongs to an earlier question. Use the latest one."), true, true
	case "answered":
		return blockkit.Ephemeral("That question was already answered."), true, true
	case "first":
		return bot.Reply{Text: "This is the first question.", Visibility: visibility(typed)}, true, true
	case "outdated":
		return s.outdated(res.Assessment, typed), true, true
	}
	return bot.Reply{}, false, false
}

// move acts on a step that moved the session: update the question just
// left, post the next one or the result, or hint at a reply that matched
// no option.
func (s *Service) move(ctx context.Context, req *bot.Request, sid, op string, res stepResult, typed bool) (bot.Reply, bool, error) {
	a, ok := s.kb.AssessmentByID(res.Assessment)
	if !ok {
		return bot.Reply{}, true, fmt.Errorf("%s session %s: assessment %q is gone", op, sid, res.Assessment)
	}
	if n := len(a.Questions); res.Before < 0 || res.Before >= n || res.Question < 0 || res.Question > n ||
		(res.Question == n && res.Code != "done") {
		return bot.Reply{}, true, fmt.Errorf("%s session %s: question %d/%d out of range", op, sid, res.Question, n)
	}
	msgTS := res.TS
	if msgTS == "" && !typed {
		msgTS = req.MessageTS
	}
	switch res.Code {
	case "invalid":
		return s.hint(a, res.Question, req.Text), true, nil
	case "ok", "done":
		s.update(ctx, sid, msgTS, answeredBlocks(a, res.Before, res.Option), "Answered")
		if res.Code == "done" {
			return bot.Reply{}, true, s.finish(ctx, a, sid, res)
		}
		return bot.Reply{}, true, s.postQuestion(ctx, a, sid, res.Run, res.Owner, res.Question)
	case "back", "restarted":
		s.update(ctx, sid, msgTS, closedBlocks(a, res.Before, map[string]string{"back": "Went back", "restarted": "Restarted"}[res.Code]), "Moved on")
		return bot.Reply{}, true, s.postQuestion(ctx, a, sid, res.Run, res.Owner, res.Question)
	case "resumed":
		if err := s.postQuestion(ctx, a, sid, res.Run, res.Owner, res.Question); err != nil {
			return bot.Reply{}, true, err
		}
		return blockkit.Ephemeral(fmt.Sprintf("Picked up *%s* at question %s.", a.Title, progress(res.Question, len(a.Questions)))), true, nil
	case "cancelled":
		s.observer.Abandoned(a.ID)
		s.update(ctx, sid, msgTS, closedBlocks(a, res.Before, "Cancelled"), "Cancelled")
		return bot.Reply{Text: "Cancelled. You can start again any time.", Blocks: []slack.Block{
			blockkit.SectionButton("Cancelled *"+a.Title+"*. You can start again any time.", blockkit.EmojiButton(blockkit.ActionAssessStart, a.ID, "Start again")),
		}, Visibility: visibility(typed)}, true, nil
	}
	return bot.Reply{}, true, fmt.Errorf("%s session %s: unexpected result %q", op, sid, res.Code)
}

func visibility(typed bool) bot.Visibility {
	if typed {
		return bot.VisibilityDefault
	}
	return bot.VisibilityEphemeral
}

// notYours invites someone else to start their own assessment.
func (s *Service) notYours(res stepResult) bot.Reply {
	text := "This assessment belongs to someone else. Start your own?"
	a, ok := s.kb.AssessmentByID(res.Assessment)
	if !ok {
		return blockkit.Ephemeral(text)
	}
	return blockkit.Ephemeral(text, blockkit.SectionButton(text, blockkit.EmojiButton(blockkit.ActionAssessStart, a.ID, "Start "+a.Title)))
}

// hint answers a reply that is not a valid answer: what was expected, and
// the question again (text only; its buttons are still above).
func (s *Service) hint(a *knowledge.Assessment, q int, text string) bot.Reply {
	var b strings.Builder
	if t := strings.TrimSpace(text); t != "" && len(text) <= maxAnswerLen {
		fmt.Fprintf(&b, "I couldn't match “%s” to an option. ", blockkit.Echo(t, 80))
	} else {
		b.WriteString("I couldn't match that to an option. ")
	}
	fmt.Fprintf(&b, "Reply with a number from 1 to %d or click a button above (or `back`, `restart`, `cancel`).\n\n%s",
		len(a.Questions[q].Options), questionText(a, q))
	for i, o := range a.Questions[q].Options {
		fmt.Fprintf(&b, "\n%d. %s", i+1, o.Label)
	}
	return bot.Reply{Text: b.String(), Blocks: []slack.Block{blockkit.Section(b.String())}}
}

// update replaces a question message; a failure is logged, not fatal: the
// session has moved on either way.
func (s *Service) update(ctx context.Context, sid, ts string, blocks []slack.Block, text string) {
	if ts == "" {
		return
	}
	channel, _ := splitSessionID(sid)
	if err := s.sl.Update(ctx, channel, ts, bot.Message{Channel: channel, Text: text, Blocks: blocks}); err != nil {
		s.log.Warn().Err(err).Str("session", sid).Str("ts", ts).Msg("update question message")
	}
}
