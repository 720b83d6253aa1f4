package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// shareTTL is how long a shared answer is remembered: a response_url,
// which the share posts through, lasts 30 minutes.
const shareTTL = 30 * time.Minute

// onceScript claims KEYS[1] for the delivery ARGV[1] unless another
// delivery has it; the same delivery run again (a takeover) still may.
var onceScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1 end
if v == ARGV[1] then return 1 end
return 0`)

// ClaimShare reports whether this delivery may share the answer ref from
// the message msgTS: false when another click already did (a double
// click sends two envelopes, with two trigger ids).
func (s *Store) ClaimShare(ctx context.Context, user, ref, msgTS, delivery string) (bool, error) {
	key := s.prefix + "share:{" + user + "}:" + msgTS + ":" + ref
	n, err := onceScript.Run(ctx, s.rdb, []string{key}, delivery, shareTTL.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("claim share of %s by %s: %w", ref, user, err)
	}
	return n == 1, nil
}
