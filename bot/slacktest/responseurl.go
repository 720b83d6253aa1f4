package slacktest

import (
	"io"
	"net/http"
)

// serveResponseURL answers posts to a response_url handed out with a slash
// command or block action: 200 "ok" for the first five uses, then 404
// "used_url"; 404 "expired_url" for URLs it never handed out. Messages are
// checked against Block Kit limits like chat.postMessage (400 "invalid_blocks"
// and the like). Every post is recorded as a MethodResponseURL call.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c := newCall(MethodResponseURL, r)
	defer func() { s.record(c) }()

	f, faulty := s.takeFault(MethodResponseURL)
	switch {
	case faulty && f.reset == faultResetBefore:
		c.Status, c.Err, c.Reset = 0, "connection_reset", true
		resetConn(w)
		return
	case faulty && f.reset == "":
		c.Status = f.status
		c.Err = writeFault(w, f)
		return
	}
	s.mu.Lock()
	_, known := s.envelopes[id]
	uses := s.respUses[id]
	if known && uses < maxResponseURLUses {
		s.respUses[id] = uses + 1
	}
	s.mu.Unlock()

	switch {
	case !known:
		c.Status, c.Err = http.StatusNotFound, "expired_url"
	case uses >= maxResponseURLUses:
		c.Status, c.Err = http.StatusNotFound, "used_url"
	case c.Params["delete_original"] != "true":
		if pr := validateMessage(c.Params); pr != nil {
			c.Status, c.Err, c.Detail = http.StatusBadRequest, pr.code, pr.detail
		}
	}
	if faulty { // reset after: the post was taken, the answer is lost
		c.Reset = true
		resetConn(w)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	if c.Err != "" {
		w.WriteHeader(c.Status)
		_, _ = io.WriteString(w, c.Err)
		return
	}
	_, _ = io.WriteString(w, "ok")
}
