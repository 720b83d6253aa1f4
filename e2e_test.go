package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/advisor-bot/advisor/bot"
	"github.com/advisor-bot/advisor/bot/slacktest"
	"github.com/advisor-bot/advisor/config"
	"github.com/advisor-bot/advisor/internal/redistest"
)

// harness runs the real App, built with NewApp like main does, against the
// project's fake Slack and a real Redis.
type harness struct {
	t      *testing.T
	slack  *slacktest.Server
	app    *App
	cancel context.CancelFunc
	done   chan error
	prefix string
	// faults is set by tests that inject Slack errors; others fail on any
	// call the fake Slack rejected (a malformed message, a bad token…).
	faults bool
}

func startApp(t *testing.T, env map[string]string, opts ...appOption) *harness {
	t.Helper()
	fake := slacktest.New(slacktest.WithLogger(zerolog.New(zerolog.NewTestWriter(t))))
	t.Cleanup(fake.Close)
	return startAppOn(t, fake, env, opts...)
}

func startAppOn(t *testing.T, fake *slacktest.Server, env map[string]string, opts ...appOption) *harness {
	t.Helper()
	base := map[string]string{
		"SLACK_APP_TOKEN": fake.AppToken(),
		"SLACK_BOT_TOKEN": fake.BotToken(),
		"SLACK_API_URL":   fake.APIURL(),
		"REDIS_URL":       redistest.URL(t),
		"LOG_LEVEL":       "debug",
	}
	for k, v := range env {
		base[k] = v
	}
	cfg, err := config.FromEnv(func(k string) string { return base[k] }, config.ModeSlack)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	prefix := redistest.Prefix(t)
	log := zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.DebugLevel)
	ctx, cancel := context.WithCancel(context.Background())
	app, err := NewApp(ctx, cfg, log, append([]appOption{withKeyPrefix(prefix)}, opts...)...)
	if err != nil {
		cancel()
		t.Fatalf("NewApp: %v", err)
	}
	h := &harness{t: t, slack: fake, app: app, cancel: cancel, done: make(chan error, 1), prefix: prefix}
	go func() { h.done <- app.Run(ctx) }()
	t.Cleanup(func() {
		h.stop()
		redistest.Clean(t, app.rdb, prefix)
		app.Close()
		for _, c := range fake.Calls("") {
			if c.Err != "" && !h.faults {
				t.Errorf("Slack rejected %s: %s %s (status %d)\n%.2000s", c.Method, c.Err, c.Detail, c.Status, c.Body)
			}
		}
	})
	h.waitConnections(cfg.Connections)
	return h
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

func (h *harness) waitConnections(n int) {
	h.t.Helper()
	if err := h.slack.WaitConnections(h.ctx(), n); err != nil {
		h.t.Fatalf("waiting for %d socket mode connections: %v", n, err)
	}
}

// stop cancels the App like SIGTERM does and returns what Run returned.
func (h *harness) stop() error {
	h.cancel()
	select {
	case err, ok := <-h.done:
		if ok {
			close(h.done)
		}
		return err
	case <-time.After(15 * time.Second):
		h.t.Fatal("App.Run did not return after cancel")
	}
	return nil
}

func (h *harness) waitCalls(method string, n int) []slacktest.Call {
	h.t.Helper()
	calls, err := h.slack.WaitCalls(h.ctx(), method, n)
	if err != nil {
		h.t.Fatalf("waiting for %d %s calls (have %d): %v", n, method, len(h.slack.Calls(method)), err)
	}
	return calls
}

// body decodes a recorded call's JSON body.
func body(t *testing.T, c slacktest.Call) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(c.Body, &m); err != nil {
		t.Fatalf("decode %s body %q: %v", c.Method, c.Body, err)
	}
	return m
}

