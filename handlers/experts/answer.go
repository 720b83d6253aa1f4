package experts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Block ids of the Answer modal's inputs, and the checkbox's value.
const (
	fieldAnswer = "answer"
	fieldDraft  = "kb"
	draftOption = "draft"
)

// openAnswer opens the Answer modal for a request, at once (the click's
// trigger expires in 3 s); a request already closed is said instead.
func (s *Service) openAnswer(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	r, err := s.loadRequest(ctx, req.ActionValue)
	if errors.Is(err, errNotFound) {
		return blockkit.EphemeralText("That question has expired."), nil
	}
	if err != nil {
		return bot.Reply{}, err
	}
	if r.Status != statusOpen {
		return blockkit.EphemeralText(closedText(r.Status, r.Expert)), nil
	}
	input := slack.NewPlainTextInputBlockElement(blockkit.Plain("What would you tell them?"), fieldAnswer).WithMultiline(true)
	box := slack.NewCheckboxGroupsBlockElement(fieldDraft,
		blockkit.Option(draftOption, "Also add this to the knowledge base as a draft"))
	box.InitialOptions = box.Options
	blocks := []slack.Block{
		blockkit.Section("*The question*\n" + quote(r.Question)),
		blockkit.Input(fieldAnswer, "Your answer", fmt.Sprintf("It goes to whoever asked, with your name on it. Up to %d characters.", MaxAnswer), false, input),
	}
	if s.drafts != nil { // without a place for drafts, offering one would lose it
		blocks = append(blocks, blockkit.Input(fieldDraft, "Knowledge base", "An admin reviews drafts before anyone else sees them.", true, box))
	}
	modal := blockkit.Modal(CallbackAnswer, "Answer a question", "Send answer", r.ID, blocks...)
	if _, err := s.sl.OpenView(ctx, req.TriggerID, modal); err != nil {
		return bot.Reply{}, fmt.Errorf("open the answer modal: %w", err)
	}
	return bot.Reply{}, nil
}

// closedText says why a request takes no answer.
func closedText(status, expert string) string {
	if status == statusAnswered && userOK(expert) {
		return "<@" + expert + "> already answered this question."
	}
	if status == statusAnswered {
		return "Someone already answered this question."
	}
	return "That question has expired."
}

// HandleCallback answers the Answer modal's submission, before its ack: a
// problem is a field error (nothing posted); the first expert to submit
// closes the request, and the answer is delivered after the ack.
func (s *Service) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if req.Kind != bot.KindViewSubmission || req.CallbackID != CallbackAnswer {
		return bot.Reply{}, nil
	}
	text := strings.TrimSpace(req.Values.Value(fieldAnswer))
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return blockkit.FieldErrors(map[string]string{fieldAnswer: "Write an answer first."}), nil
	case n > MaxAnswer:
		return blockkit.FieldErrors(map[string]string{fieldAnswer: fmt.Sprintf(
			"Keep it to %d characters: this one has %d. Link to a longer write-up if you need more.", MaxAnswer, n)}), nil
	}
	r, err := s.loadRequest(ctx, req.PrivateMetadata)
	if errors.Is(err, errNotFound) {
		return blockkit.FieldErrors(map[string]string{fieldAnswer: "This question has expired; your answer was not sent."}), nil
	}
	if err != nil {
		return bot.Reply{}, err
	}
	member, err := s.sl.HasMember(ctx, r.Channel, req.UserID)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("check who may answer %s: %w", r.ID, err)
	}
	if !member {
		return blockkit.FieldErrors(map[string]string{fieldAnswer: "Only members of the experts channel can answer questions."}), nil
	}
	c, err := s.closeRequest(ctx, r, statusAnswered, req.UserID, text, req.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	switch c.code {
	case "ok", "again":
	case statusAnswered:
		return blockkit.FieldErrors(map[string]string{fieldAnswer: "Someone else answered this question a moment ago; yours was not sent."}), nil
	default: // expired, never posted, gone
		return blockkit.FieldErrors(map[string]string{fieldAnswer: "This question has expired; your answer was not sent."}), nil
	}
	if c.code == "ok" {
		s.observer.ExpertRequestAnswered(s.now().Sub(r.Opened))
	}
	r.Status, r.Answer, r.Expert = statusAnswered, text, req.UserID
	draft := s.drafts != nil && slices.Contains(req.Values.Values(fieldDraft), draftOption)
	note := ":white_check_mark: Sent to the person who asked."
	if n := len(c.askers); n > 1 {
		note = fmt.Sprintf(":white_check_mark: Sent to the %d people who asked.", n)
	}
	if draft {
		note += " It is also a draft for the knowledge base now, for an admin to review."
	}
	return bot.Reply{
		View:  blockkit.Update(blockkit.Notice(CallbackAnswer, "Answer sent", note)),
		After: func(ctx context.Context) error { return s.deliver(ctx, r, c.askers, draft) },
	}, nil
}
