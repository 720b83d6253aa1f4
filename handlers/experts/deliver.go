package experts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// destination is one place an answer is posted, with the askers it is for.
type destination struct {
	origin
	users []string
}

// destinations groups askers by where their answer goes: askers in the
// same thread or DM get one post naming them all; each private asker gets
// their own DM.
func destinations(askers []origin) []destination {
	var out []destination
	at := map[string]int{}
	for _, a := range askers {
		k := a.Where + "/" + a.Channel + "/" + a.Thread
		if a.Where == wherePrivate {
			k = wherePrivate + "/" + a.User
		}
		if i, ok := at[k]; ok {
			if !slices.Contains(out[i].users, a.User) {
				out[i].users = append(out[i].users, a.User)
			}
			continue
		}
		at[k] = len(out)
		out = append(out, destination{origin: a, users: []string{a.User}})
	}
	return out
}

// deliver sends an answered request's answer to every asker, marks the
// experts' message answered, and offers the answer as a draft. It runs
// after the submission's ack, in the same order every time, so a re-run
// after a takeover skips what was posted (the bot's journal). One asker's
// failure does not stop the others: the errors are joined.
func (s *Service) deliver(ctx context.Context, r *request, askers []origin, draft bool) error {
	var errs []error
	// The draft first: once the asker has the answer, an admin opening
	// the App Home finds it waiting (a re-run adds none: one per request).
	if draft && s.drafts != nil && len(askers) > 0 {
		d := Draft{Question: r.Question, Answer: r.Answer, ExpertID: r.Expert, AskerID: askers[0].User, At: s.now(), RequestID: r.ID}
		if err := s.drafts.AddDraft(ctx, d); err != nil {
			errs = append(errs, fmt.Errorf("draft from %s: %w", r.ID, err))
		}
	}
	if r.Post != "" {
		m := bot.Message{Channel: r.Channel, Text: "Answered by <@" + r.Expert + ">", Blocks: answeredBlocks(r)}
		if err := s.sl.Update(ctx, r.Channel, r.Post, m); err != nil {
			errs = append(errs, fmt.Errorf("mark %s answered: %w", r.ID, err))
		}
	}
	for _, d := range destinations(askers) {
		if err := s.postAnswer(ctx, r, d); err != nil {
			s.log.Warn().Err(err).Str("request", r.ID).Str("asker", d.User).Msg("deliver an expert's answer")
			errs = append(errs, err)
		}
	}
	s.log.Info().Str("request", r.ID).Str("expert", r.Expert).Int("askers", len(askers)).Bool("draft", draft).Msg("expert answer delivered")
	return errors.Join(errs...)
}

// postAnswer posts the answer where d's askers asked: the thread, the DM
// (its thread, in the assistant pane) or, for a private ask, a DM:
// chat.postEphemeral would vanish, and a response_url lasts 30 minutes,
// where an answer may take a day.
func (s *Service) postAnswer(ctx context.Context, r *request, d destination) error {
	m := bot.Message{Channel: d.Channel, ThreadTS: d.Thread, Text: "A person answered your question", Blocks: answerBlocks(r, d)}
	if d.Where == wherePrivate {
		dm, err := s.sl.OpenDM(ctx, d.User)
		if err != nil {
			return fmt.Errorf("open a DM with %s: %w", d.User, err)
		}
		m.Channel, m.ThreadTS = dm, ""
	}
	if _, err := s.sl.Post(ctx, m); err != nil {
		return fmt.Errorf("post the answer to %s: %w", r.ID, err)
	}
	return nil
}

// answerBlocks is the answer as the askers see it.
func answerBlocks(r *request, d destination) []slack.Block {
	head := ":speech_balloon: *A person answered your question*"
	if d.Where != wherePrivate && d.Where != whereDM {
		mentions := make([]string, len(d.users))
		for i, u := range d.users {
			mentions[i] = "<@" + u + ">"
		}
		head = strings.Join(mentions, " ") + ", a person answered your question"
	}
	return []slack.Block{
		blockkit.Section(head + "\n" + quote(r.Question)),
		blockkit.Section(blockkit.Echo(r.Answer, MaxAnswer)),
		blockkit.Context("", "Answered by <@"+r.Expert+">"),
		blockkit.Feedback(ActionFeedback, "up:"+r.ID, "down:"+r.ID),
	}
}

// answeredBlocks is the experts' message once answered: the button gone.
func answeredBlocks(r *request) []slack.Block {
	return []slack.Block{
		blockkit.Section(":white_check_mark: *Answered by <@" + r.Expert + ">*\n" + quote(r.Question)),
		blockkit.Section(blockkit.Echo(r.Answer, MaxAnswer)),
	}
}
