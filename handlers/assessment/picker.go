package assessment

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/handlers/blockkit"
)

// Callback ids of the assessments' modals.
const (
	CallbackPick    = blockkit.PrefixAssess + "pick"    // the list the "Take an assessment" shortcut opens
	CallbackStarted = blockkit.PrefixAssess + "started" // the notice that replaces it
	blockPick       = "which"
)

// maxRadio is how many options radio buttons take; past it the list is a
// select (up to 100).
const maxRadio = 10

// OpenPicker opens the list of assessments in a modal (the global shortcut
// "Take an assessment"); the one picked runs in the user's DM. Below the
// list, the paired assessments' "Take it with a co-founder" buttons
// (handlers/pairs stacks its co-founder picker over this modal).
func (s *Service) OpenPicker(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if len(s.kb.Assessments) == 0 {
		_, err := s.sl.OpenView(ctx, req.TriggerID, blockkit.Notice(CallbackStarted, "Assessments", "There are no assessments yet."))
		return bot.Reply{}, err
	}
	var opts []*slack.OptionBlockObject
	for i, a := range s.kb.Assessments {
		if i == 100 {
			break
		}
		o := blockkit.Option(a.ID, a.Title)
		if a.Summary != "" && len(s.kb.Assessments) <= maxRadio {
			o.Description = blockkit.Plain(blockkit.Clip(fmt.Sprintf("%d questions · %s", len(a.Questions), a.Summary), blockkit.MaxOptionText))
		}
		opts = append(opts, o)
	}
	var pick slack.BlockElement = slack.NewRadioButtonsBlockElement(blockPick, opts...)
	if len(opts) > maxRadio {
		pick = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, blockkit.Plain("Pick an assessment"), blockPick, opts...)
	}
	blocks := []slack.Block{
		blockkit.Section("A few questions each, with a scored recommendation at the end. It runs as a short conversation in our DM."),
		blockkit.Input(blockPick, "Assessment", "", false, pick),
	}
	modal := blockkit.Modal(CallbackPick, "Take an assessment", "Start", "", append(blocks, pairBlocks(s.kb.Pairs)...)...)
	if _, err := s.sl.OpenView(ctx, req.TriggerID, modal); err != nil {
		return bot.Reply{}, fmt.Errorf("open assessment picker for %s: %w", req.UserID, err)
	}
	return bot.Reply{}, nil
}

// HandleCallback answers the assessments' modals: the picker's submission
// starts the chosen assessment in the user's DM and says so in the modal.
func (s *Service) HandleCallback(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	if req.Kind != bot.KindViewSubmission || req.CallbackID != CallbackPick {
		return bot.Reply{}, nil // a notice's close, or an old modal: nothing to do
	}
	a, ok := s.kb.AssessmentByID(req.Values.Value(blockPick))
	if !ok {
		return blockkit.FieldErrors(map[string]string{blockPick: "Pick one of the assessments."}), nil
	}
	start := *req
	start.ChannelID, start.ChannelType, start.ThreadTS = "", "", "" // a modal has no conversation: place opens the DM
	if _, err := s.Start(ctx, &start, a.ID); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{View: blockkit.Update(blockkit.Notice(CallbackStarted, "Assessment started",
		fmt.Sprintf(":white_check_mark: *%s* is waiting for you in our DM: answer with the buttons, or type the number of your choice.", a.Title)))}, nil
}
