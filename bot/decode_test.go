package bot

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// event builds the socketmode.Event slack-go would emit for a raw envelope,
// parsing the payload the way its client does.
func event(t testing.TB, raw string) (socketmode.Event, bool) {
	var req socketmode.Request
	if err := json.Unmarshal([]byte(raw), &req); err != nil {
		if t != nil {
			t.Fatalf("envelope: %v", err)
		}
		return socketmode.Event{}, false
	}
	evt := socketmode.Event{Type: socketmode.EventType(req.Type), Request: &req}
	switch req.Type {
	case socketmode.RequestTypeSlashCommands:
		var c slack.SlashCommand
		if json.Unmarshal(req.Payload, &c) != nil {
			return evt, false
		}
		evt.Data = c
	case socketmode.RequestTypeInteractive:
		var cb slack.InteractionCallback
		if json.Unmarshal(req.Payload, &cb) != nil {
			return evt, false
		}
		evt.Data = cb
	case socketmode.RequestTypeEventsAPI:
		e, err := slackevents.ParseEvent(req.Payload, slackevents.OptionNoVerifyToken())
		if err != nil {
			return evt, false
		}
		evt.Data = e
	}
	return evt, true
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		want   *Request
		reason string
	}{
		{name: "slash command", raw: `{"envelope_id":"env1","type":"slash_commands","accepts_response_payload":true,"payload":{"team_id":"T1","channel_id":"C1","channel_name":"general","user_id":"U1","command":"/ceo-vs-cto","text":" compare ","response_url":"https://hooks/1","trigger_id":"tr"}}`,
			want: &Request{Kind: KindCommand, ID: "cmd:tr", TeamID: "T1", UserID: "U1", ChannelID: "C1", ChannelType: "channel", Command: "/ceo-vs-cto", Text: " compare ", ResponseURL: "https://hooks/1", TriggerID: "tr"}},
		{name: "mention strips the bot's mention and keys on event_id", raw: `{"envelope_id":"env2","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev9","event":{"type":"app_mention","user":"U1","text":"<@UBOT> compare please","ts":"1.1","channel":"C1"}}}`,
			want: &Request{Kind: KindMention, ID: "Ev9", TeamID: "T1", UserID: "U1", ChannelID: "C1", Text: "compare please", MessageTS: "1.1"}},
		{name: "dm", raw: `{"envelope_id":"env3","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev10","event":{"type":"message","user":"U1","text":"hi","ts":"2.2","channel":"D1","channel_type":"im"}}}`,
			want: &Request{Kind: KindDM, ID: "Ev10", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", Text: "hi", MessageTS: "2.2"}},
		{name: "thread reply in a channel", raw: `{"envelope_id":"env4","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev11","event":{"type":"message","user":"U1","text":"2","ts":"3.3","thread_ts":"3.0","channel":"C1","channel_type":"channel"}}}`,
			want: &Request{Kind: KindThread, ID: "Ev11", TeamID: "T1", UserID: "U1", ChannelID: "C1", ChannelType: "channel", Text: "2", MessageTS: "3.3", ThreadTS: "3.0"}},
		{name: "own message ignored", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"UBOT","text":"x","channel":"D1","channel_type":"im"}}}`, reason: "bot message"},
		{name: "other bot ignored", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U2","bot_id":"B2","text":"x","channel":"D1","channel_type":"im"}}}`, reason: "bot message"},
		{name: "edit ignored", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","message":{"user":"U1","text":"x"}}}}`, reason: "bot message"},
		{name: "channel message outside a thread ignored", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"x","ts":"1","channel":"C1","channel_type":"channel"}}}`, reason: "channel message outside a thread"},
		{name: "thread message that mentions the bot comes as app_mention instead", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"message","user":"U1","text":"<@UBOT> hi","ts":"2","thread_ts":"1","channel":"C1","channel_type":"channel"}}}`, reason: "channel message outside a thread"},
		{name: "button", raw: `{"envelope_id":"env5","type":"interactive","payload":{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1"},"container":{"type":"message","message_ts":"5.5","is_ephemeral":true},"response_url":"https://hooks/5","trigger_id":"tr5","actions":[{"action_id":"share","block_id":"b1","value":"faq:x","type":"button"}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr5", TriggerID: "tr5", TeamID: "T1", UserID: "U1", ChannelID: "C1", ChannelType: "channel", MessageTS: "5.5", ResponseURL: "https://hooks/5", ActionID: "share", ActionValue: "faq:x", Ephemeral: true}},
		{name: "button in a DM", raw: `{"envelope_id":"env8","type":"interactive","payload":{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"D1","name":"directmessage"},"container":{"type":"message","message_ts":"6.6","channel_id":"D1"},"response_url":"https://hooks/6","trigger_id":"tr6","actions":[{"action_id":"tips_dm","block_id":"b","value":"x","type":"button"}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr6", TriggerID: "tr6", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", MessageTS: "6.6", ResponseURL: "https://hooks/6", ActionID: "tips_dm", ActionValue: "x"}},
		{name: "button in a DM known only from the container", raw: `{"envelope_id":"env9","type":"interactive","payload":{"type":"block_actions","user":{"id":"U1","team_id":"T1"},"container":{"type":"message","message_ts":"7.7","channel_id":"D2"},"trigger_id":"tr7","actions":[{"action_id":"a","block_id":"b","value":"v","type":"button"}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr7", TriggerID: "tr7", TeamID: "T1", UserID: "U1", ChannelID: "D2", ChannelType: "im", MessageTS: "7.7", ActionID: "a", ActionValue: "v"}},
		{name: "button in a private channel", raw: `{"envelope_id":"env10","type":"interactive","payload":{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C9","name":"privategroup"},"container":{"type":"message","message_ts":"8.8"},"trigger_id":"tr8","actions":[{"action_id":"a","block_id":"b","type":"button"}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr8", TriggerID: "tr8", UserID: "U1", ChannelID: "C9", ChannelType: "group", MessageTS: "8.8", ActionID: "a"}},
		{name: "button in the App Home has no channel type", raw: `{"envelope_id":"env11","type":"interactive","payload":{"type":"block_actions","user":{"id":"U1"},"container":{"type":"view","view_id":"V1"},"view":{"id":"V1","type":"home"},"trigger_id":"tr9","actions":[{"action_id":"a","block_id":"b","type":"button"}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr9", TriggerID: "tr9", UserID: "U1", ActionID: "a", OnHome: true}},
		{name: "home opened", raw: `{"envelope_id":"env6","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev12","event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home"}}}`,
			want: &Request{Kind: KindHomeOpened, ID: "Ev12", TeamID: "T1", UserID: "U1", ChannelID: "D1"}},
		{name: "bot joined", raw: `{"envelope_id":"env7","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev13","event":{"type":"member_joined_channel","user":"UBOT","channel":"C7","channel_type":"C","inviter":"U1"}}}`,
			want: &Request{Kind: KindBotJoined, ID: "Ev13", TeamID: "T1", UserID: "U1", ChannelID: "C7", ChannelType: "C"}},
		{name: "someone else joined", raw: `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev14","event":{"type":"member_joined_channel","user":"U5","channel":"C7"}}}`, reason: "someone else joined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkDecode(t, tt.raw, tt.want, tt.reason)
		})
	}
}

