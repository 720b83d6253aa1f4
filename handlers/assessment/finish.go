package assessment

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
	"github.com/advisor-bot/advisor/internal/chart"
	"github.com/advisor-bot/advisor/knowledge"
)

// finish scores a completed session, keeps the outcome in the user's
// history and posts the result where the session ran.
func (s *Service) finish(ctx context.Context, a *knowledge.Assessment, sid string, res stepResult) error {
	o, err := newOutcome(a, res.Run, res.Answers, s.now().UTC(), res.Origin)
	if err != nil {
		return err
	}
	s.observer.Completed(a.ID)
	s.log.Info().Str("session", sid).Str("assessment", a.ID).Str("user", res.Owner).
		Int("total", o.Total).Str("band", o.Band).Msg("assessment completed")
	if err := s.saveOutcome(ctx, res.Owner, o); err != nil {
		if bot.Retriable(ctx) { // run again: the step and the save are idempotent per delivery, the result not posted yet
			return fmt.Errorf("finish %s: %w", sid, err)
		}
		s.log.Error().Err(err).Str("session", sid).Msg("save outcome; posting the result unsaved")
	}
	channel, thread := splitSessionID(sid)
	_, err = s.sl.Post(ctx, bot.Message{
		Channel: channel, ThreadTS: thread,
		Text: resultText(o), Blocks: s.resultBlocks(o, o.Channel != ""),
	})
	if err != nil {
		return fmt.Errorf("post result of %s: %w", sid, err)
	}
	s.uploadChart(ctx, o, channel, thread)
	return nil
}

// uploadChart shares the result's dimensions as a bar chart under the
// result. The text above says the same, so a failure is only logged.
func (s *Service) uploadChart(ctx context.Context, o *Outcome, channel, thread string) {
	var bars []chart.Bar
	var alt []string
	for _, d := range o.Dimensions {
		if d.Max > 0 {
			bars = append(bars, chart.Bar{Label: d.Name, Percent: float64(d.Percent())})
			alt = append(alt, fmt.Sprintf("%s %d%%", d.Name, d.Percent()))
		}
	}
	png, err := s.drawBars(o.Title, bars)
	if err != nil {
		s.log.Warn().Err(err).Str("outcome", o.ID).Msg("draw result chart")
		return
	}
	_, err = s.sl.UploadFile(ctx, bot.File{
		Channel: channel, ThreadTS: thread, Name: o.AssessmentID + "-result.png",
		Title: o.Title + ": your result by dimension", AltText: blockkit.Clip(strings.Join(alt, ", "), 1000), Content: png,
	})
	if err != nil {
		s.log.Warn().Err(err).Str("outcome", o.ID).Str("channel", channel).Msg("upload result chart")
	}
}

var userPattern = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// share posts the clicking user's outcome, named by the button value, to
// the channel the assessment came from, visibly, once: a second click (a
// double click sends two envelopes) is told it is shared already.
func (s *Service) share(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	all, err := s.outcomes(ctx, req.UserID, historyLen)
	if err != nil {
		return bot.Reply{}, err
	}
	var o *Outcome
	for _, x := range all {
		if x.ID == req.ActionValue {
			o = x
			break
		}
	}
	switch {
	case o == nil:
		return blockkit.Ephemeral("I can't find that result any more (only your own results can be shared)."), nil
	case o.Channel == "":
		return blockkit.Ephemeral("There is no channel to share this result in."), nil
	}
	key := s.keys.shared(req.UserID, o.ID)
	first, err := onceScript.Run(ctx, s.rdb, []string{key}, req.ID, s.history.Milliseconds()).Int()
	if err != nil {
		return bot.Reply{}, fmt.Errorf("claim share of %s: %w", o.ID, err)
	}
	if first == 0 {
		return blockkit.Ephemeral("Already shared in <#" + o.Channel + ">."), nil
	}
	who := "Someone"
	if userPattern.MatchString(req.UserID) {
		who = "<@" + req.UserID + ">"
	}
	text := who + " shared their result: " + resultText(o)
	blocks := append([]slack.Block{blockkit.Section(text)}, s.resultBlocks(o, false)...)
	if _, err := s.sl.Post(ctx, bot.Message{Channel: o.Channel, Text: text, Blocks: blocks}); err != nil {
		s.log.Warn().Err(err).Str("channel", o.Channel).Msg("share result")
		if derr := s.rdb.Del(ctx, key).Err(); derr != nil { // let a later click try again
			s.log.Warn().Err(derr).Str("outcome", o.ID).Msg("release share claim")
		}
		return blockkit.Ephemeral("I couldn't post in that channel. Is the advisor a member of it?"), nil
	}
	return blockkit.Ephemeral("Shared in <#" + o.Channel + ">."), nil
}
