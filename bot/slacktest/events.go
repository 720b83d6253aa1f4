package slacktest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// Default ids filled in where a helper's argument leaves them empty.
const (
	DefaultUserID    = "U1"
	DefaultChannelID = "C1"
)

// Msg describes a message a user (or another bot) posts. Empty fields get
// defaults: User DefaultUserID, Channel DefaultChannelID ("D"+User for DM),
// TS a fresh timestamp.
type Msg struct {
	User     string
	Channel  string
	Text     string
	TS       string
	ThreadTS string // set for a reply in a thread
	BotID    string // set for a message posted by a bot
	SubType  string // e.g. "message_changed", "channel_join", "bot_message"
	EventID  string // the payload's event_id; a fresh one if empty
}

// Mention delivers an app_mention event. The text gets the bot's mention
// ("<@UBOT> ") in front unless it already contains it. It returns the
// envelope id.
func (s *Server) Mention(m Msg) string {
	m = s.fillMsg(m, DefaultChannelID)
	mention := "<@" + s.cfg.botUserID + ">"
	if !strings.Contains(m.Text, mention) {
		m.Text = strings.TrimSpace(mention + " " + m.Text)
	}
	ev := slackevents.AppMentionEvent{
		Type:            string(slackevents.AppMention),
		User:            m.User,
		Text:            m.Text,
		TimeStamp:       m.TS,
		ThreadTimeStamp: m.ThreadTS,
		Channel:         m.Channel,
		EventTimeStamp:  m.TS,
		BotID:           m.BotID,
	}
	return s.sendEvent(m.EventID, ev)
}

// DM delivers a message event from the user's DM with the bot
// (channel_type "im"). It returns the envelope id.
func (s *Server) DM(m Msg) string {
	if m.User == "" {
		m.User = DefaultUserID
	}
	m = s.fillMsg(m, "D"+m.User)
	return s.sendEvent(m.EventID, s.messageEvent(m, slackevents.ChannelTypeIM))
}

// ChannelMessage delivers a message event from a channel (channel_type
// "channel"): thread replies, bot messages and subtypes alike. It returns the
// envelope id.
func (s *Server) ChannelMessage(m Msg) string {
	m = s.fillMsg(m, DefaultChannelID)
	return s.sendEvent(m.EventID, s.messageEvent(m, slackevents.ChannelTypeChannel))
}

// HomeOpened delivers app_home_opened for the user's Home tab. It returns the
// envelope id.
func (s *Server) HomeOpened(user string) string {
	s.mu.Lock()
	ts := s.tsLocked()
	s.mu.Unlock()
	ev := slackevents.AppHomeOpenedEvent{
		Type:           string(slackevents.AppHomeOpened),
		User:           user,
		Channel:        "D" + user,
		EventTimeStamp: ts,
		Tab:            "home",
	}
	return s.sendEvent("", ev)
}

// MemberJoined delivers member_joined_channel; with user = BotUserID() it
// tells the bot it was added to channel. It returns the envelope id.
func (s *Server) MemberJoined(user, channel string) string {
	s.mu.Lock()
	ts := s.tsLocked()
	s.mu.Unlock()
	ev := slackevents.MemberJoinedChannelEvent{
		Type:           string(slackevents.MemberJoinedChannel),
		User:           user,
		Channel:        channel,
		ChannelType:    "C",
		Team:           s.cfg.teamID,
		EventTimestamp: ts,
	}
	return s.sendEvent("", ev)
}

func (s *Server) fillMsg(m Msg, channel string) Msg {
	if m.User == "" && m.BotID == "" {
		m.User = DefaultUserID
	}
	if m.Channel == "" {
		m.Channel = channel
	}
	if m.TS == "" {
		s.mu.Lock()
		m.TS = s.tsLocked()
		s.mu.Unlock()
	}
	return m
}

func (s *Server) messageEvent(m Msg, channelType string) slackevents.MessageEvent {
	return slackevents.MessageEvent{
		Type:            "message",
		User:            m.User,
		Text:            m.Text,
		ThreadTimeStamp: m.ThreadTS,
		TimeStamp:       m.TS,
		Channel:         m.Channel,
		ChannelType:     channelType,
		EventTimeStamp:  m.TS,
		SubType:         m.SubType,
		BotID:           m.BotID,
	}
}

// sendEvent wraps an inner event in the Events API outer event and delivers
// it as an events_api envelope.
func (s *Server) sendEvent(eventID string, inner any) string {
	raw, err := json.Marshal(inner)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal event: %v", err)) // our own structs: cannot happen
	}
	s.mu.Lock()
	if eventID == "" {
		eventID = fmt.Sprintf("Ev%010d", s.nextSeqLocked())
	}
	s.mu.Unlock()
	rm := json.RawMessage(raw)
	outer := slackevents.EventsAPICallbackEvent{
		Type:       slackevents.CallbackEvent,
		Token:      "verification-token",
		TeamID:     s.cfg.teamID,
		APIAppID:   s.cfg.appID,
		InnerEvent: &rm,
		EventID:    eventID,
		EventTime:  int(time.Now().Unix()),
	}
	payload, err := json.Marshal(outer)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal outer event: %v", err))
	}
	return s.SendRaw(socketmode.RequestTypeEventsAPI, payload)
}

// tsLocked returns a fresh, increasing Slack timestamp such as
// "1700000000.000100". s.mu must be held.
func (s *Server) tsLocked() string {
	n := s.nextSeqLocked()
	return fmt.Sprintf("%d.%06d", 1700000000+n/10000, (n%10000)*100)
}
