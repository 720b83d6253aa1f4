package slacktest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestPostMessageRecorded(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	blocks := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*hi*", false, false), nil, nil)

	ch1, ts1, err := api.PostMessageContext(ctx(t), "C1", slack.MsgOptionText("hello", false),
		slack.MsgOptionBlocks(blocks), slack.MsgOptionTS("1.5"))
	if err != nil {
		t.Fatal(err)
	}
	_, ts2, err := api.PostMessageContext(ctx(t), "C1", slack.MsgOptionText("again", false))
	if err != nil {
		t.Fatal(err)
	}
	if ch1 != "C1" || ts1 == "" || ts2 <= ts1 {
		t.Errorf("got channel %q ts %q then %q, want C1 and increasing ts", ch1, ts1, ts2)
	}
	calls, err := s.WaitCalls(ctx(t), "chat.postMessage", 2)
	if err != nil {
		t.Fatal(err)
	}
	p := calls[0].Params
	if p["channel"] != "C1" || p["text"] != "hello" || p["thread_ts"] != "1.5" || !strings.Contains(p["blocks"], `"*hi*"`) {
		t.Errorf("got params %v, want channel, text, thread_ts and blocks", p)
	}
	if calls[0].Status != http.StatusOK || calls[0].Err != "" {
		t.Errorf("got status %d err %q, want 200 and no error", calls[0].Status, calls[0].Err)
	}
}

// TestWebAPIMethods is long for its table: one case per Web API method and
// failure the fake answers.
func TestWebAPIMethods(t *testing.T) {
	s := newServer(t, WithBotUserID("UB"), WithTeamID("TX"))
	s.SetUser(slack.User{ID: "UADMIN", IsAdmin: true, TZ: "Europe/Paris"})
	s.SetChannelMember("CNOT", false)
	s.SetUserError("UGONE", "user_not_found")
	api := webClient(s)

	tests := []struct {
		name   string
		method string
		call   func() (string, error)
		want   string
	}{
		{name: "auth.test", method: "auth.test", want: "UB TX BBOT", call: func() (string, error) {
			r, err := api.AuthTestContext(ctx(t))
			if err != nil {
				return "", err
			}
			return r.UserID + " " + r.TeamID + " " + r.BotID, nil
		}},
		{name: "users.info default", method: "users.info", want: "U5 America/New_York false", call: func() (string, error) {
			u, err := api.GetUserInfoContext(ctx(t), "U5")
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s %s %v", u.ID, u.TZ, u.IsAdmin), nil
		}},
		{name: "users.info set", method: "users.info", want: "UADMIN Europe/Paris true", call: func() (string, error) {
			u, err := api.GetUserInfoContext(ctx(t), "UADMIN")
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s %s %v", u.ID, u.TZ, u.IsAdmin), nil
		}},
		{name: "users.info failing", method: "users.info", want: "user_not_found", call: func() (string, error) {
			_, err := api.GetUserInfoContext(ctx(t), "UGONE")
			var se slack.SlackErrorResponse
			if !errors.As(err, &se) {
				return "", fmt.Errorf("got %v, want a SlackErrorResponse", err)
			}
			return se.Err, nil
		}},
		{name: "conversations.info member", method: "conversations.info", want: "C1 true", call: func() (string, error) {
			ch, err := api.GetConversationInfoContext(ctx(t), &slack.GetConversationInfoInput{ChannelID: "C1"})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s %v", ch.ID, ch.IsMember), nil
		}},
		{name: "conversations.info not member", method: "conversations.info", want: "CNOT false", call: func() (string, error) {
			ch, err := api.GetConversationInfoContext(ctx(t), &slack.GetConversationInfoInput{ChannelID: "CNOT"})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s %v", ch.ID, ch.IsMember), nil
		}},
		{name: "conversations.open", method: "conversations.open", want: "DU9", call: func() (string, error) {
			ch, _, _, err := api.OpenConversationContext(ctx(t), &slack.OpenConversationParameters{Users: []string{"U9"}})
			if err != nil {
				return "", err
			}
			return ch.ID, nil
		}},
		{name: "chat.postEphemeral", method: "chat.postEphemeral", want: "ts", call: func() (string, error) {
			ts, err := api.PostEphemeralContext(ctx(t), "C1", "U1", slack.MsgOptionText("psst", false))
			if ts != "" {
				ts = "ts"
			}
			return ts, err
		}},
		{name: "chat.update", method: "chat.update", want: "C1 9.9", call: func() (string, error) {
			ch, ts, _, err := api.UpdateMessageContext(ctx(t), "C1", "9.9", slack.MsgOptionText("edited", false))
			return ch + " " + ts, err
		}},
		{name: "chat.delete", method: "chat.delete", want: "C1 9.9", call: func() (string, error) {
			ch, ts, err := api.DeleteMessageContext(ctx(t), "C1", "9.9")
			return ch + " " + ts, err
		}},
		{name: "views.publish", method: "views.publish", want: "home", call: func() (string, error) {
			v := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
				slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "home", false, false), nil, nil)}}}
			r, err := api.PublishViewContext(ctx(t), slack.PublishViewContextRequest{UserID: "U1", View: v})
			if err != nil {
				return "", err
			}
			return string(r.Type), nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Calls(tt.method))
			got, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if n := len(s.Calls(tt.method)); n != before+1 {
				t.Errorf("got %d %s calls recorded, want %d", n, tt.method, before+1)
			}
		})
	}
	if got := s.Calls("views.publish")[0].Params["user_id"]; got != "U1" {
		t.Errorf("got views.publish user_id %q, want U1 (JSON fields flattened)", got)
	}
}

