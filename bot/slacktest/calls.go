package slacktest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// MethodResponseURL is the method name Calls uses for posts to response_url.
const MethodResponseURL = "response_url"

// Call is one request the bot made to the fake Slack.
type Call struct {
	Method string            // e.g. "chat.postMessage", or MethodResponseURL
	Path   string            // request path, e.g. "/api/chat.postMessage", "/response/<envelope id>"
	Params map[string]string // form fields, or top-level JSON fields (non-strings as JSON text)
	Body   []byte            // the raw request body
	At     time.Time
	Status int    // HTTP status the server answered with
	Err    string // the Slack error answered, "" on success
	Detail string // why, for invalid_blocks and invalid_arguments: a message with a JSON pointer, as Slack gives
	Reset  bool   // the connection was reset: the client got no answer (Err says whether the method ran)
}

// fault is one injected failure, consumed by the next call to its method.
type fault struct {
	status     int    // http status: 200 with slackErr, 429 or 500
	slackErr   string // for status 200
	retryAfter int    // seconds, for 429
	reset      string // faultResetBefore or faultResetAfter: no answer at all
}

// FailNext makes the next n calls to method answer
// {"ok":false,"error":slackErr} (slack-go returns slack.SlackErrorResponse).
// Failures queue up in the order they were injected.
func (s *Server) FailNext(method, slackErr string, n int) {
	s.addFaults(method, fault{status: http.StatusOK, slackErr: slackErr}, n)
}

// RateLimitNext makes the next call to method answer HTTP 429 with
// Retry-After: retryAfter seconds (slack-go returns *slack.RateLimitedError).
func (s *Server) RateLimitNext(method string, retryAfter int) {
	s.addFaults(method, fault{status: http.StatusTooManyRequests, retryAfter: retryAfter}, 1)
}

// ServerErrorNext makes the next n calls to method answer HTTP 500 (slack-go
// returns slack.StatusCodeError).
func (s *Server) ServerErrorNext(method string, n int) {
	s.addFaults(method, fault{status: http.StatusInternalServerError}, n)
}

func (s *Server) addFaults(method string, f fault, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], f)
	}
}

// takeFault pops the next injected failure for method, if any, else the
// periodic one of FaultEvery when this call is the one in n.
func (s *Server) takeFault(method string) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.faults[method]
	if len(fs) == 0 {
		f, ok := s.everyFaultLocked(method)
		if ok {
			s.countFaultLocked(f)
		}
		return f, ok
	}
	s.faults[method] = fs[1:]
	s.countFaultLocked(fs[0])
	return fs[0], true
}

// writeFault answers with an injected failure and returns the Slack error
// text recorded for the call.
func writeFault(w http.ResponseWriter, f fault) string {
	switch f.status {
	case http.StatusTooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(f.retryAfter))
		http.Error(w, "rate limited", f.status)
		return "ratelimited"
	case http.StatusOK:
		writeJSON(w, map[string]any{"ok": false, "error": f.slackErr})
		return f.slackErr
	default:
		http.Error(w, "<html>server error</html>", f.status)
		return http.StatusText(f.status)
	}
}

// OnCall registers a hook run after every recorded call, outside the
// server's lock (e.g. a load tester timing replies). Hooks run on the HTTP
// handler's goroutine, so keep them quick.
func (s *Server) OnCall(fn func(Call)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onCall = append(s.onCall, fn)
}

// record stores a call, wakes waiters and runs the hooks.
func (s *Server) record(c Call) {
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.callCount[c.Method]++
	hooks := s.onCall
	s.notifyLocked()
	s.mu.Unlock()
	for _, fn := range hooks {
		fn(c)
	}
}

// Calls returns the recorded calls to method (all calls if method is ""),
// failed ones included, in arrival order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls blocks until at least n calls to method were recorded and
// returns them all, or fails when ctx ends or the server closes.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var got []Call
	err := s.waitFor(ctx, func() bool {
		have := len(s.calls)
		if method != "" {
			have = s.callCount[method]
		}
		if have < n {
			return false
		}
		got = s.callsLocked(method)
		return true
	})
	if err != nil {
		got = s.Calls(method)
		return got, fmt.Errorf("wait for %d %s calls, have %d: %w", n, method, len(got), err)
	}
	return got, nil
}

// parseParams flattens a form or JSON body into strings.
func parseParams(contentType string, body []byte) map[string]string {
	out := map[string]string{}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil && len(contentType) >= 16 && contentType[:16] == "application/json" {
		for k, v := range obj {
			var str string
			if json.Unmarshal(v, &str) == nil {
				out[k] = str
			} else {
				out[k] = string(v)
			}
		}
		return out
	}
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		return out
	}
	for k, v := range vals {
		if len(v) > 0 {
			out[k] = v[0]
		}
	}
	return out
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
