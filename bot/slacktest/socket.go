package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/socketmode"
)

// writeTimeout bounds every WebSocket write so a stuck client cannot block a
// test forever.
const writeTimeout = 5 * time.Second

// conn is one Socket Mode WebSocket.
type conn struct {
	id      int
	ws      *websocket.Conn
	writeMu sync.Mutex // gorilla allows one concurrent writer
	done    chan struct{}
	once    sync.Once
}

// write sends one JSON text frame.
func (c *conn) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("marshal frame: %w", err)
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		return fmt.Errorf("write frame to connection %d: %w", c.id, err)
	}
	return nil
}

// close drops the socket without a close frame, like a network failure.
func (c *conn) close() {
	c.once.Do(func() {
		close(c.done)
		_ = c.ws.Close()
	})
}

// serveSocket upgrades a single-use URL from apps.connections.open, sends
// hello, then delivers queued envelopes, pings and reads acks until the
// socket ends.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	valid := s.tickets[ticket] && !s.closed
	delete(s.tickets, ticket)
	s.mu.Unlock()
	if !valid {
		http.Error(w, "invalid or used socket URL", http.StatusUnauthorized)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.log.Warn().Err(err).Msg("websocket upgrade")
		return
	}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ws.Close()
		return
	}
	s.opened++
	c := &conn{id: s.opened, ws: ws, done: make(chan struct{})}
	s.allConns[c] = true
	s.wg.Add(2)
	numConns := len(s.conns) + 1
	s.mu.Unlock()

	go s.pingLoop(c)
	go s.readLoop(c)

	hello := socketmode.Request{
		Type:           socketmode.RequestTypeHello,
		NumConnections: numConns,
		ConnectionInfo: socketmode.ConnectionInfo{AppID: s.cfg.appID},
		DebugInfo:      socketmode.DebugInfo{Host: s.host(c), BuildNumber: 1, ApproximateConnectionTime: 18060},
	}
	if err := c.write(helloFrame(hello)); err != nil {
		s.log.Warn().Err(err).Int("conn", c.id).Msg("send hello")
		c.close()
		return
	}

	// Only now does the connection take envelopes, so hello is always first.
	s.mu.Lock()
	if s.allConns[c] {
		s.conns = append(s.conns, c)
	}
	pending := s.queue
	s.queue = nil
	s.notifyLocked()
	s.mu.Unlock()
	s.log.Debug().Int("conn", c.id).Int("queued", len(pending)).Msg("connection open")
	for _, id := range pending {
		s.deliver(id)
	}
}

// helloFrame keeps only the fields Slack sends in hello.
func helloFrame(r socketmode.Request) map[string]any {
	return map[string]any{
		"type":            r.Type,
		"num_connections": r.NumConnections,
		"connection_info": r.ConnectionInfo,
		"debug_info":      r.DebugInfo,
	}
}

// host names a connection the way Slack's debug_info does.
func (s *Server) host(c *conn) string { return fmt.Sprintf("applink-slacktest-%d", c.id) }

// pingLoop sends WebSocket pings, which slack-go needs to keep the
// connection.
func (s *Server) pingLoop(c *conn) {
	defer s.wg.Done()
	t := time.NewTicker(s.cfg.pingInterval)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			if err := c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(writeTimeout)); err != nil {
				c.close()
				return
			}
		}
	}
}

// readLoop records acks until the socket ends, then forgets the connection.
func (s *Server) readLoop(c *conn) {
	defer s.wg.Done()
	defer s.forget(c)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var res struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(data, &res); err != nil || res.EnvelopeID == "" {
			s.log.Warn().Int("conn", c.id).Str("frame", string(data)).Msg("unreadable frame from client")
			continue
		}
		s.recordAck(res.EnvelopeID, res.Payload)
	}
}

// forget removes a closed connection from routing.
func (s *Server) forget(c *conn) {
	c.close()
	s.mu.Lock()
	delete(s.allConns, c)
	s.removeLocked(c)
	s.notifyLocked()
	s.mu.Unlock()
	s.log.Debug().Int("conn", c.id).Msg("connection closed")
}

// removeLocked stops routing envelopes to c. s.mu must be held.
func (s *Server) removeLocked(c *conn) {
	for i, x := range s.conns {
		if x == c {
			s.conns = append(s.conns[:i:i], s.conns[i+1:]...)
			return
		}
	}
}

// Disconnect sends a `disconnect` request with reason (e.g.
// "refresh_requested", "warning", "link_disabled") to every open connection.
// Those connections get no new envelopes from then on; slack-go then closes
// them and opens new ones.
func (s *Server) Disconnect(reason string) {
	s.mu.Lock()
	conns := s.conns
	s.conns = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		s.sendDisconnect(c, reason)
	}
}

// DisconnectOne sends `disconnect` to one open connection (the next in
// round-robin order) and reports whether there was one.
func (s *Server) DisconnectOne(reason string) bool {
	s.mu.Lock()
	if len(s.conns) == 0 {
		s.mu.Unlock()
		return false
	}
	c := s.conns[s.rr%len(s.conns)]
	s.removeLocked(c)
	s.notifyLocked()
	s.mu.Unlock()
	s.sendDisconnect(c, reason)
	return true
}

func (s *Server) sendDisconnect(c *conn, reason string) {
	frame := map[string]any{
		"type":       socketmode.RequestTypeDisconnect,
		"reason":     reason,
		"debug_info": map[string]string{"host": s.host(c)},
	}
	if err := c.write(frame); err != nil {
		s.log.Debug().Err(err).Int("conn", c.id).Msg("send disconnect")
		c.close()
	}
}

// DropConnections closes every socket abruptly, without a close frame, like
// a network failure. slack-go notices on its next read and reconnects.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := make([]*conn, 0, len(s.allConns))
	for c := range s.allConns {
		conns = append(conns, c)
	}
	s.conns = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Connections is the number of open connections that still receive
// envelopes (hello sent, no disconnect sent).
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// ConnectionsOpened is how many WebSockets have been opened since New.
func (s *Server) ConnectionsOpened() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opened
}