// checkDecode decodes raw and checks it gives want, or (want nil) that it
// is ignored for a reason starting like reason.
func checkDecode(t *testing.T, raw string, want *Request, reason string) {
	t.Helper()
	evt, ok := event(t, raw)
	if !ok {
		t.Fatal("payload did not parse")
	}
	got, why := Decode(evt, "UBOT")
	if want == nil {
		if got != nil || !strings.HasPrefix(why, reason[:min(5, len(reason))]) {
			t.Fatalf("got %+v (%q), want ignored: %s", got, why, reason)
		}
		return
	}
	if got == nil {
		t.Fatalf("got ignored (%s), want %+v", why, want)
	}
	if !reflect.DeepEqual(*got, *want) {
		t.Errorf("got  %+v\nwant %+v", *got, *want)
	}
}

func TestDecodeClipsHugeText(t *testing.T) {
	huge := strings.Repeat("é", 10000) // 2 bytes each: a cut can land inside a rune
	raw := `{"envelope_id":"e","type":"slash_commands","payload":{"user_id":"U1","command":"/x","text":"` + huge + `"}}`
	evt, _ := event(t, raw)
	got, _ := Decode(evt, "UBOT")
	if len(got.Text) > maxTextLen || !strings.HasPrefix(huge, got.Text) || len(got.Text) < maxTextLen-4 {
		t.Errorf("got %d bytes, want a valid prefix of at most %d", len(got.Text), maxTextLen)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> hi","channel":"C1"}}}`)
	f.Add(`{"envelope_id":"e","type":"interactive","payload":{"type":"block_actions","actions":[]}}`)
	f.Add(`{"envelope_id":"e","type":"slash_commands","payload":{"text":"\u0000\uffff"}}`)
	f.Add(`{"type":"events_api","payload":[1,2]}`)
	f.Add(`{"envelope_id":"e","type":"interactive","payload":{"type":"block_actions","channel":{"id":"D1","name":"directmessage"},"actions":[{"action_id":"a","block_id":"b"}]}}`)
	f.Add(`{"envelope_id":"e","type":"interactive","payload":{"type":"view_submission","view":{"id":"V1","type":"modal","state":{"values":{"b":{"a":{"type":"checkboxes","selected_options":[{"value":"x"}]}}}}}}}`)
	f.Add(`{"envelope_id":"e","type":"interactive","payload":{"type":"message_action","callback_id":"c","message":{"ts":"1.1"}}}`)
	f.Add(`{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1","thread_ts":"1.1"}}}}`)
	f.Fuzz(func(t *testing.T, raw string) {
		evt, ok := event(nil, raw)
		if !ok {
			return
		}
		req, _ := Decode(evt, "UBOT")
		if req == nil {
			return
		}
		if len(req.Text) > maxTextLen {
			t.Errorf("text of %d bytes passed the cap", len(req.Text))
		}
		if req.Kind == KindAction && strings.HasPrefix(req.ChannelID, "D") && req.ChannelType != "im" {
			t.Errorf("click in DM %s decoded with channel type %q, want im", req.ChannelID, req.ChannelType)
		}
	})
}