func TestSlashCompareAckedAndAnsweredEphemeral(t *testing.T) {
	h := startApp(t, nil)
	id := h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "compare", UserID: "U1", ChannelID: "C1"})
	ack, err := h.slack.WaitAck(h.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	if ack.Latency > 500*time.Millisecond {
		t.Errorf("got ack after %v, want it within milliseconds", ack.Latency)
	}
	calls := h.waitCalls(slacktest.MethodResponseURL, 1)
	m := body(t, calls[0])
	if m["response_type"] != "ephemeral" {
		t.Errorf("got response_type %v, want ephemeral", m["response_type"])
	}
	for _, want := range []string{"Core job", "Typical background", "What AI changes", "Share in channel"} {
		if !strings.Contains(string(calls[0].Body), want) {
			t.Errorf("comparison reply lacks %q", want)
		}
	}
}

func TestMentionGetsThreadedReply(t *testing.T) {
	h := startApp(t, nil)
	h.slack.Mention(slacktest.Msg{User: "U1", Channel: "C9", Text: "compare", TS: "1700000001.000100"})
	calls := h.waitCalls("chat.postMessage", 1)
	if got := calls[0].Params["thread_ts"]; got != "1700000001.000100" {
		t.Errorf("got thread_ts %q, want the mention's ts", got)
	}
	if got := calls[0].Params["channel"]; got != "C9" {
		t.Errorf("got channel %q, want C9", got)
	}
}

func TestDuplicateDeliveryAnsweredOnce(t *testing.T) {
	// One worker handles envelopes in the order they were acked, so the
	// answer to the last message proves the re-deliveries were handled.
	h := startApp(t, map[string]string{"WORKERS": "1"})
	id := h.slack.Mention(slacktest.Msg{User: "U1", Channel: "C1", Text: "help"})
	h.waitCalls("chat.postMessage", 1)
	// Slack re-delivers the same event in a new envelope, and again in the same one.
	retry := h.slack.Redeliver(id, true)
	again := h.slack.Redeliver(id, false)
	for _, e := range []string{retry, again} {
		if _, err := h.slack.WaitAck(h.ctx(), e); err != nil {
			t.Fatal(err)
		}
	}
	// A later, different message must be answered: once it is, the
	// re-deliveries before it have been processed too.
	h.slack.Mention(slacktest.Msg{User: "U1", Channel: "C2", Text: "help"})
	calls := h.waitCalls("chat.postMessage", 2)
	if n := len(h.slack.Calls("chat.postMessage")); n != 2 {
		t.Fatalf("got %d posts, want 2 (one per distinct event)", n)
	}
	if calls[1].Params["channel"] != "C2" {
		t.Errorf("got second post in %q, want C2", calls[1].Params["channel"])
	}
}

func TestIgnoresOwnAndOtherBotsMessages(t *testing.T) {
	h := startApp(t, nil)
	h.slack.DM(slacktest.Msg{User: "U2", Text: "compare", BotID: "B123"})
	h.slack.DM(slacktest.Msg{User: h.slack.BotUserID(), Text: "compare"})
	h.slack.DM(slacktest.Msg{User: "U2", Text: "compare", SubType: "message_changed"})
	h.slack.DM(slacktest.Msg{User: "U3", Text: "help"})
	calls := h.waitCalls("chat.postMessage", 1)
	if len(h.slack.Calls("chat.postMessage")) != 1 || calls[0].Params["channel"] != "DU3" {
		t.Fatalf("got posts %+v, want exactly one answer to U3", h.slack.Calls("chat.postMessage"))
	}
}

func TestReconnectsAfterDisconnectAndKeepsAnswering(t *testing.T) {
	h := startApp(t, nil)
	opened := h.slack.ConnectionsOpened()
	h.slack.Disconnect("refresh_requested")
	if err := h.slack.WaitConnectionsOpened(h.ctx(), opened+2); err != nil {
		t.Fatalf("no reconnect: %v", err)
	}
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "help", UserID: "U1", ChannelID: "C1"})
	h.waitCalls(slacktest.MethodResponseURL, 1)
}

