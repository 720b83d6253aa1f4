package slacktest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestDisconnectReconnects(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	if err := s.WaitConnections(ctx(t), 1); err != nil {
		t.Fatal(err)
	}
	s.Disconnect("refresh_requested")
	// The client may reconnect at once: every connection routed to now is
	// one opened after the disconnect.
	routed := s.Connections()
	if newer := s.ConnectionsOpened() - 1; routed > newer {
		t.Errorf("got %d routed connections right after disconnect, %d opened since: the old one is still routed", routed, newer)
	}
	if err := s.WaitConnectionsOpened(ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	if got := s.ConnectionsOpened(); got != 2 {
		t.Errorf("got %d connections opened, want 2", got)
	}
	id := s.SlashCommand(SlashCommand{Command: "/advisor"})
	ev := c.next(t, socketmode.EventTypeSlashCommand)
	if ev.Request.EnvelopeID != id {
		t.Errorf("got envelope %q, want %q", ev.Request.EnvelopeID, id)
	}
}

func TestDropConnectionsReconnects(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, s.AppToken())
	if err := s.WaitConnections(ctx(t), 1); err != nil {
		t.Fatal(err)
	}
	s.DropConnections()
	if err := s.WaitConnectionsOpened(ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	id := s.Mention(Msg{Text: "still there?"})
	ev := c.next(t, socketmode.EventTypeEventsAPI)
	if ev.Request.EnvelopeID != id {
		t.Errorf("got envelope %q, want %q", ev.Request.EnvelopeID, id)
	}
}

func TestQueuedUntilConnected(t *testing.T) {
	s := newServer(t)
	ids := []string{s.SlashCommand(SlashCommand{Command: "/a"}), s.Mention(Msg{Text: "b"}), s.BlockAction(Action{ActionID: "c"})}
	c := startClient(t, s, s.AppToken())
	wantTypes := []socketmode.EventType{socketmode.EventTypeSlashCommand, socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive}
	for i, want := range wantTypes {
		ev := c.next(t, want)
		if ev.Request.EnvelopeID != ids[i] {
			t.Errorf("got envelope %q, want %q", ev.Request.EnvelopeID, ids[i])
		}
		c.sm.Ack(*ev.Request)
		ack, err := s.WaitAck(ctx(t), ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if ack.Sent.IsZero() {
			t.Errorf("got zero Sent for queued envelope %s, want the time it was written", ids[i])
		}
	}
}

func TestRedeliverKeepsEventID(t *testing.T) {
	tests := []struct {
		name        string
		newEnvelope bool
	}{
		{name: "new envelope", newEnvelope: true},
		{name: "same envelope", newEnvelope: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			c := startClient(t, s, s.AppToken())
			first := s.Mention(Msg{Text: "once"})
			ev1 := c.next(t, socketmode.EventTypeEventsAPI)
			second := s.Redeliver(first, tt.newEnvelope)
			ev2 := c.next(t, socketmode.EventTypeEventsAPI)

			if (second != first) != tt.newEnvelope || ev2.Request.EnvelopeID != second {
				t.Errorf("got envelope ids %q then %q (received %q), want new: %v", first, second, ev2.Request.EnvelopeID, tt.newEnvelope)
			}
			id1 := ev1.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent).EventID
			id2 := ev2.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent).EventID
			if id1 != id2 {
				t.Errorf("got event ids %q and %q, want equal", id1, id2)
			}
			if ev2.Request.RetryAttempt != 1 || ev2.Request.RetryReason != "timeout" {
				t.Errorf("got retry %d %q, want 1 timeout", ev2.Request.RetryAttempt, ev2.Request.RetryReason)
			}
			if got := s.Redeliver("nope", true); got != "" {
				t.Errorf("got %q for an unknown envelope, want \"\"", got)
			}
		})
	}
}

func TestRoundRobinOneConnectionEach(t *testing.T) {
	s := newServer(t)
	a := startClient(t, s, s.AppToken())
	b := startClient(t, s, s.AppToken())
	if err := s.WaitConnections(ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	const n = 6
	sent := map[string]bool{}
	for range n {
		sent[s.SlashCommand(SlashCommand{Command: "/x"})] = true
	}
	got := map[string]int{}
	for _, c := range []*client{a, b} {
		for range n / 2 {
			ev := c.next(t, socketmode.EventTypeSlashCommand)
			got[ev.Request.EnvelopeID]++
		}
	}
	for id := range sent {
		if got[id] != 1 {
			t.Errorf("envelope %s delivered %d times, want 1", id, got[id])
		}
	}
	select {
	case ev := <-a.sm.Events:
		t.Errorf("got extra event %s", ev.Type)
	case ev := <-b.sm.Events:
		t.Errorf("got extra event %s", ev.Type)
	default:
	}
}

func TestInvalidAppToken(t *testing.T) {
	s := newServer(t)
	c := startClient(t, s, "xapp-wrong")
	select {
	case err := <-c.done:
		if err == nil || err.Error() != "invalid_auth" {
			t.Errorf("got RunContext error %v, want invalid_auth", err)
		}
		c.done <- err // for the cleanup
	case <-time.After(waitTimeout):
		t.Fatal("RunContext did not fail")
	}
	calls := s.Calls("apps.connections.open")
	if len(calls) != 1 || calls[0].Err != "invalid_auth" {
		t.Errorf("got calls %+v, want one with invalid_auth", calls)
	}
	if got := s.ConnectionsOpened(); got != 0 {
		t.Errorf("got %d connections opened, want 0", got)
	}
}

// TestRawSocket checks the wire format slack-go's parser would hide: hello
// first, pings, and single-use URLs.
func TestRawSocket(t *testing.T) {
	s := newServer(t, WithPingInterval(10*time.Millisecond))
	info, wsURL, err := webClient(s).StartSocketModeContext(ctx(t))
	if err != nil || info == nil {
		t.Fatalf("apps.connections.open: %v", err)
	}
	ws, _, err := websocket.DefaultDialer.DialContext(ctx(t), wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	pinged := make(chan struct{}, 1)
	ws.SetPingHandler(func(string) error {
		select {
		case pinged <- struct{}{}:
		default:
		}
		return nil
	})
	_ = ws.SetReadDeadline(time.Now().Add(waitTimeout))
	var hello map[string]json.RawMessage
	if err := ws.ReadJSON(&hello); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"type", "num_connections", "connection_info", "debug_info"} {
		if _, found := hello[k]; !found {
			t.Errorf("hello lacks %q: %v", k, hello)
		}
	}
	if string(hello["type"]) != `"hello"` {
		t.Errorf("got first frame type %s, want hello", hello["type"])
	}
	// Reading again processes control frames; a ping arrives long before the
	// disconnect frame that ends the read.
	go func() {
		<-pinged
		s.Disconnect("warning")
	}()
	var disc map[string]any
	if err := ws.ReadJSON(&disc); err != nil {
		t.Fatal(err)
	}
	if disc["type"] != "disconnect" || disc["reason"] != "warning" {
		t.Errorf("got %v, want a disconnect with reason warning", disc)
	}

	if _, resp, err := websocket.DefaultDialer.DialContext(ctx(t), wsURL, nil); err == nil || resp == nil || resp.StatusCode != 401 {
		t.Errorf("reusing the socket URL: got error %v, want a 401 handshake failure", err)
	}
}
