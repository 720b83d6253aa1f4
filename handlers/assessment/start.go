package assessment

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/knowledge"
)

// List offers every assessment as a button (action "assess:start", value
// the assessment id).
func (s *Service) List(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if len(s.kb.Assessments) == 0 {
		return bot.Reply{Text: "There are no assessments yet."}, nil
	}
	return bot.Reply{Text: "Pick an assessment", Blocks: append(listBlocks(s.kb.Assessments), pairBlocks(s.kb.Pairs)...)}, nil
}

// place decides where a new session runs. A mention (or a click on a
// visible message in a channel) runs it in that channel's thread; the
// assistant pane in its thread; a DM in the DM; a slash command, an App Home click or a click on an ephemeral
// message in the user's DM, because assessments are personal. origin is the
// channel "Share result" posts to, "" if none.
func (s *Service) place(ctx context.Context, req *bot.Request) (channel, thread, origin string, viaDM bool, err error) {
	inChannel := req.ChannelID != "" && !blockkit.IsDM(req)
	switch {
	case inPaneThread(req):
		// The assistant pane: the session runs in the pane's thread, and
		// a shared result goes to the channel the user is looking at.
		return req.ChannelID, req.ThreadTS, req.ContextChannelID, false, nil
	case blockkit.IsDM(req) && req.ChannelID != "":
		return req.ChannelID, "", "", false, nil
	case inChannel && (req.Kind == bot.KindMention || req.Kind == bot.KindThread ||
		(req.Kind == bot.KindAction && !req.Ephemeral)):
		thread = req.ThreadTS
		if thread == "" {
			thread = req.MessageTS
		}
		return req.ChannelID, thread, req.ChannelID, false, nil
	}
	dm, err := s.sl.OpenDM(ctx, req.UserID)
	if err != nil {
		return "", "", "", false, fmt.Errorf("open dm with %s: %w", req.UserID, err)
	}
	if inChannel {
		origin = req.ChannelID
	}
	return dm, "", origin, true, nil
}

// Start begins assessmentID for the requesting user and posts its first
// question. An unknown id is answered with the list of valid ones.
func (s *Service) Start(ctx context.Context, req *bot.Request, assessmentID string) (bot.Reply, error) {
	a, ok := s.kb.AssessmentByID(assessmentID)
	if !ok {
		id := blockkit.Echo(assessmentID, 60)
		text := fmt.Sprintf("I don't know an assessment called `%s`. Pick one of these:", id)
		list := listBlocks(s.kb.Assessments)
		return blockkit.Ephemeral(text, append([]slack.Block{blockkit.Section(text)}, list[1:]...)...), nil
	}
	blockkit.Busy(ctx, "is starting your assessment…")
	channel, thread, origin, viaDM, err := s.place(ctx, req)
	if err != nil {
		return bot.Reply{}, err
	}
	sid, run := sessionID(channel, thread), newRun()
	if !sidPattern.MatchString(sid) {
		return bot.Reply{}, fmt.Errorf("start %s: unusable place %q", a.ID, sid)
	}
	prev, busy, err := s.create(ctx, sid, req.UserID, run, origin, a)
	if err != nil {
		return bot.Reply{}, err
	}
	if busy {
		return blockkit.Ephemeral("Someone else is taking an assessment in this thread. Start your own with `" + blockkit.SlashCommand + " assess`."), nil
	}
	if prev != "" {
		s.observer.Abandoned(prev)
	}
	s.observer.Started(a.ID)
	s.log.Info().Str("session", sid).Str("assessment", a.ID).Str("user", req.UserID).Msg("assessment started")
	if err := s.postQuestion(ctx, a, sid, run, req.UserID, 0); err != nil {
		return bot.Reply{}, err
	}
	if viaDM {
		return blockkit.Ephemeral(fmt.Sprintf("Started *%s* in our DM.", a.Title)), nil
	}
	return bot.Reply{}, nil
}

// postQuestion posts question q of the session and records its ts.
func (s *Service) postQuestion(ctx context.Context, a *knowledge.Assessment, sid, run, user string, q int) error {
	channel, thread := splitSessionID(sid)
	ts, err := s.sl.Post(ctx, bot.Message{
		Channel: channel, ThreadTS: thread,
		Text:   fmt.Sprintf("%s %s: %s", a.Title, progress(q, len(a.Questions)), a.Questions[q].Text),
		Blocks: questionBlocks(a, sid, run, q),
	})
	if err != nil {
		return fmt.Errorf("post question %d of %s: %w", q+1, sid, err)
	}
	return s.record(ctx, sid, user, run, q, ts)
}

// inPaneThread reports whether req comes from a thread of the assistant
// pane: a message there, or a click on a message in a DM's thread (the
// advisor posts in DM threads only in the pane).
func inPaneThread(req *bot.Request) bool {
	return req.ThreadTS != "" && blockkit.IsDM(req) && req.ChannelID != "" &&
		(req.Kind == bot.KindAssistantMessage || req.Kind == bot.KindAction)
}
