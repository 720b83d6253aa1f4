package slacktest

import (
	"encoding/json"
	"strconv"
)

// storedMessage is a message the bot posted, kept for
// conversations.history and conversations.replies.
type storedMessage struct {
	TS, ThreadTS, Text string
	Metadata           string // the metadata JSON posted with it, if any
}

// history answers conversations.history (thread "") with the channel's
// top-level posts, or conversations.replies with the thread's, newest
// first, at most limit (default 100), with their metadata when
// include_all_metadata is set, as Slack does.
func (s *Server) history(p map[string]string, thread string) result {
	if p["channel"] == "" {
		return fail("channel_not_found")
	}
	limit, err := strconv.Atoi(p["limit"])
	if err != nil || limit <= 0 {
		limit = 100
	}
	withMeta := p["include_all_metadata"] == "true" || p["include_all_metadata"] == "1"
	s.mu.Lock()
	all := s.messages[p["channel"]]
	var msgs []map[string]any
	for i := len(all) - 1; i >= 0 && len(msgs) < limit; i-- {
		m := all[i]
		if (thread == "" && m.ThreadTS != "" && m.ThreadTS != m.TS) || (thread != "" && m.ThreadTS != thread) {
			continue
		}
		out := map[string]any{"type": "message", "user": s.cfg.botUserID, "bot_id": s.cfg.botID, "text": m.Text, "ts": m.TS}
		if m.ThreadTS != "" {
			out["thread_ts"] = m.ThreadTS
		}
		if withMeta && m.Metadata != "" {
			var md any
			if json.Unmarshal([]byte(m.Metadata), &md) == nil {
				out["metadata"] = md
			}
		}
		msgs = append(msgs, out)
	}
	s.mu.Unlock()
	if msgs == nil {
		msgs = []map[string]any{}
	}
	return ok(map[string]any{"messages": msgs, "has_more": false})
}
