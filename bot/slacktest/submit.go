package slacktest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Submission describes a user pressing Submit on a modal.
type Submission struct {
	UserID string // DefaultUserID if empty
	ViewID string // the modal; empty means the top one open for the user
	// Values are what the user put in the inputs, by block_id: the text
	// typed, the chosen option values, "15:04" for a timepicker,
	// "2006-01-02" for a datepicker, a conversation id. An input left out
	// keeps its initial value. A value the element cannot hold (an option
	// it does not offer, an unknown block) and an empty required input are
	// errors, since Slack would not let the user submit them.
	Values map[string][]string
}

// ErrNoModal is returned by SubmitView and CloseView when the user has no
// such modal open.
var ErrNoModal = errors.New("slacktest: no such modal open")

// SubmitView delivers a view_submission for the modal with the inputs'
// state as Slack builds it, and returns the envelope id. The bot's ack is
// applied to the modal as Slack would (see ViewAck); WaitViewAck returns it.
func (s *Server) SubmitView(sub Submission) (string, error) {
	if sub.UserID == "" {
		sub.UserID = DefaultUserID
	}
	s.mu.Lock()
	view := s.topViewLocked(sub.UserID, sub.ViewID)
	if view == nil {
		s.mu.Unlock()
		return "", fmt.Errorf("submit %q for %s: %w", sub.ViewID, sub.UserID, ErrNoModal)
	}
	values, err := stateOf(view.Raw, sub.Values)
	if err != nil {
		s.mu.Unlock()
		return "", fmt.Errorf("submit modal %s: %w", view.ID, err)
	}
	id := s.envelopeIDLocked()
	vo := s.viewObjectLocked(view)
	vo["state"] = map[string]any{"values": values}
	cb := slack.InteractionCallback{Type: slack.InteractionTypeViewSubmission, Token: "verification-token",
		TriggerID: s.triggerLocked(sub.UserID, view.ID), Team: slack.Team{ID: s.cfg.teamID, Domain: "slacktest"},
		User: s.userObject(sub.UserID), APIAppID: s.cfg.appID}
	s.submissions[id] = view.ID
	s.mu.Unlock()
	return s.sendWithID(id, socketmode.RequestTypeInteractive, withView(&cb, vo, notMessage...)), nil
}

// CloseView is the user closing their modals (Cancel or ×). If the top one
// was opened with notify_on_close, the bot gets view_closed: the envelope
// id is returned, else "".
func (s *Server) CloseView(user string) (string, error) {
	s.mu.Lock()
	view := s.topViewLocked(user, "")
	if view == nil {
		s.mu.Unlock()
		return "", fmt.Errorf("close modal of %s: %w", user, ErrNoModal)
	}
	vo := s.viewObjectLocked(view)
	s.closeStackLocked(user)
	s.notifyLocked()
	if !view.NotifyOnClose {
		s.mu.Unlock()
		return "", nil
	}
	id := s.envelopeIDLocked()
	s.mu.Unlock()
	cb := slack.InteractionCallback{Type: slack.InteractionTypeViewClosed, Token: "verification-token",
		Team: slack.Team{ID: s.cfg.teamID, Domain: "slacktest"}, User: s.userObject(user), APIAppID: s.cfg.appID}
	return s.sendWithID(id, socketmode.RequestTypeInteractive, withView(&cb, vo, notMessage...)), nil
}

func (s *Server) topViewLocked(user, id string) *View {
	stack := s.stacks[user]
	if len(stack) == 0 || (id != "" && stack[len(stack)-1] != id) {
		return nil
	}
	return s.views[stack[len(stack)-1]]
}

