package experts

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// PersonStatus says, for each question (as typed), how it fared with a
// person: "" if nobody pressed Ask a person for it, else whether it waits
// for an answer, was answered (and by whom) or expired. It is what the
// admins' unanswered list shows; a storage problem shows nothing (logged).
func (s *Service) PersonStatus(ctx context.Context, questions []string) []string {
	out := make([]string, len(questions))
	if len(questions) == 0 {
		return out
	}
	ks := make([]string, len(questions))
	for i, q := range questions {
		ks[i] = s.keys.latest(questionKey(clipQuestion(q), ""))
	}
	rids, err := s.rdb.MGet(ctx, ks...).Result()
	if err != nil {
		s.log.Warn().Err(err).Msg("read expert requests for the unanswered list")
		return out
	}
	cmds := make([]*redis.SliceCmd, len(rids))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, v := range rids {
			if rid, ok := v.(string); ok && validID(rid) {
				cmds[i] = p.HMGet(ctx, s.keys.request(rid), "status", "expert")
			}
		}
		return nil
	})
	if err != nil {
		s.log.Warn().Err(err).Msg("read expert requests for the unanswered list")
		return out
	}
	for i, c := range cmds {
		if c == nil {
			continue
		}
		v := c.Val()
		status, _ := v[0].(string)
		expert, _ := v[1].(string)
		out[i] = statusText(status, expert)
	}
	return out
}

func statusText(status, expert string) string {
	switch status {
	case statusOpen:
		return ":raising_hand: asked a person, waiting"
	case statusAnswered:
		if userOK(expert) {
			return ":white_check_mark: answered by <@" + expert + ">"
		}
		return ":white_check_mark: answered by a person"
	case statusExpired:
		return ":hourglass: asked a person, nobody answered"
	}
	return ""
}
