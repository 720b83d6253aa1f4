package slacktest

import (
	"net"
	"net/http"
)

// Kinds of injected fault, for FaultEvery and ResetNext.
const (
	faultRateLimit   = "ratelimited"
	faultServerError = "server_error"
	faultResetBefore = "reset_before"
	faultResetAfter  = "reset_after"
)

// ResetNext makes the next call to method end in a connection reset once
// its request was read: before the method runs (nothing happened) or, with
// afterPost, after it ran (Slack did it, the client never hears). A client
// cannot tell the two apart from the error alone.
func (s *Server) ResetNext(method string, afterPost bool) {
	f := fault{reset: faultResetBefore}
	if afterPost {
		f.reset = faultResetAfter
	}
	s.addFaults(method, f, 1)
}

// FaultEvery makes one Web API call in n (of methods, or of every method
// under /api/ if none are named) fail, in turn: HTTP 429 with Retry-After:
// 1, HTTP 500, a reset before the method runs, a reset after it ran. n <= 0
// turns it off. Faults queued with FailNext and the like come first.
func (s *Server) FaultEvery(n int, methods ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.every = n
	s.everyMethods = map[string]bool{}
	for _, m := range methods {
		s.everyMethods[m] = true
	}
}

var faultCycle = []fault{
	{status: http.StatusTooManyRequests, retryAfter: 1},
	{status: http.StatusInternalServerError},
	{reset: faultResetBefore},
	{reset: faultResetAfter},
}

// everyFaultLocked picks the periodic fault for this call to method, if
// it is the one in n.
func (s *Server) everyFaultLocked(method string) (fault, bool) {
	if s.every <= 0 || (len(s.everyMethods) > 0 && !s.everyMethods[method]) || (len(s.everyMethods) == 0 && method == MethodResponseURL) {
		return fault{}, false
	}
	s.everyCount++
	if s.everyCount%int64(s.every) != 0 {
		return fault{}, false
	}
	f := faultCycle[s.everyFaults%int64(len(faultCycle))]
	s.everyFaults++
	return f, true
}

// FaultsInjected counts the faults injected so far by kind.
func (s *Server) FaultsInjected() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.injected {
		out[k] = v
	}
	return out
}

func (s *Server) countFaultLocked(f fault) {
	kind := f.reset
	switch f.status {
	case http.StatusTooManyRequests:
		kind = faultRateLimit
	case http.StatusInternalServerError:
		kind = faultServerError
	case http.StatusOK:
		kind = f.slackErr
	}
	s.injected[kind]++
}

// resetConn drops the request's connection with a TCP RST.
func resetConn(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
