package redisconn

import (
	"context"
	"net"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisDownError is returned without dialing while Redis was just found
// unreachable. It is ErrUnavailable to errors.Is; it stays a net.Error
// (temporary, not a timeout), which is how go-redis itself sees a failed
// dial.
type redisDownError struct{}

func (redisDownError) Error() string {
	return "redis unreachable (recent dial failed; retrying shortly)"
}
func (redisDownError) Timeout() bool   { return false }
func (redisDownError) Temporary() bool { return true }

// Is makes errors.Is(err, ErrUnavailable) hold.
func (redisDownError) Is(target error) bool { return target == ErrUnavailable }

var errRedisDown error = redisDownError{}

// breakerCooldown is how long after a failed dial new dials fail at once.
const breakerCooldown = time.Second

// dialBreaker makes commands fail fast while Redis is down: after a dial
// fails, further dials fail at once for a second instead of each waiting
// on the network, so a user's answer does not wait on a dead Redis. The
// first dial after the cooldown tries for real, which is how recovery is
// noticed.
type dialBreaker struct {
	failedAt atomic.Int64 // unix nanos of the last failed dial; 0 when healthy
	now      func() time.Time
}

func newDialBreaker() *dialBreaker { return &dialBreaker{now: time.Now} }

func (b *dialBreaker) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if at := b.failedAt.Load(); at != 0 && b.now().UnixNano()-at < int64(breakerCooldown) {
			return nil, errRedisDown
		}
		c, err := next(ctx, network, addr)
		if err != nil {
			b.failedAt.Store(b.now().UnixNano())
			return nil, err
		}
		b.failedAt.Store(0)
		return c, nil
	}
}

func (b *dialBreaker) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (b *dialBreaker) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
