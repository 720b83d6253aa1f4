package blockkit

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot"
)

// Slack's limits on modals, in characters.
const (
	MaxViewTitle   = 24   // a modal's title, submit and close labels
	MaxInputLabel  = 2000 // an input block's label and hint
	MaxOptionText  = 75   // an option's text
	MaxOptionValue = 150  // an option's value
	MaxMetadata    = 3000 // a view's private_metadata
	MaxPlaceholder = 150  // an element's placeholder
)

// Views opens and changes modals; *bot.Client has these methods. A
// feature that shows modals embeds Views in the Slack interface it
// declares.
//
// How a feature runs a modal (see the README's "Modals and other surfaces"):
//  1. On a click, slash command or shortcut (anything with req.TriggerID),
//     OpenView at once: the trigger expires 3 s after Slack sent it.
//     Give the modal a callback_id starting with the feature's prefix and
//     put what the submission needs (the channel it came from, the thing
//     edited) in its private_metadata.
//  2. The submission comes back as a bot.KindViewSubmission Request with
//     that CallbackID, PrivateMetadata, and the inputs in req.Values by
//     block id; the router hands it to the feature registered for the
//     prefix (handlers.WithCallbacks).
//  3. The handler runs before the ack, within 2.5 s: it validates, answers
//     with FieldErrors (the modal stays open, each message under its
//     input), or saves and returns a Reply whose View replaces (Update) or
//     closes the modal, and whose Text/Blocks, if any, are posted after the
//     ack to Reply.Channel (or the user's DM).
type Views interface {
	OpenView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
	PushView(ctx context.Context, triggerID string, view slack.ModalViewRequest) (string, error)
	UpdateView(ctx context.Context, viewID, hash string, view slack.ModalViewRequest) error
}

// Modal is a modal view: its title and submit label clipped to Slack's
// limit (submit "" for a modal without inputs), a Cancel button,
// callbackID (the feature's prefix first) and metadata, which Slack hands
// back with the submission.
func Modal(callbackID, title, submit, metadata string, blocks ...slack.Block) slack.ModalViewRequest {
	v := slack.ModalViewRequest{Type: slack.VTModal, CallbackID: callbackID, PrivateMetadata: metadata,
		Title: Plain(Clip(title, MaxViewTitle)), Blocks: slack.Blocks{BlockSet: blocks}}
	if submit != "" {
		v.Submit = Plain(Clip(submit, MaxViewTitle))
		v.Close = Plain("Cancel")
	} else {
		v.Close = Plain("Close")
	}
	return v
}

// Input is an input block holding element, labelled (and hinted, if hint
// is not "") within Slack's limits. Give every input a block id: errors
// and submitted values are keyed by it.
func Input(blockID, label, hint string, optional bool, element slack.BlockElement) *slack.InputBlock {
	var h *slack.TextBlockObject
	if hint != "" {
		h = Plain(Clip(hint, MaxInputLabel))
	}
	in := slack.NewInputBlock(blockID, Plain(Clip(label, MaxInputLabel)), h, element)
	in.Optional = optional
	return in
}

// Option is a choice in a select, radio buttons or checkboxes: text
// clipped to Slack's limit (the value must fit 150 characters; it is the
// feature's own word).
func Option(value, text string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(value, Plain(Clip(text, MaxOptionText)), nil)
}

// FieldErrors answers a view submission with a message under each input
// named (block id → message); the modal stays open with what the user
// entered.
func FieldErrors(errs map[string]string) bot.Reply {
	for id, msg := range errs {
		errs[id] = Clip(msg, MaxInputLabel)
	}
	return bot.Reply{View: slack.NewErrorsViewSubmissionResponse(errs)}
}

// Update answers a view submission by replacing the modal with v (a
// confirmation, the next step).
func Update(v slack.ModalViewRequest) *slack.ViewSubmissionResponse {
	return slack.NewUpdateViewSubmissionResponse(&v)
}

// Notice is a modal that only says something: a confirmation that
// replaces the submitted modal, or a message where a modal was expected.
func Notice(callbackID, title, mrkdwn string) slack.ModalViewRequest {
	return Modal(callbackID, title, "", "", Section(mrkdwn))
}
