package slacktest

import (
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestHelloConnects(t *testing.T) {
	s := newServer(t, WithAppID("A42"))
	c := startClient(t, s, s.AppToken())
	timeout := time.After(waitTimeout)
	for {
		select {
		case ev := <-c.sm.Events:
			if ev.Type != socketmode.EventTypeHello {
				continue
			}
			if got := ev.Request.ConnectionInfo.AppID; got != "A42" {
				t.Errorf("got app_id %q, want A42", got)
			}
			if got := ev.Request.NumConnections; got != 1 {
				t.Errorf("got num_connections %d, want 1", got)
			}
			if err := s.WaitConnections(ctx(t), 1); err != nil {
				t.Fatal(err)
			}
			return
		case <-timeout:
			t.Fatal("no hello event")
		}
	}
}

func TestSlashCommandDeliveredAndAcked(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	id := s.SlashCommand(SlashCommand{Command: "/advisor", Text: "help me", UserID: "U7", ChannelID: "C9"})

	ev := c.next(t, socketmode.EventTypeSlashCommand)
	cmd, isCmd := ev.Data.(slack.SlashCommand)
	if !isCmd {
		t.Fatalf("got data %T, want slack.SlashCommand", ev.Data)
	}
	want := slack.SlashCommand{Command: "/advisor", Text: "help me", UserID: "U7", ChannelID: "C9", TeamID: DefaultTeamID}
	if cmd.Command != want.Command || cmd.Text != want.Text || cmd.UserID != want.UserID ||
		cmd.ChannelID != want.ChannelID || cmd.TeamID != want.TeamID {
		t.Errorf("got %+v, want fields of %+v", cmd, want)
	}
	if cmd.ResponseURL != s.ResponseURL(id) {
		t.Errorf("got response_url %q, want %q", cmd.ResponseURL, s.ResponseURL(id))
	}
	if ev.Request.EnvelopeID != id || !ev.Request.AcceptsResponsePayload {
		t.Errorf("got envelope %q accepts_response_payload %v, want %q true", ev.Request.EnvelopeID, ev.Request.AcceptsResponsePayload, id)
	}

	if err := c.sm.Ack(*ev.Request, map[string]string{"text": "working on it"}); err != nil {
		t.Fatal(err)
	}
	ack, err := s.WaitAck(ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(ack.Payload); got != `{"text":"working on it"}` {
		t.Errorf("got ack payload %s, want {\"text\":\"working on it\"}", got)
	}
	if ack.Type != socketmode.RequestTypeSlashCommands || ack.Sent.IsZero() || ack.Latency < 0 || ack.At.Before(ack.Sent) {
		t.Errorf("got ack %+v, want type slash_commands and At >= Sent", ack)
	}
}

// TestEventsParse is long for its table: one case per event the fake can send.
func TestEventsParse(t *testing.T) {
	s := newServer(t, WithBotUserID("UBOT9"))
	c := startClient(t, s, s.AppToken())

	tests := []struct {
		name  string
		send  func() string
		check func(t *testing.T, ev slackevents.EventsAPIEvent)
	}{
		{
			name: "mention",
			send: func() string { return s.Mention(Msg{User: "U1", Channel: "C2", Text: "hi", ThreadTS: "1.2"}) },
			check: func(t *testing.T, ev slackevents.EventsAPIEvent) {
				m, isMention := ev.InnerEvent.Data.(*slackevents.AppMentionEvent)
				if !isMention {
					t.Fatalf("got %T, want *slackevents.AppMentionEvent", ev.InnerEvent.Data)
				}
				if m.Text != "<@UBOT9> hi" || m.User != "U1" || m.Channel != "C2" || m.ThreadTimeStamp != "1.2" || m.TimeStamp == "" {
					t.Errorf("got %+v, want text %q user U1 channel C2 thread 1.2 and a ts", m, "<@UBOT9> hi")
				}
			},
		},
		{
			name: "dm",
			send: func() string { return s.DM(Msg{User: "U3", Text: "hello"}) },
			check: func(t *testing.T, ev slackevents.EventsAPIEvent) {
				m, isMsg := ev.InnerEvent.Data.(*slackevents.MessageEvent)
				if !isMsg {
					t.Fatalf("got %T, want *slackevents.MessageEvent", ev.InnerEvent.Data)
				}
				if !m.IsIM() || m.Channel != "DU3" || m.User != "U3" || m.Text != "hello" {
					t.Errorf("got %+v, want an im message from U3 in DU3", m)
				}
			},
		},
		{
			name: "bot message in a thread",
			send: func() string {
				return s.ChannelMessage(Msg{BotID: "B2", Channel: "C5", Text: "x", ThreadTS: "3.4", SubType: "bot_message"})
			},
			check: func(t *testing.T, ev slackevents.EventsAPIEvent) {
				m := ev.InnerEvent.Data.(*slackevents.MessageEvent)
				if !m.IsChannel() || m.BotID != "B2" || m.SubType != "bot_message" || m.ThreadTimeStamp != "3.4" || m.User != "" {
					t.Errorf("got %+v, want a channel bot_message from B2 in thread 3.4", m)
				}
			},
		},
		{
			name: "home opened",
			send: func() string { return s.HomeOpened("U4") },
			check: func(t *testing.T, ev slackevents.EventsAPIEvent) {
				h, isHome := ev.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
				if !isHome || h.User != "U4" || h.Tab != "home" {
					t.Errorf("got %#v, want app_home_opened for U4 on the home tab", ev.InnerEvent.Data)
				}
			},
		},
		{
			name: "member joined",
			send: func() string { return s.MemberJoined("UBOT9", "C6") },
			check: func(t *testing.T, ev slackevents.EventsAPIEvent) {
				j, isJoin := ev.InnerEvent.Data.(*slackevents.MemberJoinedChannelEvent)
				if !isJoin || j.User != "UBOT9" || j.Channel != "C6" {
					t.Errorf("got %#v, want member_joined_channel UBOT9 C6", ev.InnerEvent.Data)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tt.send()
			ev := c.next(t, socketmode.EventTypeEventsAPI)
			if ev.Request.EnvelopeID != id || ev.Request.AcceptsResponsePayload {
				t.Errorf("got envelope %q accepts_response_payload %v, want %q false", ev.Request.EnvelopeID, ev.Request.AcceptsResponsePayload, id)
			}
			api := ev.Data.(slackevents.EventsAPIEvent)
			if api.Type != slackevents.CallbackEvent || api.TeamID != DefaultTeamID {
				t.Errorf("got outer type %q team %q, want event_callback %s", api.Type, api.TeamID, DefaultTeamID)
			}
			if cb := api.Data.(*slackevents.EventsAPICallbackEvent); !strings.HasPrefix(cb.EventID, "Ev") {
				t.Errorf("got event_id %q, want Ev...", cb.EventID)
			}
			tt.check(t, api)
			c.sm.Ack(*ev.Request)
			if _, err := s.WaitAck(ctx(t), id); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestBlockAction(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())

	tests := []struct {
		name      string
		action    Action
		wantURL   bool
		wantChan  string
		container string
	}{
		{name: "message", action: Action{UserID: "U1", ChannelID: "C1", ActionID: "vote", BlockID: "b1", Value: "yes", MessageTS: "5.6"},
			wantURL: true, wantChan: "C1", container: "message"},
		{name: "ephemeral", action: Action{ActionID: "vote", BlockID: "b1", Value: "no", Ephemeral: true},
			wantURL: true, wantChan: DefaultChannelID, container: "message"},
		{name: "home", action: Action{UserID: "U2", ActionID: "settings", BlockID: "b2", Value: "v", HomeView: true},
			container: "view"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := s.BlockAction(tt.action)
			ev := c.next(t, socketmode.EventTypeInteractive)
			cb := ev.Data.(slack.InteractionCallback)
			if cb.Type != slack.InteractionTypeBlockActions {
				t.Errorf("got type %q, want block_actions", cb.Type)
			}
			if len(cb.ActionCallback.BlockActions) != 1 {
				t.Fatalf("got %d block actions, want 1", len(cb.ActionCallback.BlockActions))
			}
			a := cb.ActionCallback.BlockActions[0]
			if a.ActionID != tt.action.ActionID || a.BlockID != tt.action.BlockID || a.Value != tt.action.Value || a.Type != "button" || a.ActionTs == "" {
				t.Errorf("got action %+v, want %+v as a button with action_ts", a, tt.action)
			}
			if (cb.ResponseURL == s.ResponseURL(id)) != tt.wantURL {
				t.Errorf("got response_url %q, want it set: %v", cb.ResponseURL, tt.wantURL)
			}
			if cb.Channel.ID != tt.wantChan || cb.Container.Type != tt.container || cb.Container.IsEphemeral != tt.action.Ephemeral {
				t.Errorf("got channel %q container %+v, want %q %s ephemeral %v", cb.Channel.ID, cb.Container, tt.wantChan, tt.container, tt.action.Ephemeral)
			}
			if tt.container == "message" && (cb.Container.MessageTs == "" || cb.User.ID == "" || cb.Team.ID != DefaultTeamID) {
				t.Errorf("got container %+v user %q team %q, want message_ts, user and team", cb.Container, cb.User.ID, cb.Team.ID)
			}
			if tt.action.MessageTS != "" && cb.Container.MessageTs != tt.action.MessageTS {
				t.Errorf("got message_ts %q, want %q", cb.Container.MessageTs, tt.action.MessageTS)
			}
			c.sm.Ack(*ev.Request)
		})
	}
}
