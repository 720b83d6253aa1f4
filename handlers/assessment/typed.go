package assessment

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// HandleMessage takes a typed reply in a DM or a thread. handled is false
// when the reply is not for an assessment, so the router answers it as
// usual: no session lives there, or (in a DM) it is no answer, but a
// command or a question. Only an option's number, its whole label or a near
// miss of one, and back, restart and cancel, count.
func (s *Service) HandleMessage(ctx context.Context, req *bot.Request) (reply bot.Reply, handled bool, err error) {
	sid, ok := typedSession(req)
	if !ok {
		return bot.Reply{}, false, nil
	}
	p, err := s.peek(ctx, sid)
	switch {
	case err != nil:
		return bot.Reply{}, true, err
	case !p.exists && !p.marked:
		return bot.Reply{}, false, nil
	case p.exists && p.owner != req.UserID:
		return s.notYoursOnce(ctx, sid, req.UserID, p.assessment)
	case p.exists && p.status != "active":
		return bot.Reply{}, false, nil
	}
	in := parseIntent(req.Text)
	args := stepArgs{op: "answer", user: req.UserID, question: -1, arg: "-1", delivery: req.ID}
	switch in.Kind {
	case intentBack:
		args.op = "back"
	case intentRestart:
		args.op, args.arg = "restart", newRun()
	case intentCancel:
		args.op = "cancel"
	default:
		if !p.exists { // expired: the step says so
			break
		}
		a, ok := s.kb.AssessmentByID(p.assessment)
		if !ok || p.hash != "" && p.hash != s.defs.hash(a) {
			return s.outdated(p.assessment, true), true, nil
		}
		if p.question < 0 || p.question >= len(a.Questions) {
			return bot.Reply{}, true, fmt.Errorf("typed answer in %s: question %d/%d", sid, p.question, len(a.Questions))
		}
		opt, ok := matchOption(in, labels(a.Questions[p.question].Options))
		switch {
		case ok:
			args.question, args.arg = p.question, strconv.Itoa(opt)
		case !in.Numeric && blockkit.IsDM(req):
			return bot.Reply{}, false, nil // a command or a question, not an answer
		default:
			return s.hint(a, p.question, req.Text), true, nil
		}
	}
	return s.advance(ctx, req, sid, args)
}

// typedSession names the session a typed reply would belong to.
func typedSession(req *bot.Request) (string, bool) {
	var sid string
	switch {
	case inPaneThread(req):
		sid = sessionID(req.ChannelID, req.ThreadTS)
	case req.Kind == bot.KindDM || (blockkit.IsDM(req) && req.ChannelID != ""):
		sid = sessionID(req.ChannelID, "")
	case (req.Kind == bot.KindThread || req.Kind == bot.KindMention) && req.ThreadTS != "":
		sid = sessionID(req.ChannelID, req.ThreadTS)
	default:
		return "", false
	}
	return sid, sidPattern.MatchString(sid)
}

// peeked is what a typed reply needs to know of a session before it is
// matched: whose it is, where it stands, and the definition it began with.
type peeked struct {
	exists, marked bool // the record; the marker (outlives it: expired)
	owner, status  string
	assessment     string
	question       int
	hash           string // "" for a session begun before hashes were kept
}

// peek reads a session's state in one round trip.
func (s *Service) peek(ctx context.Context, sid string) (peeked, error) {
	var f *redis.SliceCmd
	var m *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		f = p.HMGet(ctx, s.keys.session(sid), "u", "st", "a", "q", "h")
		m = p.Exists(ctx, s.keys.marker(sid))
		return nil
	})
	if err != nil {
		return peeked{}, fmt.Errorf("read session %s: %w", sid, err)
	}
	v := f.Val()
	str := func(i int) string { x, _ := v[i].(string); return x }
	p := peeked{exists: str(0) != "", marked: m.Val() == 1, owner: str(0), status: str(1), assessment: str(2), hash: str(4)}
	p.question, _ = strconv.Atoi(str(3))
	return p, nil
}

// notYoursOnce tells someone typing in another's assessment thread, the
// first time only, that it is not theirs; after that their messages are
// left alone (handled, with no reply).
func (s *Service) notYoursOnce(ctx context.Context, sid, user, assessment string) (bot.Reply, bool, error) {
	first, err := s.rdb.SetNX(ctx, s.keys.told(sid, user), "1", s.markerTTL()).Result()
	if err != nil {
		return bot.Reply{}, true, fmt.Errorf("note notice in %s: %w", sid, err)
	}
	if !first {
		return bot.Reply{}, true, nil
	}
	return s.notYours(stepResult{Assessment: assessment}), true, nil
}

// outdated offers a fresh start of a session whose assessment changed (or
// went away) since it began.
func (s *Service) outdated(id string, typed bool) bot.Reply {
	a, ok := s.kb.AssessmentByID(id)
	if !ok {
		return bot.Reply{Text: "That assessment is no longer available. See `" + blockkit.SlashCommand + " assess` for the others.", Visibility: visibility(typed)}
	}
	text := fmt.Sprintf("*%s* changed since you started it, so your answers so far can't be scored. Start again?", a.Title)
	return bot.Reply{Text: text, Visibility: visibility(typed), Blocks: []slack.Block{
		blockkit.SectionButton(text, blockkit.EmojiButton(blockkit.ActionAssessStart, a.ID, "Start again")),
	}}
}

func labels(opts []knowledge.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Label
	}
	return out
}
