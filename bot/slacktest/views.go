package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// DefaultTriggerTTL is how long a trigger_id can open a modal: Slack's 3 s.
const DefaultTriggerTTL = 3 * time.Second

// maxViewStack is how many modals Slack stacks (views.push).
const maxViewStack = 3

// trigger is a trigger_id handed out with a command, click or shortcut.
type trigger struct {
	user   string
	viewID string // the modal the interaction happened in, if any: views.push needs one
	issued time.Time
	used   bool
}

// View is a modal the bot opened, as the fake holds it.
type View struct {
	ID              string
	User            string
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string
	NotifyOnClose   bool
	Raw             json.RawMessage   // the view as the bot last sent it
	Open            bool              // still on the user's screen
	Errors          map[string]string // the field errors the last submission's ack showed
	Updates         int               // how often it was replaced (views.update or response_action update)
}

// Title is the modal's title text.
func (v View) Title() string {
	var m map[string]any
	_ = json.Unmarshal(v.Raw, &m)
	return str(obj(m, "title"), "text")
}

// openView answers views.open (push false) and views.push: the trigger must
// be known, unused and fresh, and the view a valid modal.
func (s *Server) openView(p map[string]string, push bool) result {
	v, pr := parseModal(p["view"])
	if pr != nil {
		return refuse(pr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, pr := s.useTriggerLocked(p["trigger_id"])
	if pr != nil {
		return refuse(pr)
	}
	stack := s.stacks[t.user]
	if push {
		if t.viewID == "" || len(stack) == 0 {
			return fail("not_found") // nothing to push onto
		}
		if len(stack) >= maxViewStack {
			return fail("push_limit_reached")
		}
	} else {
		s.closeStackLocked(t.user)
		stack = nil
	}
	view := s.newViewLocked(t.user, v, p["view"])
	s.stacks[t.user] = append(stack, view.ID)
	s.notifyLocked()
	return ok(map[string]any{"view": s.viewObjectLocked(view)})
}

// useTriggerLocked spends a trigger_id, or says why it cannot be used.
func (s *Server) useTriggerLocked(id string) (*trigger, *problem) {
	t := s.triggers[id]
	switch {
	case id == "" || t == nil:
		return nil, &problem{code: "invalid_trigger_id"}
	case t.used:
		return nil, &problem{code: "exchanged_trigger_id"}
	case s.cfg.now().Sub(t.issued) > s.cfg.triggerTTL:
		return nil, &problem{code: "expired_trigger_id"}
	}
	t.used = true
	return t, nil
}

// updateView answers views.update by view_id or external_id, honouring hash.
func (s *Server) updateView(p map[string]string) result {
	v, pr := parseModal(p["view"])
	if pr != nil {
		return refuse(pr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	view := s.views[p["view_id"]]
	if view == nil && p["external_id"] != "" {
		for _, x := range s.views {
			if x.ExternalID == p["external_id"] {
				view = x
			}
		}
	}
	switch {
	case view == nil || !view.Open:
		return fail("not_found")
	case p["hash"] != "" && p["hash"] != view.Hash:
		return fail("hash_conflict")
	}
	s.replaceViewLocked(view, v, p["view"])
	return ok(map[string]any{"view": s.viewObjectLocked(view)})
}

func (s *Server) newViewLocked(user string, v map[string]any, raw string) *View {
	view := &View{ID: fmt.Sprintf("V%08d", s.nextSeqLocked()), User: user, Open: true}
	s.replaceViewLocked(view, v, raw)
	view.Updates = 0
	s.views[view.ID] = view
	return view
}

func (s *Server) replaceViewLocked(view *View, v map[string]any, raw string) {
	view.CallbackID, view.PrivateMetadata, view.ExternalID = str(v, "callback_id"), str(v, "private_metadata"), str(v, "external_id")
	view.NotifyOnClose, _ = v["notify_on_close"].(bool)
	view.Raw = json.RawMessage(raw)
	view.Hash = fmt.Sprintf("%d.h%d", time.Now().Unix(), s.nextSeqLocked())
	view.Errors = nil
	view.Updates++
	s.notifyLocked()
}

// viewObjectLocked is the view as Slack returns it from views.* and sends
// it in payloads: the bot's fields plus id, hash, team, app and an empty
// state.
func (s *Server) viewObjectLocked(view *View) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(view.Raw, &m)
	m["id"], m["hash"], m["team_id"], m["app_id"], m["bot_id"] = view.ID, view.Hash, s.cfg.teamID, s.cfg.appID, s.cfg.botID
	if stack := s.stacks[view.User]; len(stack) > 0 {
		m["root_view_id"] = stack[0]
	}
	if m["state"] == nil {
		m["state"] = map[string]any{"values": map[string]any{}}
	}
	return m
}

func (s *Server) closeStackLocked(user string) {
	for _, id := range s.stacks[user] {
		s.views[id].Open = false
	}
	delete(s.stacks, user)
}

// parseModal decodes and checks a modal for views.open, .push and .update.
func parseModal(raw string) (map[string]any, *problem) {
	var v map[string]any
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil {
		return nil, problemf("invalid_arguments", "view must be a JSON object [json-pointer:/view]")
	}
	if str(v, "type") != "modal" {
		return nil, problemf("invalid_arguments", "view type must be modal [json-pointer:/view/type]")
	}
	for _, k := range []string{"title", "submit", "close"} {
		if d := textProblem(obj(v, k), maxViewTitle, true, k == "title", "/view/"+k); d != "" {
			return nil, &problem{code: "invalid_arguments", detail: "[ERROR] " + d}
		}
	}
	if obj(v, "submit") == nil {
		for _, b := range objs(v, "blocks") {
			if str(b, "type") == "input" {
				return nil, problemf("invalid_arguments", "a modal with input blocks needs a submit button [json-pointer:/view/submit]")
			}
		}
	}
	return v, viewBlocksProblem(v, surfaceModal)
}

// ViewByID returns a modal the bot opened, open or closed.
func (s *Server) ViewByID(id string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[id]
	if !ok {
		return View{}, false
	}
	return *v, true
}

// OpenViews returns the user's stack of open modals, the root first.
func (s *Server) OpenViews(user string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []View
	for _, id := range s.stacks[user] {
		out = append(out, *s.views[id])
	}
	return out
}

// WaitView blocks until the top modal open for user has callbackID (any
// callback id if ""), changed at least updates times, and returns it.
func (s *Server) WaitView(ctx context.Context, user, callbackID string, updates int) (View, error) {
	var got View
	err := s.waitFor(ctx, func() bool {
		stack := s.stacks[user]
		if len(stack) == 0 {
			return false
		}
		got = *s.views[stack[len(stack)-1]]
		return (callbackID == "" || got.CallbackID == callbackID) && got.Updates >= updates
	})
	if err != nil {
		return got, fmt.Errorf("wait for modal %q for %s: %w", callbackID, user, err)
	}
	return got, nil
}