// withView is a payload: cb with its view replaced by the object Slack
// sends (slack-go's View would add empty fields Slack never sends), and
// without the fields Slack sends only for messages (drop).
func withView(cb *slack.InteractionCallback, view map[string]any, drop ...string) json.RawMessage {
	raw, err := json.Marshal(cb)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal payload: %v", err)) // our own struct: cannot happen
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	m["view"] = view
	for _, k := range drop {
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}

// notMessage are the payload fields of a message interaction, absent from
// view submissions and closes.
var notMessage = []string{"actions", "original_message", "message", "channel", "container"}

// ViewAck is how the bot answered a view_submission, and what the fake
// made of it.
type ViewAck struct {
	EnvelopeID string
	ViewID     string
	Action     string            // response_action: "" (the ack closes the modal), errors, update, push, clear
	Errors     map[string]string // for errors: block_id → message
	Problem    string            // why Slack would show the user an error instead ("" if it took the answer)
	Latency    time.Duration     // from sending the submission to its ack
}

// WaitViewAck blocks until the view_submission envelopeID is acked and
// returns what its ack said.
func (s *Server) WaitViewAck(ctx context.Context, envelopeID string) (ViewAck, error) {
	var got ViewAck
	err := s.waitFor(ctx, func() bool {
		a, ok := s.viewAcks[envelopeID]
		if ok {
			got = a
		}
		return ok
	})
	if err != nil {
		return got, fmt.Errorf("wait for view ack %s: %w", envelopeID, err)
	}
	return got, nil
}

// applyViewAckLocked does what Slack does with a view_submission's ack.
// s.mu must be held.
func (s *Server) applyViewAckLocked(envelopeID string, payload json.RawMessage, latency time.Duration) {
	viewID, ok := s.submissions[envelopeID]
	if !ok {
		return
	}
	if _, seen := s.viewAcks[envelopeID]; seen {
		return
	}
	view := s.views[viewID]
	a := ViewAck{EnvelopeID: envelopeID, ViewID: viewID, Latency: latency}
	var r struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
		View   json.RawMessage   `json:"view"`
	}
	if len(payload) > 0 && json.Unmarshal(payload, &r) != nil {
		a.Problem = "ack payload is not a JSON object"
	}
	a.Action, a.Errors = r.Action, r.Errors
	switch {
	case a.Problem != "":
	case latency > DefaultTriggerTTL:
		a.Problem = fmt.Sprintf("acked after %s: Slack has shown the user an error", latency.Round(time.Millisecond))
	case !view.Open:
		a.Problem = "the modal was closed before the ack"
	default:
		a.Problem = s.respondToSubmissionLocked(view, a.Action, r.Errors, r.View)
	}
	s.viewAcks[envelopeID] = a
}

// respondToSubmissionLocked applies a response_action to the submitted
// view, or says why Slack would refuse it.
func (s *Server) respondToSubmissionLocked(view *View, action string, errs map[string]string, next json.RawMessage) string {
	switch action {
	case "":
		stack := s.stacks[view.User]
		view.Open = false
		if len(stack) <= 1 {
			delete(s.stacks, view.User)
		} else {
			s.stacks[view.User] = stack[:len(stack)-1]
		}
	case "errors":
		inputs := inputBlockIDs(view.Raw)
		if len(errs) == 0 {
			return "response_action errors without errors"
		}
		for id := range errs {
			if !slices.Contains(inputs, id) {
				return "errors name block " + id + ", which is not an input block of the modal"
			}
		}
		view.Errors = errs
	case "update", "push":
		v, pr := parseModal(string(next))
		if pr != nil {
			return "response_action " + action + " with an invalid view: " + pr.detail
		}
		if action == "update" {
			s.replaceViewLocked(view, v, string(next))
			return ""
		}
		if len(s.stacks[view.User]) >= maxViewStack {
			return "push_limit_reached"
		}
		nv := s.newViewLocked(view.User, v, string(next))
		s.stacks[view.User] = append(s.stacks[view.User], nv.ID)
	case "clear":
		s.closeStackLocked(view.User)
	default:
		return "unknown response_action " + action
	}
	s.notifyLocked()
	return ""
}
