package slacktest

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// runSurfaceMethod answers the Web API methods of the newer surfaces:
// modals, the assistant pane, permalinks and file uploads.
func (s *Server) runSurfaceMethod(method string, p map[string]string) result {
	switch method {
	case "views.open":
		return s.openView(p, false)
	case "views.push":
		return s.openView(p, true)
	case "views.update":
		return s.updateView(p)
	case "assistant.threads.setSuggestedPrompts", "assistant.threads.setTitle", "assistant.threads.setStatus":
		return s.assistantMethod(method, p)
	case "chat.getPermalink":
		if p["channel"] == "" {
			return fail("channel_not_found")
		}
		if p["message_ts"] == "" {
			return fail("message_not_found")
		}
		return ok(map[string]any{"channel": p["channel"], "permalink": Permalink(p["channel"], p["message_ts"])})
	case "files.getUploadURLExternal":
		return s.uploadURL(p)
	case "files.completeUploadExternal":
		return s.completeUpload(p)
	}
	return fail("unknown_method")
}

// Permalink is the link chat.getPermalink gives for the message ts in
// channel.
func Permalink(channel, ts string) string {
	return "https://slacktest.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
}

// Shortcut describes a global shortcut a user runs from the ⚡ menu. Empty
// UserID means DefaultUserID.
type Shortcut struct {
	UserID     string
	CallbackID string // as the manifest declares it
}

// GlobalShortcut delivers an interactive `shortcut` envelope. Its
// trigger_id can open one modal. It returns the envelope id.
func (s *Server) GlobalShortcut(sc Shortcut) string {
	if sc.UserID == "" {
		sc.UserID = DefaultUserID
	}
	s.mu.Lock()
	id := s.envelopeIDLocked()
	cb := slack.InteractionCallback{Type: slack.InteractionTypeShortcut, Token: "verification-token",
		CallbackID: sc.CallbackID, TriggerID: s.triggerLocked(sc.UserID, ""), ActionTs: s.tsLocked(),
		Team: slack.Team{ID: s.cfg.teamID, Domain: "slacktest"}, User: s.userObject(sc.UserID), APIAppID: s.cfg.appID}
	s.mu.Unlock()
	return s.sendWithID(id, socketmode.RequestTypeInteractive, &cb)
}

// MessageShortcut describes a message shortcut a user runs from a
// message's ⋮ menu. Message is the message it was run on; its empty fields
// get Msg's defaults (Channel DefaultChannelID).
type MessageShortcut struct {
	UserID     string
	CallbackID string
	Message    Msg
}

// MessageShortcut delivers an interactive `message_action` envelope with
// the message, the channel, a response_url on this server and a
// trigger_id. It returns the envelope id.
func (s *Server) MessageShortcut(sc MessageShortcut) string {
	if sc.UserID == "" {
		sc.UserID = DefaultUserID
	}
	m := s.fillMsg(sc.Message, DefaultChannelID)
	s.mu.Lock()
	id := s.envelopeIDLocked()
	cb := slack.InteractionCallback{Type: slack.InteractionTypeMessageAction, Token: "verification-token",
		CallbackID: sc.CallbackID, TriggerID: s.triggerLocked(sc.UserID, ""), ActionTs: s.tsLocked(),
		Team: slack.Team{ID: s.cfg.teamID, Domain: "slacktest"}, User: s.userObject(sc.UserID), APIAppID: s.cfg.appID,
		ResponseURL: s.ResponseURL(id), MessageTs: m.TS,
		Channel: slack.Channel{GroupConversation: slack.GroupConversation{
			Conversation: slack.Conversation{ID: m.Channel}, Name: channelName(m.Channel)}},
		Message: slack.Message{Msg: slack.Msg{Type: "message", User: m.User, BotID: m.BotID, Text: m.Text,
			Timestamp: m.TS, ThreadTimestamp: m.ThreadTS}},
	}
	s.mu.Unlock()
	return s.sendWithID(id, socketmode.RequestTypeInteractive, &cb)
}

// channelName is the name Slack gives a conversation in payloads.
func channelName(id string) string {
	if strings.HasPrefix(id, "D") {
		return "directmessage"
	}
	return "channel-" + id
}

func (s *Server) userObject(id string) slack.User {
	return slack.User{ID: id, Name: "user-" + id, TeamID: s.cfg.teamID}
}

// triggerLocked issues a trigger_id for user, from inside viewID ("" for a
// message, command or shortcut). s.mu must be held.
func (s *Server) triggerLocked(user, viewID string) string {
	t := fmt.Sprintf("%d.%d.trigger%d", s.nextSeqLocked(), 1700000000, s.seq)
	s.triggers[t] = &trigger{user: user, viewID: viewID, issued: s.cfg.now()}
	return t
}
