package bot

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisor-bot/advisor/bot/slacktest"
)

func TestServerErrorsAreRetriedForEveryCall(t *testing.T) {
	fake := slacktest.New()
	defer fake.Close()
	c := NewClient(NewSlackAPI(fake.BotToken(), fake.AppToken(), fake.APIURL(), nil))
	ctx := context.Background()
	tests := []struct {
		name   string
		method string
		call   func() error
	}{
		{"chat.postMessage", "chat.postMessage", func() error {
			_, err := c.Post(ctx, Message{Channel: "C1", Text: "hi"})
			return err
		}},
		{"chat.postEphemeral", "chat.postEphemeral", func() error {
			return c.PostEphemeral(ctx, Message{Channel: "C1", User: "U1", Text: "hi"})
		}},
		{"views.publish", "views.publish", func() error { return c.PublishHome(ctx, "U1", nil) }},
		{"conversations.open", "conversations.open", func() error {
			_, err := c.OpenDM(ctx, "U7")
			return err
		}},
		{"response_url", slacktest.MethodResponseURL, func() error {
			id := fake.SlashCommand(slacktest.SlashCommand{Command: "/x"})
			return c.Respond(ctx, fake.ResponseURL(id), Reply{Text: "hi"}, false)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fake.Calls(tt.method))
			fake.ServerErrorNext(tt.method, 1)
			if err := tt.call(); err != nil {
				t.Fatalf("got %v, want the 500 retried", err)
			}
			if got := len(fake.Calls(tt.method)) - before; got != 2 {
				t.Errorf("got %d calls, want 2 (a 500, then the retry)", got)
			}
		})
	}
}

// resetServer answers every request by resetting the connection after
// reading it: Slack may have acted on it.
func resetServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		_ = conn.(*net.TCPConn).SetLinger(0)
		_ = conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestPostIsNotResentAfterAResetOnceSent(t *testing.T) {
	srv, n := resetServer(t)
	c := NewClient(NewSlackAPI("xoxb-1", "xapp-1", srv.URL+"/api/", nil))
	ctx := context.Background()
	if _, err := c.Post(ctx, Message{Channel: "C1", Text: "hi"}); err == nil {
		t.Fatal("got no error from a reset connection")
	}
	if got := n.Load(); got != 1 {
		t.Errorf("chat.postMessage sent %d times after a reset, want 1: Slack may have posted it", got)
	}
	n.Store(0)
	if _, err := c.OpenDM(ctx, "U1"); err == nil {
		t.Fatal("got no error from a reset connection")
	}
	if got := n.Load(); got != 4 {
		t.Errorf("conversations.open sent %d times, want 4 (idempotent: retried 3 times)", got)
	}
}

func TestRetryPolicy(t *testing.T) {
	req := func(u string) *http.Request {
		r, err := http.NewRequest(http.MethodPost, u, strings.NewReader("x")) // sets GetBody: replayable
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	post := req("https://slack.com/api/chat.postMessage")
	respond := req("https://hooks.slack.com/commands/T1/2/abc")
	publish := req("https://slack.com/api/views.publish")
	reset := &url.Error{Op: "Post", URL: "x", Err: syscall.ECONNRESET}
	refused := &url.Error{Op: "Post", URL: "x", Err: errNotSent{err: syscall.ECONNREFUSED}}
	status := func(code int) *http.Response {
		return &http.Response{StatusCode: code, Header: http.Header{"Retry-After": {"1"}}}
	}
	tests := []struct {
		name string
		req  *http.Request
		resp *http.Response
		err  error
		want bool
	}{
		{"post after 429", post, status(429), nil, true},
		{"post after 500", post, status(500), nil, true},
		{"post after 502", post, status(502), nil, true},
		{"post after 503", post, status(503), nil, true},
		{"post after 504: may be posted", post, status(504), nil, false},
		{"publish after 504", publish, status(504), nil, true},
		{"post after 400", post, status(400), nil, false},
		{"post never sent", post, nil, refused, true},
		{"response_url never sent", respond, nil, refused, true},
		{"post reset once sent", post, nil, reset, false},
		{"response_url reset once sent", respond, nil, reset, false},
		{"publish reset once sent", publish, nil, reset, true},
		{"cancelled", publish, nil, &url.Error{Op: "Post", URL: "x", Err: context.Canceled}, false},
	}
	rc := slack.DefaultRetryConfig()
	p := retryPolicy{rate: slack.NewRateLimitErrorRetryHandler(rc)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := p.ShouldRetry(&slack.RetryState{Attempt: 0, MaxRetries: 3}, tt.req, tt.resp, tt.err); got != tt.want {
				t.Errorf("got retry %v, want %v", got, tt.want)
			}
		})
	}
	if got, _ := p.ShouldRetry(&slack.RetryState{Attempt: 3, MaxRetries: 3}, post, status(500), nil); got {
		t.Error("got a retry past MaxRetries")
	}
}

func TestResponseURLNeverInErrors(t *testing.T) {
	srv, _ := resetServer(t)
	refused := "http://127.0.0.1:1/commands/T1/42/SECRET-REFUSED"
	reset := srv.URL + "/commands/T1/43/SECRET-RESET"
	c := NewClient(NewSlackAPI("xoxb-1", "xapp-1", srv.URL+"/api/", &http.Client{Timeout: 5 * time.Second}))
	ctx := context.Background()
	for _, u := range []string{refused, reset} {
		errs := []error{c.Respond(ctx, u, Reply{Text: "hi"}, false), c.DeleteOriginal(ctx, u)}
		for _, err := range errs {
			if err == nil {
				t.Fatalf("got no error posting to %s", u)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error text carries the response_url: %v", err)
			}
			if !strings.Contains(err.Error(), "/commands/…") {
				t.Errorf("got %v, want the redacted URL kept for context", err)
			}
			var ne net.Error
			if !errors.As(err, &ne) && !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("got %v, want the network error still matchable", err)
			}
		}
	}
}