func TestFailureInjection(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	post := func() error {
		_, _, err := api.PostMessageContext(ctx(t), "C1", slack.MsgOptionText("x", false))
		return err
	}

	s.FailNext("chat.postMessage", "channel_not_found", 2)
	for i := range 2 {
		var se slack.SlackErrorResponse
		if err := post(); !errors.As(err, &se) || se.Err != "channel_not_found" {
			t.Errorf("call %d: got %v, want SlackErrorResponse channel_not_found", i, err)
		}
	}

	s.RateLimitNext("chat.postMessage", 7)
	var rl *slack.RateLimitedError
	if err := post(); !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Errorf("got %v, want *RateLimitedError with RetryAfter 7s", err)
	}

	s.ServerErrorNext("chat.postMessage", 1)
	var sc slack.StatusCodeError
	if err := post(); !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
		t.Errorf("got %v, want StatusCodeError 500", err)
	}

	if err := post(); err != nil {
		t.Errorf("got %v after the injected failures, want success", err)
	}
	calls := s.Calls("chat.postMessage")
	var statuses []int
	for _, c := range calls {
		statuses = append(statuses, c.Status)
	}
	if fmt.Sprint(statuses) != "[200 200 429 500 200]" {
		t.Errorf("got statuses %v, want [200 200 429 500 200]", statuses)
	}
}

func TestTokensChecked(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name  string
		token string
		want  string
	}{
		{name: "wrong", token: "xoxb-other", want: "invalid_auth"},
		{name: "app token as bot token", token: s.AppToken(), want: "invalid_auth"},
		{name: "right", token: s.BotToken(), want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := slack.New(tt.token, slack.OptionAPIURL(s.APIURL()))
			_, err := api.AuthTestContext(ctx(t))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBlockKitLimits(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	section := func(text string) slack.Block {
		return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil)
	}
	many := make([]slack.Block, 51)
	for i := range many {
		many[i] = section("x")
	}
	button := slack.NewButtonBlockElement("a", "v", slack.NewTextBlockObject(slack.PlainTextType, strings.Repeat("b", 76), false, false))

	tests := []struct {
		name string
		opts []slack.MsgOption
		want string
	}{
		{name: "no text", opts: nil, want: "no_text"},
		{name: "51 blocks", opts: []slack.MsgOption{slack.MsgOptionBlocks(many...)}, want: "invalid_blocks"},
		{name: "long section", opts: []slack.MsgOption{slack.MsgOptionBlocks(section(strings.Repeat("é", 3001)))}, want: "invalid_blocks"},
		{name: "long button", opts: []slack.MsgOption{slack.MsgOptionBlocks(slack.NewActionBlock("b", button))}, want: "invalid_blocks"},
		{name: "fine", opts: []slack.MsgOption{slack.MsgOptionBlocks(section(strings.Repeat("é", 3000)))}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := api.PostMessageContext(ctx(t), "C1", tt.opts...)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResponseURL(t *testing.T) {
	s := newServer(t)
	api := webClient(s)
	id := s.SlashCommand(SlashCommand{Command: "/advisor"}) // queued: no connection needed
	url := s.ResponseURL(id)

	var hooked []string
	var mu sync.Mutex
	s.OnCall(func(c Call) {
		mu.Lock()
		defer mu.Unlock()
		hooked = append(hooked, c.Method)
	})
	for i := range maxResponseURLUses {
		_, _, err := api.PostMessageContext(ctx(t), "", slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral),
			slack.MsgOptionText(fmt.Sprintf("reply %d", i), false))
		if err != nil {
			t.Fatalf("use %d: %v", i+1, err)
		}
	}
	_, _, err := api.PostMessageContext(ctx(t), "", slack.MsgOptionResponseURL(url, slack.ResponseTypeInChannel), slack.MsgOptionText("six", false))
	var sc slack.StatusCodeError
	if !errors.As(err, &sc) || sc.Code != http.StatusNotFound {
		t.Errorf("6th use: got %v, want StatusCodeError 404", err)
	}
	_, _, err = api.PostMessageContext(ctx(t), "", slack.MsgOptionResponseURL(s.ResponseURL("unknown"), slack.ResponseTypeInChannel), slack.MsgOptionText("x", false))
	if !errors.As(err, &sc) || sc.Code != http.StatusNotFound {
		t.Errorf("unknown URL: got %v, want StatusCodeError 404", err)
	}

	calls := s.Calls(MethodResponseURL)
	if len(calls) != 7 {
		t.Fatalf("got %d response_url calls, want 7", len(calls))
	}
	if p := calls[0].Params; p["text"] != "reply 0" || p["response_type"] != "ephemeral" || !strings.Contains(string(calls[0].Body), `"reply 0"`) {
		t.Errorf("got first call %v, want text reply 0 ephemeral", p)
	}
	if calls[5].Err != "used_url" || calls[6].Err != "expired_url" {
		t.Errorf("got errors %q %q, want used_url expired_url", calls[5].Err, calls[6].Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(hooked) != 7 || hooked[0] != MethodResponseURL {
		t.Errorf("got hooked calls %v, want 7 response_url", hooked)
	}
}