func TestReconnectsAfterADroppedSocket(t *testing.T) {
	h := startApp(t, nil)
	opened := h.slack.ConnectionsOpened()
	h.slack.DropConnections()
	if err := h.slack.WaitConnectionsOpened(h.ctx(), opened+2); err != nil {
		t.Fatalf("no reconnect after the sockets dropped: %v", err)
	}
	h.slack.Mention(slacktest.Msg{User: "U1", Channel: "C1", Text: "compare"})
	h.waitCalls("chat.postMessage", 1)
}

func TestShutdownDrainsInFlightWork(t *testing.T) {
	h := startApp(t, nil)
	var ids []string
	for range 20 {
		ids = append(ids, h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "compare", UserID: "U1", ChannelID: "C1"}))
	}
	for _, id := range ids {
		if _, err := h.slack.WaitAck(h.ctx(), id); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.stop(); err != nil {
		t.Fatalf("got Run error %v, want nil on shutdown", err)
	}
	if n := len(h.slack.Calls(slacktest.MethodResponseURL)); n != len(ids) {
		t.Fatalf("got %d replies after shutdown, want %d: acked work was lost", n, len(ids))
	}
}

func TestBadBotTokenIsAClearError(t *testing.T) {
	fake := slacktest.New()
	t.Cleanup(fake.Close)
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"SLACK_APP_TOKEN": fake.AppToken(), "SLACK_BOT_TOKEN": "xoxb-wrong",
			"SLACK_API_URL": fake.APIURL(), "REDIS_URL": redistest.URL(t)}[k]
	}, config.ModeSlack)
	if err != nil {
		t.Fatal(err)
	}
	app, err := NewApp(context.Background(), cfg, zerolog.New(zerolog.NewTestWriter(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	err = app.Run(context.Background())
	if !errors.Is(err, bot.ErrAuth) || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("got %v, want an invalid_auth ErrAuth", err)
	}
	if strings.Contains(err.Error(), "xoxb-wrong") {
		t.Errorf("error leaks the token: %v", err)
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	h := startApp(t, map[string]string{"HTTP_ADDR": "127.0.0.1:0"})
	base := "http://" + h.app.HTTPAddr()
	get := func(p string) (int, string) {
		t.Helper()
		res, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("got /healthz %d, want 200", code)
	}
	h.waitReady(10 * time.Second) // once connected to Slack and the scheduler to Redis
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "ask how do I bake bread", UserID: "U1", ChannelID: "C1"})
	h.waitCalls(slacktest.MethodResponseURL, 1)
	h.faults = true
	h.slack.FailNext("users.info", "user_not_found", 1)
	h.slack.SlashCommand(slacktest.SlashCommand{Command: "/ceo-vs-cto", Text: "stats", UserID: "U1", ChannelID: "C1"})
	h.waitCalls(slacktest.MethodResponseURL, 2)
	// The counters move just after the reply is delivered: poll, with a deadline.
	var metrics string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if _, metrics = get("/metrics"); strings.Contains(metrics, `advisor_envelopes_total{kind="command",outcome="ok"} 2`) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{
		`advisor_envelopes_total{kind="command",outcome="ok"} 2`,
		`advisor_unanswered_questions_total 1`,
		`advisor_slack_api_errors_total{error="user_not_found",method="users.info"} 1`,
		`advisor_slack_api_calls_total{method="auth.test"} 1`,
		`advisor_socket_connections 2`,
		`advisor_ack_latency_seconds_bucket`,
		`advisor_handler_duration_seconds_bucket{kind="command"`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestHealthcheckCommand(t *testing.T) {
	h := startApp(t, map[string]string{"HTTP_ADDR": "127.0.0.1:0"})
	h.waitReady(10 * time.Second)
	var out, errb bytes.Buffer
	if code := run([]string{"healthcheck", "http://" + h.app.HTTPAddr() + "/readyz"}, nil, &out, &errb); code != 0 {
		t.Fatalf("got exit %d (%s %s), want 0 for a ready bot", code, out.String(), errb.String())
	}
	if code := run([]string{"healthcheck", "http://" + h.app.HTTPAddr() + "/nope"}, nil, &out, &errb); code != 1 {
		t.Fatalf("got exit %d, want 1 for a non-200", code)
	}
}
