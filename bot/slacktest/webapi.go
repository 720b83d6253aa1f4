package slacktest

import (
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// maxBody bounds a request body; Slack's own limits are far lower.
const maxBody = 4 << 20

// result is what a method handler answers: extra fields merged into
// {"ok":true}, or a Slack error.
type result struct {
	fields map[string]any
	err    string
	detail string // for response_metadata.messages, as Slack explains invalid_blocks and invalid_arguments
}

func ok(fields map[string]any) result { return result{fields: fields} }
func fail(slackErr string) result     { return result{err: slackErr} }
func refuse(p *problem) result        { return result{err: p.code, detail: p.detail} }

// newCall reads a request's body (up to maxBody) and starts its record.
func newCall(method string, r *http.Request) Call {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	return Call{
		Method: method,
		Path:   r.URL.Path,
		Params: parseParams(r.Header.Get("Content-Type"), body),
		Body:   body,
		At:     time.Now(),
		Status: http.StatusOK,
	}
}

// serveAPI answers POST <base>/api/<method>: checks the token, applies
// injected failures, runs the method and records the call.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	c := newCall(method, r)
	for k, v := range r.URL.Query() { // GET methods such as chat.getPermalink
		if _, set := c.Params[k]; !set && len(v) > 0 {
			c.Params[k] = v[0]
		}
	}
	defer func() { s.record(c) }()

	if errText := s.checkToken(method, r, c.Params); errText != "" {
		c.Err = errText
		writeJSON(w, map[string]any{"ok": false, "error": errText})
		return
	}
	f, faulty := s.takeFault(method)
	if faulty && f.reset == "" {
		c.Status = f.status
		c.Err = writeFault(w, f)
		s.log.Debug().Str("method", method).Str("error", c.Err).Int("status", f.status).Msg("injected failure")
		return
	}
	if faulty && f.reset == faultResetBefore {
		c.Status, c.Err, c.Reset = 0, "connection_reset", true
		resetConn(w)
		return
	}
	res := s.runMethod(method, c.Params)
	if faulty { // reset after: the method ran, the answer is lost
		c.Reset = true
		c.Err = res.err
		resetConn(w)
		return
	}
	if res.err != "" {
		c.Err, c.Detail = res.err, res.detail
		out := map[string]any{"ok": false, "error": res.err}
		if res.detail != "" {
			out["response_metadata"] = map[string]any{"messages": []string{res.detail}}
		}
		writeJSON(w, out)
		return
	}
	out := map[string]any{"ok": true}
	for k, v := range res.fields {
		out[k] = v
	}
	writeJSON(w, out)
}

// checkToken wants the app-level token for apps.connections.open and the bot
// token elsewhere, as form field "token" or an Authorization Bearer header.
func (s *Server) checkToken(method string, r *http.Request, params map[string]string) string {
	token := params["token"]
	if bearer, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		token = bearer
	}
	want := s.cfg.botToken
	if method == "apps.connections.open" {
		want = s.cfg.appToken
	}
	switch token {
	case "":
		return "not_authed"
	case want:
		return ""
	}
	return "invalid_auth"
}

// runMethod answers one Web API method.
func (s *Server) runMethod(method string, p map[string]string) result {
	switch method {
	case "auth.test":
		return ok(map[string]any{
			"url": "https://slacktest.slack.com/", "team": "slacktest", "user": "advisor",
			"team_id": s.cfg.teamID, "user_id": s.cfg.botUserID, "bot_id": s.cfg.botID,
		})
	case "apps.connections.open":
		return s.openConnection()
	case "chat.postMessage":
		res := s.postMessage(p)
		if res.err == "" {
			s.answeredInThread(p["channel"], p["thread_ts"])
		}
		return res
	case "chat.postEphemeral":
		if p["user"] == "" {
			return fail("user_not_found")
		}
		res := s.postMessage(p)
		if res.err == "" {
			res.fields = map[string]any{"message_ts": res.fields["ts"]}
		}
		return res
	case "chat.update":
		if p["ts"] == "" {
			return fail("message_not_found")
		}
		if pr := validateMessage(p); pr != nil {
			return refuse(pr)
		}
		return ok(map[string]any{"channel": p["channel"], "ts": p["ts"], "text": p["text"]})
	case "chat.delete":
		if p["channel"] == "" || p["ts"] == "" {
			return fail("message_not_found")
		}
		return ok(map[string]any{"channel": p["channel"], "ts": p["ts"]})
	case "views.publish":
		return s.publishView(p)
	case "conversations.open":
		return s.openConversation(p)
	case "conversations.info":
		return s.conversationInfo(p)
	case "conversations.members":
		return s.conversationMembers(p)
	case "users.info":
		return s.userInfo(p)
	case "conversations.history":
		return s.history(p, "")
	case "conversations.replies":
		if p["ts"] == "" {
			return fail("thread_not_found")
		}
		return s.history(p, p["ts"])
	}
	return s.runSurfaceMethod(method, p)
}

