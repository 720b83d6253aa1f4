package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestFromEnv(t *testing.T) {
	good := map[string]string{
		"SLACK_APP_TOKEN": "xapp-1-secretapp",
		"SLACK_BOT_TOKEN": "xoxb-secretbot",
	}
	tests := []struct {
		name    string
		mode    Mode
		env     map[string]string
		wantErr []string // substrings that must all appear
	}{
		{name: "console needs nothing", mode: ModeConsole, env: map[string]string{}},
		{name: "slack with tokens", mode: ModeSlack, env: good},
		{name: "slack without tokens", mode: ModeSlack, env: map[string]string{},
			wantErr: []string{"SLACK_APP_TOKEN is not set", "SLACK_BOT_TOKEN is not set"}},
		{name: "swapped tokens and every other problem at once", mode: ModeSlack, env: map[string]string{
			"SLACK_APP_TOKEN":  "xoxb-secretbot",
			"SLACK_BOT_TOKEN":  "xapp-1-secretapp",
			"SLACK_API_URL":    "ftp://nope",
			"REDIS_URL":        "mysql://user:hunter2@db",
			"LOG_LEVEL":        "loud",
			"LOG_FORMAT":       "xml",
			"DEFAULT_TIMEZONE": "Mars/Olympus",
			"ADMIN_USER_IDS":   "U123ABC, bob",
			"WORKERS":          "0",
			"EXPERTS_CHANNEL":  "#experts",
			"EXPERT_REMINDER":  "tomorrow",
		}, wantErr: []string{"SLACK_APP_TOKEN must start with xapp-", "SLACK_BOT_TOKEN must start with xoxb-",
			"SLACK_API_URL", "REDIS_URL", "LOG_LEVEL", "LOG_FORMAT", "Mars/Olympus", `"bob"`, "WORKERS",
			"EXPERTS_CHANNEL", "EXPERT_REMINDER"}},
		{name: "an experts channel and its reminder", mode: ModeConsole, env: map[string]string{
			"EXPERTS_CHANNEL": "C0EXPERTS", "EXPERT_REMINDER": "2h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env), tt.mode)
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got config %+v, want an error", c)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, secret := range []string{"secretapp", "secretbot", "hunter2"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks a secret: %q", err)
				}
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"SLACK_API_URL": "http://127.0.0.1:9/api", "DEFAULT_TIMEZONE": "Europe/Berlin"}), ModeConsole)
	if err != nil {
		t.Fatal(err)
	}
	if c.SlackAPIURL != "http://127.0.0.1:9/api/" {
		t.Errorf("got SlackAPIURL %q, want a trailing slash added", c.SlackAPIURL)
	}
	if c.ExpertsChannel != "" || c.ExpertReminder != 24*time.Hour {
		t.Errorf("got experts channel %q reminding after %s, want none and 24h", c.ExpertsChannel, c.ExpertReminder)
	}
	if c.KeyPrefix != "advisor:" {
		t.Errorf("got KeyPrefix %q, want advisor:", c.KeyPrefix)
	}
	if c2, _ := FromEnv(env(map[string]string{"KEY_PREFIX": "team-a:"}), ModeConsole); c2 == nil || c2.KeyPrefix != "team-a:" {
		t.Errorf("KEY_PREFIX not read: %+v", c2)
	}
	if c.DefaultTimezone.String() != "Europe/Berlin" || c.LogFormat != "json" || c.Connections != 2 || c.SessionTTL != 24*time.Hour {
		t.Errorf("got %+v, want defaults", c)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"SLACK_APP_TOKEN": "xapp-1-topsecret", "SLACK_BOT_TOKEN": "xoxb-topsecret"}), ModeSlack)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprint(c.AppToken), fmt.Sprintf("%v %+v", c, c), fmt.Sprintf("%s", c.BotToken)} {
		if strings.Contains(s, "topsecret") {
			t.Errorf("secret printed: %s", s)
		}
	}
	if c.BotToken.Value() != "xoxb-topsecret" {
		t.Errorf("got %q, want the token value", c.BotToken.Value())
	}
}
