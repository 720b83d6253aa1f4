package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
)

func TestClientHasMemberReadsEveryPage(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	c := bot.NewClient(bot.NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	users := make([]string, 2500) // three pages of 1,000
	for i := range users {
		users[i] = fmt.Sprintf("U%05d", i)
	}
	fake.SetChannelUsers("CEXP", users...)
	tests := []struct {
		name, channel, user string
		want                bool
	}{
		{"first page", "CEXP", "U00001", true},
		{"last page", "CEXP", "U02499", true},
		{"not in it", "CEXP", "UOTHER", false},
		{"default members", "COTHER", slacktest.DefaultUserID, true},
		{"default non-member", "COTHER", "UOTHER", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.HasMember(ctx, tt.channel, tt.user)
			if err != nil || got != tt.want {
				t.Errorf("got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	if n := len(fake.Calls("conversations.members")); n < 3+3+1+1+1 {
		t.Errorf("got %d conversations.members calls, want every page read", n)
	}
}