// openConnection issues a single-use WebSocket URL.
func (s *Server) openConnection() result {
	s.mu.Lock()
	ticket := s.envelopeIDLocked()
	s.tickets[ticket] = true
	s.mu.Unlock()
	wsURL := "ws" + strings.TrimPrefix(s.base, "http") + "/socket?ticket=" + ticket
	return ok(map[string]any{"url": wsURL})
}

func (s *Server) postMessage(p map[string]string) result {
	if p["channel"] == "" {
		return fail("channel_not_found")
	}
	if pr := validateMessage(p); pr != nil {
		return refuse(pr)
	}
	s.mu.Lock()
	ts := s.tsLocked()
	s.messages[p["channel"]] = append(s.messages[p["channel"]], storedMessage{
		TS: ts, ThreadTS: p["thread_ts"], Text: p["text"], Metadata: p["metadata"]})
	s.mu.Unlock()
	return ok(map[string]any{"channel": p["channel"], "ts": ts, "message": map[string]any{
		"type": "message", "user": s.cfg.botUserID, "bot_id": s.cfg.botID, "text": p["text"], "ts": ts,
	}})
}

func (s *Server) publishView(p map[string]string) result {
	if p["user_id"] == "" {
		return fail("invalid_arguments")
	}
	if pr := validateHome(p["view"]); pr != nil {
		return refuse(pr)
	}
	return ok(map[string]any{"view": map[string]any{
		"id": "V" + p["user_id"], "team_id": s.cfg.teamID, "type": "home", "app_id": s.cfg.appID,
	}})
}

func (s *Server) openConversation(p map[string]string) result {
	if users := p["users"]; users != "" {
		first, _, _ := strings.Cut(users, ",")
		return ok(map[string]any{"channel": map[string]any{"id": "D" + first}})
	}
	if p["channel"] != "" {
		return ok(map[string]any{"channel": map[string]any{"id": p["channel"]}, "already_open": true})
	}
	return fail("users_list_not_supplied")
}

func (s *Server) conversationInfo(p map[string]string) result {
	id := p["channel"]
	if id == "" {
		return fail("channel_not_found")
	}
	s.mu.Lock()
	member, set := s.members[id]
	s.mu.Unlock()
	if !set {
		member = true
	}
	ch := slack.Channel{IsMember: member, IsChannel: strings.HasPrefix(id, "C")}
	ch.ID = id
	ch.IsIM = strings.HasPrefix(id, "D")
	ch.Name = "channel-" + id
	return ok(map[string]any{"channel": ch})
}

func (s *Server) userInfo(p map[string]string) result {
	id := p["user"]
	if id == "" {
		return fail("user_not_found")
	}
	s.mu.Lock()
	u, set := s.users[id]
	e := s.userErrs[id]
	s.mu.Unlock()
	if e != "" {
		return fail(e)
	}
	if !set {
		u = slack.User{
			ID: id, TeamID: s.cfg.teamID, Name: "user-" + id, RealName: "User " + id,
			TZ: "America/New_York", TZLabel: "Eastern Standard Time", TZOffset: -18000,
		}
	}
	return ok(map[string]any{"user": u})
}

// SetUser makes users.info answer u for u.ID. Users not set get a plain
// member with TZ "America/New_York".
func (s *Server) SetUser(u slack.User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// SetUserError makes users.info fail for id with err (user_not_found,
// user_not_visible); "" undoes it.
func (s *Server) SetUserError(id, err string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userErrs[id] = err
}

// SetChannelMember sets the is_member conversations.info reports for
// channel (true unless set).
func (s *Server) SetChannelMember(channel string, member bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[channel] = member
}
