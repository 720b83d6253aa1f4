package slacktest

import (
	"context"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// waitTimeout bounds every wait in these tests; nothing should take long.
const waitTimeout = 5 * time.Second

// client is a real slack-go Socket Mode client connected to a Server.
type client struct {
	sm   *socketmode.Client
	done chan error // RunContext's result
}

// newServer starts a Server closed at the end of the test.
func newServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := New(opts...)
	t.Cleanup(s.Close)
	return s
}

// webClient is a slack-go Web API client for s.
func webClient(s *Server) *slack.Client {
	return slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.AppToken()))
}

// startClient runs a socketmode client against s with the given app token
// until the test ends.
func startClient(t *testing.T, s *Server, appToken string) *client {
	t.Helper()
	api := slack.New(s.BotToken(), slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(appToken))
	c := &client{sm: socketmode.New(api, socketmode.OptionPingInterval(10*time.Second)), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { c.done <- c.sm.RunContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-c.done:
		case <-time.After(waitTimeout):
			t.Error("socketmode client did not stop")
		}
	})
	return c
}

// next returns the next event of type want, skipping connection life-cycle
// events; it fails the test on any other event or after waitTimeout.
func (c *client) next(t *testing.T, want socketmode.EventType) socketmode.Event {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		select {
		case ev := <-c.sm.Events:
			switch ev.Type {
			case socketmode.EventTypeConnecting, socketmode.EventTypeConnected, socketmode.EventTypeHello,
				socketmode.EventTypeIncomingError: // the old socket's read fails on reconnect
				continue
			case want:
				return ev
			}
			t.Fatalf("got event %s (%+v), want %s", ev.Type, ev.Data, want)
		case <-timeout:
			t.Fatalf("no %s event within %v", want, waitTimeout)
		}
	}
}

// ctx returns a context that ends after waitTimeout or with the test.
func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(t.Context(), waitTimeout)
	t.Cleanup(cancel)
	return c
}
