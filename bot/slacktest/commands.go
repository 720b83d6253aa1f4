package slacktest

import (
	"encoding/json"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// SlashCommand describes a slash command a user types. Empty fields get
// defaults: UserID DefaultUserID, ChannelID DefaultChannelID, TeamID the
// server's team.
type SlashCommand struct {
	Command   string // e.g. "/ceo-vs-cto"
	Text      string
	UserID    string
	ChannelID string
	TeamID    string
}

// SlashCommand delivers a slash_commands envelope. Its response_url points
// at this server (see ResponseURL) and accepts five posts, like Slack's. It
// returns the envelope id.
func (s *Server) SlashCommand(c SlashCommand) string {
	if c.UserID == "" {
		c.UserID = DefaultUserID
	}
	if c.ChannelID == "" {
		c.ChannelID = DefaultChannelID
	}
	if c.TeamID == "" {
		c.TeamID = s.cfg.teamID
	}
	s.mu.Lock()
	id := s.envelopeIDLocked()
	trigger := s.triggerLocked(c.UserID, "")
	s.mu.Unlock()
	payload := slack.SlashCommand{
		Token:       "verification-token",
		TeamID:      c.TeamID,
		TeamDomain:  "slacktest",
		ChannelID:   c.ChannelID,
		ChannelName: "channel-" + c.ChannelID,
		UserID:      c.UserID,
		UserName:    "user-" + c.UserID,
		Command:     c.Command,
		Text:        c.Text,
		ResponseURL: s.ResponseURL(id),
		TriggerID:   trigger,
		APIAppID:    s.cfg.appID,
	}
	return s.sendWithID(id, socketmode.RequestTypeSlashCommands, payload)
}

// Action describes a click on a Block Kit button. Empty fields get defaults:
// UserID DefaultUserID, ChannelID DefaultChannelID, MessageTS a fresh
// timestamp.
type Action struct {
	UserID    string
	ChannelID string
	ActionID  string
	BlockID   string
	Value     string
	MessageTS string // the message holding the button
	ThreadTS  string // the thread that message is in, if any
	Ephemeral bool   // the button was in an ephemeral message
	HomeView  bool   // the button was on the Home tab: no channel, message or response_url
	ViewID    string // the button was in this modal: no channel or message; its trigger can views.push
	Type      string // the element type; "button" if empty ("feedback_buttons" for 👍/👎)
}

// BlockAction delivers an interactive block_actions envelope for one button
// click. A click on a message gets a response_url on this server. It returns
// the envelope id.
func (s *Server) BlockAction(a Action) string {
	if a.UserID == "" {
		a.UserID = DefaultUserID
	}
	if a.ChannelID == "" && !a.HomeView && a.ViewID == "" {
		a.ChannelID = DefaultChannelID
	}
	s.mu.Lock()
	id := s.envelopeIDLocked()
	actionTS := s.tsLocked()
	if a.MessageTS == "" && !a.HomeView && a.ViewID == "" {
		a.MessageTS = s.tsLocked()
	}
	trigger := s.triggerLocked(a.UserID, a.ViewID)
	var view map[string]any
	if v := s.views[a.ViewID]; v != nil {
		view = s.viewObjectLocked(v)
	}
	s.mu.Unlock()
	if a.Type == "" {
		a.Type = string(slack.METButton)
	}

	cb := slack.InteractionCallback{
		Type:      slack.InteractionTypeBlockActions,
		Token:     "verification-token",
		TriggerID: trigger,
		Team:      slack.Team{ID: s.cfg.teamID, Domain: "slacktest"},
		User:      slack.User{ID: a.UserID, Name: "user-" + a.UserID, TeamID: s.cfg.teamID},
		APIAppID:  s.cfg.appID,
		ActionCallback: slack.ActionCallbacks{BlockActions: []*slack.BlockAction{{
			ActionID: a.ActionID,
			BlockID:  a.BlockID,
			Type:     slack.ActionType(a.Type),
			Value:    a.Value,
			ActionTs: actionTS,
		}}},
	}
	if view != nil {
		cb.Container = slack.Container{Type: "view", ViewID: a.ViewID}
		return s.sendWithID(id, socketmode.RequestTypeInteractive, withView(&cb, view, "channel", "message"))
	}
	if a.HomeView {
		cb.Container = slack.Container{Type: "view", ViewID: "V" + a.UserID}
		cb.View = slack.View{ID: "V" + a.UserID, Type: slack.VTHomeTab, TeamID: s.cfg.teamID, AppID: s.cfg.appID}
	} else {
		cb.ResponseURL = s.ResponseURL(id)
		cb.Channel = slack.Channel{GroupConversation: slack.GroupConversation{
			Conversation: slack.Conversation{ID: a.ChannelID}, Name: "channel-" + a.ChannelID}}
		cb.Container = slack.Container{
			Type:        "message",
			MessageTs:   a.MessageTS,
			ThreadTs:    a.ThreadTS,
			ChannelID:   a.ChannelID,
			IsEphemeral: a.Ephemeral,
		}
		if !a.Ephemeral { // Slack sends no message for ephemeral sources
			cb.Message = slack.Message{Msg: slack.Msg{
				Type:            "message",
				User:            s.cfg.botUserID,
				BotID:           s.cfg.botID,
				Timestamp:       a.MessageTS,
				ThreadTimestamp: a.ThreadTS,
			}}
		}
	}
	return s.sendWithID(id, socketmode.RequestTypeInteractive, &cb)
}

// sendWithID delivers an envelope whose id was chosen before its payload
// (the payload's response_url names it).
func (s *Server) sendWithID(id, typ string, payload any) string {
	raw, err := json.Marshal(payload)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal %s payload: %v", typ, err)) // our own structs: cannot happen
	}
	s.mu.Lock()
	s.envelopes[id] = &envelope{ID: id, Type: typ, Payload: raw, AcceptsResponsePayload: true}
	s.mu.Unlock()
	s.deliver(id)
	return id
}

// ResponseURL is the response_url this server hands out with the envelope
// envelopeID. Posts to it are recorded as Calls("response_url").
func (s *Server) ResponseURL(envelopeID string) string {
	return s.base + "/response/" + envelopeID
}
