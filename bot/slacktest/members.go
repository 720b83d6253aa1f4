package slacktest

import (
	"strconv"
)

// conversationMembers answers conversations.members: the users
// SetChannelUsers gave the channel, else DefaultUserID and the bot, a page
// of limit (default 100) from the cursor on.
func (s *Server) conversationMembers(p map[string]string) result {
	id := p["channel"]
	if id == "" {
		return fail("channel_not_found")
	}
	s.mu.Lock()
	users, set := s.channelUsers[id]
	users = append([]string(nil), users...)
	s.mu.Unlock()
	if !set {
		users = []string{DefaultUserID, s.cfg.botUserID}
	}
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	from, _ := strconv.Atoi(p["cursor"])
	from = min(max(from, 0), len(users))
	to := min(from+limit, len(users))
	next := ""
	if to < len(users) {
		next = strconv.Itoa(to)
	}
	return ok(map[string]any{"members": users[from:to], "response_metadata": map[string]any{"next_cursor": next}})
}

// SetChannelUsers makes conversations.members list users for channel
// (without it: DefaultUserID and the bot).
func (s *Server) SetChannelUsers(channel string, users ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channelUsers[channel] = append([]string(nil), users...)
}
