package bot

import "testing"

func TestDecodeSurfaces(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want *Request
	}{
		{name: "view submission with every kind of input",
			raw: `{"envelope_id":"e1","type":"interactive","accepts_response_payload":true,"payload":{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"tr1","view":{"id":"V1","type":"modal","callback_id":"tips:settings","private_metadata":"C9","hash":"h1","state":{"values":{
				"dest":{"where":{"type":"conversations_select","selected_conversation":"C9"}},
				"days":{"d":{"type":"checkboxes","selected_options":[{"value":"mon"},{"value":"thu"}]}},
				"time":{"t":{"type":"timepicker","selected_time":"09:30","timezone":"Europe/Berlin"}},
				"freq":{"f":{"type":"radio_buttons","selected_option":{"value":"weekly"}}},
				"note":{"n":{"type":"plain_text_input","value":"hi"}},
				"skip":{"s":{"type":"datepicker","selected_date":"2030-01-06"}},
				"empty":{"x":{"type":"static_select","selected_option":null}}}}}}}`,
			want: &Request{Kind: KindViewSubmission, ID: "view:tr1", TeamID: "T1", UserID: "U1", TriggerID: "tr1", CallbackID: "tips:settings",
				ViewID: "V1", ViewHash: "h1", PrivateMetadata: "C9", Values: Form{
					"dest":  {Type: "conversations_select", ActionID: "where", Value: "C9"},
					"days":  {Type: "checkboxes", ActionID: "d", Values: []string{"mon", "thu"}},
					"time":  {Type: "timepicker", ActionID: "t", Value: "09:30", Timezone: "Europe/Berlin"},
					"freq":  {Type: "radio_buttons", ActionID: "f", Value: "weekly"},
					"note":  {Type: "plain_text_input", ActionID: "n", Value: "hi"},
					"skip":  {Type: "datepicker", ActionID: "s", Value: "2030-01-06"},
					"empty": {Type: "static_select", ActionID: "x"},
				}}},
		{name: "view closed keys on the envelope",
			raw:  `{"envelope_id":"e2","type":"interactive","payload":{"type":"view_closed","user":{"id":"U1","team_id":"T1"},"view":{"id":"V2","type":"modal","callback_id":"c"},"is_cleared":false}}`,
			want: &Request{Kind: KindViewClosed, ID: "e2", TeamID: "T1", UserID: "U1", CallbackID: "c", ViewID: "V2"}},
		{name: "global shortcut",
			raw:  `{"envelope_id":"e3","type":"interactive","payload":{"type":"shortcut","team":{"id":"T1"},"user":{"id":"U1"},"callback_id":"assess","trigger_id":"tr3"}}`,
			want: &Request{Kind: KindShortcut, ID: "sc:tr3", TeamID: "T1", UserID: "U1", TriggerID: "tr3", CallbackID: "assess"}},
		{name: "message shortcut on a thread reply",
			raw: `{"envelope_id":"e4","type":"interactive","payload":{"type":"message_action","team":{"id":"T1"},"user":{"id":"U1"},"channel":{"id":"C1","name":"general"},"callback_id":"ask","trigger_id":"tr4","response_url":"https://hooks/4","message_ts":"9.9",
				"message":{"type":"message","user":"U2","text":"should we hire a CTO?","ts":"9.9","thread_ts":"9.0"}}}`,
			want: &Request{Kind: KindMessageShortcut, ID: "msc:tr4", TeamID: "T1", UserID: "U1", TriggerID: "tr4", CallbackID: "ask", ChannelID: "C1", ChannelType: "channel",
				ResponseURL: "https://hooks/4", Text: "should we hire a CTO?", MessageTS: "9.9", ThreadTS: "9.0", MessageUserID: "U2"}},
		{name: "message shortcut on a bot's post without text",
			raw:  `{"envelope_id":"e5","type":"interactive","payload":{"type":"message_action","user":{"id":"U1"},"channel":{"id":"D1","name":"directmessage"},"callback_id":"ask","trigger_id":"tr5","message_ts":"8.8","message":{"bot_id":"B1","ts":"8.8"}}}`,
			want: &Request{Kind: KindMessageShortcut, ID: "msc:tr5", UserID: "U1", TriggerID: "tr5", CallbackID: "ask", ChannelID: "D1", ChannelType: "im", MessageTS: "8.8", MessageUserID: "B1"}},
		{name: "click inside a modal carries the view",
			raw: `{"envelope_id":"e6","type":"interactive","payload":{"type":"block_actions","user":{"id":"U1"},"trigger_id":"tr6","container":{"type":"view","view_id":"V3"},
				"view":{"id":"V3","type":"modal","callback_id":"tips:settings","private_metadata":"m","hash":"h3","state":{"values":{"freq":{"f":{"type":"static_select","selected_option":{"value":"daily"}}}}}},
				"actions":[{"action_id":"f","block_id":"freq","type":"static_select","selected_option":{"value":"daily"}}]}}`,
			want: &Request{Kind: KindAction, ID: "act:tr6", UserID: "U1", TriggerID: "tr6", ActionID: "f", ActionValue: "daily", CallbackID: "tips:settings",
				ViewID: "V3", ViewHash: "h3", PrivateMetadata: "m", Values: Form{"freq": {Type: "static_select", ActionID: "f", Value: "daily"}}}},
		{name: "assistant thread started",
			raw:  `{"envelope_id":"e7","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev7","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","context":{"channel_id":"C5","team_id":"T1"},"channel_id":"D1","thread_ts":"7.0"},"event_ts":"7.1"}}}`,
			want: &Request{Kind: KindAssistantStarted, ID: "Ev7", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "7.0", ContextChannelID: "C5"}},
		{name: "assistant context changed",
			raw:  `{"envelope_id":"e8","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev8","event":{"type":"assistant_thread_context_changed","assistant_thread":{"user_id":"U1","context":{"channel_id":"C6"},"channel_id":"D1","thread_ts":"7.0"}}}}`,
			want: &Request{Kind: KindAssistantContextChanged, ID: "Ev8", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", ThreadTS: "7.0", ContextChannelID: "C6"}},
		{name: "a message Slack marks as in an assistant thread",
			raw:  `{"envelope_id":"e9","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev9","event":{"type":"message","user":"U1","text":"who first?","ts":"7.2","thread_ts":"7.0","channel":"D1","channel_type":"im","assistant_thread":{"action_token":"tok"}}}}`,
			want: &Request{Kind: KindAssistantMessage, ID: "Ev9", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", Text: "who first?", MessageTS: "7.2", ThreadTS: "7.0"}},
		{name: "a DM thread without the mark stays a DM",
			raw:  `{"envelope_id":"e10","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"Ev10","event":{"type":"message","user":"U1","text":"3","ts":"7.3","thread_ts":"7.0","channel":"D1","channel_type":"im"}}}`,
			want: &Request{Kind: KindDM, ID: "Ev10", TeamID: "T1", UserID: "U1", ChannelID: "D1", ChannelType: "im", Text: "3", MessageTS: "7.3", ThreadTS: "7.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecode(t, tt.raw, tt.want, "") })
	}
}

func TestDecodeIgnoresBrokenSurfaces(t *testing.T) {
	tests := []struct{ name, raw, reason string }{
		{"assistant thread without a thread", `{"envelope_id":"e","type":"events_api","payload":{"type":"event_callback","event_id":"Ev1","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1"}}}}`, "assistant thread without"},
		{"dialog submission", `{"envelope_id":"e","type":"interactive","payload":{"type":"dialog_submission","user":{"id":"U1"}}}`, "unhandled interaction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDecode(t, tt.raw, nil, tt.reason) })
	}
}
