package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// maxTextLen caps the user text a handler sees; longer text is cut, so a
// 40 KB paste costs no more than a question.
const maxTextLen = 4000

// Decode turns a Socket Mode event into a Request. It returns nil and a
// reason when the event is not for the advisor: the bot's own or another
// bot's message, an edit, a channel message outside a thread, and so on.
func Decode(evt socketmode.Event, botUserID string) (*Request, string) {
	if evt.Request == nil {
		return nil, "no envelope"
	}
	envID := evt.Request.EnvelopeID
	switch evt.Type {
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			return nil, "malformed slash command"
		}
		return &Request{
			Kind: KindCommand, ID: onceKey("cmd:", cmd.TriggerID, envID), TeamID: cmd.TeamID, UserID: cmd.UserID,
			ChannelID: cmd.ChannelID, ChannelType: channelTypeOf(cmd.ChannelID, cmd.ChannelName),
			Command: cmd.Command, Text: clip(cmd.Text), ResponseURL: cmd.ResponseURL, TriggerID: cmd.TriggerID,
		}, ""
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			return nil, "malformed interaction"
		}
		return decodeInteraction(envID, cb)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return nil, "malformed event"
		}
		return decodeEvent(envID, ev, botUserID)
	}
	return nil, "unhandled envelope type"
}

func decodeEvent(envID string, ev slackevents.EventsAPIEvent, botUserID string) (*Request, string) {
	id := envID
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
		id = cb.EventID
	}
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == "" || e.User == botUserID {
			return nil, "bot message"
		}
		return &Request{
			Kind: KindMention, ID: id, TeamID: ev.TeamID, UserID: e.User, ChannelID: e.Channel,
			Text: clip(stripMention(e.Text, botUserID)), MessageTS: e.TimeStamp, ThreadTS: e.ThreadTimeStamp,
		}, ""
	case *slackevents.MessageEvent:
		if e.BotID != "" || e.User == "" || e.User == botUserID {
			return nil, "bot message"
		}
		if e.SubType != "" && e.SubType != "thread_broadcast" && e.SubType != "file_share" {
			return nil, "message subtype " + e.SubType
		}
		req := &Request{
			ID: id, TeamID: ev.TeamID, UserID: e.User, ChannelID: e.Channel, ChannelType: e.ChannelType,
			Text: clip(stripMention(e.Text, botUserID)), MessageTS: e.TimeStamp, ThreadTS: e.ThreadTimeStamp,
		}
		switch {
		case e.ChannelType == "im" && e.ThreadTimeStamp != "" && (e.AssistantThread != nil || e.ActionToken != ""):
			// Slack marks messages in an assistant thread with its action
			// token; the router also knows the threads it saw start.
			req.Kind = KindAssistantMessage
		case e.ChannelType == "im":
			req.Kind = KindDM
		case e.ThreadTimeStamp != "" && !mentions(e.Text, botUserID):
			// Mentions also arrive as app_mention; answer those once, there.
			req.Kind = KindThread
		default:
			return nil, "channel message outside a thread"
		}
		return req, ""
	case *slackevents.AppHomeOpenedEvent:
		if e.Tab != "home" {
			return nil, "app home tab " + e.Tab
		}
		return &Request{Kind: KindHomeOpened, ID: id, TeamID: ev.TeamID, UserID: e.User, ChannelID: e.Channel}, ""
	case *slackevents.AssistantThreadStartedEvent:
		return assistantRequest(KindAssistantStarted, id, ev.TeamID, e.AssistantThread)
	case *slackevents.AssistantThreadContextChangedEvent:
		return assistantRequest(KindAssistantContextChanged, id, ev.TeamID, e.AssistantThread)
	case *slackevents.MemberJoinedChannelEvent:
		if e.User != botUserID {
			return nil, "someone else joined"
		}
		return &Request{Kind: KindBotJoined, ID: id, TeamID: ev.TeamID, UserID: e.Inviter, ChannelID: e.Channel,
			ChannelType: e.ChannelType}, ""
	}
	return nil, "unhandled event " + ev.InnerEvent.Type
}

// assistantRequest is a Request about an assistant thread: its DM
// channel and thread, and the channel the user is looking at.
func assistantRequest(kind Kind, id, teamID string, t slackevents.AssistantThread) (*Request, string) {
	if t.ChannelID == "" || t.ThreadTimeStamp == "" || t.UserID == "" {
		return nil, "assistant thread without channel, thread or user"
	}
	if teamID == "" {
		teamID = t.Context.TeamID
	}
	return &Request{Kind: kind, ID: id, TeamID: teamID, UserID: t.UserID, ChannelID: t.ChannelID, ChannelType: "im",
		ThreadTS: t.ThreadTimeStamp, ContextChannelID: t.Context.ChannelID}, ""
}

// onceKey is the de-duplication key of a command or a click: its
// trigger_id, which is unique per use and the same when Slack sends the
// payload again in a new envelope; the envelope id where there is none.
func onceKey(kind, triggerID, envID string) string {
	if triggerID != "" {
		return kind + triggerID
	}
	return envID
}

var mentionRE = regexp.MustCompile(`^\s*<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*`)

// stripMention removes the bot's own mention at the start of text.
func stripMention(text, botUserID string) string {
	if botUserID != "" && strings.HasPrefix(strings.TrimSpace(text), "<@"+botUserID) {
		return strings.TrimSpace(mentionRE.ReplaceAllString(text, ""))
	}
	return strings.TrimSpace(text)
}

func mentions(text, botUserID string) bool {
	return botUserID != "" && strings.Contains(text, "<@"+botUserID)
}

func channelTypeOf(channelID, channelName string) string {
	switch {
	case channelName == "directmessage" || strings.HasPrefix(channelID, "D"):
		return "im"
	case strings.HasPrefix(channelName, "mpdm-"):
		return "mpim"
	case channelName == "privategroup" || strings.HasPrefix(channelID, "G"):
		return "group"
	}
	return "channel"
}

// clickChannelType is the channel type of a click: block_actions payloads
// carry no channel_type, only the channel's id and name ("directmessage" for
// a DM). A click in the App Home has no channel, and no type.
func clickChannelType(channelID, channelName string) string {
	if channelID == "" && channelName == "" {
		return ""
	}
	return channelTypeOf(channelID, channelName)
}

func clip(s string) string {
	if len(s) <= maxTextLen {
		return s
	}
	s = s[:maxTextLen]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1] // a cut inside a multi-byte rune: back to a boundary
	}
	return s
}
