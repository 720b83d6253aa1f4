// Package slacktest is a fake Slack for end-to-end tests and load tests: one
// in-process server that speaks Socket Mode (apps.connections.open, a WebSocket
// with hello, envelopes, acks, disconnects and server pings) and the handful of
// Web API methods the advisor calls, in exactly the shapes slack-go v0.35.0
// expects.
//
// Tests drive it from the Slack side (SlashCommand, Mention, BlockAction,
// GlobalShortcut, MessageShortcut, SubmitView, AssistantThreadStarted, ...),
// then observe what the bot did (WaitAck, WaitCalls, WaitView, WaitViewAck,
// WaitAssistant, WaitFiles) and inject failures (FailNext, RateLimitNext,
// ServerErrorNext, Disconnect, DropConnections).
//
// Modals behave as in Slack: views.open and views.push need a trigger_id
// the fake handed out (single use, expired after WithTriggerTTL), every
// view is checked against Block Kit's limits for its surface, and a
// view_submission's ack is applied to the user's modals (errors shown
// under inputs, update, push, clear, or closed by a plain ack).
// Nothing here needs *testing.T, so a load-test program can use it too.
package slacktest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/rs/zerolog"
	"github.com/slack-go/slack"
)

// Defaults used when no Option overrides them.
const (
	DefaultBotUserID    = "UBOT"
	DefaultBotID        = "BBOT"
	DefaultTeamID       = "T1"
	DefaultAppID        = "A1"
	DefaultBotToken     = "xoxb-slacktest"
	DefaultAppToken     = "xapp-slacktest"
	DefaultPingInterval = 2 * time.Second
)

// maxResponseURLUses is how often Slack lets an app use one response_url.
const maxResponseURLUses = 5

// Server is a fake Slack workspace with one app installed. All methods are
// safe to call from many goroutines.
type Server struct {
	cfg      config
	log      zerolog.Logger
	listener net.Listener
	http     *http.Server
	base     string // "http://127.0.0.1:port"
	upgrader websocket.Upgrader
	wg       sync.WaitGroup // connection goroutines

	mu           sync.Mutex
	closed       bool
	changed      chan struct{} // closed and replaced on every state change, for waiters
	seq          int64         // ids and timestamps
	tickets      map[string]bool
	conns        []*conn // open and still routed to, in round-robin order
	allConns     map[*conn]bool
	rr           int
	opened       int
	queue        []string // envelope ids waiting for a connection
	envelopes    map[string]*envelope
	acks         []Ack
	ackIdx       map[string]int // envelope id -> index of its first ack
	calls        []Call
	callCount    map[string]int // per method
	onCall       []func(Call)
	faults       map[string][]fault
	injected     map[string]int // faults injected, by kind
	every        int            // FaultEvery's n
	everyMethods map[string]bool
	everyCount   int64
	everyFaults  int64
	messages     map[string][]storedMessage // channel -> posts, oldest first
	users        map[string]slack.User
	userErrs     map[string]string // users.info's error for a user id
	members      map[string]bool
	channelUsers map[string][]string // conversations.members, by channel
	respUses     map[string]int
	triggers     map[string]*trigger
	views        map[string]*View
	stacks       map[string][]string // user -> open modals, the root first
	submissions  map[string]string   // view_submission envelope -> view id
	viewAcks     map[string]ViewAck
	assistants   map[string]*Assistant // "channel/thread_ts"
	files        map[string]*File
	fileOrder    []string
}

// New starts a fake Slack on 127.0.0.1 on a free port. Call Close when done.
// It panics if it cannot listen, as httptest.NewServer does: there is nothing
// a test could do about it.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("slacktest: listen: " + err.Error())
	}
	s := &Server{
		cfg:          cfg,
		log:          cfg.log.With().Str("component", "slacktest").Logger(),
		listener:     ln,
		base:         "http://" + ln.Addr().String(),
		upgrader:     websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }},
		changed:      make(chan struct{}),
		tickets:      map[string]bool{},
		allConns:     map[*conn]bool{},
		envelopes:    map[string]*envelope{},
		ackIdx:       map[string]int{},
		callCount:    map[string]int{},
		faults:       map[string][]fault{},
		injected:     map[string]int{},
		messages:     map[string][]storedMessage{},
		users:        map[string]slack.User{},
		userErrs:     map[string]string{},
		members:      map[string]bool{},
		channelUsers: map[string][]string{},
		respUses:     map[string]int{},

		triggers:    map[string]*trigger{},
		views:       map[string]*View{},
		stacks:      map[string][]string{},
		submissions: map[string]string{},
		viewAcks:    map[string]ViewAck{},
		assistants:  map[string]*Assistant{},
		files:       map[string]*File{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/socket", s.serveSocket)
	mux.HandleFunc("/response/{id}", s.serveResponseURL)
	mux.HandleFunc("/upload/{id}", s.serveUpload)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error().Err(err).Msg("serve")
		}
	}()
	return s
}

// APIURL is the Web API base URL, with the trailing slash slack.OptionAPIURL
// requires.
func (s *Server) APIURL() string { return s.base + "/api/" }

// BotToken is the bot token the server accepts on Web API calls.
func (s *Server) BotToken() string { return s.cfg.botToken }

// AppToken is the app-level token the server accepts on apps.connections.open.
func (s *Server) AppToken() string { return s.cfg.appToken }

// BotUserID is the bot's own user id, as auth.test reports it.
func (s *Server) BotUserID() string { return s.cfg.botUserID }

// Close stops the HTTP server, closes every WebSocket and waits for the
// connection goroutines to end. Waiters get their context's error or
// ErrClosed.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := make([]*conn, 0, len(s.allConns))
	for c := range s.allConns {
		conns = append(conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.http.Shutdown(ctx)
	for _, c := range conns {
		c.close()
	}
	s.wg.Wait()
}

// ErrClosed is returned by the Wait methods once the server is closed.
var ErrClosed = errors.New("slacktest: server closed")

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond (called with s.mu held) is true, ctx ends or the
// server closes.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		if s.closed {
			s.mu.Unlock()
			return ErrClosed
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// nextSeqLocked returns a number unique within the server. s.mu must be held.
func (s *Server) nextSeqLocked() int64 {
	s.seq++
	return s.seq
}
