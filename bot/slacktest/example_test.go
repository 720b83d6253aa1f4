package slacktest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// A bot under test connects with slack-go as it would to Slack; the test
// plays the user and watches what the bot sends back.
func Example() {
	s := slacktest.New()
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()))
	sm := socketmode.New(api)
	go func() { _ = sm.RunContext(ctx) }()
	go func() { // a tiny bot: ack, then reply in the channel
		for ev := range sm.Events {
			if cmd, isCmd := ev.Data.(slack.SlashCommand); isCmd {
				_ = sm.Ack(*ev.Request)
				_, _, _ = api.PostMessageContext(ctx, cmd.ChannelID, slack.MsgOptionText("you said "+cmd.Text, false))
			}
		}
	}()

	id := s.SlashCommand(slacktest.SlashCommand{Command: "/advisor", Text: "hello", ChannelID: "C42"})
	if _, err := s.WaitAck(ctx, id); err != nil {
		fmt.Println(err)
		return
	}
	calls, err := s.WaitCalls(ctx, "chat.postMessage", 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(calls[0].Params["channel"], calls[0].Params["text"])
	// Output: C42 you said hello
}
