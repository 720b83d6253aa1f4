// Command baseline is the floor the load benchmark compares the advisor
// with: the plain slack-go Socket Mode client, which acks each envelope and
// answers it with a fixed message (a response_url post for slash commands
// and clicks, chat.postMessage for events) and does nothing else: no Redis,
// no knowledge base, no logging per envelope.
//
// It reads SLACK_APP_TOKEN, SLACK_BOT_TOKEN, SLACK_API_URL and
// SOCKET_CONNECTIONS (default 2, as the advisor) and runs until SIGINT or
// SIGTERM. The reply is sent from a goroutine per envelope, so the floor is
// not held back by a serial read loop.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// replyText is the fixed answer.
const replyText = "ok"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

func run() error {
	appToken, botToken := os.Getenv("SLACK_APP_TOKEN"), os.Getenv("SLACK_BOT_TOKEN")
	if appToken == "" || botToken == "" {
		return fmt.Errorf("SLACK_APP_TOKEN and SLACK_BOT_TOKEN are required")
	}
	opts := []slack.Option{slack.OptionAppLevelToken(appToken)}
	if u := os.Getenv("SLACK_API_URL"); u != "" {
		opts = append(opts, slack.OptionAPIURL(u))
	}
	conns := 2
	if v := os.Getenv("SOCKET_CONNECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			return fmt.Errorf("SOCKET_CONNECTIONS %q: want 1 to 10", v)
		}
		conns = n
	}
	api := slack.New(botToken, opts...)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	var work sync.WaitGroup
	var readers sync.WaitGroup
	for range conns {
		smc := socketmode.New(api)
		readers.Go(func() { _ = smc.RunContext(ctx) })
		readers.Go(func() { serve(ctx, api, smc, &work) })
	}
	readers.Wait()
	work.Wait()
	return nil
}

// serve acks every envelope of one connection and answers it.
func serve(ctx context.Context, api *slack.Client, smc *socketmode.Client, work *sync.WaitGroup) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-smc.Events:
			if evt.Request == nil || evt.Request.EnvelopeID == "" {
				continue
			}
			_ = smc.Ack(*evt.Request)
			work.Go(func() { answer(ctx, api, evt) })
		}
	}
}

// answer posts the fixed message where the envelope came from.
func answer(ctx context.Context, api *slack.Client, evt socketmode.Event) {
	ctx = context.WithoutCancel(ctx)
	var err error
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		err = respond(ctx, api, data.ResponseURL)
	case slack.InteractionCallback:
		if data.ResponseURL != "" {
			err = respond(ctx, api, data.ResponseURL)
		}
	case slackevents.EventsAPIEvent:
		err = postEvent(ctx, api, data)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline: reply:", err)
	}
}

func respond(ctx context.Context, api *slack.Client, url string) error {
	_, _, _, err := api.SendMessageContext(ctx, "", slack.MsgOptionText(replyText, false),
		slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral))
	return err
}

func postEvent(ctx context.Context, api *slack.Client, ev slackevents.EventsAPIEvent) error {
	var channel, thread string
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		channel, thread = e.Channel, e.TimeStamp
	case *slackevents.MessageEvent:
		if e.BotID != "" {
			return nil
		}
		channel, thread = e.Channel, e.ThreadTimeStamp
	case *slackevents.AppHomeOpenedEvent:
		channel = e.Channel
	default:
		return nil
	}
	opts := []slack.MsgOption{slack.MsgOptionText(replyText, false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, _, err := api.PostMessageContext(ctx, channel, opts...)
	return err
}
