package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
)

// clickFields are the fuzzed values a click or a submission is built from.
type clickFields struct {
	submission bool   // view_submission instead of block_actions
	chanKind   byte   // D, C or G by its value mod 3
	chanRest   string // the channel id after its prefix
	named      bool   // the channel carries its name (Slack's "directmessage" for a DM)
	where      byte   // mod 4: channel and container, channel only, container only, none (a modal or the App Home)
	container  byte   // mod 3: message, view, ephemeral message
	user       string
	trigger    string
	respURL    string
}

// payload is the envelope Slack would send for f, and the channel the click
// is in ("" for none) and whether that channel is a DM.
func (f clickFields) payload() (raw, channel string, dm bool) {
	prefix, name := [...]string{"D", "C", "G"}[f.chanKind%3], ""
	channel = prefix + f.chanRest
	if f.named {
		name = map[string]string{"D": "directmessage", "C": "c-" + f.chanRest, "G": "privategroup"}[prefix]
	}
	p := map[string]any{"user": map[string]any{"id": f.user, "team_id": "T1"}, "trigger_id": f.trigger,
		"response_url": f.respURL, "team": map[string]any{"id": "T1"}}
	if f.submission {
		p["type"] = "view_submission"
		p["view"] = map[string]any{"id": "V1", "type": "modal", "callback_id": "cb"}
		b, _ := json.Marshal(map[string]any{"envelope_id": "e1", "type": "interactive", "payload": p})
		return string(b), "", false
	}
	p["type"] = "block_actions"
	p["actions"] = []any{map[string]any{"action_id": "a", "block_id": "b", "value": "v"}}
	c := map[string]any{"type": "message", "message_ts": "1.1"}
	switch f.container % 3 {
	case 1:
		c = map[string]any{"type": "view", "view_id": "V1"}
		p["view"] = map[string]any{"id": "V1", "type": "modal"}
	case 2:
		c["is_ephemeral"] = true
	}
	ch := map[string]any{"id": channel}
	if name != "" {
		ch["name"] = name
	}
	switch f.where % 4 {
	case 0:
		p["channel"], c["channel_id"] = ch, channel
	case 1:
		p["channel"] = ch
	case 2:
		c["channel_id"] = channel
	case 3:
		channel = ""
	}
	p["container"] = c
	b, _ := json.Marshal(map[string]any{"envelope_id": "e1", "type": "interactive", "payload": p})
	return string(b), channel, prefix == "D" && channel != ""
}

// FuzzDecodeClick: whatever a click's or a submission's fields hold, decoding
// never panics, copies who and which trigger, sets the channel type "im"
// exactly for a DM (a D… channel) and none where there is no channel, and the
// response_url's redacted form keeps its secret out of a logged error.
func FuzzDecodeClick(f *testing.F) {
	f.Add(false, byte(0), "1", true, byte(0), byte(0), "U1", "tr1", "https://hooks.slack.com/actions/T1/1/secret")
	f.Add(false, byte(0), "1", false, byte(2), byte(2), "U1", "tr1", "https://hooks.slack.com/actions/T1/1/secret")
	f.Add(false, byte(1), "X", true, byte(1), byte(1), "", "", "")
	f.Add(false, byte(2), "Z", true, byte(3), byte(0), "U\x00", "t\"r", "http://[::1]:80/a/b?c=d")
	f.Add(true, byte(0), "1", true, byte(0), byte(0), "U2", "tr2", "https://hooks.slack.com/app/T1/x")
	f.Fuzz(func(t *testing.T, submission bool, chanKind byte, chanRest string, named bool, where, container byte,
		user, trigger, respURL string) {
		fields := clickFields{submission, chanKind, chanRest, named, where, container, user, trigger, respURL}
		raw, channel, dm := fields.payload()
		evt, ok := event(nil, raw)
		if !ok {
			return // not valid JSON once escaped (invalid UTF-8 is replaced, never rejected)
		}
		req, reason := Decode(evt, "UBOT")
		if req == nil {
			t.Fatalf("%s dropped: %s\n%s", evt.Type, reason, raw)
		}
		// encoding/json turns invalid UTF-8 into U+FFFD both ways: compare with what it decodes to.
		want := func(s string) string { var v string; b, _ := json.Marshal(s); _ = json.Unmarshal(b, &v); return v }
		if req.UserID != want(user) || req.TriggerID != want(trigger) {
			t.Errorf("user %q trigger %q, want %q %q", req.UserID, req.TriggerID, want(user), want(trigger))
		}
		if got := req.ChannelType == "im"; got != dm {
			t.Errorf("channel %q: channel type %q, DM %v\n%s", req.ChannelID, req.ChannelType, dm, raw)
		}
		if channel == "" && req.ChannelType != "" {
			t.Errorf("no channel, but channel type %q", req.ChannelType)
		}
		if !submission {
			if req.ChannelID != want(channel) {
				t.Errorf("channel %q, want %q", req.ChannelID, want(channel))
			}
			if req.ResponseURL != want(respURL) || req.Ephemeral != (container%3 == 2) {
				t.Errorf("response_url %q ephemeral %v, want %q %v", req.ResponseURL, req.Ephemeral, want(respURL), container%3 == 2)
			}
		}
		checkRedacted(t, req.ResponseURL)
	})
}

// checkRedacted fails if a transport error for a post to u, as net/http
// words it, is logged with more of u than its redacted form, or if that
// form keeps what follows u's first path segment (the secret).
func checkRedacted(t *testing.T, u string) {
	t.Helper()
	if u == "" {
		return
	}
	red := RedactedURL(u)
	got := redactURL(&url.Error{Op: "Post", URL: u, Err: io.EOF}, u).Error()
	if want := fmt.Sprintf("Post %q: EOF", red); got != want {
		t.Errorf("logged error %q, want %q", got, want)
	}
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		_, secret, _ := strings.Cut(strings.TrimPrefix(p.Path, "/"), "/")
		if secret != "" && secret != "…" && strings.Contains(red, u) {
			t.Errorf("redacted %q still holds the response_url %q", red, u)
		}
	}
}
