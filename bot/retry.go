package bot

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
)

// NewSlackAPI builds slack-go's client for the bot token and base URL over
// httpc (nil: a default client), with the retry policy of retryPolicy.
func NewSlackAPI(botToken, appToken, apiURL string, httpc *http.Client) *slack.Client {
	if httpc == nil {
		httpc = &http.Client{Timeout: 30 * time.Second}
	}
	traced := *httpc
	next := traced.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	traced.Transport = sendTracker{next: next}
	rc := slack.DefaultRetryConfig()
	rc.MaxRetries = 3
	rc.Handlers = []slack.RetryHandler{retryPolicy{rate: slack.NewRateLimitErrorRetryHandler(rc)}}
	return slack.New(botToken, slack.OptionAPIURL(apiURL), slack.OptionAppLevelToken(appToken),
		slack.OptionHTTPClient(&traced), slack.OptionRetryConfig(rc))
}

// retryPolicy decides which failed Web API calls are sent again. slack-go's
// own handlers do not fit: AllBuiltinRetryHandlers leaves 5xx out (its
// server-error handler is opt-in), and its connection handler resends any
// request after "connection reset" or "EOF", also a chat.postMessage that
// Slack may already have posted.
//
// Every call is retried on 429 (after Retry-After), 500, 502 and 503: those
// are Slack's answer that it did not do the work (a rate limit is checked
// before the method runs; 500 is the method failing, 502 and 503 the edge
// finding no backend). A call that was never fully sent (a refused or reset
// dial, a write that failed: see sendTracker) is retried too: Slack cannot
// have acted on a request it never received. Other connection failures (a
// reset or EOF after the request went out) and 504 are retried only for
// idempotent methods; for a post they leave its fate unknown, and the
// caller finds out (Client.Post looks the message up) rather than post it
// twice.
type retryPolicy struct {
	rate slack.RetryHandler
}

// ShouldRetry implements slack.RetryHandler.
func (p retryPolicy) ShouldRetry(state *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	if state.Attempt >= state.MaxRetries {
		return false, 0
	}
	if resp != nil {
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			return p.rate.ShouldRetry(state, req, resp, err)
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable:
			return true, backoff(state.Attempt)
		case http.StatusGatewayTimeout:
			return idempotent(req), backoff(state.Attempt)
		}
		return false, 0
	}
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false, 0
	}
	if NotSent(err) || idempotent(req) {
		return true, backoff(state.Attempt)
	}
	return false, 0
}

// backoff is the wait before retry number attempt+1: 100 ms doubling, at
// most 5 s, plus up to 50 ms of jitter so that replicas do not retry in step.
func backoff(attempt int) time.Duration {
	d := min(100*time.Millisecond<<min(attempt, 6), 5*time.Second)
	return d + rand.N(50*time.Millisecond) // #nosec G404 -- jitter needs no crypto
}

// nonIdempotent are the Web API methods that post something new each time
// they are called.
// views.open and views.push spend a single-use trigger_id, so a resend
// fails even when the first one opened the modal.
var nonIdempotent = map[string]bool{
	"chat.postMessage": true, "chat.postEphemeral": true, "chat.scheduleMessage": true, "chat.meMessage": true,
	"views.open": true, "views.push": true, "files.completeUploadExternal": true,
}

// idempotent reports whether sending req twice does no more than once.
// Posts to a response_url (not under /api/) count as posts.
func idempotent(req *http.Request) bool {
	if !strings.Contains(req.URL.Path, "/api/") {
		return false
	}
	return !nonIdempotent[path.Base(req.URL.Path)]
}

// errNotSent marks a failure before the whole request was written.
type errNotSent struct{ err error }

func (e errNotSent) Error() string { return e.err.Error() }
func (e errNotSent) Unwrap() error { return e.err }

// NotSent reports whether err is a failure before the request was fully
// written to the connection, so that Slack cannot have acted on it.
func NotSent(err error) bool {
	var ns errNotSent
	return errors.As(err, &ns)
}

// NotPosted reports whether a failed post provably did not post: the
// request never reached Slack, or Slack answered it with an error (other
// than a 504), and it was not a post in doubt that could not be looked up.
// Any other failure may have posted.
func NotPosted(err error) bool {
	return err != nil && !errors.Is(err, errStillInDoubt) && (NotSent(err) || refused(err))
}

// sendTracker tells failures before the request was sent from failures
// after, with httptrace: a request whose WroteRequest never reported
// success was not received.
type sendTracker struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t sendTracker) RoundTrip(req *http.Request) (*http.Response, error) {
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			wrote.Store(true)
		}
	}}
	resp, err := t.next.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if err != nil && !wrote.Load() {
		return nil, errNotSent{err: err}
	}
	return resp, err
}
